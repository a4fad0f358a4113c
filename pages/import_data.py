"""Import data: upload exports, see what each file and sheet will give, map columns, import
with progress, download what was rejected, and undo a batch.

The work is the import engine's (analytics.importer: preview_files / commit_files,
analytics.storage: undo_batch, mapping profiles); this page shows it. A preview is a dry
run of the real write, so its counts of new / updated / unchanged rows are the real ones;
it is kept in the session until the files, the mappings or the database change.
"""
import hashlib
import json
import logging

import pandas as pd
import streamlit as st

from analytics import export, importer, readers, schema, storage
from analytics.settings import Settings
from dashboard import access, connection, data, i18n, layout, words
from dashboard.i18n import t, t_markdown

logger = logging.getLogger(__name__)

PREVIEW_ROWS = 10
REASONS_SHOWN = 200
# What the readers take (as the command line does), .txt (Excel's "Unicode text") and .tsv included.
FILE_TYPES = [suffix.lstrip(".") for suffix in readers.SUPPORTED_SUFFIXES]

access.require_import_rights()  # the page is also left out of the navigation for other roles
settings = Settings.from_env()
con = connection.cursor()

st.title(t("page_import"))
st.caption(t("imp_intro"))
st.caption(t("imp_limit", mb=st.get_option("server.maxUploadSize"), rows=f"{settings.max_rows_per_sheet:,}"))

if not data.has_data():
    st.info(t("imp_empty_db"), icon=":material/info:")
    layout.load_sample_button("imp_load_sample")

# Messages of the last action (commit, undo) survive the rerun that follows it.
for kind, text in st.session_state.pop("imp_flash", []):
    getattr(st, kind)(text)
if st.session_state.pop("imp_show_overview_link", False):
    layout.page_link("pages/overview.py", label=t("imp_go_overview"), icon=":material/dashboard:")


def field_label(dataset: str, name: str) -> str:
    f = schema.DATASETS[dataset].field(name)
    return f.label_zh if i18n.language() == "zh" else f.label_en


def flash(kind: str, text: str) -> None:
    st.session_state.setdefault("imp_flash", []).append((kind, text))


# --- upload and check --------------------------------------------------------------
layout.uploader_in_language()
uploads = st.file_uploader(t("imp_upload"), type=FILE_TYPES, accept_multiple_files=True,
                           key=f"imp_files_{st.session_state.get('imp_round', 0)}")
files = list({(f.name, f.getvalue()) for f in uploads or []})
files.sort()
include_hidden = st.checkbox(t("imp_include_hidden"), key="imp_include_hidden")
mappings: dict = st.session_state.setdefault("imp_mappings", {})  # (file, sheet) -> importer.Mapping


def preview_key(version) -> tuple:
    names = {name for name, _ in files}
    return (tuple((name, hashlib.sha256(data).hexdigest()) for name, data in files),
            tuple(sorted((f"{k[0]}\x1f{k[1]}", json.dumps(m.as_dict(), ensure_ascii=False, sort_keys=True))
                         for k, m in mappings.items() if k[0] in names)),
            include_hidden, version)


def check_files() -> list[importer.FileResult]:
    key = preview_key(storage.data_version(con))
    cached = st.session_state.get("imp_preview")
    if cached is not None and cached["key"] == key:
        return cached["results"]
    bar = st.progress(0.0, text=t("imp_checking", n=len(files)))
    done: dict[str, float] = {}

    def progress(name: str, fraction: float) -> None:
        # A file checked again (after a halls list that came later) does not move the bar back.
        done[name] = max(done.get(name, 0.0), fraction)
        bar.progress(min(1.0, sum(done.values()) / len(files)),
                     text=t_markdown("imp_checking_file", file=name, pct=f"{fraction:.0%}"))

    try:
        results = importer.preview_files(con, files, sheet_mappings=mappings, max_rows=settings.max_rows_per_sheet,
                                         include_hidden=include_hidden, on_progress=progress)
    except Exception as exc:  # the engine reports bad input itself; this is a last guard
        logger.exception("checking %d file(s) failed", len(files))
        st.error(t("imp_check_failed", detail=f"{type(exc).__name__}: {exc}"))
        st.stop()
    bar.empty()
    st.session_state["imp_preview"] = {"key": key, "results": results}
    return results


