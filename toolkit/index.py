"""The escalation index: signal weights per article and per day, by outlet and by actor side.

The index of a group of articles is −Σ Goldstein weight of its signals divided by the number of sentences in
those articles: positive when the coverage heats up (escalation weights are negative on the Goldstein scale),
negative when it cools down. ``asserted`` counts asserted signals at full weight; ``hedged`` counts hedged and
conditional ones at :data:`HEDGE_FACTOR` and is kept apart, so a chart can show it or leave it out. Negated and
denied signals are in no index (they are counted in ``n_negated``). Days come from ``articles.published``;
undated articles keep their rows with ``day`` = NaT.

Rows with ``side == "all"`` hold every signal of the group; the other rows split them by the side of the
signal's actor (``actors.side``; :data:`NO_ACTOR` when the signal has no actor, ``"other"`` when the actor is
not in the actors table) and add up to the ``"all"`` row. Columns and dtypes: :data:`SCHEMAS`,
``docs/tables.md``.

>>> import toolkit
>>> ann = toolkit.annotate("seeds/")
>>> art = article_index(ann)
>>> len(art[art["side"] == ALL]) == len(ann.articles)
True
>>> list(daily_index(ann).columns[:4])
['day', 'outlet', 'side', 'n_articles']
"""

from __future__ import annotations

import pandas as pd

from . import tables
from .tables import AnnotatedTables

__all__ = ["ALL", "HEDGE_FACTOR", "NO_ACTOR", "SCHEMAS", "article_index", "daily_index", "scored_signals",
           "signal_sides"]

ALL = "all"
NO_ACTOR = "no actor"
HEDGE_FACTOR = 0.5  # the half weight label_passage gives hedged and conditional signals

_S, _I, _F, _D = tables.S, tables.I, tables.F, tables.D
_COUNTS = {"n_sentences": _I, "n_signals": _I, "n_asserted": _I, "n_hedged": _I, "n_negated": _I,
           "asserted": _F, "hedged": _F}
SCHEMAS: dict[str, dict[str, str]] = {
    "article_index": {"article_id": _S, "outlet": _S, "day": _D, "side": _S, **_COUNTS},
    "daily_index": {"day": _D, "outlet": _S, "side": _S, "n_articles": _I, **_COUNTS},
}
_SERIES = {"asserted": "asserted", "hedged": "hedged", "conditional": "hedged", "negated": "negated",
           "denied": "negated"}


def scored_signals(ann: AnnotatedTables, hedge_factor: float = HEDGE_FACTOR) -> pd.DataFrame:
    """One row per signal: article_id, sent_idx, side, series (asserted / hedged / negated) and score.

    ``score`` is −weight for asserted signals, −weight × ``hedge_factor`` for hedged and conditional ones and
    0 for negated and denied ones.

    >>> import toolkit
    >>> sig = scored_signals(toolkit.annotate("seeds/"))
    >>> sorted(sig["series"].unique())
    ['asserted', 'hedged', 'negated']
    """
    sig = ann.signals
    series = sig["modality"].astype(object).map(_SERIES)
    factor = series.map({"asserted": 1.0, "hedged": hedge_factor, "negated": 0.0})
    return pd.DataFrame({"article_id": sig["article_id"].astype(object), "sent_idx": sig["sent_idx"],
                         "side": signal_sides(sig, ann.actors), "series": series,
                         "score": -sig["weight"].astype(float) * factor.astype(float)})


