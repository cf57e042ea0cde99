"""The offline report: one self-contained, deterministic HTML file for an annotated corpus.

The page holds the vega/vega-lite/vega-embed bundle once (about 0.9 MB), the linked dashboard of
:func:`toolkit.charts.report_dashboard` with its data inline once, and static HTML sections: corpus summary (with load
warnings and skipped inputs), top actors, quotes by speaker, escalation signals over time with their
sentences, method and caveats, and a provenance appendix (file, outlet, date, sha256 per article). Nothing is
fetched at view time: a Content-Security-Policy forbids every network request. All corpus text is
HTML-escaped, and JSON inside ``<script>`` escapes ``<``, ``>`` and ``&``. The same input gives a
byte-identical file: no timestamps, no random ids.

>>> import toolkit
>>> ann = toolkit.annotate(toolkit.load("seeds/"))
>>> html = render_report(ann, "Seeds")
>>> html.startswith("<!doctype html>") and html.count("window.vegaEmbed") > 0
True
"""

from __future__ import annotations

import html
import re
import sys
import types
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from . import __version__, charts, offline
from .tables import AnnotatedTables
from ._files import atomic_write

__all__ = ["render_report", "write_report"]

_MAX_SPEAKERS, _MAX_QUOTES_PER_SPEAKER, _MAX_SIGNALS, _MAX_ACTORS, _MAX_CLUSTERS = 40, 25, 30, 25, 20
_MAX_LISTED = 12  # longer article and problem lists fold away under <details>
_SAME_QUOTE, _MIN_WORDS = 0.5, 4  # word-set Jaccard at which two quotes of a speaker count as one; shorter skip
_CSP = ("default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
        "img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")
_SIDE_COLOUR = dict(zip(charts.SIDES, charts.SIDE_COLOURS))
_CSS = """
:root { --ink: #1d232b; --muted: #5c6670; --line: #dde1e6; --band: #f5f7f9; --accent: #1f4e9c; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.45;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header, main, footer { max-width: 1240px; margin: 0 auto; padding: 0 28px; }
header { padding-top: 28px; border-bottom: 1px solid var(--line); }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 40px 0 10px; padding-top: 8px; border-top: 3px solid var(--accent); }
h3 { font-size: 16px; margin: 22px 0 6px; }
h4 { font-size: 15px; margin: 16px 0 4px; }
.sub, .note, figcaption { color: var(--muted); font-size: 13.5px; }
nav { margin: 12px 0 16px; font-size: 14px; }
nav a { color: var(--accent); margin-right: 14px; text-decoration: none; white-space: nowrap; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 14px 0; }
.card { background: var(--band); border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px;
  min-width: 110px; }
.card b { display: block; font-size: 20px; white-space: nowrap; }
.card.range b { font-size: 16px; line-height: 28px; }
.card span { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin: 8px 0 4px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--band); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px;
  word-break: break-all; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
blockquote { margin: 6px 0 10px; padding: 4px 12px; border-left: 3px solid var(--line); }
blockquote .meta { color: var(--muted); font-size: 12.5px; }
.warn { color: #8a4b00; }
figure { margin: 12px 0; overflow-x: auto; }
.vega-embed { font-family: inherit; }
#chart-dashboard { display: flex; flex-direction: column; align-items: flex-start; }
#chart-dashboard .vega-bindings { order: -1; margin: 0 0 12px 4px; }
.vega-bind { font-size: 14px; }
mark { background: #fde7a9; padding: 0 1px; }
td.nowrap { white-space: nowrap; }
summary { cursor: pointer; color: var(--accent); margin: 8px 0; }
.vega-bind select { font: inherit; padding: 2px 4px; margin-left: 6px; }
footer { margin-top: 48px; padding: 16px 28px 40px; border-top: 1px solid var(--line); }
"""


class _Annotations(AnnotatedTables, Protocol):
    """What the report reads: the six tables and the load report (``toolkit.Annotations``)."""

    load_report: list[dict[str, Any]]


