"""Escalation signals on the seed articles and on short sentences that pin down modality."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from toolkit.ingest import load
from toolkit.nlp import load_model, model_name, parse, parse_one
from toolkit.signals import Signal, find_signals, label_passage, load_lexicon

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="session")
def seed_docs(nlp: Language) -> dict[str, Doc]:
    articles = load(SEEDS).articles
    return dict(zip(articles.article_id, parse(nlp, articles.text)))


def _sentence(docs: dict[str, Doc], start: str) -> tuple[str, list[Signal]]:
    """The seed sentence starting with ``start`` and the signals inside it."""
    for doc in docs.values():
        for sent in doc.sents:
            if sent.text.startswith(start):
                sigs = [s for s in find_signals(doc) if sent.start_char <= s.start < sent.end_char]
                return sent.text, sigs
    raise AssertionError(f"no seed sentence starts with {start!r}")


def _signals(nlp: Language, text: str) -> list[Signal]:
    return find_signals(parse_one(nlp, text))


def test_troops_massed_on_border(seed_docs: dict[str, Doc]) -> None:
    _, sigs = _sentence(seed_docs, "About 100,000 Russian troops are massed on its border with Ukraine")
    massed = next(s for s in sigs if "massed" in s.trigger)
    assert (massed.direction, massed.category, massed.modality) == ("escalation", "exhibit force posture", "asserted")
    assert massed.code == "154" and massed.weight == -7.2
    assert (massed.actor, massed.target) == ("Russian", "Ukraine")
    assert label_passage(sigs)[0] == "escalation"


def test_offsets_point_into_article_text(seed_docs: dict[str, Doc]) -> None:
    for doc in seed_docs.values():
        sigs = find_signals(doc)
        assert sigs == sorted(sigs, key=lambda s: (s.start, s.end))
        for s in sigs:
            assert doc.text[s.start:s.end] == s.trigger
            if s.actor is not None:
                assert doc.text[s.actor_start:s.actor_end] == s.actor
            if s.target is not None:
                assert doc.text[s.target_start:s.target_end] == s.target
            assert s.direction in {"escalation", "de-escalation"}
            assert s.modality in {"asserted", "negated", "hedged", "conditional", "denied"}


def test_rejected_invasion_claims_are_a_denial(seed_docs: dict[str, Doc]) -> None:
    _, sigs = _sentence(seed_docs, "Russia rejects the invasion claims.")
    assert [(s.trigger, s.modality) for s in sigs] == [("invasion", "denied")]
    assert label_passage(sigs) == ("neutral", 0.0)


def test_denied_attack_plans(seed_docs: dict[str, Doc]) -> None:
    _, sigs = _sentence(seed_docs, "Russia has denied it has plans to attack its neighbour")
    attack = next(s for s in sigs if s.trigger == "attack")
    assert attack.modality == "denied"


def test_agreed_to_begin_talks_is_de_escalation(seed_docs: dict[str, Doc]) -> None:
    _, sigs = _sentence(seed_docs, "Russia claims it has agreed to begin talks with the US")
    assert label_passage(sigs)[0] == "de-escalation"
    talks = next(s for s in sigs if s.trigger.startswith("talks"))
    assert (talks.direction, talks.category, talks.target) == ("de-escalation", "consult", "US")


def test_refusal_of_cooperation_is_escalation(seed_docs: dict[str, Doc]) -> None:
    _, sigs = _sentence(seed_docs, "Washington and its allies have refused to provide such pledges")
    assert any(s.direction == "de-escalation" and s.modality == "negated" for s in sigs)
    assert label_passage(sigs)[0] == "escalation"


def test_no_plans_to_invade_is_not_asserted(nlp: Language) -> None:
    sigs = _signals(nlp, "Russia has no plans to invade Ukraine.")
    invade = next(s for s in sigs if s.trigger == "invade")
    assert invade.modality in ("negated", "denied")
    assert (invade.actor, invade.target) == ("Russia", "Ukraine")
    assert label_passage(sigs) == ("neutral", 0.0)


def test_denies_preparing_an_attack(nlp: Language) -> None:
    sigs = _signals(nlp, "Moscow denies it is preparing an attack.")
    assert [(s.trigger, s.modality) for s in sigs] == [("attack", "denied")]


def test_conditional_sanctions(nlp: Language) -> None:
    sigs = _signals(nlp, "If Russia invades, the US will impose sanctions.")
    assert {s.trigger: s.modality for s in sigs} == {"invades": "conditional", "sanctions": "conditional"}
    sanctions = next(s for s in sigs if s.trigger == "sanctions")
    assert sanctions.actor == "US" and sanctions.category == "reduce relations"
    assert label_passage(sigs) == ("escalation", sum(s.weight for s in sigs) / 2)


@pytest.mark.parametrize("text", ["Russia could launch an attack.", "Russia may attack Ukraine.",
                                  "Russia is considering an invasion.", "Will Russia invade Ukraine?"])
def test_hedged(nlp: Language, text: str) -> None:
    sigs = _signals(nlp, text)
    assert sigs and all(s.modality == "hedged" for s in sigs)
    assert label_passage(sigs)[0] == "escalation"


def test_lifting_sanctions_beats_sanctions(nlp: Language) -> None:
    sigs = _signals(nlp, "The EU lifted sanctions on Iran.")
    assert [(s.trigger, s.direction, s.code) for s in sigs] == [("lifted sanctions", "de-escalation", "085")]
    assert sigs[0].target == "Iran"


def test_label_passage_without_signals() -> None:
    assert label_passage([]) == ("neutral", 0.0)


def test_spacy_component() -> None:
    pipe = spacy.load(model_name())
    pipe.add_pipe("toolkit_signals")
    doc = pipe("Iran threatened to shell Iraqi towns. Talks resumed in Geneva.")
    assert [(s.trigger, s.category) for s in doc._.signals] == [("threatened", "threaten"), ("shell", "fight"),
                                                                ("Talks", "consult")]
    assert spacy.blank("en").add_pipe("toolkit_signals")(spacy.blank("en")("No parse."))._.signals == []


def test_user_lexicon_overrides_default(nlp: Language, tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("pattern,pos,direction,code,weight,note\n"
                    "hold drill,,escalation,152,-7.2,our own row\n", encoding="utf-8")
    lexicon = load_lexicon(path)
    assert len(lexicon) == 1
    doc = parse_one(nlp, "Belarus will hold drills near the border while talks continue.")
    sigs = find_signals(doc, lexicon)
    assert [(s.trigger, s.code, s.pattern) for s in sigs] == [("hold drills", "152", "hold drill")]
    pipe = spacy.blank("en")
    pipe.add_pipe("toolkit_signals", config={"lexicon": str(path)})
    assert len(pipe.get_pipe("toolkit_signals").lexicon) == 1


def test_bad_lexicon_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("pattern,direction,code,weight\nattack,escalation,180,-9\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing column"):
        load_lexicon(path)


@pytest.mark.parametrize(("text", "trigger", "actor"), [
    # the subject of the previous sentence of the paragraph, when kinds agree
    ("Antony Blinken travelled to Kyiv on Wednesday. He met Ukrainian President Volodymyr Zelenskiy.", "met",
     "Antony Blinken"),
    ("Russia massed troops on the border. It also staged exercises in Belarus.", "exercises", "Russia"),
    # not across a paragraph, nor into a quote (a quoted "he" is someone the speaker talks about)
    ("Antony Blinken travelled to Kyiv on Wednesday.\n\nHe met Ukrainian President Volodymyr Zelenskiy.", "met", None),
    ("Antony Blinken travelled to Kyiv on Wednesday. “He threatened us,” he said.", "threatened", None),
])
def test_pronoun_actors(nlp: Language, text: str, trigger: str, actor: str | None) -> None:
    sig = next(s for s in _signals(nlp, text) if s.trigger == trigger)
    assert sig.actor == actor
    if actor is not None:
        assert text[sig.actor_start:sig.actor_end] == actor  # offsets point at the antecedent
