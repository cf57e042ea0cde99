"""Loading: seeds metadata, normalisation, boilerplate, and the text-file cases of ../shared/data/messy."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.ingest import decode, load, normalise

from .conftest import SEEDS

NATIONAL = "001_b1cb49b56e4e3559"
GUARDIAN = "000_344f8b7972184192"
BREAKING = "002_4c9c80885384a75a"


def test_seeds_load_with_metadata(corpus):
    arts = corpus.articles.set_index("article_id")
    assert corpus.summary() == "loaded 5, skipped 0"
    assert arts.loc[NATIONAL, "outlet"] == "The National"
    assert str(arts.loc[NATIONAL, "published"].date()) == "2022-01-18"
    assert arts.loc[NATIONAL, "title"].startswith("Russia open to further Ukraine talks")
    assert "date_basis" in corpus.articles.columns  # extra metadata columns are kept
    assert arts["n_words"].between(350, 900).all()


def test_no_odd_spaces_survive(corpus):
    raw = "".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    assert "\u00a0" in raw  # the seeds do contain no-break spaces
    for text in corpus.articles["text"]:
        assert not any(ch in text for ch in "\u00a0\u200b\ufeff\r")


def test_national_keeps_body_but_loses_comment_form(corpus):
    row = corpus.articles.set_index("article_id").loc[NATIONAL]
    assert "Leave a Reply" not in row["text"] and "bloggers like this" not in row["text"]
    assert row["text"].rstrip().endswith("“not conducive to reducing tensions”.")
    assert "Leave a Reply" in row["removed"] and "%d bloggers like this:" in row["removed"]


def test_guardian_masthead_and_captions_removed(corpus):
    row = corpus.articles.set_index("article_id").loc[GUARDIAN]
    assert row["title"] == "Russia claims it will begin talks with US and Nato"  # not the masthead line
    assert "Newspapers in English" not in row["text"] and "Photograph:" not in row["text"]
    assert "The Guardian Australia" in row["removed"]


def test_repeated_title_dropped_once(corpus):
    row = corpus.articles.set_index("article_id").loc[BREAKING]
    assert "Russia And Us To Discuss" not in row["text"]
    assert "Russia And Us To Discuss Ukraine And Nato In New Talks" in row["removed"]


def test_title_from_first_line_without_metadata(tmp_path):
    shutil.copy(SEEDS / f"{NATIONAL}.txt", tmp_path / "a.txt")
    art = load(tmp_path).articles.iloc[0]
    assert art["title"].startswith("Russia open to further Ukraine talks")
    assert art["text"].startswith("Russia said on Tuesday")
    assert art[["outlet", "published"]].isna().all()


def test_duplicates_reported_not_double_counted(tmp_path):
    shutil.copy(SEEDS / f"{NATIONAL}.txt", tmp_path / "a.txt")
    shutil.copy(SEEDS / f"{NATIONAL}.txt", tmp_path / "b.txt")
    corpus = load(tmp_path)
    assert len(corpus.articles) == 1
    assert corpus.summary() == "loaded 1, skipped 1: 1 duplicate"
    assert "same text as a" in corpus.report[-1].reason


def test_missing_path_is_reported_not_raised(tmp_path):
    corpus = load([SEEDS / f"{NATIONAL}.txt", tmp_path / "nope.txt", str(tmp_path / "*.md")])
    assert len(corpus.articles) == 1
    reasons = [e.reason for e in corpus.report if e.status == "skipped"]
    assert any(r.startswith("missing") for r in reasons) and len(reasons) == 2


def test_offsets_index_cleaned_text(ann):
    texts = dict(zip(ann.articles["article_id"], ann.articles["text"]))
    for row in ann.sentences.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text


# --- ../shared/data/messy: the plain-text cases of MANIFEST.tsv -------------------------------------------------

def _crisis(shared: Path, name: str) -> tuple[str, str]:
    art = load(shared / "data" / "crisis" / "articles" / name).articles.iloc[0]
    return art["title"], art["text"]


@pytest.mark.parametrize("name, crisis, encoding", [
    ("cp1252_crlf.txt", "013.txt", "cp1252"),
    ("utf8_bom_crlf.txt", "011.txt", "utf-8-sig"),
    ("utf16le_bom.txt", "006.txt", "utf-16"),
    ("cr_only.txt", "007.txt", "utf-8"),
    ("invisible_chars.txt", "003.txt", "utf-8"),
    ("nul_byte.txt", "005.txt", "utf-8"),
    ("mojibake.txt", "008.txt", "utf-8"),
    ("Kyiv report – copy (1).txt", "012.txt", "utf-8"),
])
def test_messy_text_equals_clean_original(shared, name, crisis, encoding):
    corpus = load(shared / "data" / "messy" / name)
    assert len(corpus.articles) == 1, corpus.report
    art = corpus.articles.iloc[0]
    assert (art["title"], art["text"]) == _crisis(shared, crisis)
    assert art["encoding"] == encoding
    assert art["path"].endswith(name)  # the odd file name is kept verbatim


def test_messy_warnings(shared):
    corpus = load([shared / "data" / "messy" / n for n in ("nul_byte.txt", "mojibake.txt")])
    warnings = {Path(e.path).name: " ".join(e.warnings) for e in corpus.report}
    assert "NUL" in warnings["nul_byte.txt"]
    assert "double-encoded" in warnings["mojibake.txt"]


def test_messy_latin1_keeps_pound(shared):
    art = load(shared / "data" / "messy" / "latin1.txt").articles.iloc[0]
    assert "£15.8m" in art["text"] and art["encoding"] == "cp1252"


def test_messy_markdown_title(shared):
    art = load(shared / "data" / "messy" / "article.md").articles.iloc[0]
    assert not art["title"].startswith("#")
    assert art["text"] == _crisis(shared, "010.txt")[1]


def test_messy_boilerplate_wrapped_keeps_body(shared):
    art = load(shared / "data" / "messy" / "boilerplate_wrapped.txt").articles.iloc[0]
    title, text = _crisis(shared, "001.txt")
    assert art["title"] == title and art["text"] == text


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty"), ("whitespace_only.txt", "empty"),
    ("boilerplate_only.txt", "boilerplate only"), ("binary_png.txt", "binary"),
])
def test_messy_skipped_with_reason(shared, name, reason):
    corpus = load(shared / "data" / "messy" / name)
    assert corpus.articles.empty
    (entry,) = corpus.report
    assert entry.status == "skipped" and entry.reason.startswith(reason), entry


# --- properties ---------------------------------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_decode_never_crashes_unexpectedly(data):
    from toolkit.ingest import _Skip

    try:
        text, encoding = decode(data)
    except _Skip:
        return
    assert isinstance(text, str) and encoding


# --- multi-article files and HTML (../shared/data/messy) -----------------------------------------------------------

def test_jsonl_and_csv_hold_the_same_twenty_articles(shared):
    messy = shared / "data" / "messy"
    jsonl, table = load(messy / "articles.jsonl").articles, load(messy / "articles.csv").articles
    assert len(jsonl) == len(table) == 20
    assert jsonl["text"].tolist() == table["text"].tolist()
    assert table["article_id"].iloc[0] == "articles/000"  # ids stay strings: '000', not 0
    first = jsonl.iloc[0]
    assert (first["title"], first["text"]) == _crisis(shared, "000.txt")
    assert first["outlet"] == "The Guardian" and not pd.isna(first["published"])


def test_malformed_jsonl_line_reported_rest_loaded(shared):
    corpus = load(shared / "data" / "messy" / "malformed.jsonl")
    assert len(corpus.articles) == 9
    assert [a.split("/")[-1] for a in corpus.articles["article_id"]] == [
        "003", "020", "038", "056", "074", "109", "127", "145", "163"]
    (bad,) = [e for e in corpus.report if e.status == "skipped"]
    assert bad.path.endswith("malformed.jsonl:6") and "line 6" in bad.reason


def test_html_page_gives_title_and_body(shared):
    messy = shared / "data" / "messy"
    art = load(messy / "cnn_article.html").articles.iloc[0]
    assert art["title"] == "After storm, forecasters see smooth sailing for Thanksgiving"
    assert art["outlet"] == "CNN" and str(art["published"].date()) == "2013-11-27"
    expected = [p.strip() for p in (messy / "cnn_article.expected.txt").read_text().split("\n") if p.strip()]
    got = [p for p in art["text"].split("\n\n")]
    assert got[:5] == expected[:5] and len(set(got) & set(expected)) >= 0.9 * len(expected)
    assert "function(" not in art["text"] and "<script" not in art["text"]


def test_whole_messy_folder_loses_nothing(shared):
    messy = shared / "data" / "messy"
    corpus = load(messy)
    manifest = [line.split("\t")[0] for line in (messy / "MANIFEST.tsv").read_text().splitlines()[1:]]
    reported = {Path(e.path.rsplit(":", 1)[0] if e.path.endswith(tuple("0123456789")) else e.path).name
                for e in corpus.report}
    assert set(manifest) <= reported  # every input file has a word in the report
    skipped = {Path(e.path).name: e.reason.split(":")[0] for e in corpus.report
               if e.status == "skipped" and not e.reason.startswith("duplicate")}
    assert skipped == {"binary_png.txt": "binary", "boilerplate_only.txt": "boilerplate only", "empty.txt": "empty",
                       "whitespace_only.txt": "empty", "malformed.jsonl:6": "malformed",
                       "MANIFEST.tsv": "unsupported", "make_big.py": "unsupported"}


# --- folders, sidecars and unreadable inputs -----------------------------------------------------------------------

def _seed_text(n: int = 0) -> bytes:
    return sorted(SEEDS.glob("*.txt"))[n].read_bytes()


def test_folder_reports_unsupported_files_and_skips_junk_quietly(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_bytes(_seed_text(0))
    (tmp_path / "sub" / "b.md").write_bytes(_seed_text(1))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / ".git" / "c.txt").write_bytes(_seed_text(2))
    corpus = load(tmp_path)
    assert sorted(corpus.articles["article_id"]) == ["a", "sub/b"]
    assert corpus.summary() == "loaded 2, skipped 1: 1 unsupported"
    (pdf,) = [e for e in corpus.report if e.status == "skipped"]
    assert pdf.path.endswith("notes.pdf") and ".pdf files are not read" in pdf.reason


def test_metadata_unknown_file_and_bad_date_are_reported(tmp_path):
    (tmp_path / "a.txt").write_bytes(_seed_text(0))
    (tmp_path / "metadata.csv").write_text(
        "file,outlet,published\na.txt,The Wire,not a date\ngone.txt,Ghost News,2022-01-10\n", encoding="utf-8")
    corpus = load(tmp_path)
    art = corpus.articles.iloc[0]
    assert art["outlet"] == "The Wire" and pd.isna(art["published"])
    (loaded,) = [e for e in corpus.report if e.status == "loaded"]
    assert "unreadable date 'not a date'" in loaded.warnings[0]
    (gone,) = [e for e in corpus.report if e.status == "skipped"]
    assert gone.path.endswith("metadata.csv:3") and "'gone.txt'" in gone.reason
    assert corpus.summary() == "loaded 1, skipped 1: 1 unknown file"


@pytest.mark.parametrize("content", [b"name,outlet\na.txt,X\n", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_unusable_metadata_is_reported_and_articles_still_load(tmp_path, content):
    (tmp_path / "a.txt").write_bytes(_seed_text(0))
    (tmp_path / "metadata.csv").write_bytes(content)
    corpus = load(tmp_path)
    assert len(corpus.articles) == 1 and pd.isna(corpus.articles["outlet"].iloc[0])
    (meta,) = [e for e in corpus.report if e.status == "skipped"]
    assert meta.reason.startswith("unreadable metadata") and "articles load without it" in meta.reason


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_bytes(_seed_text(0))
    (tmp_path / "b.txt").write_bytes(_seed_text(1))
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    corpus = load(tmp_path)
    assert list(corpus.articles["article_id"]) == ["a"]
    assert corpus.summary() == "loaded 1, skipped 1: 1 unreadable"


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_any_text_file_loads_or_is_skipped_with_a_reason(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("prop")
    (folder / "x.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    corpus = load(folder)
    (entry,) = corpus.report
    if entry.status == "skipped":
        assert entry.reason and corpus.articles.empty
    else:
        art = corpus.articles.iloc[0]
        assert normalise(art["text"]) == art["text"] and art["text"].strip()
        assert art["sha256"] == hashlib.sha256(art["text"].encode("utf-8")).hexdigest()


def test_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path):
    from toolkit._files import atomic_write

    target = tmp_path / "mentions.parquet"
    target.write_bytes(b"complete table")

    def crash(tmp: str) -> None:
        Path(tmp).write_bytes(b"half a tab")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, crash)
    assert target.read_bytes() == b"complete table"
    assert [p.name for p in tmp_path.iterdir()] == ["mentions.parquet"]


def test_notebook_display_lists_every_problem(shared):
    corpus = load(shared / "data" / "messy")
    problems = corpus.problems()
    skipped = sum(e.status == "skipped" for e in corpus.report)
    warned = sum(e.status == "loaded" and bool(e.warnings) for e in corpus.report)
    assert len(problems) == skipped + warned and warned >= 1
    page = corpus._repr_html_()
    assert corpus.summary() in page and "binary_png.txt" in page and "NUL" in page
    assert repr(corpus) == f"Corpus({corpus.summary()})"
