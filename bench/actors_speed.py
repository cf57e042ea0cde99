"""Actor resolution's share of annotate time: one uncached `annotate` run with the actor steps timed inside it.

Single process (``jobs=1``), so the timers see every call. The actor steps are `find_mentions` (per article:
alias matching, resolution, titles), the cross-article `_unify_people` and the `actors` table; everything else
(parsing, quotes, signals, tables) is the rest. Prints both times and the ratios actor / total and actor / rest
(what resolution adds); the target is ≤ 10 %.
Usage: `python bench/actors_speed.py [PATH] [--limit N]` (default: ../shared/data/bench, all 2,225 BBC articles).
"""

from __future__ import annotations

import argparse
import functools
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from toolkit import engine, pipeline
from toolkit.ingest import Corpus, load

_DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bench"


def _timed(fn: Callable[..., Any], spent: list[float]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - t0)
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default=str(_DEFAULT))
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0 = all)")
    args = parser.parse_args()
    if not Path(args.path).exists():
        raise SystemExit(f"{args.path} does not exist: give a folder of articles (default ../shared/data/bench)")
    articles = load(args.path, progress=False).articles
    if args.limit:
        articles = articles.head(args.limit)
    spent: list[float] = []
    engine.find_mentions = _timed(engine.find_mentions, spent)
    for name in ("_unify_people", "_actor_table"):
        setattr(pipeline, name, _timed(getattr(pipeline, name), spent))
    with tempfile.TemporaryDirectory() as cache:
        os.environ["TOOLKIT_CACHE_DIR"] = cache
        t0 = time.perf_counter()
        ann = pipeline.annotate(Corpus(articles), cache=False, jobs=1, progress=False)  # in this process: timed
        total = time.perf_counter() - t0
    actor = sum(spent)
    words = int(articles["n_words"].sum())
    print(f"{len(articles)} articles, {words} words, {len(ann.mentions)} mentions, {len(ann.actors)} actors")
    print(f"annotate total      {total:7.2f} s")
    print(f"actor resolution    {actor:7.2f} s  share {actor / total:6.1%} of annotate; adds {actor / (total - actor):6.1%}"
          " to the rest (target ≤ 10 %)")


if __name__ == "__main__":
    main()
