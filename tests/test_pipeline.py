"""The annotate pipeline end to end: tables, determinism, cache, save/read, CLI contracts."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd

import toolkit
from toolkit import tables
from toolkit.pipeline import Annotations, annotate

from .conftest import ROOT, SEEDS

GUARDIAN = "000_344f8b7972184192"


def test_public_api(ann):
    assert toolkit.load is not None and callable(toolkit.annotate) and callable(toolkit.report)
    for name, df in ann.tables().items():
        assert isinstance(df, pd.DataFrame)
        tables.validate(name, df)
    assert len(ann.articles) == 5
    assert len(ann.sentences) > 100 and len(ann.mentions) > 200
    assert len(ann.quotes) >= 25 and len(ann.signals) >= 20
    assert ann.model.startswith("en_core_web_sm")


def test_every_table_is_found_in_the_text(ann):
    texts = dict(zip(ann.articles["article_id"], ann.articles["text"]))
    for name in ("sentences", "mentions", "quotes"):
        for r in ann.tables()[name].itertuples():
            assert texts[r.article_id][r.start:r.end] == r.text, (name, r)
    for r in ann.signals.itertuples():
        assert texts[r.article_id][r.start:r.end] == r.trigger


def test_quote_and_signal_from_the_guardian(ann):
    q = ann.quotes[(ann.quotes.article_id == GUARDIAN) & ann.quotes.text.str.contains("The first round will be held")]
    assert q["speaker"].tolist() == ["Sergey Lavrov"] and q["kind"].tolist() == ["direct"]
    s = ann.signals[ann.signals.article_id == GUARDIAN]
    assert {"escalation", "de-escalation"} <= set(s["direction"])


def test_deterministic_and_cached(ann, corpus, tmp_path, monkeypatch):
    again = annotate(corpus)  # served from the session cache
    for name, df in ann.tables().items():
        pd.testing.assert_frame_equal(df, again.tables()[name])
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "fresh"))
    fresh = annotate(corpus, cache=True)  # a cold cache: parsed again, same tables
    for name, df in ann.tables().items():
        pd.testing.assert_frame_equal(df, fresh.tables()[name])
    assert len(list((tmp_path / "fresh" / "all").rglob("*.json"))) == 5  # one entry per article, by stage too


def test_save_and_read_roundtrip(ann, tmp_path):
    out = ann.save(tmp_path / "seeds")
    back = Annotations.read(out)
    for name, df in ann.tables().items():
        pd.testing.assert_frame_equal(df, back.tables()[name])
    report = json.loads((out / "load_report.json").read_text())
    assert [e["status"] for e in report["inputs"]] == ["loaded"] * 5


def test_subset_by_outlet_and_actor(ann):
    sub = ann.subset(outlet="The National")
    assert set(sub.articles["outlet"]) == {"The National"} and len(sub.quotes) > 0
    lavrov = ann.subset(actor="Sergey Lavrov")
    assert set(lavrov.quotes["speaker"]) == {"Sergey Lavrov"}
    assert ann.subset(outlet="No Such Outlet").articles.empty


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_annotate_writes_tables_and_summary(tmp_path):
    run = _cli("annotate", str(SEEDS), "--out", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    assert "loaded 5, skipped 0" in run.stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [f"{t}.parquet" for t in tables.TABLES] + ["load_report.json"])


def test_cli_user_mistakes_get_a_message(tmp_path):
    run = _cli("quotes", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl"))
    assert run.returncode == 2 and "cannot read" in run.stderr and "Traceback" not in run.stderr
    run = _cli("report", str(tmp_path / "nothing"), "--out", str(tmp_path / "r.html"))
    assert run.returncode == 2 and "no article" in run.stderr and "Traceback" not in run.stderr
    bad = tmp_path / "aliases.csv"
    bad.write_text("name,alias\nX,Y\n", encoding="utf-8")
    for args in (("annotate", str(SEEDS), "--out", str(tmp_path / "o"), "--aliases", str(tmp_path / "none.csv")),
                 ("annotate", str(SEEDS), "--out", str(tmp_path / "o"), "--lexicon", str(bad)),
                 ("annotate", str(SEEDS), "--out", str(tmp_path / "o"), "--cues", str(bad)),
                 ("quotes", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--aliases", str(bad)),
                 ("quotes", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--cues",
                  str(tmp_path / "none.csv")),
                 ("signals", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--lexicon",
                  str(tmp_path / "none.csv"))):
        run = _cli(*args)
        assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
        assert ("none.csv" in run.stderr and "cannot read" in run.stderr) or "missing" in run.stderr, run.stderr
    assert not (tmp_path / "o").exists()  # nothing annotated with a file the user will have to fix
    (tmp_path / "cues.csv").write_bytes("cue,scope\nfumé,any\n".encode("latin-1"))  # saved by an old editor
    run = _cli("annotate", str(SEEDS), "--out", str(tmp_path / "o"), "--cues", str(tmp_path / "cues.csv"))
    assert run.returncode == 2 and "cues.csv: not UTF-8 text (byte 0xe9 at 13)" in run.stderr, run.stderr
    (tmp_path / "utf16.jsonl").write_text('{"id": "a", "text": "x"}\n', encoding="utf-16")
    (tmp_path / "bad.jsonl").write_text("{not json\n[1, 2]\n", encoding="utf-8")
    for name, message in (("utf16.jsonl", "not UTF-8 text (byte 0xff at 0)"), ("bad.jsonl", "no valid line")):
        run = _cli("quotes", str(tmp_path / name), "-o", str(tmp_path / "o.jsonl"))
        assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr, run.stderr


def test_cli_quotes_and_signals_contracts(tmp_path, texts):
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": "g", "text": texts[GUARDIAN]}), "{not json",
             json.dumps({"id": "s", "text": "Russia has massed 100,000 troops on the border with Ukraine."}),
             json.dumps({"id": "g", "text": "“We will not attack,” Lavrov said."})]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = _cli("quotes", str(src), "-o", str(tmp_path / "q.jsonl"))
    assert run.returncode == 0 and "in.jsonl:2: skipped" in run.stderr
    assert 'in.jsonl:4: id "g" is also on line 1' in run.stderr and "from 3 texts" in run.stdout  # kept, not lost
    quotes = [json.loads(x) for x in (tmp_path / "q.jsonl").read_text().splitlines()]
    assert {"id", "quote_start", "quote_end", "speaker", "speaker_start", "speaker_end", "cue", "kind"} == set(quotes[0])
    [told] = [q for q in quotes if "first round will be held" in texts[GUARDIAN][q["quote_start"]:q["quote_end"]]]
    assert told["cue"] == "told"  # as written, so the scorer's cue accuracy compares words
    run = _cli("signals", str(src), "-o", str(tmp_path / "s.jsonl"))
    assert run.returncode == 0, run.stderr
    labels = {o["id"]: o["label"] for o in map(json.loads, (tmp_path / "s.jsonl").read_text().splitlines())}
    assert labels["s"] == "escalation" and set(labels) == {"g", "s"}


def test_a_pronoun_after_a_described_speaker_has_the_descriptions_actor(ann):
    # seeds 000: "A Kremlin spokesperson also welcomed the talks, telling reporters: “…” He warned that Russia was
    # wary …": the description's own quote is Russia's (its span names the Kremlin), and so is the one of "He"
    text = ann.articles.set_index("article_id")["text"]
    q = ann.quotes
    warned = q[q["text"].str.startswith("that Russia was wary of the discussions")].iloc[0]
    told = q[q["text"].str.startswith("“The very fact that such preparedness")].iloc[0]
    assert text[warned.article_id][warned.speaker_start:warned.speaker_end] == "He"
    assert warned.speaker == told.speaker == "Russia"


def test_a_speaker_phrase_is_the_person_it_names_not_an_organisation_or_owner_in_it(ann, shared, tmp_path):
    # seeds 000: "“…,” Jen Psaki, the White House press secretary, told reporters" was the United States (the
    # White House: the longest mention in the phrase)
    told = ann.quotes[ann.quotes["text"].str.startswith("“That is consistent with our ongoing outreach")].iloc[0]
    assert told.speaker == "Jen Psaki"
    # crisis 066: "Drueke’s mother, Lois Drueke" (not her son); 154: "the Truss-supporting business secretary,
    # Kwasi Kwarteng" (not Truss); 084: "McCallum, head of oceans at Greenpeace" (not Greenpeace)
    import shutil

    for name in ("066.txt", "084.txt", "154.txt"):
        shutil.copy(shared / "data" / "crisis" / "articles" / name, tmp_path / name)
    crisis = annotate(toolkit.load(tmp_path))
    text = crisis.articles.set_index("article_id")["text"]
    spans = {text[r.article_id][r.speaker_start:r.speaker_end]: r.speaker
             for r in crisis.quotes.dropna(subset=["speaker_start", "speaker"]).itertuples()}
    assert spans["Drueke’s mother, Lois Drueke"] == "Lois Drueke"
    assert spans["the Truss-supporting business secretary, Kwasi Kwarteng"] == "Kwasi Kwarteng"
    assert spans["McCallum, head of oceans at Greenpeace"] == "Will McCallum"


def test_a_definite_role_description_is_the_person_of_the_article_holding_that_role(shared, tmp_path):
    # crisis 115: "Vladimir Putin has issued … warnings … Speaking at a meeting …, the Russian president said the
    # prospects … / “Everyone should know …,” he said"; crisis 075: "The Ukrainian president’s office said … It said
    # …" is an office, not Zelenskiy, whom the article also names
    import shutil

    for name in ("075.txt", "115.txt"):
        shutil.copy(shared / "data" / "crisis" / "articles" / name, tmp_path / name)
    ann = annotate(toolkit.load(tmp_path))
    text = ann.articles.set_index("article_id")["text"]
    spans = {(text[r.article_id][r.speaker_start:r.speaker_end], r.speaker)
             for r in ann.quotes.dropna(subset=["speaker_start", "speaker"]).itertuples()}
    assert {("the Russian president", "Vladimir Putin"), ("he", "Vladimir Putin")} <= spans
    assert ("The Ukrainian president’s office", "Ukraine") in spans
    assert not {span for span, who in spans if who == "Volodymyr Zelenskiy"} & {"The Ukrainian president’s office", "It"}


def test_it_resolves_to_its_organisation_and_an_unresolved_pronoun_is_no_speaker(shared, tmp_path):
    # crisis articles/016: "The Russian defence ministry … repeated its claims … It said: “If civilians are still …”"
    import shutil

    shutil.copy(shared / "data" / "crisis" / "articles" / "016.txt", tmp_path / "016.txt")
    ann = annotate(toolkit.load(tmp_path))
    text = ann.articles["text"].iloc[0]
    said = ann.quotes[ann.quotes["text"].str.startswith("“If civilians are still at the metallurgical plant")]
    (row,) = said.itertuples()
    assert text[row.speaker_start:row.speaker_end] == "It"  # the span stays, for the reader
    # "It" is resolved to the organisation that is the subject of the sentence before: its canonical actor
    assert row.speaker == "Russian Defence Ministry"
    spoken = ann.quotes["speaker"].dropna()
    assert len(spoken) > 0
    assert not spoken.str.lower().str.match(r"(it|they|we|i|he|she|its|their|the [a-z])\b").any()


def test_a_speaker_name_cut_short_or_with_an_age_is_the_full_actor(shared, tmp_path):
    # crisis articles/008: "she said" resolves to spaCy's entity "Ursula von der" (the model cut "Leyen" off)
    import shutil

    shutil.copy(shared / "data" / "crisis" / "articles" / "008.txt", tmp_path / "008.txt")
    ann = annotate(toolkit.load(tmp_path))
    text = ann.articles["text"].iloc[0]
    she = ann.quotes[ann.quotes["text"].str.contains("perpetrators of war crimes")]
    assert [text[a:b] for a, b in zip(she["speaker_start"], she["speaker_end"])] == ["she"]
    assert she["speaker"].tolist() == ["Ursula von der Leyen"]
    assert not ann.quotes["speaker"].dropna().str.contains(r"Ursula von der$|, \d+$").any()
