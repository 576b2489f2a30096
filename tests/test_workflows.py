"""GitHub workflows (the repo's and the starter site's) pass actionlint and the workflow JSON Schema."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml")) + sorted(
    (ROOT / "site_gen" / "scaffold" / ".github" / "workflows").glob("*.yml"))


def test_there_are_workflows_to_check():
    names = {p.name for p in WORKFLOWS}
    assert {"pages.yml", "tests.yml", "check.yml"} <= names


@pytest.mark.parametrize("command", [
    [str(BIN / "actionlint")],
    [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows"],
])
def test_workflows_pass_linters(command):
    result = subprocess.run(command + [str(p) for p in WORKFLOWS], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on:\n  push:\n    branchs: [main]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: buidl\n"
                   "    steps:\n      - uses: actions/checkout@v5\n        with:\n          fetch-dept: 1\n")
    result = subprocess.run([str(BIN / "actionlint"), str(bad)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "buidl" in result.stdout


def test_pages_workflow_builds_with_the_configured_base_url():
    text = (ROOT / ".github" / "workflows" / "pages.yml").read_text()
    assert "steps.pages.outputs.base_url" in text
    assert "actions/upload-pages-artifact" in text and "actions/deploy-pages" in text
    assert "permissions: {}" in text
