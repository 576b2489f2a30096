"""The build, as a table of contents: configure → load → check → analyse → draw → render → write."""

from __future__ import annotations

import hashlib
import time
from collections.abc import MutableMapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from site_gen.core.breakdowns import ChartJob
from site_gen.core.event_charts import EventChartJob
from site_gen.core.share_cards import CardJob
from site_gen.utils.cache import CacheStore, digest
from site_gen.charts.cache import ChartCache, chart_key
from site_gen.charts.draw import draw
from site_gen.content.config import load_config
from site_gen.render.exports import export_paths
from site_gen.render.feeds import feed_files, feed_paths
from site_gen.content.load import load_articles
from site_gen.pipeline.memo import BuildMemo
from site_gen.pipeline.options import BuildOptions
from site_gen.pipeline.plain import from_plain, to_plain
from site_gen.core.model import Finding, SiteConfig
from site_gen.core.site import Site
from site_gen.charts.mpl import mpl
from site_gen.pipeline.output import StagedOutput, recover_output
from site_gen.render.page_manifest import save_page_manifest
from site_gen.utils.parallel import default_jobs, run_all
from site_gen.utils.phases import PhaseTimer, ProgressFactory, progress_of as _progress
from site_gen.core.problems import ContentErrors, Problem, Severity, SitegenError
from site_gen.pipeline import last_build, steps
from site_gen.render.stage import EarlyPages, render_first, render_planned
from site_gen.utils.reuse import Reuse, fresh
from site_gen.content.series import load_series
from site_gen.core.series_model import SeriesFinding
from site_gen.core.series_plan import SeriesChartJob
from site_gen.render.search_shards import write_search_index
from site_gen.render.statics import static_files
from site_gen.render.status_changes import status_change_warnings


#: The signed store's entry listing the hashes of charts drawn or checked here.
CHECKED_CHARTS = "checked-charts"
#: The signed store's entry of each page's search facts by the SHA-256 of its bytes (render/search.py).
SEARCH_FACTS = "search-facts"
#: Charts drawn per round of workers: each round's results are written out before the next is drawn.
DRAW_BATCH = 512


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    pages: int
    articles: int
    claims: int
    charts: int
    findings: tuple[Finding, ...]
    warnings: tuple[Problem, ...]
    seconds: float
    series: int = 0
    series_points: int = 0
    series_findings: tuple[SeriesFinding, ...] = ()
    charts_drawn: int = 0
    charts_reused: int = 0
    ms_per_chart: float = 0.0
    notices: tuple[Problem, ...] = ()
    pages_rendered: int = 0
    pages_reused: int = 0
    phases: tuple[tuple[str, float], ...] = ()
    cache_warnings: tuple[str, ...] = ()
    #: Share cards (cards/*.png) drawn and reused from the chart cache; not counted among the charts.
    cards_drawn: int = 0
    cards_reused: int = 0
    #: Output files hard-linked from the previous build (same bytes) instead of written again.
    files_linked: int = 0


@dataclass(frozen=True)
class CompiledSite:
    """A built site: output path -> bytes (held in memory, or read back from the folder being written), plus
    what the summary reports."""

    files: MutableMapping[str, bytes]
    result: BuildResult
    #: The configuration the site was built with (its source folders may not be replaced by the output).
    config: SiteConfig
    page_keys: dict[str, str] = field(default_factory=dict)
    #: Output path -> the key of what it was made from, for pages, charts and cards (same key, same bytes).
    output_keys: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ChartFiles:
    """Where the charts went, each chart's key by output path, and those linked unchanged from the last build."""

    files: MutableMapping[str, bytes]
    keys: dict[str, str]
    linked: tuple[str, ...]


