"""Engines and the stage-aware cache: same tables from one process, a process pool, Dask, and any cache state."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import warnings
from importlib import resources

import pandas as pd
import pytest

from toolkit import engine
from toolkit.engine import Settings, run, run_dask
from toolkit.pipeline import Annotations, annotate

from .conftest import ROOT, SEEDS


def _items(corpus) -> list[tuple[str, str]]:
    return list(zip(corpus.articles["article_id"], corpus.articles["text"]))


def _same(a: Annotations, b: Annotations, names=None) -> None:
    for name in names or a.tables():
        pd.testing.assert_frame_equal(a.tables()[name], b.tables()[name])


def _count(root, kind: str) -> int:
    return len(list((root / kind).rglob("*.*"))) if (root / kind).is_dir() else 0


def test_changing_the_lexicon_reruns_only_signals(ann, corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    first = annotate(corpus)
    _same(ann, first)
    assert {k: _count(tmp_path / "cache", k) for k in ("doc", "base", "quotes", "signals", "all")} == dict.fromkeys(
        ("doc", "base", "quotes", "signals", "all"), 5)
    lexicon = tmp_path / "my_lexicon.csv"
    packaged = resources.files("toolkit").joinpath("data/escalation.csv").read_text(encoding="utf-8")
    header = packaged.splitlines()[[i for i, line in enumerate(packaged.splitlines()) if not line.startswith("#")][0]]
    assert header.startswith("pattern,")
    extra = {"pattern": "security guarantee", "direction": "de-escalation", "code": "057", "weight": "8.0"}
    row = ",".join(extra.get(col, "") for col in header.split(","))
    lexicon.write_text(packaged.rstrip("\n") + "\n" + row + "\n", encoding="utf-8")

    def boom(*args, **kwargs):
        raise AssertionError("this stage should have come from the cache")

    for name in ("parse", "find_mentions", "find_quotes"):  # only the signal stage may run
        monkeypatch.setattr(engine, name, boom)
    second = annotate(corpus, lexicon=lexicon)
    _same(first, second, ["articles", "sentences", "mentions", "actors", "quotes"])
    assert _count(tmp_path / "cache", "signals") == 10 and _count(tmp_path / "cache", "base") == 5
    assert "security guarantee" in set(second.signals["pattern"]) - set(first.signals["pattern"])


def test_a_users_cue_file_reruns_quotes_and_signals_only(ann, corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    first = annotate(corpus)
    cues = tmp_path / "my_cues.csv"
    cues.write_text("cue,scope\nwarn,none\n", encoding="utf-8")

    def boom(*args, **kwargs):
        raise AssertionError("this stage should have come from the cache")

    for name in ("parse", "find_mentions"):
        monkeypatch.setattr(engine, name, boom)
    second = annotate(corpus, cues=cues)
    _same(first, second, ["articles", "sentences", "mentions", "actors"])
    assert _count(tmp_path / "cache", "quotes") == 10 and _count(tmp_path / "cache", "base") == 5
    assert "warn" in set(first.quotes["cue"]) and "warn" not in set(second.quotes["cue"])
    assert len(second.quotes) < len(first.quotes)


def test_process_pool_gives_the_same_rows(corpus, monkeypatch):
    monkeypatch.setattr(engine, "_MIN_WORDS_PER_JOB", 1)  # force a pool even for five articles
    settings = Settings(cache=False)
    one = dict(run(settings, _items(corpus), jobs=1))
    two = dict(run(settings, _items(corpus), jobs=2))
    assert one == two and set(one) == set(corpus.articles["article_id"])


def test_a_pool_that_cannot_start_falls_back_to_one_process(corpus, monkeypatch):
    monkeypatch.setattr(engine, "_MIN_WORDS_PER_JOB", 1)

    class Broken:
        def __init__(self, *args, **kwargs):
            raise OSError("no processes here")

    monkeypatch.setattr(engine, "ProcessPoolExecutor", Broken)
    with pytest.warns(RuntimeWarning, match="continuing in one process"):
        rows = dict(run(Settings(cache=False), _items(corpus), jobs=2))
    assert set(rows) == set(corpus.articles["article_id"])


def test_dask_local_cluster_gives_the_same_tables(ann, corpus):
    pytest.importorskip("distributed", reason="the 'dask' extra is not installed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rows = dict(run_dask(Settings(cache=False), _items(corpus)))
    assert rows == dict(run(Settings(), _items(corpus), jobs=1))
    assert sum(len(r["quotes"]) for r in rows.values()) == len(ann.quotes)


def test_unreachable_scheduler_is_a_clear_cli_error(tmp_path):
    pytest.importorskip("distributed", reason="the 'dask' extra is not installed")
    run_ = subprocess.run([sys.executable, "-m", "toolkit", "annotate", str(SEEDS), "--out", str(tmp_path / "o"),
                           "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--quiet", "--no-cache"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run_.returncode == 2 and "cannot reach the Dask scheduler" in run_.stderr, run_.stderr
    assert "Traceback" not in run_.stderr


def test_bad_jobs_is_a_clear_cli_error(tmp_path):
    run_ = subprocess.run([sys.executable, "-m", "toolkit", "annotate", str(SEEDS), "--out", str(tmp_path / "o"),
                           "--jobs", "0"], capture_output=True, text=True, cwd=ROOT)
    assert run_.returncode == 2 and "--jobs: must be a whole number of at least 1" in run_.stderr


def test_kill_during_annotate_then_rerun_gives_the_same_tables(ann, tmp_path):
    env = {"TOOLKIT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "toolkit", "annotate", str(SEEDS), "--out", str(tmp_path / "out"), "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(tmp_path / "cache", "all") < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    for entry in (tmp_path / "cache").rglob("*.json"):  # whatever was renamed into place is whole
        json.loads(entry.read_bytes())
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    _same(ann, Annotations.read(tmp_path / "out"))


def test_changing_one_article_reparses_only_that_article(ann, corpus, tmp_path, monkeypatch):
    from toolkit.ingest import Corpus

    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    annotate(corpus)
    parsed: list[str] = []
    real = engine.parse

    def counting(nlp, texts, **kwargs):
        texts = list(texts)
        parsed.extend(texts)
        return real(nlp, texts, **kwargs)

    monkeypatch.setattr(engine, "parse", counting)
    articles = corpus.articles.copy()
    articles.loc[0, "text"] = articles.loc[0, "text"] + "\n\nNato said talks would continue."
    changed = annotate(Corpus(articles, corpus.report))
    assert parsed == [articles.loc[0, "text"]]
    first = articles.loc[0, "article_id"]
    keep = ann.quotes["article_id"].ne(first)
    pd.testing.assert_frame_equal(ann.quotes[keep].reset_index(drop=True),
                                  changed.quotes[changed.quotes["article_id"].ne(first)].reset_index(drop=True))
    assert changed.sentences["text"].str.contains("talks would continue").any()


def test_a_script_without_main_guard_runs_the_pool_once(tmp_path):
    script = tmp_path / "no_guard.py"  # what users write: no `if __name__ == "__main__":`
    script.write_text(f"""import warnings
warnings.simplefilter("error", RuntimeWarning)  # a fallback to one process would fail this run
from toolkit import engine
from toolkit.pipeline import annotate
engine._MIN_WORDS_PER_JOB = 1
print("started")
ann = annotate({str(SEEDS)!r}, cache=False, jobs=2, progress=False)
print("quotes", len(ann.quotes))
""", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("started") == 1 and "quotes " in done.stdout  # workers did not re-run the script


def test_the_doc_cache_key_follows_the_tokenizer_data():
    annotator = engine.Annotator(Settings(cache=False))
    assert engine._file_hash(None, "abbreviations.txt") in annotator.fingerprint.model  # editing it re-parses
