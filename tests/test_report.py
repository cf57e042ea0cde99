"""The offline HTML report: sections, escaping of hostile text, determinism, and a real browser with no network."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import toolkit
from toolkit.report import render_report, write_report
from toolkit.signals import load_lexicon

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
HOSTILE_TITLE = "<script>alert(1)</script> <img src=x onerror=alert(2)> {{7*7}} datum.x || alert(5)"
HOSTILE_OUTLET = "<b onmouseover=alert(3)>Evil Daily</b> {{7*7}} ' + alert(6) + '"
# a quote holding a script end tag, a template, and a string that alerts if evaluated as a Vega expression
HOSTILE_QUOTE = "We will not accept </script><script>alert(4)</script> {{7*7}} ' || alert(7) || ' any threat"
CHARTS = ("actors", "escalation", "quotes_by_speaker", "quotes_by_outlet", "quote_list", "signal_list")


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(toolkit.annotate(toolkit.load(SEEDS)), tmp_path_factory.mktemp("seeds") / "report.html")


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report over one article whose title, outlet, text and a quote are HTML/JS/template/Vega injections."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "evil.txt").write_text(
        f"{HOSTILE_TITLE}\n\n"
        "Russia warned on Monday that it could deploy more troops near the border with Ukraine.\n\n"
        f"“{HOSTILE_QUOTE},” Sergey Lavrov said.\n\n"
        "Nato said it was ready for talks with Moscow to reduce tensions.\n", encoding="utf-8")
    (folder / "metadata.csv").write_text(f'file,outlet,published\nevil.txt,"{HOSTILE_OUTLET}",2022-01-10\n',
                                         encoding="utf-8")
    ann = toolkit.annotate(toolkit.load(folder))
    assert ann.articles["title"].tolist() == [HOSTILE_TITLE]
    assert any(HOSTILE_QUOTE in q for q in ann.quotes["text"])
    return write_report(ann, folder / "report.html")


def test_quotes_across_outlets(tmp_path: Path) -> None:
    """A Lavrov quote from a seed article, reworded slightly by a second outlet, forms one cross-outlet cluster."""
    seed = "001_b1cb49b56e4e3559.txt"
    (tmp_path / seed).write_bytes((SEEDS / seed).read_bytes())
    (tmp_path / "wire.txt").write_text(
        "Lavrov says Moscow awaits Nato answers\n\n"
        "“We are now awaiting responses to these proposals, as we were promised, in order to continue the "
        "negotiations,” Russian Foreign Minister Sergey Lavrov told reporters in Moscow.\n\n"
        "He spoke after talks with his German counterpart.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(f"file,outlet,published\n{seed},The National,2022-01-18\n"
                                           "wire.txt,Wire Daily,2022-01-19\n", encoding="utf-8")
    html = render_report(toolkit.annotate(toolkit.load(tmp_path)))
    section = html[html.index('<section id="clusters">'):]
    section = section[:section.index("</section>")]
    assert "1 quote carried by more than one outlet" in section
    assert "Sergey Lavrov" in section and "in 2 outlets, 2 quotes" in section
    assert "We are now awaiting responses to these proposals – as we were promised" in section  # The National
    assert "as we were promised, in order to continue the negotiations" in section  # Wire Daily
    assert "The National · 2022-01-18" in section and "Wire Daily · 2022-01-19" in section


def _outside_scripts(html: str) -> str:
    return re.sub(r"<script>.*?</script>", "", html, flags=re.S)


def test_the_method_names_the_users_data_files(tmp_path: Path) -> None:
    cues, lexicon = tmp_path / "my_cues.csv", tmp_path / "my_lexicon.csv"
    cues.write_text("cue,scope\nwarn,none\n", encoding="utf-8")
    lexicon.write_text("pattern,pos,direction,code,weight\ntroops,,escalation,150,-7.2\n", encoding="utf-8")
    ann = toolkit.annotate(toolkit.load(SEEDS), cues=cues, lexicon=lexicon)
    again = toolkit.Annotations.read(ann.save(tmp_path / "tables"))  # a report made later from the saved tables
    method = render_report(again)
    method = method[method.index('<section id="method">'):method.index('<section id="provenance">')]
    assert f"your quote cues: <code>{cues}</code>" in method
    assert f"escalation lexicon, 1 pattern: <code>{lexicon}</code>" in method
    assert "toolkit/data/escalation.csv" not in method and "quote cues: <code>toolkit/data/cues.csv</code>" in method


def test_sections_and_content(seeds_report: Path) -> None:
    html = seeds_report.read_text(encoding="utf-8")
    for section in ("summary", "overview", "actors", "quotes", "clusters", "signals", "method", "provenance"):
        assert f'<section id="{section}">' in html
    ann = toolkit.annotate(toolkit.load(SEEDS))
    for sha in ann.articles["sha256"]:
        assert sha in html  # provenance appendix
    assert ann.model and ann.model in html
    method = html[html.index('<section id="method">'):html.index('<section id="provenance">')]
    assert [what for what, _, _ in ann.data_files] == [
        "actor aliases", "quote cues", f"escalation lexicon, {len(load_lexicon().entries)} patterns",
        "boilerplate patterns"]
    for what, name, sha in ann.data_files:
        assert f"{what}: <code>{name}</code> (sha256 {sha}…)" in method
    assert "Sergey Lavrov" in html and "bilateral contact between our and US negotiators" in html
    assert "2021-12-21 → 2022-01-21" in html
    assert 'id="chart-dashboard"' in html
    actors = html[html.index('<section id="actors">'):html.index('<section id="quotes">')]
    assert "News media named in the articles are sources, not listed: RIA Novosti, Associated Press." in actors
    assert "<td>RIA Novosti</td>" not in actors


def test_self_contained(seeds_report: Path) -> None:
    html = seeds_report.read_text(encoding="utf-8")
    assert 900_000 < len(html.encode()) < 1_300_000  # the bundle (~0.9 MB) plus a small inline dashboard
    assert html.count("window.dispatchEvent(new Event('vega-offline-ready'))") == 1  # bundle inlined once
    markup = _outside_scripts(html)
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", markup, flags=re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert "default-src 'none'" in html  # CSP: no network even if something tried


def test_hostile_text_is_escaped(hostile_report: Path) -> None:
    html = hostile_report.read_text(encoding="utf-8")
    assert HOSTILE_TITLE not in html and HOSTILE_OUTLET not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b onmouseover=alert(3)&gt;Evil Daily&lt;/b&gt;" in html
    assert len(re.findall(r"<script\b", html, flags=re.I)) == len(re.findall(r"</script", html, flags=re.I))
    charts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)[1:]  # [0] is the Vega bundle
    assert charts and all("<" not in js for js in charts)  # chart JSON carries "<" only as \u003c
    assert not re.search(r"<[a-z]+[^>]*\son\w+\s*=", _outside_scripts(html), flags=re.I)  # no event handlers


def test_deterministic(seeds_report: Path, tmp_path: Path) -> None:
    again = write_report(toolkit.annotate(toolkit.load(SEEDS)), tmp_path / "again.html")
    assert again.read_bytes() == seeds_report.read_bytes()
    code = ("import sys, toolkit; from toolkit.report import render_report; "
            "sys.stdout.buffer.write(render_report(toolkit.annotate(toolkit.load(sys.argv[1]))).encode())")
    other = subprocess.run([sys.executable, "-c", code, str(SEEDS)], capture_output=True, check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout
    assert other == seeds_report.read_bytes()  # another process, another hash seed: same bytes


def test_title_override(seeds_report: Path) -> None:
    html = render_report(toolkit.annotate(toolkit.load(SEEDS)), title="Talks <Dec–Jan>")
    assert "<title>Talks &lt;Dec–Jan&gt;</title>" in html and "<h1>Talks &lt;Dec–Jan&gt;</h1>" in html


# --- in Chromium, with every non-local request blocked ---------------------------------------------------------

_LOCAL = ("file:", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM)
        yield b
        b.close()


_ALL_DRAWN = ("() => [...document.querySelectorAll('.vega-offline')].every(e => e.vegaView !== undefined) "
              "&& document.readyState === 'complete'")


def _open(chromium: Any, path: Path, ready: str = _ALL_DRAWN) -> tuple[Any, dict[str, list[str]]]:
    """Open ``path`` with network blocked and wait for ``ready`` (default: every chart embedded); record
    blocked requests, dialogs, console errors and page errors."""
    page = chromium.new_page(viewport={"width": 1280, "height": 1000})
    seen: dict[str, list[str]] = {"blocked": [], "dialogs": [], "errors": []}

    def route(r: Any) -> None:
        if r.request.url.startswith(_LOCAL):
            r.continue_()
        else:
            seen["blocked"].append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(path.resolve().as_uri())
    page.wait_for_function(ready, timeout=20_000)
    return page, seen


def _marks(page: Any) -> dict[str, int]:
    return {name: page.locator(f"#chart-dashboard svg g.{name}_marks > *").count() for name in CHARTS}


def _bars(page: Any, name: str) -> list[str]:
    """The aria-labels of a bar chart's marks: one "actor: …; mentions: …" string per bar."""
    return page.locator(f"#chart-dashboard g.{name}_marks path").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))")