def show_counts(sheet: importer.SheetResult) -> None:
    figures = [("imp_m_read", sheet.rows_read), ("imp_m_accept", sheet.accepted), ("imp_m_new", sheet.inserted),
               ("imp_m_update", sheet.updated), ("imp_m_unchanged", sheet.unchanged),
               ("imp_m_reject", sheet.rejected), ("imp_m_totals", sheet.skipped_totals),
               ("imp_m_blank", sheet.skipped_blank + sheet.skipped_notes)]
    for column, (key, value) in zip(st.columns(len(figures)), figures):
        column.metric(t(key), f"{value:,}")


def show_preview(sheet: importer.SheetResult) -> None:
    if sheet.frame is None or sheet.frame.empty:
        return
    fields = [f for f in sheet.column_map.values() if f in sheet.frame.columns]
    st.markdown(t("imp_preview", n=min(PREVIEW_ROWS, len(sheet.frame))))
    # As text: an empty cell shows empty (not "None"), a code keeps its leading zeros.
    # Codes and yes/no as words, as the pages will show them.
    head = words.in_words(sheet.frame.head(PREVIEW_ROWS)[fields], fields).astype("string").fillna("")
    st.dataframe(head.rename(columns={f: field_label(sheet.dataset, f) for f in fields}), hide_index=True,
                 width="stretch", placeholder="")


def show_recognition(sheet: importer.SheetResult) -> None:
    """Which column each field came from, how sure the recognition is, and why."""
    if not sheet.evidence:
        return
    letters = {f: letter for f, letter in sheet.field_columns.items()}
    rows = [{"field": field_label(sheet.dataset, e["field"]), "source": f"{letters.get(e['field'], '')} · {header}",
             "confidence": e["confidence"], "evidence": i18n.message(e["evidence"])}
            for header, e in sheet.evidence.items() if e.get("field")]
    with st.expander(t("imp_recognised_title")):
        st.dataframe(pd.DataFrame(rows).rename(columns={
            "field": t("imp_col_field"), "source": t("imp_col_source_column"),
            "confidence": t("imp_col_confidence"), "evidence": t("imp_col_evidence")}),
            hide_index=True, width="stretch", placeholder="",
            column_config={t("imp_col_confidence"): st.column_config.ProgressColumn(
                min_value=0.0, max_value=1.0, format="percent")})


def rejected_workbook(result: importer.FileResult, sheet: importer.SheetResult) -> bytes:
    """The rejected rows as the analyst sent them, plus row number and reason, to fix and re-upload."""
    frame = sheet.rejected_rows.copy()
    # The frame keeps the English text; each row's reasons are rendered from its RowErrors.
    reasons: dict[int, list[str]] = {}
    for error in sheet.errors:
        reasons.setdefault(error.row, []).append(i18n.message(error.reason))
    separator = "；" if i18n.language() == "zh" else "; "
    frame["reason"] = [separator.join(reasons.get(int(row), [])) or text
                       for row, text in zip(frame["row_number"], frame["reason"])]
    headers = {c: c for c in frame.columns}
    headers.update(row_number=t("imp_col_row"), reason=t("imp_col_reason"))
    return export.table_to_excel(frame, headers=headers, sheet_name=sheet.sheet, formats={"row_number": "int"},
                                 filters_text=[f"{result.file} · {sheet.sheet}"], filters_title=t("col_file"))


