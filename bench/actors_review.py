"""Actor review: the most frequent actors of a corpus and every merge made by a rule that can go wrong.

Prints, as Markdown, the top actors (kind, side, role, mentions, articles, rules used) and, for each of the
rules ``fuzzy``, ``translit``, ``metonym`` and ``surname`` across articles, every distinct surface form → actor
merge with its count and one sentence to check it by reading; ``place`` (a seat of power read as a place) is
listed too. Usage: `python bench/actors_review.py [PATH] [--top N]` (default: ../shared/data/crisis, top 30).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from toolkit.pipeline import annotate

_DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "crisis"
_RULES = ("fuzzy", "translit", "metonym", "place")


def _cell(value: object) -> str:
    return "—" if pd.isna(value) else str(value).replace("|", "/")


def _merges(ann, how: str, width: int = 160) -> pd.DataFrame:
    """One row per (text, actor) merged by ``how``: count, articles and the first sentence it happened in."""
    m = ann.mentions[ann.mentions["how"].eq(how).fillna(False)]
    sents = ann.sentences.set_index(["article_id", "sent_idx"])["text"]
    rows = []
    for (text, actor), group in m.groupby(["text", m["actor"].fillna("—")], sort=True):
        first = group.iloc[0]
        sentence = " ".join(str(sents.loc[(first.article_id, first.sent_idx)]).split())
        rows.append({"text": text, "actor": actor, "n": len(group), "articles": group["article_id"].nunique(),
                     "example": f"{first.article_id}: {sentence[:width]}"})
    return pd.DataFrame(rows, columns=["text", "actor", "n", "articles", "example"]).sort_values(
        ["n", "text"], ascending=[False, True], kind="mergesort")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default=str(_DEFAULT))
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    if not Path(args.path).exists():
        raise SystemExit(f"{args.path} does not exist: give a folder of articles (default ../shared/data/crisis)")
    ann = annotate(args.path)
    m = ann.mentions
    print(f"{len(ann.articles)} articles, {len(m)} mentions, {m['actor'].notna().sum()} resolved to "
          f"{len(ann.actors)} actors; rules: " + ", ".join(f"{k} {v}" for k, v in m["how"].value_counts().items()))
    print(f"\n## Top {args.top} actors\n\n| # | actor | kind | side | role | mentions | articles | why |\n"
          "|---|---|---|---|---|---|---|---|")
    for i, r in enumerate(ann.actors.head(args.top).itertuples(), 1):
        print(f"| {i} | {r.actor} | {r.kind} | {r.side} | {_cell(r.role)} | {r.n_mentions} | {r.n_articles} | {r.why} |")
    for how in _RULES:
        merges = _merges(ann, how)
        print(f"\n## {how}: {merges['n'].sum()} mentions, {len(merges)} distinct merges\n")
        print("| text | actor | n | articles | first sentence |\n|---|---|---|---|---|")
        for r in merges.itertuples():
            print(f"| {_cell(r.text)} | {_cell(r.actor)} | {r.n} | {r.articles} | {_cell(r.example)} |")
    across = m[m["how"].eq("surname").fillna(False) & ~m["text"].str.contains(" ").fillna(False)]
    unknown = across[~across["actor"].isin(list(ann.actors.loc[ann.actors["role"].notna(), "actor"]))]
    print(f"\n## surname of people outside the alias file: {len(unknown)} mentions\n")
    print(", ".join(f"{t} → {a} ({n})" for (t, a), n in unknown.groupby(["text", "actor"]).size().items()))


if __name__ == "__main__":
    main()
