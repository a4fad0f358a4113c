"""The measures layer: one declaration per KPI (`declarations`), the intervals they carry
(`intervals`) and the engine that turns counts into values and tests changes (`engine`)."""
from .declarations import AREAS, MEASURE_BY_KEY, MEASURES, MIN_N, Measure, get
from .engine import NO_TEST, NOISE, SIGNIFICANT, UNTESTED, change_verdict, change_z, evaluate, testable, too_few, values

__all__ = ["AREAS", "MEASURE_BY_KEY", "MEASURES", "MIN_N", "Measure", "get", "NO_TEST", "NOISE", "SIGNIFICANT", "UNTESTED",
           "change_verdict", "change_z", "evaluate", "testable", "too_few", "values"]