def _e(value: Any) -> str:
    """HTML-escape any cell; missing values show as an em dash."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    return html.escape(str(value), quote=True)


def _day(value: Any) -> str:
    return "—" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _table(head: Sequence[str], rows: Iterable[Sequence[str]], numeric: Iterable[int] = (),
           mono: Iterable[int] = (), nowrap: Iterable[int] = ()) -> str:
    """An HTML table; ``head`` is escaped here, cells must already be HTML."""
    kinds = {**{i: "nowrap" for i in nowrap}, **{i: "mono" for i in mono}, **{i: "num" for i in numeric}}
    cls = [f' class="{kinds[i]}"' if i in kinds else "" for i in range(len(head))]
    th = "".join(f"<th{c}>{_e(h)}</th>" for c, h in zip(cls, head))
    body = "".join("<tr>" + "".join(f"<td{c}>{cell}</td>" for c, cell in zip(cls, row)) + "</tr>\n" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>\n{body}</tbody></table>"


def _swatch(side: Any) -> str:
    name = side if isinstance(side, str) and side in _SIDE_COLOUR else "other"
    return f'<span class="swatch" style="background:{_SIDE_COLOUR[name]}"></span>'


def _side(side: Any) -> str:
    return _swatch(side) + _e(side)


def _default_title(ann: _Annotations) -> str:
    dates = ann.articles["published"].dropna()
    span = f", {_day(dates.min())} to {_day(dates.max())}" if len(dates) else ""
    n = len(ann.articles)
    return f"Crisis news report: {n} article{'s' * (n != 1)}{span}"


def _summary(ann: _Annotations) -> str:
    arts = ann.articles
    dates = arts["published"].dropna()
    attributed = int(ann.quotes["speaker"].notna().sum())
    cards = [
        (len(arts), "articles"), (arts["outlet"].nunique(dropna=True), "outlets"),
        (int(arts["n_words"].fillna(0).sum()), "words"), (len(ann.actors), "actors"),
        (len(ann.quotes), f"quotes ({attributed} attributed)"), (len(ann.signals), "signals"),
    ]
    card_html = "".join(f'<div class="card"><b>{_e(v)}</b><span>{_e(k)}</span></div>' for v, k in cards)
    span = f"{_day(dates.min())} → {_day(dates.max())}" if len(dates) else "no dates"
    card_html += f'<div class="card range"><b>{_e(span)}</b><span>date range ({len(dates)} dated)</span></div>'
    n_quotes = ann.quotes.groupby("article_id").size()
    n_signals = ann.signals.groupby("article_id").size()
    rows = [[_e(r.title), _e(r.outlet), _day(r.published), _e(r.n_words), _e(n_quotes.get(r.article_id, 0)),
             _e(n_signals.get(r.article_id, 0))] for r in arts.itertuples()]
    table = _table(["title", "outlet", "published", "words", "quotes", "signals"], rows, numeric=[3, 4, 5],
                   nowrap=[2])
    if len(arts) > _MAX_LISTED:
        table = (_by_outlet(arts, n_quotes, n_signals)
                 + _folded(f"All {len(arts)} articles (title, outlet, date, counts)", table))
    loaded = [e for e in ann.load_report if e.get("status") == "loaded"]
    skipped = [e for e in ann.load_report if e.get("status") != "loaded"]
    warned = [e for e in loaded if e.get("warnings")]
    problems = [f'<li class="warn">skipped <code>{_e(e.get("path"))}</code>: {_e(e.get("reason"))}</li>'
                for e in skipped]
    problems += [f'<li class="warn">warning for <code>{_e(e.get("path"))}</code>: {_e(w)}</li>'
                 for e in warned for w in e["warnings"]]
    listed = f"<ul>{''.join(problems)}</ul>"
    if len(problems) > _MAX_LISTED:
        listed = _folded(f"All {len(problems)} skips and warnings", listed)
    load = (f'<p>Inputs: {len(loaded)} loaded, {len(skipped)} skipped, {len(warned)} with warnings.</p>'
            + (listed if problems else '<p class="note">No skips or warnings.</p>'))
    return f'<div class="cards">{card_html}</div>\n{table}\n<h3>Load report</h3>\n{load}'


def _folded(label: str, body: str) -> str:
    """A long list closed by default (no script: ``<details>``), so the charts stay near the top."""
    return f"<details><summary>{_e(label)}</summary>\n{body}\n</details>"


def _by_outlet(arts: pd.DataFrame, n_quotes: pd.Series, n_signals: pd.Series) -> str:
    """One row per outlet: articles, first and last date, words, quotes, signals."""
    rows = []
    outlets = arts["outlet"].astype(object).where(arts["outlet"].notna(), None)
    for outlet in sorted(outlets.unique(), key=lambda o: (o is None, -int((outlets == o).sum()), str(o))):
        sub = arts[outlets.isna()] if outlet is None else arts[outlets.eq(outlet)]
        ids = sub["article_id"]
        rows.append([_e(outlet), _e(len(sub)), _day(sub["published"].min()), _day(sub["published"].max()),
                     _e(int(sub["n_words"].fillna(0).sum())), _e(int(n_quotes.reindex(ids).fillna(0).sum())),
                     _e(int(n_signals.reindex(ids).fillna(0).sum()))])
    return _table(["outlet", "articles", "first", "last", "words", "quotes", "signals"], rows,
                  numeric=[1, 4, 5, 6], nowrap=[2, 3])


def _dashboard(ann: _Annotations) -> str:
    spec = charts.report_dashboard(ann).to_dict()
    guide = ("<strong>How to use:</strong> pick an actor from the <i>Actor</i> list or click an actor bar "
             "(double-click to clear) to keep that actor's quotes and signals; untick outlets to leave them out; "
             "type in <i>Search quotes</i> to keep the quotes holding that text; drag across the escalation "
             "timeline to keep only articles from those days (click outside the brush to clear). "
             "Hover over a line for its article, outlet and day.")
    return f'<p class="note">{guide}</p>\n<figure>{offline.chart_html(spec, "chart-dashboard")}</figure>'


def _actors(ann: _Annotations) -> str:
    actors = charts.crisis_actors(ann.actors)
    top = actors.head(_MAX_ACTORS)
    if top.empty:
        return '<p class="note">No actors found.</p>'
    rows = [[_e(r.actor), _side(r.side), _e(r.kind), _e(r.role), _e(r.n_mentions), _e(r.n_articles)]
            for r in top.itertuples()]
    media = ann.actors.loc[~ann.actors.index.isin(actors.index), "actor"].head(8).tolist()
    note = f"Top {len(top)} of {len(actors)} canonical actors by mentions." + (
        f" News media named in the articles are sources, not listed: {_e(', '.join(media))}"
        f"{', …' if len(ann.actors) - len(actors) > len(media) else ''}." if media else "")
    return f'<p class="note">{note}</p>' + _table(["actor", "side", "kind", "role", "mentions", "articles"], rows,
                                                  numeric=[4, 5])


def _quotes(ann: _Annotations) -> str:
    quotes = ann.quotes
    if quotes.empty:
        return '<p class="note">No quotes found.</p>'
    meta = ann.articles.set_index("article_id")[["outlet", "published", "title"]]
    sides = dict(zip(ann.actors["actor"], ann.actors["side"]))
    who = quotes["speaker"].fillna("")
    order = who.value_counts(sort=False).rename("n").reset_index()
    order.columns = ["speaker", "n"]
    order = order.assign(unattributed=order["speaker"] == "").sort_values(
        ["unattributed", "n", "speaker"], ascending=[True, False, True], kind="mergesort")
    parts = []
    for speaker, n in zip(order["speaker"].head(_MAX_SPEAKERS), order["n"].head(_MAX_SPEAKERS)):
        heading = _swatch(sides.get(speaker)) + _e(speaker) if speaker else "Unattributed"
        shown = quotes[who == speaker].head(_MAX_QUOTES_PER_SPEAKER)
        more = f' <span class="note">(showing {len(shown)} of {n})</span>' if n > len(shown) else ""
        items = []
        for q in shown.itertuples():
            art = meta.loc[q.article_id]
            items.append(f'<blockquote>{_e(q.text)}<div class="meta">{_e(q.kind)} · cue {_e(q.cue)} · '
                         f'{_e(art.outlet)} · {_day(art.published)} · {_e(art.title)}</div></blockquote>')
        parts.append(f"<h3>{heading} <span class=\"note\">{n} quote{'s' * (n != 1)}</span>{more}</h3>"
                     + "".join(items))
    if len(order) > _MAX_SPEAKERS:
        parts.append(f'<p class="note">{len(order) - _MAX_SPEAKERS} more speakers not shown.</p>')
    return "\n".join(parts)


def _quote_clusters(ann: _Annotations) -> list[pd.DataFrame]:
    """Quotes of one speaker carried by several outlets: quotes from different outlets whose word sets overlap
    by Jaccard ≥ ``_SAME_QUOTE``, linked transitively into groups; most outlets first."""
    meta = ann.articles.set_index("article_id")[["outlet", "published", "title"]]
    quotes = ann.quotes.dropna(subset=["speaker"]).join(meta, on="article_id")
    quotes["outlet"] = quotes["outlet"].fillna(charts.UNKNOWN_OUTLET)
    clusters = []
    for _, group in quotes.groupby("speaker", sort=True):
        if group["outlet"].nunique() < 2:
            continue
        words = [set(re.findall(r"\w+", str(t).lower())) for t in group["text"]]
        outlets = group["outlet"].tolist()
        parent = list(range(len(group)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                a, b = words[i], words[j]
                if outlets[i] == outlets[j] or min(len(a), len(b)) < _MIN_WORDS or min(len(a), len(b)) < (
                        _SAME_QUOTE * max(len(a), len(b))):
                    continue  # same outlet, too short, or too different in length to overlap enough
                if len(a & b) >= _SAME_QUOTE * len(a | b):
                    parent[root(j)] = root(i)
        roots = pd.Series([root(i) for i in range(len(group))], index=group.index)
        for _, members in group.groupby(roots, sort=True):
            if members["outlet"].nunique() > 1:
                clusters.append(members.sort_values(["published", "article_id", "quote_idx"], kind="mergesort"))
    return sorted(clusters, key=lambda c: (-c["outlet"].nunique(), -len(c), str(c["speaker"].iloc[0])))


def _clusters_html(ann: _Annotations) -> str:
    clusters = _quote_clusters(ann)
    if not clusters:
        return ('<p class="note">No quote of a speaker was found in more than one outlet (quotes of a speaker '
                f"count as the same when their words overlap by at least {_SAME_QUOTE:.0%}).</p>")
    sides = dict(zip(ann.actors["actor"], ann.actors["side"]))
    parts = [f'<p class="note">{len(clusters)} quote{"s" * (len(clusters) != 1)} carried by more than one outlet '
             f"(same speaker, words overlapping by at least {_SAME_QUOTE:.0%})"
             + (f"; the first {_MAX_CLUSTERS} shown" if len(clusters) > _MAX_CLUSTERS else "") + ".</p>"]
    for c in clusters[:_MAX_CLUSTERS]:
        speaker = c["speaker"].iloc[0]
        items = "".join(f'<blockquote>{_e(q.text)}<div class="meta">{_e(q.outlet)} · {_day(q.published)} · '
                        f"{_e(q.title)}</div></blockquote>" for q in c.itertuples())
        parts.append(f'<h4>{_swatch(sides.get(speaker))}{_e(speaker)} <span class="note">in '
                     f'{c["outlet"].nunique()} outlets, {len(c)} quotes</span></h4>{items}')
    return "\n".join(parts)


def _marked(sentences: pd.DataFrame, signal: Any) -> str:
    """The signal's sentence, escaped, with its trigger in ``<mark>`` (offsets index the article text)."""
    key = (signal.article_id, signal.sent_idx)
    if key not in sentences.index:
        return "—"
    start, text = sentences.loc[key, "start"], sentences.loc[key, "text"]
    a, b = int(signal.start) - int(start), int(signal.end) - int(start)
    if not 0 <= a <= b <= len(text):
        return _e(text)
    return f"{_e(text[:a])}<mark>{_e(text[a:b])}</mark>{_e(text[b:])}"


