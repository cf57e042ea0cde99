"""notebooks/00_explore.ipynb in a real JupyterLab, driven by Chromium, with every non-local request blocked.

The server runs on a free local port with a token, no news, update checks or extension-manager look-ups, and
its own settings, workspaces and runtime folders. The notebook is copied into a temporary root (beside a link
to seeds/), so running it never writes outputs into the repository.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
NOTEBOOK = "notebooks/00_explore.ipynb"
_IDLE = "() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status === 'idle'"
_ALL_RAN = """() => window.jupyterapp.shell.currentWidget.content.widgets
    .filter(c => c.model.type === 'code').every(c => c.model.executionCount)"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _settings(home: Path) -> dict[str, str]:
    """Environment for a Lab that asks nothing of the network and starts with a clean workspace."""
    settings = home / "settings"
    for plugin, value in {"apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
                          "docmanager-extension/plugin": {"autosave": False}}.items():
        f = settings / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(value))
    return {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "cfg"), "JUPYTER_RUNTIME_DIR": str(home / "rt"),
            "JUPYTERLAB_SETTINGS_DIR": str(settings), "JUPYTERLAB_WORKSPACES_DIR": str(home / "ws")}


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(base URL, token) of a JupyterLab serving a copy of the notebook; shut down cleanly afterwards."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    home, root = tmp_path_factory.mktemp("jhome"), tmp_path_factory.mktemp("labroot")
    (root / "notebooks").mkdir()
    shutil.copy(ROOT / NOTEBOOK, root / NOTEBOOK)
    (root / "seeds").symlink_to(ROOT / "seeds")
    port, token = _free_port(), secrets.token_hex(16)
    log = (home / "lab.log").open("w")
    proc = subprocess.Popen([
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly", "--LabApp.expose_app_in_browser=True",
    ], env=_settings(home), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"JupyterLab exited: {(home / 'lab.log').read_text()[-2000:]}")
                time.sleep(0.5)
        yield base, token
    finally:
        request = urllib.request.Request(f"{base}/api/shutdown", method="POST",
                                         headers={"Authorization": f"token {token}"})
        urllib.request.urlopen(request, timeout=10)
        code = proc.wait(timeout=60)
        log.close()
        assert code == 0, (home / "lab.log").read_text()[-2000:]


def _marks(page: Any, name: str) -> int:
    return page.locator(f".jp-OutputArea svg g.{name}_marks path").count()


@pytest.mark.browser
def test_explorer_in_jupyterlab(lab: tuple[str, str]) -> None:
    from playwright.sync_api import sync_playwright

    base, token = lab
    local = (base, base.replace("http:", "ws:"), "data:", "blob:", "about:")
    blocked: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(local):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 1400, "height": 1500})
        page.route("**/*", route)
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?reset&token={token}")
        page.wait_for_function(_IDLE, timeout=90_000)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(_ALL_RAN, timeout=180_000)
        page.wait_for_function(_IDLE, timeout=180_000)
        for kind in ("stderr", "error"):  # no traceback, no warning (e.g. a spec that is not strict JSON)
            assert page.locator(f".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.{kind}']").count() == 0
        page.wait_for_function("() => document.querySelectorAll('svg g.actors_marks path').length > 0",
                               timeout=60_000)
        actors, bars = _marks(page, "actors"), _marks(page, "escalation")
        assert actors == 15 and bars > 5, (actors, bars)
        labels = page.locator(".jp-OutputArea svg g.role-axis text").all_text_contents()
        assert "Sergey Lavrov" in labels and "Russia" in labels

        search = page.locator("input[placeholder='search names and aliases']")
        search.fill("stoltenberg")
        search.press("Enter")
        page.wait_for_function("() => document.querySelectorAll('svg g.actors_marks path').length === 1",
                               timeout=30_000)
        after = page.locator(".jp-OutputArea svg g.role-axis text").all_text_contents()
        assert "Jens Stoltenberg" in after and "Sergey Lavrov" not in after
        quotes = [q.replace("\xa0", " ") for q in page.locator(".explorer-quotes select option").all_text_contents()]
        assert quotes and all(q.startswith("Jens Stoltenberg:") for q in quotes)

        page.locator(".jp-OutputArea svg g.actors_marks path").first.click()  # → sentences of that actor
        page.wait_for_function("() => document.querySelectorAll('.explorer-detail mark').length > 0",
                               timeout=30_000)
        detail = page.locator(".explorer-detail").inner_text()
        assert detail.startswith("Jens Stoltenberg:") and "Nato" in detail
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator(".jp-OutputArea svg g.actors_marks").first.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "explore_lab.png"))
        browser.close()
    assert blocked == []
