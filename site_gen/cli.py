"""The `sitegen` command line (click): thin commands that pass options to the build, serve and deploy modules."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import click

from site_gen import __version__
from site_gen.problems import ContentErrors, SitegenError, one_line


def report_problems(error: ContentErrors) -> None:
    for problem in error.problems:
        click.echo(problem.format(), err=True)
    count = len(error.errors)
    click.echo(f"Build failed: {count} error{'s' if count != 1 else ''}; the previous output was left untouched.", err=True)


def run_or_exit(action, *args, **kwargs):
    """Run an action; content errors and other sitegen errors become messages and exit code 1."""
    try:
        return action(*args, **kwargs)
    except ContentErrors as error:
        report_problems(error)
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


@click.group()
@click.version_option(__version__, prog_name="sitegen")
def main() -> None:
    """sitegen: static report sites where every claimed figure keeps its claimant, wording and status."""


@main.command("build")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default="config.yaml", show_default=True,
              help="Site configuration file; paths in it are relative to its folder.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None, help="Output folder [default: build/].")
@click.option("--base-url", default=None, help="Public URL of the site, e.g. https://user.github.io/repo/.")
@click.option("--drafts", is_flag=True, help="Include articles marked `draft: true`.")
@click.option("--strict", is_flag=True, help="Treat content warnings as errors.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0,
              help="Worker processes for charts and pages [default: one per core].")
@click.option("--no-cache", is_flag=True, help="Ignore and do not update the build cache (.sitegen-cache/).")
@click.option("--profile", is_flag=True, help="Print the time spent in each phase.")
def build_command(config_path: Path, out_dir: Path | None, base_url: str | None, drafts: bool, strict: bool,
                  jobs: int, no_cache: bool, profile: bool) -> None:
    """Build the site from content/ into build/."""
    from site_gen.build import BuildOptions, build

    options = BuildOptions(config_path, out_dir, base_url, drafts, strict, chart_cache=not no_cache, jobs=jobs)
    result = run_or_exit(build, options, terminal_progress())
    print_summary(result)
    if profile:
        print_profile(result)


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


@main.command("deploy")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default="config.yaml", show_default=True,
              help="Site configuration file.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None, help="Output folder [default: build/].")
@click.option("--base-url", default=None, help="Public URL of the site.")
@click.option("--remote", default="origin", show_default=True, help="Git remote to push to.")
@click.option("--branch", default="gh-pages", show_default=True, help="Branch that GitHub Pages serves.")
@click.option("--no-push", is_flag=True, help="Commit to the branch but do not push.")
@click.option("--no-build", is_flag=True, help="Deploy the existing output folder instead of building first.")
@click.option("--strict", is_flag=True, help="Treat content warnings as errors.")
def deploy_command(config_path: Path, out_dir: Path | None, base_url: str | None, remote: str, branch: str,
                   no_push: bool, no_build: bool, strict: bool) -> None:
    """Build and publish the site to the gh-pages branch (with .nojekyll and CNAME)."""
    from site_gen.build import BuildOptions
    from site_gen.deploy import DeployOptions, deploy

    options = DeployOptions(BuildOptions(config_path, out_dir, base_url, False, strict), remote, branch,
                            push=not no_push, run_build=not no_build)
    result = run_or_exit(deploy, options)
    where = f"pushed to {remote}/{branch}" if result.pushed else f"committed to {branch} (not pushed)"
    cname = f", custom domain {result.cname}" if result.cname else ""
    click.echo(f"Deployed: {result.message}; {where} as {result.commit}{cname}.")


@main.command("new")
@click.argument("directory", type=click.Path(path_type=Path))
def new_command(directory: Path) -> None:
    """Create a new site in DIRECTORY: config, an example article, GitHub workflows, .gitignore."""
    from site_gen.scaffold import create_site

    files = run_or_exit(create_site, directory)
    click.echo(f"Created {len(files)} files in {directory}. Next: cd {directory} && sitegen build")


@main.command("serve")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default="config.yaml", show_default=True,
              help="Site configuration file.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the preview to other machines.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0 picks a free one).")
@click.option("--poll", is_flag=True, help="Poll for changes (Docker, WSL and network mounts, where events do not arrive).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a web browser.")
@click.option("--drafts", is_flag=True, help="Include articles marked `draft: true`.")
def serve_command(config_path: Path, host: str, port: int, poll: bool, open_browser: bool, drafts: bool) -> None:
    """Preview the site with live reload; rebuilds on every change and never writes build/."""
    from site_gen.build import BuildOptions
    from site_gen.serve import serve

    log = lambda line: click.echo(line, err=True)  # noqa: E731
    if not run_or_exit(serve, BuildOptions(config_path, drafts=drafts), host, port, poll, open_browser, log):
        # Stopped mid-build: end now, not after the build, and not by letting interpreter shutdown tear
        # down a thread that may be inside matplotlib's C++ code (which aborts the process).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
