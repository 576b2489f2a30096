"""What `sitegen build` is asked to do (no heavy import: the no-op check reads it before the build is imported)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildOptions:
    config_path: Path = Path("config.yaml")
    out_dir: Path | None = None
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False
    #: The build cache folder; None means `.sitegen-cache/` next to config.yaml.
    cache_dir: Path | None = None
    #: False builds without the disk cache (charts, articles, pages): everything is computed afresh.
    chart_cache: bool = True
    #: Worker processes for charts and pages; 0 means one per core.
    jobs: int = 0
    #: False builds no search index (and the theme shows no search box), whatever config.yaml says.
    search: bool = True