def build(options: BuildOptions, progress: ProgressFactory | None = None) -> BuildResult:
    """Build the whole site or raise ContentErrors/SitegenError; the old output stays until the swap (first put
    back if an interrupted run left it missing). With the cache, the inputs are recorded before they are read and
    the output after the swap (`last_build`), so that the next `sitegen build` can prove nothing changed."""
    config = configure(options)
    recover_output(config.output_dir)
    cache_root = cache_folder(options)
    inputs = None
    if cache_root is not None:
        folders = last_build.input_folders(config.content_dir, config.templates_dir, config.static_dir)
        inputs = last_build.take_inputs(options, folders, config.output_dir)
    memo = BuildMemo(CacheStore(cache_root / "articles.json" if cache_root else None, encode=to_plain, decode=from_plain))
    previous, keys = last_build.previous_outputs(options, config.output_dir) if cache_root is not None else ({}, {})
    with StagedOutput(config.output_dir, config.source_dirs, previous, keys) as staged:
        compiled = compile_site(options, memo, progress, output=staged)
        started = time.perf_counter()
    memo.commit()
    if cache_root is not None:
        save_page_manifest(cache_root, staged.hashes, compiled.page_keys, compiled.result.out_dir)
    phases = compiled.result.phases + (("write", time.perf_counter() - started),)
    result = replace(compiled.result, phases=phases, seconds=compiled.result.seconds + phases[-1][1],
                     cache_warnings=compiled.result.cache_warnings + tuple(memo.store.warnings if memo.store else ()),
                     files_linked=staged.linked)
    if inputs is not None:
        last_build.save(options, inputs, memo.declared_files, result.out_dir, staged.hashes, report(result),
                        compiled.output_keys)
    return result


def report(result: BuildResult) -> dict:
    """What a build that finds nothing changed repeats of this one: findings, warnings and counts."""
    return {"findings": [f.format() for f in result.findings + result.series_findings],
            "warnings": [w.format() for w in result.warnings + result.notices],
            "counts": {"articles": result.articles, "claims": result.claims, "pages": result.pages,
                       "charts": result.charts, "series": result.series}}


