"""Small sites with a claimed data series for the series, chart, export and feed tests."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

from helpers import CONFIG, VALID_FRONT, article, read_tree, write_site

from site_gen.pipeline.build import BuildOptions, BuildResult, build

REPO = Path(__file__).resolve().parent.parent

#: Five daily running totals; tanks go down on 2024-01-04 (a revision); personnel carry a wording column.
CSV = """\
date,tanks,personnel,personnel_q,note
2024-01-01,10,1000,about,
2024-01-02,12,1100,about,quiet
2024-01-03,15,1250,more,
2024-01-04,14,1300,about,
2024-01-05,18,1420,about,
"""

DECLARATION = """\
title: Losses claimed by the ministry
claimant: ru-mod
subject: Ukrainian forces
measure: destroyed
status: unverifiable
file: ../../data/losses.csv
date_column: date
cumulative: true
since: 2023-12-31
qualifiers: {about: about, more: more than}
values:
  - {column: tanks, label: Tanks, milestones: [15]}
  - {column: personnel, label: Personnel, measure: killed, unit: people, qualifier_column: personnel_q}
ignore_columns:
  note: free text, not a figure
sources:
  - id: mod
    name: Russian Ministry of Defence
    url: https://example.org/mod
    accessed: 2024-01-06
license: CC BY 4.0, Example Data Desk
"""


def series_site(root: Path, csv: str = CSV, declaration: str = DECLARATION, data_name: str = "losses.csv",
                decl_name: str = "losses.yaml", config: str = CONFIG) -> Path:
    """A site with one article and one series declaration; returns its config.yaml."""
    files = {f"data/{data_name}": textwrap.dedent(csv), f"content/series/{decl_name}": textwrap.dedent(declaration)}
    return write_site(root, {"a.md": article(VALID_FRONT)}, config=config, files=files)


def real_dataset_site(root: Path) -> Path:
    """A copy of the repository's own site (config, claimants, articles, series, data) under `root`."""
    for rel in ("config.yaml", "content", "data", "templates", "static"):
        source = REPO / rel
        if source.is_dir():
            shutil.copytree(source, root / rel, ignore=shutil.ignore_patterns(".sitegen-cache"))
        elif source.is_file():
            root.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / rel)
    return root / "config.yaml"


@dataclass(frozen=True)
class RealBuilds:
    """The repository's own site, built twice (cold, then warm) from a copy, with its own chart cache."""

    root: Path
    out: Path
    first: BuildResult
    second: BuildResult
    first_files: dict[str, bytes]
    second_files: dict[str, bytes]
    cache: Path


_REAL: dict[str, RealBuilds] = {}


def real_builds(tmp_path_factory) -> RealBuilds:
    """Built once per test session, whichever test module asks first (the cold build draws every chart)."""
    if "builds" not in _REAL:
        root = tmp_path_factory.mktemp("real-site")
        config = real_dataset_site(root)
        out, cache = root / "build", root / "chart-cache"
        options = {"config_path": config, "out_dir": out, "cache_dir": cache}
        first = build(BuildOptions(**options))
        first_files = read_tree(out)
        second = build(BuildOptions(**options))
        _REAL["builds"] = RealBuilds(root, out, first, second, first_files, read_tree(out), cache)
    return _REAL["builds"]