@pytest.mark.browser
def test_report_in_chromium(chromium: Any, seeds_report: Path) -> None:
    page, seen = _open(chromium, seeds_report)
    before = _marks(page)
    assert all(n > 0 for n in before.values()), before
    labels = page.locator("#chart-dashboard svg g.quote_list_marks text")
    signals = page.locator("#chart-dashboard svg g.signal_list_marks text")
    all_quotes, all_signals, all_actors = labels.all_text_contents(), signals.all_text_contents(), _bars(page, "actors")

    lavrov = '#chart-dashboard g.actors_marks path[aria-label*="actor: Sergey Lavrov"]'
    page.locator(lavrov).click()  # click an actor bar
    page.wait_for_function("() => document.getElementById('chart-dashboard').vegaView.signal('actor').actor")
    picked = labels.all_text_contents()
    assert picked and picked != all_quotes and all(t.startswith("Sergey Lavrov:") for t in picked)
    assert signals.all_text_contents() != all_signals
    page.locator(lavrov).dblclick()

    page.select_option("#chart-dashboard .vega-bind select", "Sergey Lavrov")  # the actor dropdown
    page.wait_for_timeout(300)
    assert labels.all_text_contents() == picked
    page.select_option("#chart-dashboard .vega-bind select", "")
    page.wait_for_timeout(300)
    assert labels.all_text_contents() == all_quotes

    page.locator("#chart-dashboard .vega-bind", has_text="The National").locator("input").uncheck()  # an outlet
    page.wait_for_timeout(300)
    outlets = page.locator("#chart-dashboard g.quotes_by_outlet_marks path")
    assert 0 < outlets.count() < before["quotes_by_outlet"]
    assert not any("The National" in (a or "") for a in _bars(page, "quotes_by_outlet"))
    page.locator("#chart-dashboard .vega-bind", has_text="The National").locator("input").check()

    page.fill("#chart-dashboard .vega-bind input[type=search]", "talks")  # the quote search box
    page.wait_for_timeout(300)
    found = labels.all_text_contents()
    assert found and found != all_quotes and any("talks" in t.lower() for t in found)
    assert all("talks" in t.lower() or t.endswith("…") for t in found)  # a cut line may hold it past the cut
    page.fill("#chart-dashboard .vega-bind input[type=search]", "")

    box = page.locator("#chart-dashboard g.escalation_marks").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2)  # brush the January days
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] + 6, box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    brush = page.evaluate("() => document.getElementById('chart-dashboard').vegaView.signal('brush')")
    assert brush.get("date"), brush
    brushed = labels.all_text_contents()
    assert brushed and brushed != all_quotes  # only quotes from the brushed days
    assert _bars(page, "actors") != all_actors  # and only their mentions in the actor chart
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    page.locator("#overview").screenshot(path=str(ARTIFACTS / "report-dashboard-brushed.png"))
    assert seen == {"blocked": [], "dialogs": [], "errors": []}
    page.close()


