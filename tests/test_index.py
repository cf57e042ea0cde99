"""The escalation index on the annotated seeds, checked against sums computed here from the signals table."""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd
import pytest

from toolkit import tables
from toolkit.index import ALL, HEDGE_FACTOR, NO_ACTOR, SCHEMAS, article_index, daily_index


def _expected(ann: Any, article_ids: list[str], side: str | None = None) -> tuple[float, float, int]:
    """(asserted, hedged, n_signals) for these articles, straight from ann.signals and ann.sentences."""
    sig = ann.signals[ann.signals["article_id"].isin(article_ids)]
    if side is not None:
        sides = dict(zip(ann.actors["actor"], ann.actors["side"]))
        of = [NO_ACTOR if pd.isna(a) else sides.get(a, "other") for a in sig["actor"]]
        sig = sig[[s == side for s in of]]
    n_sent = int(ann.sentences["article_id"].isin(article_ids).sum())
    asserted = -float(sig.loc[sig["modality"] == "asserted", "weight"].sum()) / n_sent
    hedged = -HEDGE_FACTOR * float(sig.loc[sig["modality"].isin(["hedged", "conditional"]), "weight"].sum()) / n_sent
    return asserted, hedged, len(sig)


def test_article_index_matches_the_signals(ann: Any) -> None:
    idx = article_index(ann)
    assert list(idx.columns) == list(SCHEMAS["article_index"])
    assert [str(t) for t in idx.dtypes] == [str(pd.Series(dtype=d).dtype) for d in SCHEMAS["article_index"].values()]
    totals = idx[idx["side"] == ALL]
    assert list(totals["article_id"]) == list(ann.articles["article_id"])
    for row in totals.itertuples():
        asserted, hedged, n = _expected(ann, [row.article_id])
        assert row.asserted == pytest.approx(asserted, abs=1e-6)
        assert row.hedged == pytest.approx(hedged, abs=1e-6)
        assert row.n_signals == n == row.n_asserted + row.n_hedged + row.n_negated
    assert totals["n_signals"].sum() == len(ann.signals)


def test_sides_add_up_and_match(ann: Any) -> None:
    idx = article_index(ann)
    split = idx[idx["side"] != ALL].groupby("article_id")[["n_signals", "asserted", "hedged"]].sum()
    totals = idx[idx["side"] == ALL].set_index("article_id")
    assert (split["n_signals"] == totals.loc[split.index, "n_signals"]).all()
    assert split["asserted"].to_numpy() == pytest.approx(totals.loc[split.index, "asserted"].to_numpy(), abs=1e-5)
    russia = idx[idx["side"] == "Russia"]
    assert len(russia) == 5  # every seed article has signals by Russian actors
    for row in russia.itertuples():
        asserted, hedged, n = _expected(ann, [row.article_id], "Russia")
        assert (row.asserted, row.hedged, row.n_signals) == (pytest.approx(asserted, abs=1e-6),
                                                             pytest.approx(hedged, abs=1e-6), n)


def test_daily_index_per_outlet_and_pooled(ann: Any) -> None:
    day = daily_index(ann)
    assert list(day.columns) == list(SCHEMAS["daily_index"])
    pooled = day[(day["outlet"] == ALL) & (day["side"] == ALL)]
    days = ann.articles["published"].dt.floor("D")
    assert list(pooled["day"]) == sorted(days.unique())
    for row in pooled.itertuples():
        ids = list(ann.articles.loc[days == row.day, "article_id"])
        asserted, hedged, n = _expected(ann, ids)
        assert (row.n_articles, row.n_signals) == (len(ids), n)
        assert row.asserted == pytest.approx(asserted, abs=1e-6) and row.hedged == pytest.approx(hedged, abs=1e-6)
    republished = day[(day["outlet"] == "unknown (republished)") & (day["side"] == ALL)]
    assert len(republished) == 2  # 21 Dec 2021 and 21 Jan 2022


def test_undated_articles_are_kept(ann: Any) -> None:
    arts = ann.articles.copy()
    undated = arts["article_id"].isin(["001_b1cb49b56e4e3559", "004_77b32d5af63084ed"])
    arts.loc[undated, "published"] = pd.NaT
    arts.loc[arts["article_id"] == "004_77b32d5af63084ed", "outlet"] = pd.NA
    ann2 = dataclasses.replace(ann, articles=arts)
    idx = article_index(ann2)
    assert idx.loc[idx["side"] == ALL, "day"].isna().sum() == 2
    day = daily_index(ann2)
    nat = day[day["day"].isna() & (day["outlet"] == ALL) & (day["side"] == ALL)].iloc[0]
    asserted, _, n = _expected(ann, ["001_b1cb49b56e4e3559", "004_77b32d5af63084ed"])
    assert (nat["n_articles"], nat["n_signals"]) == (2, n) and nat["asserted"] == pytest.approx(asserted, abs=1e-6)
    assert day["day"].isna().iloc[-1]  # undated rows sort last
    assert day.loc[day["day"].isna() & (day["side"] == ALL), "outlet"].isna().sum() == 1  # no outlet: kept as null


def test_no_signals_gives_zero_rows_per_article(ann: Any) -> None:
    quiet = dataclasses.replace(ann, signals=tables.empty("signals"))
    idx = article_index(quiet)
    assert list(idx["article_id"]) == list(ann.articles["article_id"]) and set(idx["side"]) == {ALL}
    assert (idx["asserted"] == 0).all() and (idx["n_signals"] == 0).all()
    assert len(daily_index(quiet)) == 2 * ann.articles["published"].dt.floor("D").nunique()
