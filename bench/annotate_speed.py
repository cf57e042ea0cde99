"""Annotation speed against a bare spaCy `nlp.pipe` over the same texts, with where the time goes.

All in one run on this machine, in CPU seconds (this process and its finished workers), so the ratios hold
even when other work shares the cores:

1. bare `nlp.pipe` (same model, batch size and number of processes) — the baseline;
2. `annotate(..., cache=False, jobs=N)` — the ratio to 1 (target ≤ 1.25);
3. one instrumented single-process pass: the share of load, spaCy, actors (sentences + mentions), quotes,
   signals, cache writes, table building (with the corpus-wide steps: one name per person, quote clusters, the
   actors table) and writing Parquet, and each annotator's share against its budget (actors ≤ 10 %,
   quotes ≤ 15 %, signals ≤ 10 % of the annotate time);
4. a fully cached re-run (target < 2 s on the bench corpus) and one after a lexicon change (signals only).

Usage: `python bench/annotate_speed.py [PATH] [--limit N] [--jobs N]` (default: ../shared/data/bench, the BBC
corpus of 2,225 articles).
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
from collections import defaultdict
from pathlib import Path

from toolkit import engine
from toolkit.cache import StageKeys, write_doc, write_rows
from toolkit.ingest import Corpus, load
from toolkit.nlp import parse
from toolkit.pipeline import annotate

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "bench"
_BUDGETS = {"actors (sentences + mentions)": 10, "quotes": 15, "signals": 10}  # % of annotate, from the issues


def _cpu() -> float:
    """CPU seconds used so far by this process and its waited-for children (pool workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _bare(nlp, texts: list[str], batch_size: int, jobs: int) -> float:
    t0 = _cpu()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=jobs):
        pass
    return _cpu() - t0


def _instrumented(corpus: Corpus, batch_size: int) -> dict[str, float]:
    """Seconds per stage of a single-process annotate (cache writes included, to a throwaway cache)."""
    spent: dict[str, float] = defaultdict(float)
    annotator = engine.Annotator(engine.Settings(batch_size=batch_size))
    texts = list(corpus.articles["text"])
    docs = parse(annotator.nlp, texts, batch_size=batch_size)
    while True:
        t0 = _cpu()
        doc = next(docs, None)
        spent["spaCy parse"] += _cpu() - t0
        if doc is None:
            break
        keys = StageKeys.of(annotator.fingerprint, doc.text)
        t0 = _cpu()
        base = engine._base_rows(doc, annotator.aliases)
        t1 = _cpu()
        canon = engine._Canonical(base["mentions"], annotator.aliases, doc.text)
        starts = [s["start"] for s in base["sentences"]]
        quotes = engine._quote_rows(doc, canon, starts, None, [])
        t2 = _cpu()
        signals = engine._signal_rows(doc, canon, starts, annotator.lexicon, quotes)
        t3 = _cpu()
        write_doc(keys.doc, doc)
        for kind, key, rows in (("base", keys.base, base), ("quotes", keys.quotes, quotes),
                                ("signals", keys.signals, signals), ("all", keys.all, {**base, "quotes": quotes,
                                                                                       "signals": signals})):
            write_rows(kind, key, rows)
        t4 = _cpu()
        spent["actors (sentences + mentions)"] += t1 - t0
        spent["quotes"] += t2 - t1
        spent["signals"] += t3 - t2
        spent["cache writes"] += t4 - t3
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--jobs", type=int, default=1, help="processes for the baseline and for annotate")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    t0 = _cpu()
    corpus = load(args.path, progress=False)
    load_s = _cpu() - t0
    if args.limit:
        corpus = Corpus(corpus.articles.head(args.limit).reset_index(drop=True), corpus.report)
    articles = corpus.articles
    words = int(articles["n_words"].sum())
    texts = list(articles["text"])
    nlp = engine.Annotator(engine.Settings()).nlp
    nlp("warm up")
    print(f"{len(articles)} articles, {words:,} words, {os.cpu_count()} cores, --jobs {args.jobs}, "
          f"batch size {args.batch_size}")

    bare = _bare(nlp, texts, args.batch_size, args.jobs)
    print(f"bare nlp.pipe          {bare:8.2f} CPU s  {words / bare:8,.0f} words/s")
    with tempfile.TemporaryDirectory() as cache:
        os.environ["TOOLKIT_CACHE_DIR"] = cache
        t0 = _cpu()
        annotate(corpus, cache=False, jobs=args.jobs, progress=False)
        ours = _cpu() - t0
        again = _bare(nlp, texts, args.batch_size, args.jobs)  # order effects (a warm vocabulary) cut both ways
        print(f"bare nlp.pipe, again   {again:8.2f} CPU s  {words / again:8,.0f} words/s")
        bare = (bare + again) / 2
        print(f"toolkit annotate       {ours:8.2f} CPU s  {words / ours:8,.0f} words/s   ratio {ours / bare:.2f} x bare")

        spent = _instrumented(corpus, args.batch_size)
        t0 = _cpu()
        ann = annotate(corpus, jobs=1, progress=False)  # every article from the cache just written
        cached = _cpu() - t0
        t0 = _cpu()
        ann.save(Path(cache) / "out")
        spent["writing Parquet"] = _cpu() - t0
        spent["cache reads + table building"] = cached
        spent["load (files → articles)"] = load_s
        total = sum(spent.values())
        print("\nwhere the time goes (one process):")
        for stage, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
            print(f"  {stage:32s} {seconds:8.2f} s  {100 * seconds / total:5.1f} %")
        ours_only = total - spent["spaCy parse"] - spent["load (files → articles)"]
        print(f"  our stages vs spaCy: {ours_only / spent['spaCy parse']:.2f} x")
        share = {stage: 100 * spent[stage] / total for stage in _BUDGETS}
        print("  budgets (share of annotate): " + ", ".join(
            f"{stage.split()[0]} {share[stage]:.1f} % (≤ {limit} %{'' if share[stage] <= limit else ': OVER'})"
            for stage, limit in _BUDGETS.items()))
        print(f"\ncached re-run          {cached:8.2f} s   ratio {cached / bare:.3f} x bare")

        lexicon = Path(cache) / "lexicon.csv"
        from importlib import resources

        lexicon.write_text(resources.files("toolkit").joinpath("data/escalation.csv").read_text(encoding="utf-8")
                           + "security guarantee,,de-escalation,057,8.0,bench row\n", encoding="utf-8")
        t0 = _cpu()
        annotate(corpus, lexicon=lexicon, jobs=1, progress=False)
        changed = _cpu() - t0
        print(f"after a lexicon change {changed:8.2f} s   ratio {changed / bare:.3f} x bare (signals re-run only)")


if __name__ == "__main__":
    main()
