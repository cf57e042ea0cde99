"""The explorer (toolkit.widgets) on the annotated seeds: filters, linked-chart specs, odd states, sentences."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pandas as pd
import pytest
import vl_convert as vlc

from toolkit.charts import crisis_mentions
from toolkit.index import ALL, daily_index
from toolkit.widgets import Explorer, ExplorerWidget, Filters, explore, sentence_html

from .test_charts import _filters, _units

VL = "6.4"


@pytest.fixture(scope="module")
def ex(ann: Any) -> Explorer:
    return Explorer(ann)


def test_view_links_actors_timeline_and_counts_mentions(ann: Any, ex: Explorer) -> None:
    view = ex.view()
    assert view.message == "" and view.counts["articles"] == 5
    assert view.actors[:2] == ["Russia", "NATO"] and "Sergey Lavrov" in view.actors
    spec = view.spec
    json.dumps(spec, allow_nan=False)  # what the widget sends must be strict JSON (no NaN)
    assert {p["name"]: p["views"] for p in spec["params"]} == {"actor": ["actors"], "brush": ["escalation"]}
    units = _units(spec)
    assert "vlSelectionTest('brush_store', datum)" in " ".join(map(str, _filters(units["actors"])))  # brush → actors
    assert "vlSelectionTest('actor_store', datum)" in " ".join(map(str, _filters(units["escalation"])))  # click
    actors = pd.DataFrame([r for r in spec["datasets"]["actors_data"] if not r.get("note")])
    lavrov = ann.mentions["actor"].eq("Sergey Lavrov").sum()
    assert actors.loc[actors["actor"].eq("Sergey Lavrov"), "n"].sum() == lavrov
    # the unclicked timeline rows are toolkit.index's escalation index (all outlets, all sides), day by day
    rows = pd.DataFrame([r for r in spec["datasets"]["escalation_data"] if not r.get("note")])
    mine = rows[~rows["for_pick"]].pivot(index="day", columns="series", values="index").fillna(0.0)
    daily = daily_index(ann)
    daily = daily[(daily["outlet"] == ALL) & (daily["side"] == ALL) & (daily["n_signals"] > daily["n_negated"])]
    daily = daily.set_index(daily["day"].dt.strftime("%Y-%m-%d"))
    assert list(mine.index) == list(daily.index)
    assert mine["asserted"].to_numpy() == pytest.approx(daily["asserted"].to_numpy(dtype=float), abs=1e-5)
    assert mine["hedged/conditional"].to_numpy() == pytest.approx(daily["hedged"].to_numpy(dtype=float), abs=1e-5)
    svg = vlc.vegalite_to_svg(spec, vl_version=VL)
    assert svg.count("<path") > 30 and "Sergey Lavrov" in svg


def test_filters_narrow_every_view(ann: Any, ex: Explorer) -> None:
    one = ex.view(Filters(outlets=("The National",)))
    assert one.counts["articles"] == 1 and one.counts["quotes"] == ann.quotes["article_id"].str.startswith("001_").sum()
    assert all(key.startswith("001_") for _, key in ex.lines("quote", Filters(outlets=("The National",))))
    nato = ex.view(Filters(sides=("NATO",)))
    sides = dict(zip(ann.actors["actor"], ann.actors["side"]))
    assert nato.actors and {sides[a] for a in nato.actors} == {"NATO"}
    esc = ex.lines("signal", Filters(escalation_only=True))
    assert esc and all(label.startswith("▲") for label, _ in esc)
    late = ex.view(Filters(days=(pd.Timestamp("2022-01-18"), pd.Timestamp("2022-01-21"))))
    assert late.counts["articles"] == 2
    lavrov = ex.lines("quote", Filters(actor="LAVROV"))
    assert lavrov and all(label.startswith("Sergey Lavrov:") for label, _ in lavrov)


def test_clicked_actor_and_brushed_days_filter_the_lists(ex: Explorer) -> None:
    day = ex._day_ms[ex.days.tolist().index(pd.Timestamp("2021-12-21").value)]
    brushed = ex.lines("quote", window=[day, day])
    assert brushed and all(key.startswith("003_") for _, key in brushed)  # the only article of 21 Dec 2021
    putin = ex.lines("signal", actor="Vladimir Putin")
    assert putin and len(putin) < len(ex.lines("signal"))
    html = ex.detail({"actor": "Sergey Lavrov"})
    assert html.startswith("<p><b>Sergey Lavrov:") and html.count("<mark") == 3


def test_no_match_gives_a_message_chart_not_a_blank_one(ex: Explorer) -> None:
    view = ex.view(Filters(actor="Atlantis"))
    assert view.message == "No actor's name or alias contains 'Atlantis'."
    assert "alias contains" in vlc.vegalite_to_svg(view.spec, vl_version=VL)  # the message is drawn
    assert ex.lines("quote", Filters(actor="Atlantis")) == []
    assert "No actor" in ex.detail({}, Filters(actor="Atlantis"))
    dates = ex.view(Filters(days=(pd.Timestamp("2020-01-01"), pd.Timestamp("2020-02-01"))))
    assert dates.message == "No article matches these dates and outlets."


def test_actor_with_no_quotes_shows_the_sentences_that_mention_them(ann: Any, ex: Explorer) -> None:
    quoted = set(ann.quotes["speaker"].dropna())
    silent = next(a for a in ex.view().actors if a not in quoted)
    assert ex.lines("quote", actor=silent) == []
    html = ex.detail({"actor": silent})
    assert "has no quote in this selection; sentences that mention them" in html and "<mark" in html


def test_undated_articles(ann: Any) -> None:
    arts = ann.articles.copy()
    arts.loc[arts["article_id"].str.startswith("002_"), "published"] = pd.NaT
    ex = Explorer(replace(ann, articles=arts))
    view = ex.view()
    assert "1 article(s) without a date are left off the timeline." in view.message
    assert view.counts["articles"] == 5 and len(ex.days) == 4
    undated = [r for r in view.spec["datasets"]["actors_data"] if r.get("date", 0) is None]
    assert undated  # its mentions still count in the actor chart
    assert ex.view(Filters(days=(ex.days[0], ex.days[-1]))).counts["articles"] == 4  # a date range drops it
    none = Explorer(replace(ann, articles=arts.assign(published=pd.NaT)))
    spec = none.view().spec
    assert [p["name"] for p in spec["params"]] == ["actor"]
    assert "No dated article: no timeline" in vlc.vegalite_to_svg(spec, vl_version=VL)


def test_one_article_corpus_in_the_widget(ann: Any) -> None:
    ui = explore(ann.subset(outlet="The National"))
    assert isinstance(ui, ExplorerWidget) and ui.days.disabled and len(ui.days.options) == 1
    assert ui.view is not None and ui.view.message == "" and ui.view.counts["articles"] == 1
    assert ui.chart.spec["datasets"]["actors_data"]
    svg = vlc.vegalite_to_svg(ui.chart.spec, vl_version=VL)
    assert svg.count("<path") > 10


def test_widget_filters_redraw_and_read(ann: Any) -> None:
    ui = explore(ann)
    before = ui.chart.spec
    ui.actor.value = "Atlantis"
    assert "No actor&#x27;s name or alias contains" in ui.status.value
    assert ui.quotes.options == (("(no quote for this selection)", ""),)
    ui.actor.value = ""
    ui.escalation.value = True
    assert ui.chart.spec != before and ui.view.counts["signals"] < len(ann.signals)
    label, key = ui.quotes.options[0]
    ui.quotes.value = key
    assert "<mark" in ui.detail.value and label.split(":")[0] in ui.detail.value


def test_large_corpus_stays_small_on_the_wire(ann: Any) -> None:
    """5,000+ mention rows: the chart carries aggregates only (no MaxRowsError, bounded datasets)."""
    n = 14
    frames = {name: pd.concat([df.assign(article_id=df["article_id"] + f"~{k}") for k in range(n)],
                              ignore_index=True)
              for name, df in ann.tables().items() if name != "actors"}
    big = Explorer(replace(ann, **frames))
    assert len(frames["mentions"]) > 5000
    view = big.view()
    rows = view.spec["datasets"]
    assert len(rows["actors_data"]) <= 15 * 5 + 1
    assert view.counts["mentions"] == n * len(crisis_mentions(ann.mentions, ann.actors))  # news media left out
    assert view.chart.to_dict()["datasets"] == rows
    assert vlc.vegalite_to_svg(view.spec, vl_version=VL).count("<path") > 30


def test_sentence_html_highlights_the_sentence_in_its_paragraph(ann: Any) -> None:
    sents = ann.sentences[ann.sentences["article_id"].eq("001_b1cb49b56e4e3559")]
    row = sents.iloc[2]
    html = sentence_html(ann, row["article_id"], int(row["sent_idx"]), (int(row["start"]), int(row["start"]) + 5),
                         base=ann.articles["path"].iloc[0].rsplit("/", 2)[0])
    marked = html.split("<mark style='background:#fff1a8'>")[1].split("</mark>")[0]
    assert marked.replace("<b>", "").replace("</b>", "") == row["text"].replace("'", "&#x27;").replace('"', "&quot;")
    assert "The National" in html and "2022-01-18" in html and "href='seeds/001_b1cb49b56e4e3559.txt'" in html
    assert "not in this corpus" in sentence_html(ann, "nope", 0)