def _signals(ann: _Annotations) -> str:
    index = charts.escalation_index(ann)
    if index.empty:
        per_day = '<p class="note">No dated articles: no per-day index.</p>'
    else:
        wide = index.pivot(index="day", columns="series", values="index").reindex(
            columns=[charts.ASSERTED, charts.HEDGED]).fillna(0.0)
        counts = index.groupby("day")["n_signals"].sum()
        rows = [[_day(day), f"{wide.loc[day, charts.ASSERTED]:.3f}", f"{wide.loc[day, charts.HEDGED]:.3f}",
                 _e(counts.loc[day])] for day in wide.index]
        per_day = _table(["day", "escalation index (asserted)", "hedged/conditional", "signals counted"], rows,
                         numeric=[1, 2, 3])
    sentences = ann.sentences.set_index(["article_id", "sent_idx"])[["start", "text"]]
    if ann.signals.empty:
        strongest = '<p class="note">No escalation signals found.</p>'
    else:
        shown = ann.signals.assign(abs_weight=ann.signals["weight"].abs()).sort_values(
            ["abs_weight", "article_id", "start"], ascending=[False, True, True], kind="mergesort").head(_MAX_SIGNALS)
        meta = ann.articles.set_index("article_id")[["outlet", "published"]]
        rows = [[_e(f"{s.weight:g}"), _e(s.trigger), _e(s.direction), _e(s.category), _e(s.modality), _e(s.actor),
                 _marked(sentences, s),
                 f"{_e(meta.loc[s.article_id, 'outlet'])}<br>{_day(meta.loc[s.article_id, 'published'])}"]
                for s in shown.itertuples()]
        strongest = (f'<p class="note">The {len(shown)} strongest of {len(ann.signals)} signals by |weight|.</p>'
                     + _table(["weight", "trigger", "direction", "category", "modality", "actor", "sentence",
                               "outlet, date"], rows, numeric=[0], nowrap=[1, 2, 4]))
    return f"<h3>Escalation index per day</h3>\n{per_day}\n<h3>Top signals and their sentences</h3>\n{strongest}"


