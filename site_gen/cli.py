"""The `sitegen` command line (click): thin commands that pass options to the build, serve and deploy modules."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import click

from site_gen import __version__
from site_gen.core.problems import ContentErrors, one_line, SitegenError


def report_problems(error: ContentErrors, outcome: str = "the previous output was left untouched") -> None:
    for problem in error.problems:
        click.echo(problem.format(), err=True)
    count = len(error.errors)
    click.echo(f"Build failed: {count} error{'s' if count != 1 else ''}; {outcome}.", err=True)


def run_or_exit(action, *args, outcome: str | None = None, **kwargs):
    """Run an action; content errors and other sitegen errors become messages and exit code 1.

    `outcome` ends the "Build failed" line (default: the previous output was left untouched)."""
    try:
        return action(*args, **kwargs)
    except ContentErrors as error:
        report_problems(error, *([outcome] if outcome else []))
    except SitegenError as error:
        click.echo(one_line(f"error: {error}"), err=True)
    sys.exit(1)


def print_summary(result) -> None:
    for warning in result.warnings + result.notices:
        click.echo(warning.format(), err=True)
    for warning in result.cache_warnings:
        click.echo(f"warning: {warning}", err=True)
    for finding in result.findings + result.series_findings:
        click.echo(f"finding: {finding.format()}")
    if result.series:
        click.echo(series_summary(result))
    findings = len(result.findings) + len(result.series_findings)
    click.echo(
        f"Built {result.articles} articles, {result.claims} claims, {result.pages} pages, {result.charts} charts "
        f"({chart_summary(result)}); "
        f"{findings} findings, {len(result.warnings)} warnings in {result.seconds:.2f} s → {result.out_dir}"
    )


def series_summary(result) -> str:
    revised = [f for f in result.series_findings if f.kind == "revision"]
    gaps = sum(1 for f in result.series_findings if f.kind == "missing-days")
    return (f"Series: {result.series} claimed series, {result.series_points:,} points; {len(revised)} revisions "
            f"(a cumulative total went down) in {len({f.series_id for f in revised})} series; "
            f"{gaps} runs of missing days.")


def chart_summary(result) -> str:
    drawn = f"{result.charts_drawn} drawn" + (f" in {phase_seconds(result, 'charts'):.1f} s" if result.charts_drawn else "")
    return (f"{drawn}, {result.charts_reused} reused from the chart cache; "
            f"pages: {result.pages_rendered} rendered, {result.pages_reused} reused")


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def examples(*lines: str) -> str:
    """A --help epilogue of example commands, kept as written (click's \\b marker stops re-wrapping)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def verbosity(command):
    """-q (only errors) and -v (also the time of each phase) for a command that builds."""
    command = click.option("--verbose", "-v", is_flag=True, help="Also print the options used and the time of each phase.")(command)
    return click.option("--quiet", "-q", is_flag=True, help="Print only errors.")(command)


def check_verbosity(quiet: bool, verbose: bool) -> None:
    if quiet and verbose:
        raise click.UsageError("choose one of -q (only errors) and -v (more detail)")


@click.group(context_settings=CONTEXT, epilog=examples(
    "sitegen new my-desk && cd my-desk", "sitegen build", "sitegen serve", "sitegen deploy --no-push",
    "sitegen build -h            (the options of one command)"))
@click.version_option(__version__, "--version", "-V", prog_name="sitegen")
def main() -> None:
    """sitegen: static report sites where every claimed figure keeps its claimant, wording and status.

    Run the commands in a site's folder (the one with config.yaml), or pass --config PATH.
    """


@main.command("build", short_help="Build the site from content/ into build/.", epilog=examples(
    "sitegen build", "sitegen build --strict --base-url https://user.github.io/repo/",
    "sitegen build --config path/to/site/config.yaml --out public", "sitegen build -q    (only errors)"))
@click.option("--config", "config_path", type=click.Path(path_type=Path), default="config.yaml", show_default=True,
              help="Site configuration file; paths in it are relative to its folder.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None, help="Output folder [default: build/].")
@click.option("--base-url", default=None, help="Public URL of the site, e.g. https://user.github.io/repo/.")
@click.option("--drafts", is_flag=True, help="Include articles marked `draft: true`.")
@click.option("--strict", is_flag=True, help="Treat content warnings as errors.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0,
              help="Worker processes for charts and pages [default: one per core].")
@click.option("--no-cache", is_flag=True, help="Ignore and do not update the build cache (.sitegen-cache/).")
@click.option("--no-search", is_flag=True, help="Build no search index and show no search box (as `search: false`).")
@click.option("--profile", is_flag=True, help="Print the time spent in each phase and peak memory.")
@verbosity
def build_command(config_path: Path, out_dir: Path | None, base_url: str | None, drafts: bool, strict: bool,
                  jobs: int, no_cache: bool, no_search: bool, profile: bool, quiet: bool, verbose: bool) -> None:
    """Build the site from content/ into build/ (or --out): every page, chart, feed and export.

    Content errors are printed as path:line: field: problem (hint), all at once; the exit code is then 1
    and the previous build is left untouched.
    """
    from site_gen.pipeline.options import BuildOptions

    check_verbosity(quiet, verbose)
    options = BuildOptions(config_path, out_dir, base_url, drafts, strict, chart_cache=not no_cache, jobs=jobs,
                           search=not no_search)
    if verbose:
        click.echo(f"Building the site configured by {config_path} (jobs: {jobs or 'one per core'}, "
                   f"cache: {'off' if no_cache else 'on'}, drafts: {'yes' if drafts else 'no'}, "
                   f"strict: {'yes' if strict else 'no'})")
    if not no_cache and nothing_changed(options, quiet, profile or verbose):
        return
    from site_gen.pipeline.build import build  # the heavy imports, only when there is something to build

    result = run_or_exit(build, options, None if quiet else terminal_progress())
    if quiet:
        return
    print_summary(result)
    if profile or verbose:
        print_profile(result)


def nothing_changed(options, quiet: bool, profile: bool = False) -> bool:
    """Whether the last build's record proves nothing changed (then its findings and warnings are repeated)."""
    import time

    from site_gen.pipeline.last_build import up_to_date

    started = time.perf_counter()
    unchanged = up_to_date(options)
    if unchanged is None:
        return False
    if not quiet:
        for line in unchanged.warnings:
            click.echo(line, err=True)
        for line in unchanged.findings:
            click.echo(f"finding: {line}")
        counts = unchanged.counts
        click.echo(f"Nothing changed since the last build ({counts['articles']} articles, {counts['claims']} claims, "
                   f"{counts['pages']} pages, {counts['charts']} charts; {len(unchanged.findings)} findings, "
                   f"{len(unchanged.warnings)} warnings): {unchanged.out_dir} is up to date "
                   f"({unchanged.files_checked:,} files checked in {time.perf_counter() - started:.2f} s).")
        if profile:
            click.echo(f"profile: {'unchanged check':<18} {time.perf_counter() - started:8.3f} s")
            click.echo(f"profile: peak memory {peak_memory_mib():.0f} MiB in this process")
    return True


def is_error_line(line: str) -> bool:
    """What `serve -q` still prints: errors and failed builds; never the address, summaries or warnings."""
    return ": warning: " not in line and not line.startswith(("warning:", "Serving ", "Built ", "Rebuilt ", "Stopped."))


def terminal_progress():
    """A click progress bar for long phases, only when stderr is a terminal (never in CI logs)."""
    if not sys.stderr.isatty():
        return None

    @contextlib.contextmanager
    def bar(label: str, total: int):
        with click.progressbar(length=total, label=label, file=sys.stderr) as progress:
            yield progress.update

    return bar


def phase_seconds(result, name: str) -> float:
    return sum(seconds for phase, seconds in result.phases if phase == name)


def print_profile(result) -> None:
    for phase, seconds in result.phases:
        click.echo(f"profile: {phase:<18} {seconds:8.3f} s")
    click.echo(f"profile: {'total':<18} {result.seconds:8.3f} s")
    click.echo(f"profile: peak memory {peak_memory_mib():.0f} MiB in this process, "
               f"{peak_memory_mib(children=True):.0f} MiB in the largest worker")


def peak_memory_mib(children: bool = False) -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    return usage.ru_maxrss / 1024


@main.command("deploy", short_help="Build and publish the site to the gh-pages branch.", epilog=examples(
    "sitegen deploy                       (build, commit to gh-pages, push to origin)",
    "sitegen deploy --no-push             (commit only; look before you push)",
    "sitegen deploy --no-build --remote upstream"))
@click.option("--config", "config_path", type=click.Path(path_type=Path), default="config.yaml", show_default=True,
              help="Site configuration file.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None, help="Output folder [default: build/].")
@click.option("--base-url", default=None, help="Public URL of the site.")
@click.option("--remote", default="origin", show_default=True, help="Git remote to push to.")
@click.option("--branch", default="gh-pages", show_default=True, help="Branch that GitHub Pages serves.")
@click.option("--no-push", is_flag=True, help="Commit to the branch but do not push.")
@click.option("--no-build", is_flag=True, help="Deploy the existing output folder instead of building first.")
@click.option("--strict", is_flag=True, help="Treat content warnings as errors.")
@verbosity
def deploy_command(config_path: Path, out_dir: Path | None, base_url: str | None, remote: str, branch: str,
                   no_push: bool, no_build: bool, strict: bool, quiet: bool, verbose: bool) -> None:
    """Build and publish the site to the gh-pages branch (with .nojekyll and CNAME), then push it.

    Refuses, saying what to do, outside a git repository, without the remote, or when the build fails.
    """
    from site_gen.pipeline.build import BuildOptions
    from site_gen.publish.deploy import DeployOptions, deploy

    check_verbosity(quiet, verbose)
    options = DeployOptions(BuildOptions(config_path, out_dir, base_url, False, strict), remote, branch,
                            push=not no_push, run_build=not no_build)
    if verbose:
        click.echo(f"Deploying the site configured by {config_path} to {branch}"
                   f"{'' if no_push else f', then pushing to {remote}'}")
    result = run_or_exit(deploy, options)
    if quiet:
        return
    where = f"pushed to {remote}/{branch}" if result.pushed else f"committed to {branch} (not pushed)"
    cname = f", custom domain {result.cname}" if result.cname else ""
    click.echo(f"Deployed: {result.message}; {where} as {result.commit}{cname}.")


@main.command("new", short_help="Create a starter site in a new folder.", epilog=examples(
    "sitegen new my-desk && cd my-desk && sitegen build"))
@click.argument("directory", type=click.Path(path_type=Path))
def new_command(directory: Path) -> None:
    """Create a new site in DIRECTORY (missing or empty): a commented config.yaml with a claimant
    registry, an example article with claims, the two GitHub workflows and a .gitignore."""
    from site_gen.publish.scaffold import create_site

    files = run_or_exit(create_site, directory)
    click.echo(f"Created {len(files)} files in {directory}. Next: cd {directory} && sitegen build")


@main.command("serve", short_help="Preview the site with live reload.", epilog=examples(
    "sitegen serve", "sitegen serve --port 8001 --open", "sitegen serve -q          (only errors)", "sitegen serve --poll      (Docker, WSL, network mounts)"))
@click.option("--config", "config_path", type=click.Path(path_type=Path), default="config.yaml", show_default=True,
              help="Site configuration file.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the preview to other machines.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0 picks a free one).")
@click.option("--poll", is_flag=True, help="Poll for changes (Docker, WSL and network mounts, where events do not arrive).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a web browser.")
@click.option("--drafts", is_flag=True, help="Include articles marked `draft: true`.")
@click.option("--no-search", is_flag=True, help="Build no search index and show no search box (as `search: false`).")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors (no address, summaries or warnings).")
@click.option("--verbose", "-v", is_flag=True, help="Also print the options used.")
def serve_command(config_path: Path, host: str, port: int, poll: bool, open_browser: bool, drafts: bool,
                  no_search: bool, quiet: bool, verbose: bool) -> None:
    """Preview the site on http://127.0.0.1:8000 with live reload; rebuilds on every change, never writes build/.

    Content errors while it runs are shown in the browser and it keeps serving; a missing or broken
    config.yaml at the start is an error (exit code 1).
    """
    from site_gen.content.config import load_config

    check_verbosity(quiet, verbose)
    failed = f"nothing is served (fix {config_path}, then run sitegen serve again)"
    run_or_exit(load_config, config_path, outcome=failed)  # no site to serve: say so before the slow imports below

    from site_gen.pipeline.build import BuildOptions
    from site_gen.preview.serve import serve

    if verbose:
        click.echo(f"Previewing the site configured by {config_path} on {host}:{port} "
                   f"(watching {'by polling' if poll else 'for changes'}, drafts: {'yes' if drafts else 'no'})", err=True)

    def log(line: str) -> None:
        if not quiet or is_error_line(line):
            click.echo(line, err=True)

    if not run_or_exit(serve, BuildOptions(config_path, drafts=drafts, search=not no_search), host, port, poll, open_browser, log,
                       outcome=failed):
        # Stopped mid-build: end now, not after the build, and not by letting interpreter shutdown tear
        # down a thread that may be inside matplotlib's C++ code (which aborts the process).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def run() -> None:
    """The `sitegen` program: `main`, then out of the process without freeing its objects one by one (what
    interpreter shutdown does: 0.2 s after a one-article edit of a 1,000-article site), once stdout and stderr
    are flushed. Everything sitegen writes is complete by then (output swapped, caches replaced, temporary
    folders removed by their context managers), and a test calling `main` in-process is unaffected."""
    try:
        main()
        code = 0
    except SystemExit as done:
        code = _exit_status(done.code)
    os._exit(_flushed(code))


def _flushed(code: int) -> int:
    """Flush stdout and stderr; the exit status: `code`, or 120 (Python's own) if one could not be flushed and
    `code` was 0 (a closed pipe, a full disk)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 120
    return code


def _exit_status(code: object) -> int:
    """The status `sys.exit(code)` gives: 0 for None, the number, else 1 after printing it to stderr."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1