@pytest.mark.browser
def test_hostile_report_in_chromium(chromium: Any, hostile_report: Path) -> None:
    page, seen = _open(chromium, hostile_report)
    page.wait_for_timeout(300)
    assert page.locator("h1").inner_text() == "Crisis news report: 1 article, 2022-01-10 to 2022-01-10"
    for text in (HOSTILE_TITLE, HOSTILE_OUTLET, HOSTILE_QUOTE):  # shown as text in the HTML sections
        assert page.locator("main").get_by_text(text).count() >= 1, text
    assert page.locator(".vega-bind", has_text=HOSTILE_OUTLET).count() == 1  # the outlet checkbox's label
    quote_line = page.locator("#chart-dashboard g.quote_list_marks text").all_text_contents()
    assert any("</script><script>alert(4)</script> {{7*7}} ' || alert(7)" in t for t in quote_line)  # in the chart
    assert page.locator("img").count() == 0 and page.locator("b[onmouseover]").count() == 0
    assert seen == {"blocked": [], "dialogs": [], "errors": []}  # no alert, nothing fetched, no error
    page.close()


# --- notebooks exported with nbconvert ---------------------------------------------------------------------------

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))


def _nbconvert(*args: str, cwd: Path) -> None:
    """nbconvert as ``make report`` runs it; a hung kernel (jupyter/nbclient#312 hung notebook 02) fails here."""
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--log-level=ERROR", *args], cwd=cwd, check=True,
                   timeout=300)


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def notebook_html(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The notebook executed once in a fresh kernel, then exported by nbconvert's ``html`` and our
    ``offline_html`` exporter (``make report`` uses the latter)."""
    out = tmp_path_factory.mktemp("nbhtml")
    nb: Path = request.param
    _nbconvert("--to", "notebook", "--execute", "--KernelManager.transport=ipc", "--output-dir", str(out), nb.name,
               cwd=nb.parent)
    executed = out / nb.name
    _nbconvert("--to", "html", "--output", "plain", executed.name, cwd=out)
    _nbconvert("--to", "toolkit.nbexport.OfflineHTMLExporter", "--output", "offline", executed.name, cwd=out)
    return {"notebook": nb, "plain": out / "plain.html", "offline": out / "offline.html"}


def _chart_marks(page: Any) -> list[int]:
    """Drawn marks per chart on the page (every SVG mark element under a ``role-mark`` group)."""
    return page.evaluate("() => [...document.querySelectorAll('.vega-offline')]"
                         ".map(c => c.querySelectorAll('svg g.role-mark > *').length)")


@pytest.mark.browser
def test_notebook_html_in_chromium(chromium: Any, notebook_html: dict[str, Path]) -> None:
    markup = notebook_html["offline"].read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=[\"']?(https?:)?//", markup, flags=re.I)
    page, seen = _open(chromium, notebook_html["offline"])
    marks = _chart_marks(page)
    assert all(n > 0 for n in marks), marks  # every static chart drawn
    if not marks:  # charts only inside ipywidgets (they need a kernel): the export says so instead
        assert page.get_by_text("Interactive widget: it needs a running kernel").count() >= 1
    assert seen == {"blocked": [], "dialogs": [], "errors": []}  # no CDN script, no request at all
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"notebook-{notebook_html['notebook'].stem}.png"), full_page=True)
    page.close()
    # nbconvert's own --to html also draws every chart offline; only its CDN scripts (require.js, MathJax,
    # the widget manager) fail, and they are not needed.
    page, seen = _open(chromium, notebook_html["plain"])
    assert _chart_marks(page) == marks
    assert seen["blocked"] and all(url.startswith("https://") for url in seen["blocked"])
    assert not seen["dialogs"] and all("Failed to load resource" in e for e in seen["errors"])
    page.close()
