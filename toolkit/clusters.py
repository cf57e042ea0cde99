"""Cross-outlet quote clusters: the same statement, reported in several articles, shares one ``quote_cluster``.

Quotes are compared on their normalised wording (case-folded words, contractions spelled out, quotation
marks, punctuation and apostrophe styles ignored). Two quotes match when either

- **same wording**: they share at least :data:`MIN_SHARED` word trigrams covering at least :data:`MIN_COVER`
  of the shorter quote's trigrams (a fragment quoted by one outlet joins the longer quote of another, a
  paraphrase in the same words joins its direct quote); when both have a speaker and the speakers differ,
  the trigrams must cover :data:`MIN_COVER_OTHER` (a shared name such as "the Organization for Security and
  Co-operation in Europe" is not a shared statement); or
- **same speaker, same rare words**: they come from different articles, are credited to the same actor and
  share at least :data:`MIN_WORDS` rare content words (stop words and speech verbs left out, words cut to 6
  letters; rare = in at most 3 quotes or 0.2 % of the table) carrying at least :data:`MIN_WEIGHT` of the
  lighter quote's weight (inverse document frequency over the table): two translations of one remark, ``“nowhere further to retreat to” … “watch idly”`` and
  ``“We can’t retreat any further” … “sit idly”``.

Matches are chained (single link). A quote that matches none is a cluster of its own. The cluster id is
``qc-`` and 10 hex digits of a hash of the cluster's first quote (smallest ``article_id``, ``quote_idx``): the
same table always gives the same ids.

>>> from toolkit import tables
>>> q = tables.from_records("quotes", [
...     {"article_id": "a", "quote_idx": 0, "text": "“We do not want war,” Lavrov said."},
...     {"article_id": "b", "quote_idx": 0, "text": "he said: \\"We don't want war.\\""},
...     {"article_id": "b", "quote_idx": 1, "text": "“Time is running out.”"}])
>>> ids = quote_clusters(q)["quote_cluster"].tolist()
>>> ids[0] == ids[1], ids[1] == ids[2]
(True, False)
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable

import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["MIN_COVER", "MIN_COVER_OTHER", "MIN_SHARED", "MIN_WEIGHT", "MIN_WORDS", "normalise", "quote_clusters"]

MIN_SHARED = 3
MIN_COVER = 0.5
MIN_COVER_OTHER = 0.8
MIN_WORDS = 2
MIN_WEIGHT = 0.3
_SPEECH = {"said", "says", "saying", "told", "tells", "added", "adds", "asked", "according", "stated"}
_COMMON = 50  # a trigram in more quotes than this ("said in a") links nothing
_WORD = re.compile(r"\w+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_CONTRACTIONS = (("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"), ("'m", " am"))


def normalise(text: str) -> list[str]:
    """The words of ``text``: case-folded, contractions spelled out, marks and punctuation dropped.

    >>> normalise("“We don’t want war,” he said.")
    ['we', 'do', 'not', 'want', 'war', 'he', 'said']
    """
    text = text.casefold().translate(_APOSTROPHES)
    for short, full in _CONTRACTIONS:
        text = text.replace(short, full)
    return _WORD.findall(text.replace("'s", " s").replace("'", " "))


def _trigrams(words: list[str]) -> set[Hashable]:
    return {(words[i], words[i + 1], words[i + 2]) for i in range(len(words) - 2)}


def _content(words: list[str]) -> set[Hashable]:
    return {w[:6] for w in words if len(w) > 2 and w not in STOP_WORDS and w not in _SPEECH and not w.isdigit()}


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _shared(features: list[set[Hashable]]) -> dict[tuple[int, int], list[Hashable]]:
    """Pairs of quotes ``(i, j)``, ``i < j``, with the features they share (features in > ``_COMMON`` quotes skipped)."""
    postings: dict[Hashable, list[int]] = defaultdict(list)
    for i, feats in enumerate(features):
        for f in feats:
            postings[f].append(i)
    pairs: dict[tuple[int, int], list[Hashable]] = defaultdict(list)
    for f, members in postings.items():
        if 1 < len(members) <= _COMMON:
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    pairs[(i, j)].append(f)
    return pairs


def _links(words: list[list[str]], speakers: list[str | None], articles: list[str]) -> Iterable[tuple[int, int]]:
    """Pairs of quotes that state the same thing (the two rules of the module doc)."""
    grams = [_trigrams(w) for w in words]
    for (i, j), common in sorted(_shared(grams).items()):
        cover = len(common) / min(len(grams[i]), len(grams[j]))
        other = speakers[i] is not None and speakers[j] is not None and speakers[i] != speakers[j]
        if len(common) >= MIN_SHARED and cover >= (MIN_COVER_OTHER if other else MIN_COVER):
            yield i, j
    content = [_content(w) for w in words]
    df: dict[Hashable, int] = defaultdict(int)
    for c in content:
        for w in c:
            df[w] += 1
    idf = {w: math.log((len(words) + 1) / n) for w, n in df.items()}
    keyed = [{(speakers[i], w) for w in c} if speakers[i] is not None else set() for i, c in enumerate(content)]
    rare = max(3, len(words) // 500)
    for (i, j), common in sorted(_shared(keyed).items()):
        if articles[i] == articles[j] or sum(df[w] <= rare for _, w in common) < MIN_WORDS:
            continue
        weight = sum(idf[w] for _, w in common)
        if weight >= MIN_WEIGHT * min(sum(idf[w] for w in content[i]), sum(idf[w] for w in content[j])):
            yield i, j


def quote_clusters(quotes: pd.DataFrame) -> pd.DataFrame:
    """A copy of the quotes table with ``quote_cluster`` filled (one id per statement, see the module doc)."""
    out = quotes.copy()
    n = len(out)
    words = [normalise(t) if isinstance(t, str) else [] for t in out["text"].tolist()]
    speakers = [s if isinstance(s, str) else None for s in out["speaker"].tolist()]
    parent = list(range(n))
    keys = list(zip(out["article_id"].astype(str).tolist(), out["quote_idx"].tolist()))
    for i, j in _links(words, speakers, [aid for aid, _ in keys]):
        parent[_find(parent, i)] = _find(parent, j)
    first: dict[int, tuple[str, int]] = {}
    for i, key in enumerate(keys):
        root = _find(parent, i)
        if root not in first or key < first[root]:
            first[root] = key
    ids = {root: "qc-" + hashlib.sha1(f"{aid}\t{idx}".encode()).hexdigest()[:10] for root, (aid, idx) in first.items()}
    out["quote_cluster"] = pd.array([ids[_find(parent, i)] for i in range(n)], dtype="string")
    return out
