"""The `sitegen` command line (click): thin commands that pass options to the build, serve and deploy modules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from site_gen import __version__
from site_gen.problems import ContentErrors, SitegenError


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
        click.echo(f"error: {error}", err=True)
    sys.exit(1)


def print_summary(result) -> None:
    for warning in result.warnings:
        click.echo(warning.format(), err=True)
    for finding in result.findings:
        click.echo(f"finding: {finding.format()}")
    click.echo(
        f"Built {result.articles} articles, {result.claims} claims, {result.pages} pages, {result.charts} charts; "
        f"{len(result.findings)} findings, {len(result.warnings)} warnings in {result.seconds:.2f} s → {result.out_dir}"
    )


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
def build_command(config_path: Path, out_dir: Path | None, base_url: str | None, drafts: bool, strict: bool) -> None:
    """Build the site from content/ into build/."""
    from site_gen.build import BuildOptions, build

    options = BuildOptions(config_path, out_dir, base_url, drafts, strict)
    print_summary(run_or_exit(build, options))


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
