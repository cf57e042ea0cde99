"""Cross-outlet quote clusters on the seed articles."""

from __future__ import annotations

import pandas as pd

from toolkit.clusters import normalise, quote_clusters


def _row(quotes: pd.DataFrame, opening: str) -> pd.Series:
    hits = quotes[quotes["text"].str.contains(opening, regex=False)]
    assert len(hits) == 1, hits["text"].tolist()
    return hits.iloc[0]


def test_two_translations_of_putins_remark_share_a_cluster(ann) -> None:
    # The Guardian: Putin said Western influence left Russia “nowhere further to retreat to” … “watch idly”;
    # the AP report of the same speech: “We can’t retreat any further,” he said. “… we’ll sit idly …”
    q = ann.quotes.merge(ann.articles[["article_id", "outlet"]], on="article_id")
    guardian = _row(q, "nowhere further to retreat to")
    ap = _row(q, "We can’t retreat any further")
    assert guardian["outlet"] != ap["outlet"]
    assert guardian["quote_cluster"] == ap["quote_cluster"]


def test_a_shared_organisation_name_is_not_a_shared_statement(ann) -> None:
    # Lavrov: "He also said similar talks would be held with Nato and with the Organization for Security and
    # Co-operation in Europe."; Donfried: "… inside the Organization for Security and Co-operation in Europe (OSCE)."
    lavrov = _row(ann.quotes, "similar talks would be held with Nato and with the Organization for Security")
    donfried = _row(ann.quotes, "the date of talks would be agreed with Moscow")
    assert (lavrov["speaker"], donfried["speaker"]) == ("Sergey Lavrov", "Karen Donfried")
    assert lavrov["quote_cluster"] != donfried["quote_cluster"]


def test_every_quote_has_a_deterministic_cluster_id(ann) -> None:
    again = quote_clusters(ann.quotes.drop(columns="quote_cluster").sample(frac=1, random_state=1))
    again = again.sort_values(["article_id", "quote_idx"]).reset_index(drop=True)
    assert ann.quotes["quote_cluster"].notna().all()
    assert ann.quotes["quote_cluster"].str.fullmatch(r"qc-[0-9a-f]{10}").all()
    assert again["quote_cluster"].tolist() == ann.quotes["quote_cluster"].tolist()


def test_normalise_ignores_marks_case_and_apostrophe_styles() -> None:
    assert normalise("“We can’t retreat ANY further,”") == normalise("\"we can't retreat any further\"")
