"""Annotate a corpus: parse each article once and derive the sentences, mentions, quotes and signals tables.

Per-article results are cached on disk (``TOOLKIT_CACHE_DIR`` or ``~/.cache/crisis-toolkit``), keyed by the
article text, the spaCy model and its version, the toolkit version and the hashes of the data files in use, so
re-annotating an unchanged corpus re-parses nothing. Cache files are written atomically.

>>> from toolkit.ingest import load
>>> ann = annotate(load("seeds/"))
>>> sorted(ann.tables())
['actors', 'articles', 'mentions', 'quotes', 'sentences', 'signals']
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from . import __version__, tables
from ._files import atomic_write
from .actors import Aliases, Mention, find_mentions, load_aliases, unify_people
from .ingest import Corpus, load
from .nlp import load_model, paragraphs, parse
from .quotes import find_quotes
from .signals import find_signals, load_lexicon

__all__ = ["Annotations", "annotate", "cache_dir"]

_PER_ARTICLE = ("sentences", "mentions", "quotes", "signals")
_DATA_FILES = ("actors.csv", "escalation.csv", "cues.csv")


@dataclass
class Annotations:
    """The six tables of an annotated corpus plus the load report (see ``docs/tables.md``)."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame
    quotes: pd.DataFrame
    signals: pd.DataFrame
    load_report: list[dict[str, Any]] = field(default_factory=list)
    model: str = ""

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in contract order."""
        return {name: getattr(self, name) for name in tables.TABLES}

    def subset(self, outlet: str | None = None, actor: str | None = None) -> Annotations:
        """The annotations of articles from ``outlet`` that mention ``actor`` (``None`` = no filter).

        With an actor, quotes keep only that speaker and signals only those the actor does or suffers.
        """
        arts = self.articles
        if outlet is not None:
            arts = arts[arts["outlet"].eq(outlet).fillna(False)]
        keep = set(arts["article_id"])
        if actor is not None:
            keep &= set(self.mentions.loc[self.mentions["actor"].eq(actor).fillna(False), "article_id"])
        frames = {name: df[df["article_id"].isin(keep)].reset_index(drop=True)
                  for name, df in self.tables().items() if name != "actors"}
        if actor is not None:
            q, s = frames["quotes"], frames["signals"]
            frames["quotes"] = q[q["speaker"].eq(actor).fillna(False)].reset_index(drop=True)
            by_actor = (s["actor"].eq(actor) | s["target"].eq(actor)).fillna(False)
            frames["signals"] = s[by_actor].reset_index(drop=True)
        fixed = self.actors.set_index("actor")[["kind", "side", "role"]]
        actors = _actor_table(frames["mentions"], Aliases([]), frames["articles"])
        if len(actors):  # kind, side and role as annotated over the whole corpus
            actors = actors.assign(**{c: actors["actor"].map(fixed[c]).astype("string") for c in fixed})
        return Annotations(**frames, actors=actors, load_report=self.load_report, model=self.model)

    def save(self, out: str | Path) -> Path:
        """Write ``<table>.parquet`` for each table and ``load_report.json`` into ``out`` (atomic per file)."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        for name, df in self.tables().items():
            atomic_write(out / f"{name}.parquet", lambda p, df=df: df.to_parquet(p, index=False))
        report = json.dumps({"model": self.model, "toolkit": __version__, "inputs": self.load_report},
                            indent=2, ensure_ascii=False, default=str)
        atomic_write(out / "load_report.json", lambda p: Path(p).write_text(report + "\n", encoding="utf-8"))
        return out

    @classmethod
    def read(cls, folder: str | Path) -> Annotations:
        """Read tables written by :meth:`save`."""
        folder = Path(folder)
        frames = {name: tables.validate(name, pd.read_parquet(folder / f"{name}.parquet")) for name in tables.TABLES}
        meta = json.loads((folder / "load_report.json").read_text(encoding="utf-8"))
        return cls(**frames, load_report=meta["inputs"], model=meta.get("model", ""))


