"""Files are read and checked in a child process, so that a hostile or broken upload costs
that process and never the server.

The readers are native code (calamine is Rust, the CSV sniffer and decoders are C): a
workbook can make them abort (a Rust panic is SIGABRT, not an exception), allocate
gigabytes, or spin. Each file is therefore parsed by `importer.parse_file` in a process of
its own, started from a fork server that has the importer loaded (one fork per file, about
20 ms, instead of a fresh interpreter), under `resource` limits on address space and CPU
time, and watched against a wall clock. Its result comes back pickled through a pipe,
capped in size. Whatever ends the child (a signal, a limit, an exception) becomes one
message naming the file; the parent logs the details and carries on.

The database is never touched in the child: the parent passes the `ImportContext` it read
and writes the result itself (`importer.write_file`).
"""
from __future__ import annotations

import hashlib
import io
import logging
import multiprocessing
import os
import pickle
import resource
import signal
import time
import traceback
from dataclasses import dataclass
from multiprocessing import context as mp_context
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util

from . import importer
from .messages import Message

log = logging.getLogger(__name__)

_MB = 1024 * 1024


@dataclass(frozen=True)
class WorkerLimits:
    """Limits of one file's worker. The defaults suit a 24 GiB machine shared with the app:
    a 2,000,000-row sheet (the row limit) needs about 3 GB to check."""
    memory_mb: int = 6144       # address space (RLIMIT_AS) of the worker
    cpu_seconds: int = 600      # CPU time (RLIMIT_CPU); a 2,000,000-row sheet takes about 60 s
    wall_seconds: int = 900     # time from start to result, waiting included
    result_mb: int = 2048       # the pickled result sent back (the checked rows)

    ENV = {"memory_mb": "HALL_ANALYTICS_WORKER_MEMORY_MB", "cpu_seconds": "HALL_ANALYTICS_WORKER_CPU_SECONDS",
           "wall_seconds": "HALL_ANALYTICS_WORKER_WALL_SECONDS", "result_mb": "HALL_ANALYTICS_WORKER_RESULT_MB"}

    @classmethod
    def from_env(cls) -> "WorkerLimits":
        values = {}
        for name, variable in cls.ENV.items():
            text = os.environ.get(variable)
            if text:
                values[name] = int(text)
        return cls(**values)


@dataclass
class WorkerStats:
    """What the parent saw of one worker: for logs, benchmarks and the hostile-file report."""
    peak_rss_mb: float = 0.0
    seconds: float = 0.0
    exit: str = "ok"


class _WorkerPopen(popen_forkserver.Popen):
    """The fork server's launch (Python 3.11's `_launch`), without the main module.

    multiprocessing tells a child to import the parent's `__main__` again, as
    `__mp_main__`. Streamlit sets `__main__` to the page being run, so every worker would
    run that page again (and fail without a session). Nothing the worker needs lives in a
    main module: it is left out of the preparation data.
    """

    def _launch(self, process_obj):
        prep_data = {key: value for key, value in spawn.get_preparation_data(process_obj._name).items()
                     if not key.startswith("init_main_from")}
        buf = io.BytesIO()
        mp_context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            mp_context.set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        _parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _WorkerProcess(mp_context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj):
        return _WorkerPopen(process_obj)


_PRELOADED = False


def _start(target, args, name: str) -> multiprocessing.Process:
    # Forking the Streamlit server itself (threads, DuckDB's pool) is unsafe; the fork
    # server is a clean single-threaded process started once, with the importer preloaded.
    global _PRELOADED
    if not _PRELOADED:
        multiprocessing.get_context("forkserver").set_forkserver_preload(["analytics.importer"])
        _PRELOADED = True
    process = _WorkerProcess(target=target, args=args, daemon=True, name=name)
    process.start()
    return process


