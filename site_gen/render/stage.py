"""Render stage: the pages a browser shows first, then the rest on all cores (those unchanged since the last build are not rendered)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from site_gen.render.pages import Page
from site_gen.utils.gc_pause import collector_paused
from site_gen.utils.parallel import run_all, shared_value
from site_gen.utils.phases import ProgressFactory, progress_of as _progress
from site_gen.render.templates import render

if TYPE_CHECKING:  # only for annotations: jinja2 has its own home module
    from jinja2 import Environment


@dataclass(frozen=True)
class EarlyPages:
    """`serve`: the changed pages among `wanted` (those open in a browser) are rendered first and handed to
    `deliver(files, base_path)` with every chart and static file, before the rest of the site renders
    (what `hugo server` calls fast render)."""

    wanted: frozenset[str]
    deliver: Callable[[dict[str, bytes], str], None]


@dataclass(frozen=True)
class PlannedPages:
    """Every page with its key; `previous` holds the bytes of those unchanged since the last build."""

    pages: list[Page]
    keys: dict[str, str]
    previous: dict[str, bytes]
    env: Environment
    #: One line each: a page manifest in the cache that could not be used.
    cache_warnings: tuple[str, ...] = ()
    #: Pages already in the output folder being written, linked unchanged from the last build.
    linked: frozenset[str] = frozenset()
    #: The key of what exports and feeds are made from (`page_keys.data_key`).
    data_key: str = ""


def render_first(planned: PlannedPages, wanted: frozenset[str]) -> dict[str, bytes]:
    """The changed pages among `wanted`, rendered now in this process (pass them on to render_planned)."""
    return {p.path: render(planned.env, p.template, p.context) for p in planned.pages
            if p.path in wanted and p.path not in planned.previous and p.path not in planned.linked}


def render_planned(planned: PlannedPages, first: dict[str, bytes] | None = None, jobs: int = 1,
                   progress: ProgressFactory | None = None,
                   into: MutableMapping[str, bytes] | None = None) -> tuple[MutableMapping[str, bytes], int]:
    """Every page in plan order but those already linked, rendering (on all cores) those neither unchanged nor
    already in `first`, put into `into` (a new dict by default) as each is ready, so that a build writing to its
    output folder never holds every page at once; also how many were reused from the last build."""
    pages: MutableMapping[str, bytes] = {} if into is None else into
    done = {**planned.previous, **(first or {})}
    pages.update((p.path, done[p.path]) for p in planned.pages if p.path in done and p.path not in planned.linked)
    todo = [p for p in planned.pages if p.path not in done and p.path not in planned.linked]
    with _progress(progress, "Rendering pages", len(todo)) as advance:
        run_all(_render_page, list(range(len(todo))), jobs, advance, {"env": planned.env, "pages": todo},
                sink=lambda index, html: pages.__setitem__(todo[index].path, html))
    return pages, len(planned.previous) + len(planned.linked)


def _render_page(index: int) -> bytes:
    page = shared_value("pages")[index]
    with collector_paused():  # its context too: a 10,000-claim page's JSON-LD and timeline entries
        return render(shared_value("env"), page.template, page.context)


def build_time() -> dt.datetime | None:
    """Only SOURCE_DATE_EPOCH puts a time on the site, so that builds stay reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.strip().isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
