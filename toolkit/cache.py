"""A stage-aware, atomic on-disk cache of per-article annotations.

Each stage of an article's annotation is cached under a key made of what that stage depends on, so changing a
data file re-runs only the stages that read it:

=========  =========================================================  ==============================
entry      key from                                                   holds
=========  =========================================================  ==============================
doc        spaCy model (name, version), ``abbreviations.txt``,       the parsed Doc (DocBin bytes)
           ``nlp.py``, article text
base       doc key, toolkit version, ``actors.csv``, ``roles.csv``    sentences and mentions rows
quotes     base key, ``cues.csv``                                     quote rows
signals    quotes key, escalation lexicon                             signal rows
all        quotes and signals keys                                    all rows: one read per article
corpus     every article's id, date and ``all`` key                   the finished tables (Parquet)
=========  =========================================================  ==============================

The cache lives in ``TOOLKIT_CACHE_DIR`` or ``~/.cache/crisis-toolkit``. Writes are atomic (a temporary file
renamed into place), so a killed run never leaves an entry a later run trusts; unreadable entries count as misses,
and a read-only or full disk never stops annotation.

>>> keys = StageKeys.of(Fingerprint("en_core_web_sm-3.8.0", "b", "c", "l"), "Lavrov spoke.")
>>> keys.doc != keys.base != keys.all
True
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from ._files import atomic_write

__all__ = ["Fingerprint", "StageKeys", "cache_dir", "code_hash", "corpus_key", "read_doc", "read_rows", "read_tables", "write_doc",
           "write_rows", "write_tables"]

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Fingerprint:
    """What the stages depend on besides the text: model id and hashes of the data files in use."""

    model: str  # spaCy model id + abbreviations.txt + nlp.py
    base: str  # toolkit version + actors + roles
    cues: str
    lexicon: str


@lru_cache(maxsize=None)
def code_hash(*modules: str) -> str:
    """Hash of toolkit source files: part of the keys, so cached rows never outlive the code that made them.

    Read once per process, so one run keeps one key even if the files are edited while it runs.

    >>> len(code_hash("quotes.py"))
    16
    """
    package = resources.files("toolkit")
    return hashlib.sha256(b"".join(package.joinpath(m).read_bytes() for m in modules)).hexdigest()[:16]


def _hash(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StageKeys:
    """The cache keys of one article's stages."""

    doc: str
    base: str
    quotes: str
    signals: str
    all: str

    @classmethod
    def of(cls, fp: Fingerprint, text: str) -> StageKeys:
        doc = _hash("doc", fp.model, text)
        base = _hash("base", doc, fp.base)
        quotes = _hash("quotes", base, fp.cues)
        signals = _hash("signals", quotes, fp.lexicon)  # a quote's speaker is the speaker of the signals in it
        return cls(doc, base, quotes, signals, _hash("all", quotes, signals))


def cache_dir() -> Path:
    """Where per-article annotations are cached (``TOOLKIT_CACHE_DIR`` or ``~/.cache/crisis-toolkit``)."""
    env = os.environ.get("TOOLKIT_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "crisis-toolkit"


def _path(kind: str, key: str, suffix: str) -> Path:
    return cache_dir() / kind / key[:2] / f"{key}{suffix}"


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, lambda p: Path(p).write_bytes(data))
    except OSError:
        pass  # a read-only or full cache never stops annotation


def read_rows(kind: str, key: str) -> Any | None:
    """The rows cached for stage ``kind`` under ``key``, or None."""
    try:
        return json.loads(_path(kind, key, ".json").read_bytes())
    except (OSError, ValueError):
        return None


def write_rows(kind: str, key: str, rows: Any) -> None:
    """Cache ``rows`` (JSON-ready) for stage ``kind`` under ``key``."""
    _write(_path(kind, key, ".json"), json.dumps(rows, ensure_ascii=False).encode("utf-8"))


def read_doc(key: str, vocab: Vocab) -> Doc | None:
    """The parsed Doc cached under ``key``, or None."""
    try:
        return next(DocBin().from_bytes(_path("doc", key, ".spacy").read_bytes()).get_docs(vocab))
    except (OSError, ValueError, StopIteration):
        return None


def write_doc(key: str, doc: Doc) -> None:
    """Cache a parsed Doc under ``key``."""
    _write(_path("doc", key, ".spacy"), DocBin(docs=[doc]).to_bytes())


_TABLES = ("sentences", "mentions", "quotes", "signals", "actors")


def corpus_key(parts: list[str]) -> str:
    """Key of a whole corpus from one line per article (its id, date and ``all`` key, in table order)."""
    return _hash("corpus", *parts)


def read_tables(key: str) -> dict[str, pd.DataFrame] | None:
    """The tables cached for a whole corpus, or None unless every one of them is there."""
    try:
        return {name: pd.read_parquet(_path("corpus", key, f".{name}.parquet")) for name in _TABLES}
    except (OSError, ValueError):
        return None


def write_tables(key: str, frames: dict[str, pd.DataFrame]) -> None:
    """Cache a corpus's tables (each written atomically; a reader needs all of them)."""
    for name in _TABLES:
        path = _path("corpus", key, f".{name}.parquet")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, lambda p, df=frames[name]: df.to_parquet(p, index=False))
        except OSError:
            return
