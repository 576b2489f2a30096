"""The built wheel works on its own: theme files are packaged and `python -m site_gen build` runs outside the repo.

The wheel is built from a copy of the sources (pyproject.toml, README.md, site_gen/) and installed with `pip install --target` (no dependencies); the dependencies come from the test
venv (sys.executable), while sitegen itself must be imported from the wheel's files, never from the repo.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO
from site_gen import __version__
from helpers import VALID_FRONT, article, write_site


@dataclass(frozen=True)
class Installed:
    wheel: Path
    target: Path

    def run(self, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SOURCE_DATE_EPOCH")}
        env["PYTHONPATH"] = str(self.target)
        return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def pip(*args: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def copy_sources(dest: Path) -> Path:
    """What the wheel is built from, copied, so that setuptools' build/ folders never land in the repo."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(REPO / "site_gen", dest / "site_gen", ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, dest / name)
    return dest


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    source = copy_sources(base / "src")
    pip("wheel", "--no-deps", "--quiet", "-w", str(base / "dist"), str(source))
    [wheel] = list((base / "dist").glob("sitegen_claims-*.whl"))
    pip("install", "--no-deps", "--quiet", "--target", str(base / "install"), str(wheel))
    return Installed(wheel, base / "install")


def test_wheel_contains_every_theme_file(installed):
    theme = REPO / "site_gen" / "theme"
    expected = {f"site_gen/theme/{p.relative_to(theme).as_posix()}" for p in theme.rglob("*") if p.is_file()}
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    assert expected and expected <= names
    assert "site_gen/__main__.py" in names


def test_site_gen_is_imported_from_the_installed_wheel(installed, tmp_path):
    proc = installed.run(["-c", "import site_gen; print(site_gen.__file__)"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    imported = Path(proc.stdout.strip()).resolve()
    assert imported.is_relative_to(installed.target.resolve())
    assert not imported.is_relative_to(REPO.resolve())


def test_installed_wheel_builds_a_site_with_the_packaged_theme(installed, tmp_path):
    write_site(tmp_path, {"report.md": article(VALID_FRONT)})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.yaml", "content"]
    proc = installed.run(["-m", "site_gen", "build"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Built 1 articles, 1 claims" in proc.stdout
    out = tmp_path / "build"
    packaged_css = installed.target / "site_gen/theme/static/assets/sitegen.css"
    assert (out / "assets/sitegen.css").read_bytes() == packaged_css.read_bytes()
    page = (out / "articles/report.html").read_text(encoding="utf-8")
    assert 'href="../assets/sitegen.css"' in page
    assert 'class="claim-card status-unverified"' in page and "Russian Ministry of Defence" in page


def test_installed_wheel_scaffolds_a_new_site_that_builds(installed, tmp_path):
    proc = installed.run(["-m", "site_gen", "new", "mysite"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = tmp_path / "mysite"
    for rel in (".github/workflows/pages.yml", ".github/workflows/check.yml", ".gitignore", "config.yaml",
                "content/articles/example-claim.md"):
        assert (site / rel).is_file(), rel
    assert (site / "requirements.txt").read_text().splitlines()[-1] == f"sitegen-claims=={__version__}"
    built = installed.run(["-m", "site_gen", "build", "--strict"], cwd=site)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Unverified claim" in (site / "build" / "articles" / "example-claim.html").read_text(encoding="utf-8")


def test_the_wheel_carries_the_licence_and_its_spdx_expression(installed):
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = wheel.namelist()
        [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
        text = wheel.read(metadata).decode("utf-8")
        [licence] = [n for n in names if n.endswith("/LICENSE") and ".dist-info/" in n]
        assert wheel.read(licence) == (REPO / "LICENSE").read_bytes()
    assert "License-Expression: MIT" in text
    assert "\nName: sitegen-claims\n" in text, "published as ours: `sitegen` on PyPI is another project"
