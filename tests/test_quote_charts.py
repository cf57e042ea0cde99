"""Quote charts and the quote explorer on the annotated seeds, tested through their specs and HTML."""

from __future__ import annotations

import contextlib
import io

from toolkit import charts, tables, widgets


def _values(spec: dict) -> list[dict]:
    data = spec["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def test_actor_quotes_by_outlet_and_day(ann) -> None:
    spec = charts.actor_quotes(ann.quotes, ann.articles, "Sergey Lavrov").to_dict()
    values = _values(spec)
    assert spec["mark"]["type"] == "point" and spec["params"][0]["name"] == "kind"
    assert {v["speaker"] for v in values} == {"Sergey Lavrov"}
    assert len({v["outlet"] for v in values}) >= 3 and any("We do not want war" in v["text"] for v in values)
    # the four Guardian quotes of one day are four points, not one: spread across their row
    places = [(v["outlet"], v["day"], v["offset"]) for v in values]
    assert len(set(places)) == len(values) == 15 and spec["encoding"]["yOffset"]["field"] == "offset"
    assert "datum.kind == kind" in spec["transform"][0]["filter"]
    empty = charts.actor_quotes(ann.quotes, ann.articles, "Nobody").to_dict()
    assert empty["mark"]["type"] == "text" and _values(empty)[0]["message"] == "No quotes of Nobody."


def test_cluster_rows_and_chart_show_putins_remark_in_two_outlets(ann) -> None:
    rows = charts.cluster_rows(ann.quotes, ann.articles)
    putin = rows[rows["text"].str.contains("retreat")]
    assert set(putin["outlet"]) == {"The Guardian (Australia edition)", "unknown (republished)"}
    assert (putin["n_outlets"] == 2).all() and putin["cluster"].str.startswith("Vladimir Putin: “We can’t retreat").all()
    spec = charts.quote_clusters_chart(rows).to_dict()
    assert spec["mark"]["type"] == "circle" and spec["encoding"]["y"]["field"] == "cluster"
    assert len(_values(spec)) == len(rows)
    none = charts.quote_clusters_chart(charts.cluster_rows(tables.empty("quotes"), ann.articles)).to_dict()
    assert none["mark"]["type"] == "text"


def test_quote_paragraph_highlights_the_quote(ann) -> None:
    q = ann.quotes[ann.quotes["text"].str.startswith("“Let’s hope these talks will continue")].iloc[0]
    html = widgets.quote_paragraph(ann, q.article_id, q.quote_idx)
    assert "<mark>“Let’s hope these talks will continue,” <u>he</u> <b>said</b>." in html  # speaker and cue marked
    assert "The National" in html and "2022-01-18" in html and "Sergey Lavrov" in html
    assert "No quote 999" in widgets.quote_paragraph(ann, q.article_id, 999)


def test_quote_explorer_lists_the_actors_quotes(ann) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        box = widgets.quote_explorer(ann)
        actor, kind = box.children[0].children
        kind.value = "direct"
    pick = box.children[2]
    direct = ann.quotes[(ann.quotes["speaker"] == actor.value) & (ann.quotes["kind"] == "direct")]
    assert len(pick.options) == len(direct) > 0
    assert all(" · direct · " in label for label, _ in pick.options)
