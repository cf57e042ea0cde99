"""The table contract: column names, dtypes, sort keys and validation.

Every table the toolkit produces is a tidy pandas DataFrame whose columns, order and dtypes are fixed here
and documented in ``docs/tables.md``. All character offsets (``start``/``end``, end exclusive) index into
``articles.text`` of the same ``article_id``.

>>> df = empty("quotes")
>>> list(df.columns)[:4]
['article_id', 'quote_idx', 'start', 'end']
>>> validate("quotes", df) is df
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import pandas as pd

__all__ = ["SCHEMAS", "SORT_KEYS", "TABLES", "AnnotatedTables", "SchemaError", "empty", "from_records", "validate"]

S, I, F, D = "string", "Int64", "Float64", "datetime64[ns]"

SCHEMAS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": S, "path": S, "outlet": S, "published": D, "title": S, "text": S,
        "n_words": I, "sha256": S, "encoding": S, "removed": S,
    },
    "sentences": {
        "article_id": S, "sent_idx": I, "para_idx": I, "start": I, "end": I, "text": S,
    },
    "mentions": {
        "article_id": S, "sent_idx": I, "start": I, "end": I, "text": S, "label": S, "actor": S, "how": S,
        "role": S, "side": S,
    },
    "actors": {
        "actor": S, "kind": S, "side": S, "role": S, "n_mentions": I, "n_articles": I,
        "first_seen": D, "aliases": S, "why": S,
    },
    "quotes": {
        "article_id": S, "quote_idx": I, "start": I, "end": I, "text": S, "kind": S, "speaker": S,
        "speaker_start": I, "speaker_end": I, "cue": S, "cue_start": I, "cue_end": I, "sent_idx": I,
        "quote_cluster": S,
    },
    "signals": {
        "article_id": S, "sent_idx": I, "start": I, "end": I, "trigger": S, "direction": S,
        "category": S, "weight": F, "modality": S, "actor": S, "target": S, "speaker": S, "code": S,
        "pattern": S,
    },
}
TABLES: tuple[str, ...] = tuple(SCHEMAS)

SORT_KEYS: dict[str, list[str]] = {
    "articles": ["article_id"],
    "sentences": ["article_id", "sent_idx"],
    "mentions": ["article_id", "start", "end", "label"],
    "actors": ["n_mentions", "actor"],
    "quotes": ["article_id", "quote_idx"],
    "signals": ["article_id", "start", "end", "trigger"],
}
_DESCENDING = {"actors": [False, True]}

_CHOICES: dict[tuple[str, str], set[str]] = {
    ("quotes", "kind"): {"direct", "indirect", "mixed"},
    ("signals", "direction"): {"escalation", "de-escalation"},
    ("signals", "modality"): {"asserted", "negated", "hedged", "conditional", "denied"},
    ("actors", "kind"): {"person", "country", "organisation", "bloc", "media", "other"},
}


class AnnotatedTables(Protocol):
    """Anything holding the six tables (``toolkit.Annotations`` does): what charts and reports read."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame
    quotes: pd.DataFrame
    signals: pd.DataFrame


class SchemaError(ValueError):
    """A table does not follow the contract in :data:`SCHEMAS`."""


def empty(name: str) -> pd.DataFrame:
    """Return an empty table with the columns and dtypes of ``name``."""
    return pd.DataFrame({col: pd.Series(dtype=dtype) for col, dtype in SCHEMAS[name].items()})


def from_records(name: str, records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Build table ``name`` from dict records: fixed columns and dtypes, sorted, index reset.

    Columns missing from the records are filled with nulls; extra keys are kept after the fixed
    columns (used for the articles table's extra metadata).
    """
    rows = list(records)
    if not rows:
        return empty(name)
    df = pd.DataFrame.from_records(rows)
    schema = SCHEMAS[name]
    for col in schema:
        if col not in df.columns:
            df[col] = pd.NA
    extra = sorted(c for c in df.columns if c not in schema)
    df = df[list(schema) + extra]
    df = df.astype(schema)
    for col in extra:
        df[col] = df[col].astype(S)
    return _sort(name, df)


def _sort(name: str, df: pd.DataFrame) -> pd.DataFrame:
    keys = SORT_KEYS[name]
    ascending = _DESCENDING.get(name, True)
    return df.sort_values(keys, ascending=ascending, kind="mergesort").reset_index(drop=True)


def validate(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Check ``df`` against the contract of table ``name``; return it unchanged or raise SchemaError."""
    schema = SCHEMAS[name]
    cols = list(df.columns[: len(schema)])
    if cols != list(schema):
        raise SchemaError(f"{name}: columns {cols} != {list(schema)}")
    for col, dtype in schema.items():
        if str(df[col].dtype) != str(pd.Series(dtype=dtype).dtype):
            raise SchemaError(f"{name}.{col}: dtype {df[col].dtype} != {dtype}")
    for (table, col), allowed in _CHOICES.items():
        if table == name:
            bad = set(df[col].dropna().unique()) - allowed
            if bad:
                raise SchemaError(f"{name}.{col}: unexpected values {sorted(bad)}")
    if "start" in schema and len(df):
        if ((df["end"] < df["start"]) | (df["start"] < 0)).any():
            raise SchemaError(f"{name}: start/end out of order")
    return df
