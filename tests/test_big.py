"""A 1.2-million-character article (over spaCy's ``max_length``) loads and annotates, with every offset right."""

from __future__ import annotations

import subprocess
import sys

import pytest

from toolkit.ingest import load
from toolkit.pipeline import annotate


@pytest.fixture(scope="module")
def big(shared, tmp_path_factory):
    out = tmp_path_factory.mktemp("big") / "big.txt"
    subprocess.run([sys.executable, str(shared / "data" / "messy" / "make_big.py"), str(out)],
                   check=True, capture_output=True)
    corpus = load(out)
    return corpus, annotate(corpus, cache=False)


def test_big_article_loads_whole(big, nlp):
    corpus, _ = big
    (art,) = corpus.articles.itertuples()
    assert len(art.text) > nlp.max_length >= 1_000_000
    assert art.text.count("\n\n") >= 4000  # every paragraph survived


def test_big_article_offsets_index_its_text(big):
    corpus, ann = big
    text = corpus.articles["text"].iloc[0]
    assert len(ann.sentences) > 8000 and len(ann.mentions) > 15000 and len(ann.quotes) > 3000
    assert all(text[s:e] == t for s, e, t in ann.sentences[["start", "end", "text"]].itertuples(index=False))
    assert all(text[s:e] == t for s, e, t in ann.mentions[["start", "end", "text"]].itertuples(index=False))
    assert all(text[s:e] == t for s, e, t in ann.signals[["start", "end", "trigger"]].itertuples(index=False))
    assert all(text[s:e] == t for s, e, t in ann.quotes[["start", "end", "text"]].itertuples(index=False))
    spoken = ann.quotes.dropna(subset=["speaker_start"])
    assert len(spoken) > 0.8 * len(ann.quotes)
    assert all(0 <= s < e <= len(text) and text[s:e].strip()
               for s, e in spoken[["speaker_start", "speaker_end"]].astype(int).itertuples(index=False))