def show_rejections(index: int, result: importer.FileResult, sheet: importer.SheetResult) -> None:
    if not sheet.errors:
        return
    st.markdown(f"**{t('imp_rejected_title', n=f'{sheet.rejected:,}')}**")
    shown = sheet.errors[:REASONS_SHOWN]
    # Rendered before the frame is built: a frame's text column keeps only the English.
    reasons = pd.DataFrame({"row": [e.row for e in shown], "column": [e.column for e in shown],
                            "reason": [i18n.message(e.reason) for e in shown]})
    st.dataframe(reasons.rename(columns={"row": t("imp_col_row"), "column": t("imp_col_column"),
                                         "reason": t("imp_col_reason")}),
                 hide_index=True, width="stretch", placeholder="")
    if len(sheet.errors) > REASONS_SHOWN:
        st.caption(t("imp_rejected_more", shown=REASONS_SHOWN, total=f"{len(sheet.errors):,}"))
    if sheet.rejected_rows is not None:
        stem = result.file.rsplit(".", 1)[0]
        st.download_button(
            t("imp_download_rejected"), key=f"imp_rejected_{index}_{sheet.sheet}", on_click="ignore",
            icon=":material/download:", file_name=f"{stem}_{sheet.sheet}_rejected.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            data=lambda: rejected_workbook(result, sheet))


def mapping_editor(index: int, result: importer.FileResult, sheet: importer.SheetResult, *, expanded: bool) -> None:
    """Dataset and field per source column, pre-filled; apply, or save as a named profile."""
    headers = [h for h in dict.fromkeys(sheet.headers) if h]
    if not headers:
        return
    with st.expander(t("imp_mapping"), expanded=expanded):
        st.caption(t("imp_mapping_help"))
        widget = f"imp_map_{index}_{sheet.sheet}"
        names = list(schema.DATASETS)
        current = mappings.get((result.file, sheet.sheet))
        default = (current.dataset if current else None) or sheet.dataset or sheet.suggested_dataset or names[0]
        dataset = st.selectbox(t("imp_mapping_dataset"), names, index=names.index(default),
                               format_func=data.dataset_label, key=f"{widget}_dataset")
        if current is not None and current.dataset == dataset:
            suggested = {h: f for h, f in current.columns.items() if f}
        elif sheet.dataset == dataset:
            suggested = dict(sheet.column_map)
        else:
            suggested = importer.suggest_columns(headers, dataset)
        ds = schema.DATASETS[dataset]
        options = [""] + [f.name for f in ds.source_fields]

        def option_label(name: str) -> str:
            if not name:
                return t("imp_mapping_ignore")
            mark = t("imp_required_mark") if name in ds.required_fields else ""
            return f"{field_label(dataset, name)}{mark} · {name}"

        with st.form(key=f"{widget}_{dataset}_form", border=False):
            chosen = {}
            for column, header in zip(st.columns(3) * len(headers), headers):
                value = suggested.get(header, "")
                others = [f"{field_label(dataset, name)} {score:.0%}"
                          for name, score in sheet.candidates.get(header, [])
                          if name != value and name in ds.field_names][:3]
                chosen[header] = column.selectbox(
                    i18n.escape_markdown(header), options, index=options.index(value) if value in options else 0,
                    format_func=option_label, key=f"{widget}_{dataset}_{header}",
                    help=t("imp_candidates", fields=i18n.join(others)) if others else None)
            values_text, constants_text = importer.mapping_extras_as_text(
                current if current is not None and current.dataset == dataset else None)
            values_text = st.text_area(t("imp_mapping_values"), value=values_text, key=f"{widget}_{dataset}_values",
                                       placeholder="status: Closed with explanation = resolved")
            constants_text = st.text_area(t("imp_mapping_constants"), value=constants_text,
                                          key=f"{widget}_{dataset}_constants", placeholder="hall_code = 075501")
            scale = None
            if dataset == "surveys":
                scales = [""] + list(schema.SCALES)
                scale = st.selectbox(t("imp_mapping_scale"), scales,
                                     index=scales.index(current.scale) if current and current.scale in scales else 0,
                                     format_func=lambda c: schema.SCALES[c].label_zh if c and i18n.language() == "zh"
                                     else schema.SCALES[c].label_en if c else t("imp_mapping_scale_none"),
                                     key=f"{widget}_{dataset}_scale") or None
            profile_name = st.text_input(t("imp_mapping_profile_name"), key=f"{widget}_{dataset}_name",
                                         value=(current.name or "") if current else "")
            left, right = st.columns(2)
            apply = left.form_submit_button(t("imp_mapping_apply"), icon=":material/refresh:")
            save = right.form_submit_button(t("imp_mapping_save"), icon=":material/save:")
        if not (apply or save):
            return
        picked = [f for f in chosen.values() if f]
        repeated = sorted({f for f in picked if picked.count(f) > 1})
        if repeated:
            st.error(t("imp_mapping_duplicate", field=field_label(dataset, repeated[0])))
            return
        name = profile_name.strip()
        if save and not name:
            st.error(t("imp_mapping_need_name"))
            return
        value_maps, constants, problems = importer.mapping_extras_from_text(dataset, values_text, constants_text)
        if problems:
            for code, params in problems:
                st.error(t_markdown(code, **params))
            return
        mappings[(result.file, sheet.sheet)] = importer.Mapping(
            dataset, {h: (f or None) for h, f in chosen.items()}, scale, name or None, value_maps, constants)
        if save:
            storage.save_mapping_profile(con, name=name, dataset=dataset, header_signature=sheet.header_signature,
                                         columns={h: (f or None) for h, f in chosen.items()}, scale=scale,
                                         values=value_maps, constants=constants)
            flash("success", t_markdown("imp_mapping_saved", name=name))
        st.rerun()


def show_sheet(index: int, result: importer.FileResult, sheet: importer.SheetResult) -> None:
    if sheet.error is not None and sheet.error.code == "sheet_empty":
        st.caption(t_markdown("imp_sheet_empty", sheet=sheet.sheet))
        return
    if sheet.error is None:
        st.markdown(f"##### {t_markdown('imp_sheet', sheet=sheet.sheet, dataset=data.dataset_label(sheet.dataset))}")
        notes = [t_markdown("imp_header_row", row=sheet.header_row)]
        if sheet.mapping_profile:
            notes.append(t_markdown("imp_profile_used", name=sheet.mapping_profile))
        if sheet.ignored_columns:
            notes.append(t_markdown("imp_ignored", columns=i18n.join(sheet.ignored_columns)))
        st.caption(" · ".join(notes))
        show_counts(sheet)
        if sheet.doubts:
            st.error("  \n".join([f"**{t('imp_doubts_title')}**",
                                  *(i18n.message(d, markdown=True) for d in sheet.doubts)]), icon=":material/help:")
        for warning in sheet.warnings:
            st.warning(i18n.message(warning, markdown=True), icon=":material/warning:")
        show_recognition(sheet)
        show_preview(sheet)
        show_rejections(index, result, sheet)
    else:
        st.markdown(f"##### {t_markdown('imp_sheet_unrecognised', sheet=sheet.sheet)}")
        # Beside a recognised sheet, one without a table (填写说明, a cover sheet) is a note,
        # not an error: the file imports; its mapping editor stays folded.
        beside_data = any(s.error is None for s in result.sheets)
        (st.info if beside_data else st.error)(i18n.message(sheet.error, markdown=True),
                                               icon=":material/info:" if beside_data else ":material/error:")
        reference = sheet.dataset or sheet.suggested_dataset
        if reference and (sheet.found_fields or sheet.missing_fields):
            none = t("imp_none")
            st.caption(t("imp_found_missing",
                         found=i18n.join(field_label(reference, f) for f in sheet.found_fields) or none,
                         missing=i18n.join(field_label(reference, f) for f in sheet.missing_fields) or none))
    mapping_editor(index, result, sheet,
                   expanded=sheet.error is not None and not any(s.error is None for s in result.sheets))


def show_file(index: int, result: importer.FileResult) -> None:
    with st.container(border=True):
        st.markdown(f"#### :material/description: {i18n.escape_markdown(result.file)}")
        if not result.sheets:  # the file could not be read at all
            st.error(t("imp_file_error", file=i18n.escape_markdown(result.file),
                       detail=i18n.message(result.problem, markdown=True)),
                     icon=":material/error:")
            st.caption(t("imp_file_what_to_do"))
            return
        for sheet in result.sheets:
            show_sheet(index, result, sheet)
        if result.hidden_sheets and not include_hidden:
            st.caption(t_markdown("imp_hidden_sheets", sheets=i18n.join(result.hidden_sheets)))


def offer_missing_halls(results: list[importer.FileResult]) -> None:
    """Rows of halls not in the halls list wait for them: add those halls from the file."""
    waiting = importer.waiting_halls(results)
    if not waiting:
        return
    codes = sorted(waiting)
    with st.container(border=True):
        shown = i18n.join(f"{c} {waiting[c]}".strip() for c in codes[:10]) + (" …" if len(codes) > 10 else "")
        st.markdown(f"**{t_markdown('imp_waiting_title', n=len(codes), codes=shown)}**")
        st.caption(t("imp_waiting_help"))
        left, right = st.columns(2)
        region = left.text_input(t("imp_add_halls_region"), value=t("imp_add_halls_default"), key="imp_add_region")
        city = right.text_input(t("imp_add_halls_city"), value=t("imp_add_halls_default"), key="imp_add_city")
        if st.button(t("imp_add_halls", n=len(codes)), key="imp_add_halls", icon=":material/add_business:"):
            added = importer.add_halls(con, waiting, region=region.strip() or t("imp_add_halls_default"),
                                       city=city.strip() or t("imp_add_halls_default"))
            connection.clear_caches()
            if added.committed:
                flash("success", t("imp_added_halls", n=len(codes), batch=added.batch_id))
            else:
                flash("error", t("imp_done_failed", file=i18n.escape_markdown(added.file),
                                 detail=i18n.message(added.problem, markdown=True)))
            st.session_state.pop("imp_preview", None)
            st.rerun()


def commit(results: list[importer.FileResult]) -> None:
    """Write the previewed files, with a progress bar, unless the database moved meanwhile."""
    if st.session_state["imp_preview"]["key"][-1] != storage.data_version(con):
        st.session_state.pop("imp_preview", None)
        flash("warning", t("imp_rechecked"))
        st.rerun()
    with st.status(t("imp_committing"), expanded=True) as status:
        bar = st.progress(0.0)

        def progress(file_index, file_count, sheet_done, sheet_count):
            bar.progress((file_index + sheet_done / sheet_count) / file_count,
                         text=t_markdown("imp_progress", file=results[file_index].file, sheet=sheet_done,
                                         sheets=sheet_count))

        importer.commit_files(con, results, source="app", on_progress=progress, confirm_doubts=confirm_doubts)
        connection.clear_caches()
        failed = [r for r in results if not r.committed]
        status.update(label=t("imp_commit_failed" if failed else "imp_committed"),
                      state="error" if failed else "complete")
    for result in results:
        if result.committed:
            usable = [s for s in result.sheets if s.error is None]
            flash("success", t_markdown("imp_done_file", file=result.file, batch=result.batch_id,
                                        inserted=f"{sum(s.inserted for s in usable):,}",
                                        updated=f"{sum(s.updated for s in usable):,}",
                                        unchanged=f"{sum(s.unchanged for s in usable):,}",
                                        rejected=f"{sum(s.rejected for s in usable):,}"))
        else:
            flash("error", t("imp_done_failed", file=i18n.escape_markdown(result.file),
                             detail=i18n.message(result.problem, markdown=True)))
    if any(r.committed for r in results):
        flash("info", t("imp_done_note"))
        st.session_state["imp_show_overview_link"] = True
    # A fresh uploader (new key) and no stale preview or mappings for the next upload.
    st.session_state["imp_round"] = st.session_state.get("imp_round", 0) + 1
    st.session_state.pop("imp_preview", None)
    mappings.clear()
    st.rerun()


if files:
    results = check_files()
    for index, result in enumerate(results):
        show_file(index, result)
    ready = [r for r in results if r.error is None]
    offer_missing_halls(ready)
    doubtful = any(s.doubts for r in ready for s in r.sheets if s.error is None)
    confirm_doubts = doubtful and st.checkbox(t("imp_confirm_doubts"), key="imp_confirm_doubts")
    if doubtful and not confirm_doubts:
        st.caption(t("imp_doubts_pending"))
    if st.button(t("imp_commit", n=len(ready)), type="primary", disabled=not ready or (doubtful and not confirm_doubts),
                 key="imp_commit", icon=":material/upload:"):
        commit(ready)
    if not ready:
        st.caption(t("imp_commit_nothing"))


# --- history and undo ----------------------------------------------------------------
st.divider()
st.subheader(t("imp_history"))
log = storage.import_log(con)
if log.empty:
    st.caption(t("imp_history_empty"))
    st.stop()
layout.import_log_table(log, key="imp_log")

committed = log[log["status"] == "committed"]
if committed.empty:
    st.caption(t("imp_nothing_to_undo"))
    st.stop()
labels = {int(r.batch_id): t("imp_undo_option", batch=int(r.batch_id), file=r.file_name,
                             time=pd.Timestamp(r.started_at).strftime("%Y-%m-%d %H:%M"))
          for r in committed.itertuples()}
batch = st.selectbox(t("imp_undo_pick"), list(labels), format_func=labels.get, key="imp_undo_batch")
if st.button(t("imp_undo"), key="imp_undo", icon=":material/undo:"):
    st.session_state["imp_undo_pending"] = batch
pending = st.session_state.get("imp_undo_pending")
if pending is not None and pending in labels:
    st.warning(t_markdown("imp_undo_confirm_text", batch=pending,
                          file=committed.set_index("batch_id").at[pending, "file_name"]))
    left, right = st.columns(2)
    if left.button(t("imp_undo_confirm"), key="imp_undo_confirm", type="primary"):
        st.session_state.pop("imp_undo_pending")
        try:
            summary = storage.undo_batch(con, pending)
        except storage.UndoRefused as refused:
            flash("error", i18n.message(refused.message, markdown=True))
        else:
            connection.clear_caches()
            flash("success", t("imp_undone", batch=pending,
                               removed=f"{sum(c['removed'] for c in summary.values()):,}",
                               restored=f"{sum(c['restored'] for c in summary.values()):,}"))
        st.rerun()
    if right.button(t("imp_undo_cancel"), key="imp_undo_cancel"):
        st.session_state.pop("imp_undo_pending")
        st.rerun()