def compile_site(options: BuildOptions, memo: BuildMemo | None = None,
                 progress: ProgressFactory | None = None, early: EarlyPages | None = None,
                 output: MutableMapping[str, bytes] | None = None) -> CompiledSite:
    """Every output file of the site, put into `output` as it is made (a dict by default: in memory, nothing
    written; `build` passes the folder being written). `memo` reuses unchanged parses and bodies; `early` gets
    the pages a browser shows (and every chart and static file) before the rest is rendered."""
    timer = PhaseTimer()
    jobs = options.jobs or default_jobs()
    with timer("load and validate"):
        config = configure(options)
        articles, problems = load_articles(config, options.drafts, memo)
        datasets, series_problems = load_series(config, memo)
        changed = status_change_warnings(config, articles, cache_folder(options))
        warnings = raise_on_errors(problems + series_problems + changed, options.strict)
    reuse = memo.reuse if memo is not None else fresh
    with timer("analyse"):
        site = Site(config, articles, steps.findings(articles, reuse, config.events), datasets, steps.series_findings(datasets, reuse))
        charts = steps.chart_jobs(site, reuse)
        series_charts = steps.series_chart_jobs(site.datasets, reuse, site.config.translations,
                                                site.config.date_format)
        cards = steps.card_jobs(site, reuse)
    with timer("charts"):
        store = memo.store if memo is not None else None
        chart_folder = cache_folder(options) / "charts" if cache_folder(options) else None
        cache = ChartCache(chart_folder, memo.charts if memo is not None else None, checked_charts(store))
        streaming = isinstance(output, StagedOutput)
        if streaming:
            cache.used = UsedHashes()
        drawn = draw_charts(charts, series_charts, cache, jobs, progress, reuse, into=output,
                            events=steps.event_chart_jobs(site))
        files = drawn.files
        if memo is not None:
            memo.charts = {} if streaming else cache.used
    with timer("share cards"):
        # the chart cache's folder, unless that proved unusable (already reported once)
        card_cache = ChartCache(cache.folder, memo.cards if memo is not None else None, checked_charts(store),
                                suffix=".png")
        if streaming:
            card_cache.used = UsedHashes()
        drawn_cards = draw_charts({}, {}, card_cache, jobs, None, reuse, tuple(cards.values()), into=files)
        if memo is not None:
            memo.cards = {} if streaming else card_cache.used
        if store is not None:
            linked = {files.hashes[p] for p in drawn.linked + drawn_cards.linked} if streaming else set()
            store.put(CHECKED_CHARTS, tuple(sorted(used_hashes(cache) | used_hashes(card_cache) | linked)))
    with timer("render"):
        planned = steps.plan_render(site, charts, series_charts, cache_folder(options), memo,
                                    files.link_unchanged if isinstance(files, StagedOutput) else None)
        files.update(static_files(config, set(files) | planned.keys.keys() | export_paths(site) | feed_paths(site)))
        first = render_first(planned, early.wanted) if early is not None else {}
        if early is not None:
            early.deliver({**files, **first}, config.base_path)
        _, reused = render_planned(planned, first, jobs, progress, into=files)
        link = files.link_unchanged if isinstance(files, StagedOutput) else None
        exports, export_keys = steps.made_or_linked(export_paths(site), planned.data_key, link,
                                                    lambda: steps.export_files(site, reuse))
        files.update(exports)
        html = sorted(p for p in files if p.endswith(".html"))
        notices: tuple[Problem, ...] = ()

        def feeds_and_notices() -> dict[str, bytes]:
            nonlocal notices
            made, notices = feed_files(site, html)
            return made

        feeds, feed_keys = steps.made_or_linked(feed_paths(site), digest(planned.data_key, html), link, feeds_and_notices)
        files.update(feeds)
        keys = planned.keys
    search_keys: dict[str, str] = {}
    if config.search:
        with timer("search index"):
            known = known_search_facts(memo)
            search_keys = write_search_index(files, jobs, files.link_made_from if streaming else None,
                                             memo.search if memo is not None and not streaming else None, known)
            if memo is not None and known is not None:
                memo.search_facts = known
                if memo.store is not None:
                    memo.store.put(SEARCH_FACTS, known)
    result = BuildResult(
        out_dir=config.output_dir,
        pages=sum(1 for p in files if p.endswith(".html")),
        articles=len(site.articles),
        claims=sum(len(a.claims) for a in site.articles),
        charts=cache.stats.drawn + cache.stats.reused + len(drawn.linked),
        findings=site.findings,
        warnings=tuple(warnings),
        seconds=timer.total,
        series=sum(len(d.series) for d in datasets),
        series_points=sum(len(s.points) for d in datasets for s in d.series),
        series_findings=site.series_findings,
        charts_drawn=cache.stats.drawn,
        charts_reused=cache.stats.reused + len(drawn.linked),
        ms_per_chart=cache.stats.ms_per_drawn_chart,
        notices=notices,
        pages_rendered=len(keys) - reused,
        pages_reused=reused,
        phases=timer.phases,
        cache_warnings=tuple(cache.warnings + card_cache.warnings) + planned.cache_warnings,
        cards_drawn=card_cache.stats.drawn,
        cards_reused=card_cache.stats.reused + len(drawn_cards.linked),
    )
    return CompiledSite(files, result, config, keys, {**drawn.keys, **drawn_cards.keys, **keys, **export_keys,
                                                      **feed_keys, **search_keys})


def configure(options: BuildOptions) -> SiteConfig:
    config = load_config(options.config_path)
    if options.out_dir is not None:
        config = replace(config, output_dir=options.out_dir)
    if options.base_url is not None:
        try:
            urlsplit(options.base_url)
        except ValueError:  # "http://[::1": an unclosed IPv6 address
            raise SitegenError(f'--base-url: not a valid URL: "{options.base_url}"') from None
        config = replace(config, base_url=options.base_url)
    if not options.search:
        config = replace(config, search=False)
    return config


