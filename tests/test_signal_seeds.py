"""Each modality, and actor → target as canonical actors, on the exact seed sentences (the annotated signals table)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest


def _signals(ann: Any, sentence: str) -> dict[str, tuple[str, str, Any, Any]]:
    """trigger → (modality, category, actor, target) for the signals of the seed sentence starting ``sentence``
    (the first one when a trigger text occurs twice)."""
    sents = ann.sentences[ann.sentences["text"].str.startswith(sentence)]
    assert len(sents) == 1, f"expected one seed sentence starting {sentence!r}, found {len(sents)}"
    key = sents.iloc[0]
    sig = ann.signals[(ann.signals["article_id"] == key["article_id"]) & (ann.signals["sent_idx"] == key["sent_idx"])]
    found: dict[str, tuple[str, str, Any, Any]] = {}
    for r in sig.itertuples():  # the first signal for a trigger text repeated in the sentence
        found.setdefault(r.trigger, (r.modality, r.category, None if pd.isna(r.actor) else r.actor,
                                     None if pd.isna(r.target) else r.target))
    return found


def test_asserted_build_up_russia_to_ukraine(ann: Any) -> None:
    sigs = _signals(ann, "Russia has deployed about 100,000 troops on its border with Ukraine, sparking western fears "
                         "of a possible invasion.")
    assert sigs["deployed about 100,000 troops"] == ("asserted", "exhibit force posture", "Russia", "Ukraine")
    assert sigs["invasion"][0] == "hedged"  # "fears of a possible invasion"


@pytest.mark.parametrize(("sentence", "trigger", "actor", "target"), [
    ("The US expects to start talks with Russia in January over Moscow’s demands", "talks with", "United States",
     "Russia"),
    ("US Secretary of State Antony Blinken will travel to Kiev on Wednesday to meet Ukrainian President Volodymyr "
     "Zelenskiy", "meet", "Antony Blinken", "Volodymyr Zelenskiy"),
])
def test_asserted_de_escalation_actor_to_target(ann: Any, sentence: str, trigger: str, actor: str,
                                                target: str) -> None:
    assert _signals(ann, sentence)[trigger] == ("asserted", "consult", actor, target)


def test_negated_threat(ann: Any) -> None:
    sigs = _signals(ann, "The types of equipment being sent “are not strategic weapons and pose no threat to Russia”")
    assert sigs == {"threat": ("negated", "threaten", None, "Russia")}


def test_negated_refusal_keeps_its_actor(ann: Any) -> None:
    sigs = _signals(ann, "Washington and its allies have refused to provide such pledges, but said they are ready "
                         "for the talks.")
    assert sigs["provide such pledges"] == ("negated", "provide aid", "United States", None)
    assert sigs["refused"][0] == "asserted" and sigs["talks"][0] == "asserted"


def test_negator_only_negates_what_it_governs(ann: Any) -> None:
    sigs = _signals(ann, "The US and Russian foreign ministers ended the highest-level talks yet on Moscow’s security "
                         "demands over Ukraine by agreeing to continue diplomacy")
    assert sigs["talks"] == ("negated", "consult", "United States", "Russia")  # the talks ended
    assert sigs["agreeing"][0] == sigs["diplomacy"][0] == "asserted"  # "by agreeing" is how, not what, ended


@pytest.mark.parametrize(("sentence", "trigger", "actor"), [
    ("Russian state newswire RIA Novosti shortly after cited a foreign ministry source as saying Lavrov and Blinken "
     "might meet again next month", "meet", "Sergey Lavrov"),
    ("Putin claimed the US was considering an armed incursion from Ukraine into Russian territory", "incursion",
     "United States"),
])
def test_hedged(ann: Any, sentence: str, trigger: str, actor: str) -> None:
    modality, _, who, _ = _signals(ann, sentence)[trigger]
    assert (modality, who) == ("hedged", actor)


def test_conditional_invasion(ann: Any) -> None:
    sigs = _signals(ann, "Mr Stoltenberg reiterated Nato’s line that Russia will face repercussions if it does invade "
                         "Ukraine.")
    assert sigs["invade"][0] == "conditional" and sigs["invade"][3] == "Ukraine"


def test_conditional_deployment_france_to_romania(ann: Any) -> None:
    sigs = _signals(ann, "Lavrov’s statement on Nato deployments in eastern Europe was an apparent rejoinder to Macron, "
                         "who said on Wednesday that Paris was ready to send troops to Romania if Nato decided")
    assert sigs["send troops"] == ("conditional", "exhibit force posture", "France", "Romania")
    assert sigs["deployments"][:3] == ("asserted", "exhibit force posture", "NATO")


@pytest.mark.parametrize(("sentence", "trigger", "actor"), [
    ("Lavrov on Friday dismissed warnings of a possible Russian invasion of Ukraine as “hysteria”", "invasion",
     "Russia"),
    ("The remarks were Putin’s first since Russia unveiled its draft security proposals, which he denied were an "
     "ultimatum", "ultimatum", None),
    ("Russia has denied it has plans to attack its neighbour", "attack", "Russia"),  # "it": who denies
])
def test_denied(ann: Any, sentence: str, trigger: str, actor: str | None) -> None:
    modality, _, who, _ = _signals(ann, sentence)[trigger]
    assert (modality, who) == ("denied", actor)


def test_quoted_question_is_not_asserted(ann: Any) -> None:
    sigs = _signals(ann, "“Do they really think we’ll sit idly as they create threats against us?”")
    assert sigs == {"threats": ("hedged", "threaten", None, "Russia")}  # "us" in Putin's mouth: Russia


def _spoken(ann: Any, sentence: str) -> dict[str, tuple[Any, Any, Any]]:
    """trigger → (actor, target, speaker) for the seed sentence starting ``sentence``."""
    sents = ann.sentences[ann.sentences["text"].str.startswith(sentence)]
    assert len(sents) == 1, f"expected one seed sentence starting {sentence!r}, found {len(sents)}"
    key = sents.iloc[0]
    sig = ann.signals[(ann.signals["article_id"] == key["article_id"]) & (ann.signals["sent_idx"] == key["sent_idx"])]
    return {r.trigger: tuple(None if pd.isna(v) else v for v in (r.actor, r.target, r.speaker))
            for r in sig.itertuples()}


@pytest.mark.parametrize(("sentence", "trigger", "expected"), [
    # direct quote, "we" said by a state's official is that state
    ("“If our western colleagues continue this clearly aggressive stance, we will take appropriate "
     "military-technical measures in response", "military-technical measures", ("Russia", None, "Vladimir Putin")),
    ("“We can’t retreat any further,” he said.", "retreat", ("Russia", None, "Vladimir Putin")),
    ("“We are prepared to discuss those proposals that Russia put on the table.", "discuss",
     ("United States", None, "Karen Donfried")),  # her side from her title, "US assistant secretary of state"
    # "we" as the one acted upon: "as we were promised" (the promise is made to Russia)
    ("“We are now awaiting responses to these proposals – as we were promised – in order to continue negotiations,”",
     "promised", (None, "Russia", "Sergey Lavrov")),
    # an indirect quote: the claim is Putin's, the incursion the US's
    ("Putin claimed the US was considering an armed incursion from Ukraine into Russian territory", "incursion",
     ("United States", "Ukraine", "Vladimir Putin")),
    # a mixed quote whose named actor stays as written
    ("“Nato allies are also prepared to discuss concrete proposals", "discuss", ("NATO", None, "Jens Stoltenberg")),
])
def test_quoted_signals_keep_their_speaker(ann: Any, sentence: str, trigger: str,
                                           expected: tuple[Any, Any, Any]) -> None:
    assert _spoken(ann, sentence)[trigger] == expected


def test_unquoted_signals_have_no_speaker(ann: Any) -> None:
    sigs = _spoken(ann, "Russia has deployed about 100,000 troops on its border with Ukraine")
    assert sigs["deployed about 100,000 troops"] == ("Russia", "Ukraine", None)
    vowed = _spoken(ann, "Putin has vowed an unspecified “military-technical response” if the west does not agree")
    assert vowed["military-technical response"][0] == "Vladimir Putin"  # the actor named, outside any quote


def test_no_pronoun_is_an_actor(ann: Any) -> None:
    names = set(ann.signals["actor"].dropna()) | set(ann.signals["target"].dropna())
    assert not names & {"We", "we", "He", "She", "It", "They", "Us", "I"}
    quoted = ann.signals["speaker"].notna()
    assert 0 < quoted.sum() < len(ann.signals)  # some signals are quoted, not all
    spoken = ann.signals.merge(ann.quotes[["article_id", "speaker"]].dropna().drop_duplicates(), how="inner")
    assert len(spoken) == quoted.sum()  # every speaker recorded is the speaker of a quote in that article


def test_a_date_is_no_target(ann: Any) -> None:
    sigs = _signals(ann, "Nato member states are meeting on Tuesday to discuss possible formats for talks with Russia")
    assert sigs["meeting"] == ("asserted", "consult", "NATO", None)  # not "Tuesday"
    assert sigs["discuss"] == ("asserted", "consult", "NATO", "Russia")
    convene = _signals(ann, "Nato Secretary-General Jens Stoltenberg has decided to convene a meeting of the "
                            "Nato-Russia Council on January 12")
    assert convene["meeting"][2:] == ("Jens Stoltenberg", None)  # not "January 12"


@pytest.mark.parametrize(("sentence", "trigger", "actor", "target"), [
    # the one acted upon after "of" on a nominal attack or annexation
    ("Lavrov on Friday dismissed warnings of a possible Russian invasion of Ukraine as “hysteria”", "invasion",
     "Russia", "Ukraine"),
    ("Nato members are discussing troop deployments in the Black Sea region", "annexation", "Russia", "Crimea"),
    # a demand's target is the subject of what is demanded
    ("Moscow has demanded that Nato and the US cut their presence in eastern Europe", "demanded", "Russia", "NATO"),
    # a pronoun subject stands for the subject of the clause that governs it
    ("Mr Stoltenberg reiterated Nato’s line that Russia will face repercussions if it does invade Ukraine.", "invade",
     "Russia", "Ukraine"),
])
def test_of_targets_clause_targets_and_pronouns(ann: Any, sentence: str, trigger: str, actor: str,
                                                target: str) -> None:
    assert _signals(ann, sentence)[trigger][2:] == (actor, target)