def _send(conn, *message) -> None:
    conn.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def _child(conn, limits: WorkerLimits, name: str, data: bytes, options: dict) -> None:
    memory = limits.memory_mb * _MB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort must not write a core of gigabytes
    try:
        result = importer.parse_file(None, name, data, on_progress=lambda fraction: _send(conn, "progress", fraction),
                                     **options)
        del data
        _send(conn, "result", result, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    except MemoryError:
        _send(conn, "memory", traceback.format_exc())
    except Exception:
        _send(conn, "failed", traceback.format_exc())
    finally:
        conn.close()


def _peak_rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass  # the process has just ended, or this is not Linux
    return 0.0


def _signal_name(code: int) -> str:
    try:
        return signal.Signals(code).name
    except ValueError:
        return f"signal {code}"


def parse_isolated(name: str, data: bytes, *, limits: WorkerLimits | None = None, on_progress=None,
                   stats: WorkerStats | None = None, **options):
    """`importer.parse_file(None, name, data, **options)` in a worker process under
    `limits`; `options` must hold `context`. Returns its FileResult, or a FileResult
    whose error says what ended the worker. `stats`, when given, receives what was seen."""
    limits = limits or WorkerLimits.from_env()
    stats = stats if stats is not None else WorkerStats()
    started = time.monotonic()
    receiver, sender = multiprocessing.Pipe(duplex=False)
    process = _start(_child, (sender, limits, name, data, options), f"import-worker {name[:40]}")
    sender.close()
    outcome, detail = None, None
    try:
        deadline = started + limits.wall_seconds
        while outcome is None:
            stats.peak_rss_mb = max(stats.peak_rss_mb, _peak_rss_mb(process.pid))
            if time.monotonic() > deadline:
                outcome = "timeout"
            elif receiver.poll(0.1):
                try:
                    message = pickle.loads(receiver.recv_bytes(limits.result_mb * _MB))
                except EOFError:
                    outcome = "ended"
                    break
                except OSError:  # longer than result_mb: the connection is unusable now
                    outcome = "too_large"
                    break
                if message[0] == "progress":
                    if on_progress is not None:
                        on_progress(message[1])
                    continue
                outcome, detail = message[0], message[1:]
            elif not process.is_alive():
                # It may have written its last message and ended between the poll above and
                # this check (CI saw a refused CSV reported as a crash, "exit 0"): read it.
                if receiver.poll(0):
                    continue
                outcome = "ended"
    finally:
        if process.is_alive() and outcome != "result":
            process.kill()
        process.join(10)
        if process.is_alive():
            process.kill()
            process.join()
        receiver.close()
    stats.seconds = time.monotonic() - started
    if outcome == "result":
        result, child_peak = detail
        stats.peak_rss_mb = max(stats.peak_rss_mb, child_peak)
        return result

    if outcome == "ended":
        code = process.exitcode
        if code is not None and code < 0 and -code == signal.SIGXCPU:
            problem = Message("worker_cpu_limit", seconds=limits.cpu_seconds)
        elif code is not None and code < 0:
            problem = Message("worker_crashed", signal=_signal_name(-code), memory_mb=limits.memory_mb)
        else:
            problem = Message("worker_crashed", signal=f"exit {code}", memory_mb=limits.memory_mb)
        stats.exit = str(problem.params["signal"]) if problem.code == "worker_crashed" else "SIGXCPU"
        log.error("the import worker for %r ended with exit code %s after %.1f s (peak %.0f MB)",
                  name, code, stats.seconds, stats.peak_rss_mb)
    elif outcome == "memory":
        problem = Message("worker_out_of_memory", memory_mb=limits.memory_mb)
        stats.exit = "MemoryError"
        log.error("the import worker for %r ran out of memory:\n%s", name, detail[0])
    elif outcome == "timeout":
        problem = Message("worker_timeout", seconds=limits.wall_seconds)
        stats.exit = "timeout"
        log.error("the import worker for %r took longer than %s s and was stopped", name, limits.wall_seconds)
    elif outcome == "too_large":
        problem = Message("worker_result_too_large", limit_mb=limits.result_mb)
        stats.exit = "result too large"
        log.error("the import worker's result for %r was over %s MB", name, limits.result_mb)
    else:
        problem = Message("worker_failed")
        stats.exit = "exception"
        log.error("the import worker for %r failed:\n%s", name, detail[0] if detail else "")
    result = importer.FileResult(file=name, size=len(data), sha256=hashlib.sha256(data).hexdigest())
    result.error = Message("in_file", file=name, msg=problem)
    return result