def cache_dir() -> Path:
    """Where per-article annotations are cached."""
    env = os.environ.get("TOOLKIT_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "crisis-toolkit"


def _file_hash(path: str | Path | None, packaged: str) -> str:
    data = (Path(path).read_bytes() if path
            else resources.files("toolkit").joinpath(f"data/{packaged}").read_bytes())
    return hashlib.sha256(data).hexdigest()[:16]


def annotate(corpus: Corpus | str | Path | Sequence[str | Path], *, model: str | None = None,
             aliases: str | Path | None = None, lexicon: str | Path | None = None,
             cache: bool = True, batch_size: int = 64) -> Annotations:
    """Annotate ``corpus`` (a :class:`Corpus` or paths for :func:`toolkit.load`) into :class:`Annotations`."""
    if not isinstance(corpus, Corpus):
        corpus = load(corpus)
    nlp = load_model(model)
    alias_table, lex = load_aliases(aliases), load_lexicon(lexicon)
    meta = nlp.meta
    fingerprint = "|".join([
        __version__, f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}",
        _file_hash(aliases, "actors.csv"), _file_hash(lexicon, "escalation.csv"), _file_hash(None, "cues.csv"),
        "mentions.role", _file_hash(None, "roles.csv"),
    ])
    articles = corpus.articles
    results: dict[str, dict[str, list[dict[str, Any]]]] = {}
    keys = {row.article_id: hashlib.sha256(f"{fingerprint}\n{row.text}".encode()).hexdigest()
            for row in articles.itertuples()}
    todo = []
    for row in articles.itertuples():
        hit = _cache_read(keys[row.article_id]) if cache else None
        if hit is None:
            todo.append(row)
        else:
            results[row.article_id] = hit
    for row, doc in zip(todo, parse(nlp, (r.text for r in todo), batch_size=batch_size)):
        rows = _annotate_doc(doc, alias_table, lex)
        results[row.article_id] = rows
        if cache:
            _cache_write(keys[row.article_id], rows)
    frames = {}
    for name in _PER_ARTICLE:
        records = [{"article_id": aid, **r} for aid in articles["article_id"] for r in results[aid][name]]
        frames[name] = tables.validate(name, tables.from_records(name, records))
    _unify_people(frames, alias_table)
    frames["actors"] = tables.validate("actors", _actor_table(frames["mentions"], alias_table, articles))
    return Annotations(articles=articles, **frames, load_report=corpus.report_records(),
                       model=f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}")


def _cache_read(key: str) -> dict[str, list[dict[str, Any]]] | None:
    path = cache_dir() / key[:2] / f"{key}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _cache_write(key: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    path = cache_dir() / key[:2] / f"{key}.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, lambda p: Path(p).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8"))
    except OSError:
        pass  # a read-only or full cache never stops annotation


def _annotate_doc(doc: Any, aliases: Aliases, lexicon: Any) -> dict[str, list[dict[str, Any]]]:
    """Rows (without article_id) of the per-article tables for one parsed article."""
    text = doc.text
    paras = paragraphs(text)
    para_starts = [s for s, _ in paras]
    sentences = []
    for sent in doc.sents:
        stripped = sent.text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        sentences.append({"sent_idx": len(sentences), "para_idx": max(bisect.bisect_right(para_starts, start) - 1, 0),
                          "start": start, "end": start + len(stripped), "text": stripped})
    sent_starts = [s["start"] for s in sentences]

    def sent_of(offset: int) -> int:
        return max(bisect.bisect_right(sent_starts, offset) - 1, 0)

    mentions = find_mentions(doc, aliases)
    canon = _Canonical(mentions, aliases)
    mention_rows = [{"sent_idx": sent_of(m.start), "start": m.start, "end": m.end, "text": m.text,
                     "label": m.label, "actor": m.actor, "how": m.how, "role": m.role, "side": m.side}
                    for m in mentions]
    quote_rows = []
    for i, q in enumerate(find_quotes(doc)):
        quote_rows.append({
            "quote_idx": i, "start": q.start, "end": q.end, "text": text[q.start:q.end], "kind": q.kind,
            "speaker": canon.actor(q.speaker, q.speaker_start, q.speaker_end),
            "speaker_start": q.speaker_start, "speaker_end": q.speaker_end, "cue": q.cue, "sent_idx": sent_of(q.start),
        })
    signal_rows = []
    for s in find_signals(doc, lexicon):
        signal_rows.append({
            "sent_idx": sent_of(s.start), "start": s.start, "end": s.end, "trigger": s.trigger,
            "direction": s.direction, "category": s.category, "weight": s.weight, "modality": s.modality,
            "actor": canon.actor(s.actor, s.actor_start, s.actor_end),
            "target": canon.actor(s.target, s.target_start, s.target_end), "code": s.code, "pattern": s.pattern,
        })
    return {"sentences": sentences, "mentions": mention_rows, "quotes": quote_rows, "signals": signal_rows}


