"""Share of quote finding in the annotate time, in one run (issue target: at most 15 %).

1. ``annotate(corpus, cache=False, jobs=1)``: the whole annotation in one process (parse, actors, quotes, signals, tables);
2. the quote work alone on the same texts, parsed once more: :func:`toolkit.quotes.find_quotes` on every Doc
   plus :func:`toolkit.clusters.quote_clusters` on the quotes table of step 1.

Prints both times and ``QUOTES_SHARE share=<2 ÷ 1 in %> target<=15``. Usage:
``python bench/quotes_speed.py [PATH] [--limit N]`` (default: ../shared/data/bench, the BBC corpus, first 400
articles).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from toolkit.clusters import quote_clusters
from toolkit.ingest import load
from toolkit.nlp import load_model, parse
from toolkit.pipeline import annotate
from toolkit.quotes import find_quotes

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "bench"


def main(argv: list[str] | None = None) -> int:
    """Time annotate and the quote work; print the share."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=400, help="first N articles (0 = all)")
    args = ap.parse_args(argv)
    if not args.path.exists():
        print(f"no corpus at {args.path} (the BBC bench corpus lives in ../shared/data/bench)")
        return 2
    corpus = load(args.path, progress=False)
    if args.limit:
        corpus.articles = corpus.articles.head(args.limit).reset_index(drop=True)
    texts = corpus.articles["text"].tolist()
    nlp = load_model()
    t0 = time.perf_counter()
    ann = annotate(corpus, cache=False, jobs=1, progress=False)
    total = time.perf_counter() - t0
    docs = list(parse(nlp, texts))
    t1 = time.perf_counter()
    n = sum(len(find_quotes(doc)) for doc in docs)
    quote_clusters(ann.quotes)
    quotes = time.perf_counter() - t1
    print(f"{len(texts)} articles, {n} quotes")
    print(f"annotate (no cache): {total:.1f} s; find_quotes + quote_clusters: {quotes:.2f} s")
    print(f"QUOTES_SHARE share={100 * quotes / total:.1f} target<=15")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
