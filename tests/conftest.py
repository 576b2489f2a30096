"""Shared fixtures: the fixture site, built once per session through the real CLI into a temporary folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_gen.cli import main

TESTS = Path(__file__).parent
FIXTURE_SITE = TESTS / "fixtures" / "site"
FIXTURE_CONFIG = FIXTURE_SITE / "config.yaml"
REPO = TESTS.parent


@dataclass(frozen=True)
class Built:
    """A finished `sitegen build`: its output folder and what the command printed."""

    out: Path
    exit_code: int
    stdout: str
    stderr: str

    def page(self, rel: str) -> str:
        return (self.out / rel).read_text(encoding="utf-8")


def run_cli(args: list[str], env: dict[str, str | None] | None = None):
    """Run the `sitegen` command in-process; SOURCE_DATE_EPOCH is unset unless given."""
    runner = CliRunner()
    return runner.invoke(main, args, env={"SOURCE_DATE_EPOCH": None, **(env or {})}, catch_exceptions=False)


@pytest.fixture(scope="session", autouse=True)
def cache_key_home(tmp_path_factory):
    """The build cache's signing key (cache.key_file) is made in a temporary folder, not in ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


@pytest.fixture(scope="session")
def built_fixture(tmp_path_factory) -> Built:
    """tests/fixtures/site built once with `sitegen build --config ... --out <tmp>`."""
    out = tmp_path_factory.mktemp("fixture-build") / "site"
    result = run_cli(["build", "--config", str(FIXTURE_CONFIG), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return Built(out, result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli():
    return run_cli


#: Debian's chromium (never a browser Playwright downloads), started headless without background networking.
CHROMIUM = next((p for p in (Path("/usr/lib/chromium/chromium"), Path("/usr/bin/chromium")) if p.exists()), None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (Playwright's sync API does not nest, so never per session)."""
    if CHROMIUM is None:
        pytest.fail("Debian's chromium is missing: install it with `apt-get install -y chromium` "
                    "(never `playwright install`); these tests must run in CI.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()