def _method(ann: _Annotations) -> str:
    model = getattr(ann, "model", "") or "unknown"
    files = "".join(f"<li>{_e(what)}: <code>{_e(name)}</code> (sha256 {_e(sha)}…)</li>"
                    for what, name, sha in getattr(ann, "data_files", [])) or "<li>not recorded with these tables</li>"
    return f"""<ul>
<li>Toolkit version {_e(__version__)}; spaCy model <code>{_e(model)}</code> (sentences, entities, dependency
parses). Data files used:<ul>{files}</ul></li>
<li><b>Actors</b> are named-entity mentions mapped to canonical names through the alias table; unknown names
stay unmapped and are not counted. Sides are the alias table's; anything outside Russia, United States, NATO,
Ukraine and European Union is shown as <i>other</i>.</li>
<li><b>Quotes</b> are direct, indirect and mixed attributions found by cue verbs; speakers are resolved from
the cue's subject, pronouns to the nearest preceding person. Unattributed quotes are kept and shown apart.</li>
<li><b>Escalation signals</b> come from the escalation lexicon above (patterns with CAMEO codes and Goldstein
weights; its version is its sha256). The
modality of each signal is read off the dependency parse: <i>negated</i> when a negator governs the trigger
("did not invade", "refused to meet", "ended the talks", "no plans to"), <i>denied</i> when a verb of denial
governs it ("denies planning an invasion", "rejects the invasion claims"), <i>hedged</i> for could/may/might,
possible/likely/reportedly, consider/fear and questions, <i>conditional</i> under if/unless, otherwise
<i>asserted</i>.</li>
<li><b>Escalation index</b> of a day: −Σ Goldstein weight of the asserted signals in articles published that
day, divided by those articles' sentences: above 0 the coverage heats up (escalation weights are negative), below
0 it cools down. Hedged and conditional signals count at half weight in a series of their own.
<b>Negation handling</b>: negated and denied signals are listed (with their modality) but add nothing to the
index, so "Russia has no plans to invade" does not raise it. Weights come from the lexicon, not from a
model.</li>
</ul>
<h3>Caveats</h3>
<ul>
<li>The index follows coverage, not events: it is per sentence, so a busy day is not hotter for its length,
but a day with one or two articles swings on a few sentences. Compare shapes, not levels, and read the sentences
behind a number before quoting it.</li>
<li>Publication dates come from the metadata sidecar where given and may be approximate; undated articles are
left out of the timeline. Outlets may be missing or republished copies.</li>
<li>A lexicon misses paraphrase, irony and reported denials it has no pattern for; the small spaCy model misses
some names and mis-parses long sentences. Treat every number as a pointer to text, not a finding.</li>
</ul>"""


