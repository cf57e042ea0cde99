"""Shared fixtures: the seeds loaded and annotated once per session, with an isolated annotation cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    os.environ["TOOLKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (gold data, corpora); tests that need it skip with a reason when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present next to the project (gold data and corpora live there)")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from toolkit.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def corpus():
    from toolkit.ingest import load

    return load(SEEDS)


@pytest.fixture(scope="session")
def ann(corpus):
    from toolkit.pipeline import annotate

    return annotate(corpus)


@pytest.fixture(scope="session")
def texts(corpus) -> dict[str, str]:
    """Cleaned seed texts by article id."""
    return dict(zip(corpus.articles["article_id"], corpus.articles["text"]))