def signal_sides(signals: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """The side of each signal's actor: ``actors.side``, :data:`NO_ACTOR` without an actor, else ``"other"``."""
    sides = {a: s for a, s in zip(actors["actor"].astype(object), actors["side"].astype(object)) if isinstance(s, str)}
    return signals["actor"].astype(object).map(lambda a: NO_ACTOR if pd.isna(a) else sides.get(a, "other"))


def article_index(ann: AnnotatedTables, hedge_factor: float = HEDGE_FACTOR) -> pd.DataFrame:
    """The index per article (every article, with or without signals or date) and per actor side.

    Sorted by article_id, then side with ``"all"`` first.
    """
    arts = _article_frame(ann)
    keys = ["article_id", "outlet", "day"]
    out = _rollup(arts, scored_signals(ann, hedge_factor), keys)
    return _table("article_index", out.drop(columns="n_articles"), ["article_id"])


def daily_index(ann: AnnotatedTables, hedge_factor: float = HEDGE_FACTOR) -> pd.DataFrame:
    """The index per publication day, per outlet and per actor side, with ``"all"`` totals for both.

    ``outlet == "all"`` rows pool every outlet of the day (null outlet = articles with no outlet); undated
    articles form the ``day`` = NaT rows. Sorted by day (NaT last), outlet and side, ``"all"`` first.
    """
    arts = _article_frame(ann)
    scored = scored_signals(ann, hedge_factor)
    by_outlet = _rollup(arts, scored, ["day", "outlet"])
    pooled = _rollup(arts.assign(outlet=ALL), scored, ["day", "outlet"])
    return _table("daily_index", pd.concat([pooled, by_outlet], ignore_index=True), ["day", "outlet"])


def _article_frame(ann: AnnotatedTables) -> pd.DataFrame:
    """article_id, outlet, day and n_sentences of every article."""
    arts = ann.articles
    n_sent = ann.sentences.groupby("article_id").size()
    return pd.DataFrame({"article_id": arts["article_id"].astype(object),
                         "outlet": arts["outlet"].astype(object),
                         "day": arts["published"].dt.floor("D"),
                         "n_sentences": arts["article_id"].map(n_sent).fillna(0).astype(int)})


def _rollup(arts: pd.DataFrame, scored: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sums per ``keys`` (columns of ``arts``): an ``"all"`` row per group plus one row per side with signals."""
    groups = arts.groupby(keys, dropna=False, sort=False).agg(n_articles=("article_id", "size"),
                                                             n_sentences=("n_sentences", "sum")).reset_index()
    sig = scored.merge(arts[["article_id", *[k for k in keys if k != "article_id"]]], on="article_id")
    sig = pd.concat([sig.assign(side=ALL), sig], ignore_index=True)
    flags = pd.get_dummies(sig["series"]).reindex(columns=["asserted", "hedged", "negated"], fill_value=False)
    sig = sig.assign(n_signals=1, n_asserted=flags["asserted"].astype(int), n_hedged=flags["hedged"].astype(int),
                     n_negated=flags["negated"].astype(int),
                     asserted=sig["score"].where(flags["asserted"], 0.0),
                     hedged=sig["score"].where(flags["hedged"], 0.0))
    sums = sig.groupby([*keys, "side"], dropna=False, sort=False)[
        ["n_signals", "n_asserted", "n_hedged", "n_negated", "asserted", "hedged"]].sum().reset_index()
    all_rows = groups.assign(side=ALL)
    out = pd.concat([all_rows.merge(sums[sums["side"] == ALL], on=[*keys, "side"], how="left"),
                     groups.merge(sums[sums["side"] != ALL], on=keys, how="inner")], ignore_index=True)
    for col in ("n_signals", "n_asserted", "n_hedged", "n_negated", "asserted", "hedged"):
        out[col] = out[col].fillna(0)
    denom = out["n_sentences"].where(out["n_sentences"] > 0)
    out["asserted"] = (out["asserted"] / denom).round(6)
    out["hedged"] = (out["hedged"] / denom).round(6)
    return out


def _table(name: str, df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Fixed columns and dtypes, sorted by ``keys`` and side, an ``"all"`` value first, NaT and null last."""
    first = {f"_{k}": df[k] != ALL for k in [*keys, "side"] if k in ("outlet", "side")}
    order = [c for k in [*keys, "side"] for c in ([f"_{k}"] if f"_{k}" in first else []) + [k]]
    df = df.assign(**first).sort_values(order, kind="mergesort", na_position="last").reset_index(drop=True)
    schema = SCHEMAS[name]
    return df[list(schema)].astype(schema)
