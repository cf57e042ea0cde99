"""Report size and open time: seeds (baseline), the crisis corpus (178 articles) and the bench corpus (2,225).

For each corpus: annotate (cached), write the report, open it in Debian's Chromium with every non-local request
aborted and time it from navigation start until every chart is drawn (``performance.now()`` in the page), count
the drawn marks. Also writes the page with the notebook dashboard (:func:`toolkit.charts.dashboard`, one dataset
per chart) to show what the report's shared, pruned data saves. Budgets (issue #8): crisis ≤ 5 MB and < 2 s;
bench < 20 MB.

    python bench/report_size.py                  # all three corpora; reports in build/bench-reports/
    python bench/report_size.py --only crisis
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import toolkit
from toolkit import charts, offline
from toolkit.report import render_report

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
CORPORA = {"seeds": ROOT / "seeds", "crisis": SHARED / "crisis", "bench": SHARED / "bench"}
BUDGET_MB = {"crisis": 5.0, "bench": 20.0}
BUDGET_S = {"crisis": 2.0}
OUT = ROOT / "build" / "bench-reports"
VIEWS = ("actors", "escalation", "quotes_by_speaker", "quotes_by_outlet", "quote_list", "signal_list")
_DRAWN = "() => document.getElementById('chart-dashboard')?.vegaView !== undefined"


def _open_time(browser: Any, path: Path) -> tuple[float, int, list[str]]:
    """Seconds from navigation start to every chart drawn, drawn marks, and any request or error seen."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    problems: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            problems.append(f"request {r.request.url}")
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: problems.append(f"error {e}"))
    page.goto(path.resolve().as_uri(), wait_until="commit")
    page.wait_for_function(_DRAWN, timeout=120_000, polling=10)
    seconds = page.evaluate("() => performance.now()") / 1000
    marks = sum(page.locator(f"#chart-dashboard svg g.{v}_marks > *").count() for v in VIEWS)
    page.close()
    return seconds, marks, problems


def _notebook_page(ann: Any) -> str:
    """The same page shape with the notebook dashboard: each chart inlines its own data."""
    spec = charts.dashboard(ann).to_dict()
    return (f"<!doctype html><html><head><meta charset='utf-8'><script>{offline.bundle_script()}</script>"
            f"</head><body>{offline.chart_html(spec, 'chart-dashboard')}</body></html>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=list(CORPORA), action="append", help="corpus to run (repeatable)")
    args = parser.parse_args()
    names = ["seeds", *(n for n in CORPORA if n != "seeds" and (not args.only or n in args.only))]
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        for name in names:
            if not CORPORA[name].is_dir():
                print(f"{name}: {CORPORA[name]} is missing, skipped")
                continue
            ann = toolkit.annotate(toolkit.load(CORPORA[name]))
            t = time.perf_counter()
            html = render_report(ann)
            render_s = time.perf_counter() - t
            path = OUT / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            nb_path = OUT / f"{name}-notebook-dashboard.html"
            nb_path.write_text(_notebook_page(ann), encoding="utf-8")
            open_s, marks, problems = _open_time(browser, path)
            nb_open_s, _, _ = _open_time(browser, nb_path)
            rows.append((name, len(ann.articles), path.stat().st_size / 1e6, nb_path.stat().st_size / 1e6,
                         render_s, open_s, nb_open_s, marks, problems))
        browser.close()

    base = rows[0]
    print(f"{'corpus':8} {'articles':>8} {'MB':>7} {'× seeds':>8} {'nb-dash MB':>10} {'render s':>8} "
          f"{'open s':>7} {'× seeds':>8} {'nb-dash s':>9} {'marks':>6}  budget")
    for name, n, mb, nb_mb, render_s, open_s, nb_open_s, marks, problems in rows:
        ok = [f"size {'ok' if mb <= BUDGET_MB[name] else 'OVER'} (≤ {BUDGET_MB[name]:g} MB)"] if name in BUDGET_MB else []
        ok += [f"open {'ok' if open_s < BUDGET_S[name] else 'OVER'} (< {BUDGET_S[name]:g} s)"] if name in BUDGET_S else []
        print(f"{name:8} {n:8d} {mb:7.2f} {mb / base[2]:8.2f} {nb_mb:10.2f} {render_s:8.1f} {open_s:7.2f} "
              f"{open_s / base[5]:8.2f} {nb_open_s:9.2f} {marks:6d}  {'; '.join(ok) or '—'}"
              + (f"  PROBLEMS: {problems}" if problems else ""))


if __name__ == "__main__":
    main()
