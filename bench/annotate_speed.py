"""Annotation speed: the toolkit's `annotate` (no cache) against a bare `nlp.pipe` over the same texts.

Prints words/s for both and their ratio, measured in the same run on the same machine, plus the cost of a
fully cached re-run. Usage: `python bench/annotate_speed.py [PATH ...] [--repeat N]` (default: seeds/ x 10).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

import pandas as pd

from toolkit.ingest import load
from toolkit.nlp import load_model
from toolkit.pipeline import annotate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=["seeds/"])
    parser.add_argument("--repeat", type=int, default=10, help="repeat the corpus N times (distinct ids)")
    args = parser.parse_args()
    base = load(args.paths).articles
    frames = []
    for i in range(args.repeat):
        copy = base.copy()
        copy["article_id"] = copy["article_id"] + f"#{i}"
        copy["text"] = copy["text"] + f"\n\n(copy {i})"  # distinct texts, so no cache or duplicate sharing
        frames.append(copy)
    articles = pd.concat(frames, ignore_index=True)
    words = int(articles["n_words"].sum())
    nlp = load_model()
    nlp("warm up")

    t0 = time.perf_counter()
    for _ in nlp.pipe(articles["text"], batch_size=64):
        pass
    bare = time.perf_counter() - t0

    from toolkit.ingest import Corpus

    with tempfile.TemporaryDirectory() as cache:
        os.environ["TOOLKIT_CACHE_DIR"] = cache
        t0 = time.perf_counter()
        annotate(Corpus(articles), cache=True)
        ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        annotate(Corpus(articles), cache=True)
        cached = time.perf_counter() - t0

    print(f"{len(articles)} articles, {words} words")
    print(f"bare nlp.pipe      {bare:7.2f} s  {words / bare:8.0f} words/s")
    print(f"toolkit annotate   {ours:7.2f} s  {words / ours:8.0f} words/s  ratio {ours / bare:.2f}x")
    print(f"cached re-run      {cached:7.2f} s  ratio {cached / bare:.3f}x")


if __name__ == "__main__":
    main()
