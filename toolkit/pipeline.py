"""Annotate a corpus: parse each article once and derive the sentences, mentions, quotes and signals tables.

Work is spread over processes or a Dask cluster by :mod:`toolkit.engine`; each article's stages are cached on
disk by what they depend on (:mod:`toolkit.cache`), so re-annotating an unchanged corpus re-parses nothing and a
changed lexicon, cue or alias file re-runs only the stages that read it.

>>> from toolkit.ingest import load
>>> ann = annotate(load("seeds/"))
>>> sorted(ann.tables())
['actors', 'articles', 'mentions', 'quotes', 'sentences', 'signals']
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import __version__, tables
from ._files import atomic_write
from .actors import Aliases, corpus_places, unify_people
from .cache import cache_dir, code_hash, corpus_key, read_tables, write_tables
from .clusters import quote_clusters
from .engine import Annotator, Settings, run, run_dask
from .ingest import Corpus, load

__all__ = ["Annotations", "annotate", "cache_dir"]

_PER_ARTICLE = ("sentences", "mentions", "quotes", "signals")


@dataclass
class Annotations:
    """The six tables of an annotated corpus plus the load report, model and data files (``docs/tables.md``)."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame
    quotes: pd.DataFrame
    signals: pd.DataFrame
    load_report: list[dict[str, Any]] = field(default_factory=list)
    model: str = ""
    data_files: list[tuple[str, str, str]] = field(default_factory=list)  # (what, file, sha256 prefix) read

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in contract order."""
        return {name: getattr(self, name) for name in tables.TABLES}

    def subset(self, outlet: str | None = None, actor: str | None = None) -> Annotations:
        """The annotations of articles from ``outlet`` that mention ``actor`` (``None`` = no filter).

        With an actor, quotes keep only that speaker and signals only those the actor does, suffers or says.
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
            by_actor = (s["actor"].eq(actor) | s["target"].eq(actor) | s["speaker"].eq(actor)).fillna(False)
            frames["signals"] = s[by_actor].reset_index(drop=True)
        fixed = self.actors.set_index("actor")[["kind", "side", "role"]]
        actors = _actor_table(frames["mentions"], Aliases([]), frames["articles"])
        if len(actors):  # kind, side and role as annotated over the whole corpus
            actors = actors.assign(**{c: actors["actor"].map(fixed[c]).astype("string") for c in fixed})
        return Annotations(**frames, actors=actors, load_report=self.load_report, model=self.model,
                           data_files=self.data_files)

    def save(self, out: str | Path) -> Path:
        """Write ``<table>.parquet`` for each table and ``load_report.json`` into ``out`` (atomic per file)."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        for name, df in self.tables().items():
            atomic_write(out / f"{name}.parquet", lambda p, df=df: df.to_parquet(p, index=False))
        report = json.dumps({"model": self.model, "toolkit": __version__, "data_files": self.data_files,
                             "inputs": self.load_report},
                            indent=2, ensure_ascii=False, default=str)
        atomic_write(out / "load_report.json", lambda p: Path(p).write_text(report + "\n", encoding="utf-8"))
        return out

    @classmethod
    def read(cls, folder: str | Path) -> Annotations:
        """Read tables written by :meth:`save`."""
        folder = Path(folder)
        frames = {name: tables.validate(name, pd.read_parquet(folder / f"{name}.parquet")) for name in tables.TABLES}
        meta = json.loads((folder / "load_report.json").read_text(encoding="utf-8"))
        return cls(**frames, load_report=meta["inputs"], model=meta.get("model", ""),
                   data_files=[tuple(f) for f in meta.get("data_files", [])])


def annotate(corpus: Corpus | str | Path | Sequence[str | Path], *, model: str | None = None,
             aliases: str | Path | None = None, lexicon: str | Path | None = None, cues: str | Path | None = None,
             cache: bool = True, batch_size: int = 64, jobs: int | None = None, progress: bool | None = None,
             engine: str = "local", scheduler: str | None = None) -> Annotations:
    """Annotate ``corpus`` (a :class:`Corpus` or paths for :func:`toolkit.load`) into :class:`Annotations`.

    ``aliases``, ``lexicon``, ``cues``: your data files; they extend and override the packaged ``actors.csv`` and
    ``cues.csv`` and replace ``escalation.csv``. ``jobs`` processes (default: all cores; small corpora use one),
    or ``engine="dask"`` on the cluster at ``scheduler`` (None: a local one). ``progress`` shows a bar (None: when
    more than 20 articles).
    """
    if not isinstance(corpus, Corpus):
        corpus = load(corpus)
    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    settings = Settings(model, str(aliases) if aliases else None, str(lexicon) if lexicon else None,
                        str(cues) if cues else None, cache, batch_size)
    annotator = Annotator(settings)  # fails early and clearly (missing model, bad data file) before any worker starts
    articles = corpus.articles
    key = _corpus_key(annotator, articles) if cache else None
    frames = read_tables(key) if key else None
    if frames is not None:
        frames = {name: tables.validate(name, df) for name, df in frames.items()}
    else:
        items = list(zip(articles["article_id"], articles["text"]))
        results = dict(run_dask(settings, items, scheduler) if engine == "dask"
                       else run(settings, items, jobs=jobs, progress=progress))
        frames = {}
        for name in _PER_ARTICLE:
            records = [{"article_id": aid, **r} for aid in articles["article_id"] for r in results[aid][name]]
            frames[name] = tables.validate(name, tables.from_records(name, records))
        _drop_places(frames)
        _unify_people(frames, annotator.aliases)
        frames["quotes"] = quote_clusters(frames["quotes"])
        frames["actors"] = tables.validate("actors", _actor_table(frames["mentions"], annotator.aliases, articles))
        if key:
            write_tables(key, frames)
    return Annotations(articles=articles, **frames, load_report=corpus.report_records(), model=annotator.model_id,
                       data_files=annotator.data_files(corpus.boilerplate))


def _corpus_key(annotator: Annotator, articles: pd.DataFrame) -> str:
    """Key of the whole corpus's tables: every article's stage keys, id and date (dates feed ``first_seen``)."""
    parts = [f"{aid}\t{annotator.keys(text).all}\t{published}"
             for aid, text, published in zip(articles["article_id"], articles["text"], articles["published"])]
    return corpus_key([code_hash("pipeline.py", "clusters.py", "actors.py", "tables.py"), *parts])


def _drop_places(frames: dict[str, pd.DataFrame]) -> None:
    """ORG/PERSON mentions of names the corpus reads as places become places (see :func:`actors.corpus_places`)."""
    m = frames["mentions"]
    names = corpus_places(zip(m["text"], m["actor"].astype(object).where(m["actor"].notna(), None),
                              m["how"].fillna(""), m["label"].fillna("")))
    if not names:
        return
    rows = (m["actor"].isin(list(names)) & m["how"].eq("self") & m["label"].isin(["ORG", "PERSON"])).fillna(False)
    m.loc[rows, ["actor", "how"]] = [pd.NA, "place"]
    _rename_actors(frames, {}, names - set(m["actor"].dropna()))


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
    _rename_actors(frames, to, set(gone))


def _rename_actors(frames: dict[str, pd.DataFrame], to: dict[str, str], gone: set[str]) -> None:
    """Rename actors in the quotes' speakers and the signals' actor, target and speaker; ``gone`` ones become null."""
    for table, columns in (("quotes", ["speaker"]), ("signals", ["actor", "target", "speaker"])):
        for column in columns:
            col = frames[table][column]
            frames[table][column] = col.where(~col.isin(list(gone)).fillna(False), pd.NA).replace(to)


def _modes(frame: pd.DataFrame, column: str) -> dict[str, Any]:
    """Per actor, the most frequent non-null ``column`` value (ties: the first in sort order)."""
    counts = frame.groupby(["actor", column], sort=False).size().reset_index(name="n")
    top = counts.sort_values(["actor", "n", column], ascending=[True, False, True]).drop_duplicates("actor")
    return dict(zip(top["actor"], top[column]))


def _actor_table(mentions: pd.DataFrame, aliases: Aliases, articles: pd.DataFrame) -> pd.DataFrame:
    known = mentions.dropna(subset=["actor"])
    if known.empty:
        return tables.empty("actors")
    published = articles.set_index("article_id")["published"]
    known = known.assign(published=known["article_id"].map(published), how=known["how"].fillna("unknown"),
                         alias=known["text"].str.strip())
    grouped = known.groupby("actor", sort=True)
    stats = pd.DataFrame({"n_mentions": grouped.size(), "n_articles": grouped["article_id"].nunique(),
                          "first_seen": grouped["published"].min()})
    label, side, role = (_modes(known, c) for c in ("label", "side", "role"))
    hows = known.groupby(["actor", "how"], sort=False).size().reset_index(name="n")
    hows = hows.sort_values(["actor", "n", "how"], ascending=[True, False, True])
    why = (hows["how"] + " " + hows["n"].astype(str)).groupby(hows["actor"], sort=False).agg("; ".join)
    names = known[["actor", "alias"]].drop_duplicates().sort_values(["actor", "alias"])
    alias_list = names.groupby("actor", sort=False)["alias"].agg("; ".join)
    kinds = {"PERSON": "person", "GPE": "country", "ORG": "organisation"}
    records = []
    for actor, row in stats.iterrows():
        info = aliases.info.get(actor)
        records.append({
            "actor": actor,
            "kind": info.kind if info else kinds.get(label.get(actor), "other"),
            "side": info.side if info else side.get(actor) or "other",
            "role": (info.role or None) if info else role.get(actor),
            "n_mentions": int(row["n_mentions"]), "n_articles": int(row["n_articles"]),
            "first_seen": row["first_seen"], "aliases": alias_list[actor], "why": why[actor],
        })
    return tables.from_records("actors", records)