def _provenance(ann: _Annotations) -> str:
    rows = [[_e(r.path), _e(r.article_id), _e(r.outlet), _day(r.published), _e(r.n_words), _e(r.encoding),
             _e(r.sha256)] for r in ann.articles.itertuples()]
    return _table(["file", "article id", "outlet", "published", "words", "encoding", "sha256 (cleaned text)"],
                  rows, numeric=[4], mono=[6])


def render_report(ann: _Annotations, title: str | None = None) -> str:
    """The report for ``ann`` as one HTML string (see the module docstring); ``title`` defaults to a summary."""
    title = title or _default_title(ann)
    sections = [
        ("summary", "Corpus summary", _summary(ann)),
        ("overview", "Interactive overview", _dashboard(ann)),
        ("actors", "Top actors", _actors(ann)),
        ("quotes", "Quotes with speakers", _quotes(ann)),
        ("clusters", "Quotes across outlets", _clusters_html(ann)),
        ("signals", "Escalation signals over time", _signals(ann)),
        ("method", "Method and caveats", _method(ann)),
        ("provenance", "Provenance appendix", _provenance(ann)),
    ]
    nav = "".join(f'<a href="#{key}">{_e(name)}</a>' for key, name, _ in sections)
    body = "\n".join(f'<section id="{key}">\n<h2>{_e(name)}</h2>\n{content}\n</section>'
                     for key, name, content in sections)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="crisis-toolkit {_e(__version__)}">
