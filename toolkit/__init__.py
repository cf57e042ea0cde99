"""Crisis-news analyst toolkit: load articles, annotate actors, quotes and escalation signals, chart, report.

>>> import toolkit
>>> ann = toolkit.annotate(toolkit.load("seeds/"))
>>> len(ann.articles)
5

Heavy modules (spaCy, Altair) load on first use, not at import time.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"
__all__ = ["Annotations", "Corpus", "__version__", "annotate", "load", "report"]

_LAZY = {
    "load": ("ingest", "load"),
    "Corpus": ("ingest", "Corpus"),
    "annotate": ("pipeline", "annotate"),
    "Annotations": ("pipeline", "Annotations"),
}


def __getattr__(name: str) -> Any:
    if name == "report":  # the submodule, which is callable: toolkit.report(ann, path) == write_report(ann, path)
        return import_module(".report", __name__)
    if name not in _LAZY:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = getattr(import_module(f".{module}", __name__), attr)
    globals()[name] = value
    return value