class _Canonical:
    """Map a name string and/or a text span to a canonical actor, using the article's mentions."""

    def __init__(self, mentions: list[Mention], aliases: Aliases) -> None:
        named = [m for m in mentions if m.actor]
        self.mentions = sorted(named, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.longest = max((m.end - m.start for m in named), default=0)
        self.by_text = {m.text: m.actor for m in named}
        self.by_last: dict[str, str] = {}
        for m in named:
            if m.text.split():
                self.by_last.setdefault(m.text.split()[-1], m.actor)
        self.aliases = aliases

    def actor(self, name: str | None, start: int | None, end: int | None) -> str | None:
        if start is not None and end is not None:
            lo = bisect.bisect_right(self.starts, start - self.longest)
            inside = [m for m in self.mentions[lo:bisect.bisect_left(self.starts, end)] if start < m.end]
            if inside:
                return max(inside, key=lambda m: (m.end - m.start, -m.start)).actor
        if not name:
            return None
        if name in self.by_text:
            return self.by_text[name]
        known = self.aliases.lookup(name)
        if known:
            return known
        last = name.split()[-1] if name.split() else ""
        if last[:1].isupper() and last in self.by_last:
            return self.by_last[last]
        return name if name[:1].isupper() else None


def _unify_people(frames: dict[str, pd.DataFrame], aliases: Aliases) -> None:
    """Rename people not in the alias file to one name across articles (see :func:`actors.unify_people`)."""
    m = frames["mentions"]
    named = m.dropna(subset=["actor"])
    renames = unify_people(zip(named["actor"], named["how"].fillna(""), named["label"].fillna("")), aliases)
    if not renames:
        return
    to = {old: new for old, (new, _) in renames.items() if new is not None}
    gone = [old for old, (new, _) in renames.items() if new is None]
    rows = m["actor"].isin(list(to)).fillna(False) | (m["actor"].isin(gone) & m["label"].eq("PERSON")).fillna(False)
    was_self = rows & m["how"].eq("self").fillna(False)
    m.loc[was_self, "how"] = m.loc[was_self, "actor"].map({old: how for old, (_, how) in renames.items()})
    m.loc[rows, "actor"] = m.loc[rows, "actor"].map(to).astype("string")
    for table, columns in (("quotes", ["speaker"]), ("signals", ["actor", "target"])):
        for column in columns:
            col = frames[table][column]
            frames[table][column] = col.where(~col.isin(gone).fillna(False), pd.NA).replace(to)


def _mode(values: pd.Series) -> Any:
    """The most frequent non-null value (ties: the first in sort order), or None."""
    counts = values.dropna().value_counts()
    return None if counts.empty else sorted(counts.index, key=lambda v: (-counts[v], v))[0]


def _actor_table(mentions: pd.DataFrame, aliases: Aliases, articles: pd.DataFrame) -> pd.DataFrame:
    known = mentions.dropna(subset=["actor"])
    if known.empty:
        return tables.empty("actors")
    published = articles.set_index("article_id")["published"]
    known = known.assign(published=known["article_id"].map(published), how=known["how"].fillna("unknown"))
    grouped = known.groupby("actor", sort=True)
    label = grouped["label"].agg(lambda s: s.value_counts().sort_index().idxmax())
    records = []
    for actor, group in grouped:
        info = aliases.info.get(actor)
        kind = info.kind if info else {"PERSON": "person", "GPE": "country", "ORG": "organisation"}.get(label[actor], "other")
        why = group["how"].value_counts()
        side = info.side if info else _mode(group["side"]) or "other"
        role = (info.role or None) if info else _mode(group["role"])
        records.append({"actor": actor, "kind": kind, "side": side, "role": role, "n_mentions": len(group),
                        "n_articles": int(group["article_id"].nunique()),
                        "first_seen": group["published"].min(),
                        "aliases": "; ".join(sorted(set(group["text"].str.strip()))),
                        "why": "; ".join(f"{how} {n}" for how, n in sorted(why.items(), key=lambda x: (-x[1], x[0])))})
    return tables.from_records("actors", records)