<title>{_e(title)}</title>
<style>{_CSS}</style>
<script>{offline.bundle_script()}</script>
</head>
<body>
<header>
<h1>{_e(title)}</h1>
<p class="sub">Self-contained offline report: works without a network or a Python kernel.</p>
<nav>{nav}</nav>
</header>
<main>
{body}
</main>
<footer class="note">Generated by crisis-toolkit {_e(__version__)}. Same input, same bytes: no timestamps.</footer>
</body>
</html>
"""


def write_report(ann: _Annotations, path: str | Path, title: str | None = None) -> Path:
    """Write :func:`render_report` to ``path`` (UTF-8, atomically) and return the path.

    >>> import toolkit, tempfile, pathlib
    >>> out = write_report(toolkit.annotate(toolkit.load("seeds/")), pathlib.Path(tempfile.mkdtemp()) / "r.html")
    >>> out.stat().st_size > 900_000
    True
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = render_report(ann, title).encode("utf-8")
    atomic_write(path, lambda tmp: Path(tmp).write_bytes(data))
    return path


class _CallableModule(types.ModuleType):
    """Lets ``toolkit.report(ann, path)`` call :func:`write_report` while ``toolkit.report`` stays this module."""

    def __call__(self, ann: _Annotations, path: str | Path, title: str | None = None) -> Path:
        return write_report(ann, path, title=title)


sys.modules[__name__].__class__ = _CallableModule