def raise_on_errors(problems: list[Problem], strict: bool) -> list[Problem]:
    """Raise ContentErrors if any problem is an error (warnings too under --strict); return the warnings."""
    if strict:
        problems = [replace(p, severity=Severity.ERROR) for p in problems]
    if any(p.is_error for p in problems):
        raise ContentErrors(problems)
    return problems


class UsedHashes(dict):
    """`ChartCache.used` for `sitegen build`, which keeps no chart for a next build in memory (`serve` does): the
    SHA-256 (hex) of each chart looked up or drawn instead of its bytes, so that they are not all held at once."""

    def __setitem__(self, key: str, data: bytes) -> None:
        super().__setitem__(key, hashlib.sha256(data).hexdigest())


def used_hashes(cache: ChartCache) -> set[str]:
    """SHA-256 (hex) of every chart the cache looked up or drew."""
    return set(cache.used.values()) if isinstance(cache.used, UsedHashes) else set(cache.used_hashes())


def known_search_facts(memo: BuildMemo | None) -> dict[str, str] | None:
    """A copy of the search facts the last build learnt (memory in `serve`, else the signed store), or None."""
    if memo is None:
        return None
    if not memo.search_facts and memo.store is not None:
        found = memo.store.get(SEARCH_FACTS)
        return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(found, dict) else {}
    return dict(memo.search_facts)


def checked_charts(store: CacheStore | None) -> frozenset[str]:
    """Hashes of the charts the last build used, all drawn or checked by this user's sitegen (signed store)."""
    found = store.get(CHECKED_CHARTS) if store is not None else None
    return frozenset(h for h in found if isinstance(h, str)) if isinstance(found, tuple) else frozenset()


def cache_folder(options: BuildOptions) -> Path | None:
    return last_build.cache_root(options)


def draw_charts(charts: dict[tuple[str, str], ChartJob], series_charts: dict[str, tuple[SeriesChartJob, ...]],
                cache: ChartCache, jobs: int, progress: ProgressFactory | None = None,
                reuse: Reuse = fresh, cards: tuple[CardJob, ...] = (), into: MutableMapping[str, bytes] | None = None,
                events: tuple[EventChartJob, ...] = ()) -> ChartFiles:
    """Every chart (wide and narrow), event comparison chart and share card, put into `into` (a new dict by
    default) as each is found or drawn: linked from the last build if it made that path from the same key (`into`
    a StagedOutput), else from the cache; only specs the cache does not hold are drawn, on all cores, a batch at
    a time."""
    files: MutableMapping[str, bytes] = {} if into is None else into
    work = [variant for job in charts.values() for variant in job.variants()] + [(card.path, card.spec) for card in cards]
    work += [variant for job in events for variant in job.variants()]
    work += [variant for series_jobs in series_charts.values() for job in series_jobs for variant in job.variants()]
    missing, keys, linked = [], {}, []
    for path, spec in work:
        keys[path] = key = reuse(chart_key, spec)
        if isinstance(files, StagedOutput) and files.link_unchanged(path, key):
            linked.append(path)
            continue
        found = cache.lookup(spec, key)
        if found is None:
            missing.append((path, spec))
        else:
            files[path] = found
    if missing:
        mpl()  # import once here, not once in every forked worker
    with _progress(progress, "Drawing charts", len(missing)) as advance:
        for start in range(0, len(missing), DRAW_BATCH):
            batch = missing[start:start + DRAW_BATCH]
            started = time.perf_counter()
            drawn = run_all(draw, [spec for _, spec in batch], jobs, advance)
            cache.record_drawn([spec for _, spec in batch], drawn, time.perf_counter() - started)
            files.update((path, data) for (path, _), data in zip(batch, drawn))
    return ChartFiles(files, keys, tuple(linked))
