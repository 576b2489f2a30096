"""The `sitegen build` command (site_gen.cli): messages, exit codes, flags; in-process and as a real process."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from helpers import VALID_FRONT, article, line_of, snapshot, write_site
from site_gen import __version__
from site_gen.core.quantities import ACCEPTED_FORMS
from site_gen.cli import is_error_line

FIVE_MISTAKES = article("""\
    title: Five mistakes in one article
    date: 2024-13-45
    summry: a typo in a field name
    tags: [casualties]
    sources:
      - {id: mod, name: MoD, url: 'https://example.org/mod', accessed: 2024-07-06}
    claims:
      - id: total
        claimant: ru-mdo
        claimed_on: 2024-07-05
        text: over 2,000 killed in 24 hours
        total: lots and lots
        sources: [mod]
    """, """\
    The ministry said [over 2,000 were killed]{claim=nope}.
    """)
FIVE = "content/articles/five.md"


def expected_five() -> set[str]:
    t = FIVE_MISTAKES
    return {
        f'{FIVE}:{line_of(t, "date:")}: date: bad date "2024-13-45" '
        "(use YYYY-MM-DD or an ISO datetime such as 2024-07-05T10:27:00+03:00)",
        f"{FIVE}:{line_of(t, 'summry')}: summry: unknown field `summry` (did you mean `summary`?)",
        f'{FIVE}:{line_of(t, "claimant:")}: claims.total.claimant: unknown claimant id "ru-mdo" (did you mean `ru-mod`?)',
        f'{FIVE}:{line_of(t, "total: lots")}: claims.total.total: cannot read "lots and lots" '
        '(write it as {as_worded: "lots and lots", means: "..."}, where `means` is our reading in a form sitegen '
        f"reads ({ACCEPTED_FORMS}) or `unquantified`)",
        f'{FIVE}:{line_of(t, "The ministry said")}: body: claim mark names unknown claim id "nope" '
        "(claims in this article: total)",
    }


@pytest.fixture
def built_then_broken(tmp_path, monkeypatch, cli):
    """A site built once (the previous output), then its article replaced by one with five mistakes."""
    monkeypatch.chdir(tmp_path)
    write_site(tmp_path, {"five.md": article(VALID_FRONT)})
    first = cli(["build"])
    assert first.exit_code == 0, first.output
    before = snapshot(tmp_path / "build")
    assert "articles/five.html" in before
    (tmp_path / "content/articles/five.md").write_text(FIVE_MISTAKES, encoding="utf-8")
    return before


def problem_lines(stream: str) -> set[str]:
    return {line for line in stream.splitlines() if re.match(r"^content/articles/\S+\.md:\d+: ", line)}


def test_five_mistakes_give_five_located_messages_in_one_run(built_then_broken, tmp_path, cli):
    result = cli(["build"])
    assert result.exit_code == 1
    assert problem_lines(result.stderr) == expected_five()
    assert "Build failed: 5 errors; the previous output was left untouched." in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert snapshot(tmp_path / "build") == built_then_broken


def test_five_mistakes_as_a_real_process(built_then_broken, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.run([sys.executable, "-m", "site_gen", "build", "--config", "config.yaml"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert problem_lines(proc.stderr) == expected_five()
    assert "Traceback" not in proc.stderr + proc.stdout
    assert snapshot(tmp_path / "build") == built_then_broken


def test_success_prints_findings_on_stdout_and_warnings_on_stderr(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    seed = VALID_FRONT.replace("    accessed: 2024-07-06\n", "").replace(
        "    sources: [mod]", "    by_group: {West: 475, Centre: 405, East: 120, South: 620, North: 320}\n    sources: [mod]")
    write_site(tmp_path, {"seed.md": article(seed)})
    result = cli(["build", "--out", "public"])
    assert result.exit_code == 0, result.output
    [finding] = [line for line in result.stdout.splitlines() if line.startswith("finding:")]
    assert finding.startswith("finding: content/articles/seed.md:")
    assert "1,940" in finding and "“over 2,000”" in finding
    line = line_of(article(seed), "- id: mod")
    assert f"content/articles/seed.md:{line}: sources.mod.accessed: warning: source has no `accessed` date" in result.stderr
    assert "Built 1 articles, 1 claims" in result.stdout and "1 findings, 1 warnings" in result.stdout
    assert (tmp_path / "public/articles/seed.html").is_file()


def test_strict_turns_warnings_into_a_failure(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    front = VALID_FRONT.replace("claimant: ru-mod", "claimant: Mayor of Kramatorsk")
    write_site(tmp_path, {"a.md": article(front)})
    relaxed = cli(["build"])
    assert relaxed.exit_code == 0
    line = line_of(article(front), "claimant:")
    assert f'content/articles/a.md:{line}: claims.total.claimant: warning: undeclared claimant "Mayor of Kramatorsk"' \
           in relaxed.stderr
    before = snapshot(tmp_path / "build")
    strict = cli(["build", "--strict"])
    assert strict.exit_code == 1
    assert f'content/articles/a.md:{line}: claims.total.claimant: undeclared claimant "Mayor of Kramatorsk"' in strict.stderr
    assert "Build failed: 1 error;" in strict.stderr
    assert snapshot(tmp_path / "build") == before


def test_drafts_flag(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    write_site(tmp_path, {"a.md": article(VALID_FRONT + "draft: true\n")})
    assert cli(["build"]).exit_code == 0
    assert not (tmp_path / "build/articles/a.html").exists()
    assert cli(["build", "--drafts"]).exit_code == 0
    assert (tmp_path / "build/articles/a.html").exists()


def test_base_url_flag(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    write_site(tmp_path, {"a.md": article(VALID_FRONT)})
    assert cli(["build", "--base-url", "https://user.github.io/repo/"]).exit_code == 0
    assert 'href="/repo/timeline.html"' in (tmp_path / "build/404.html").read_text()


def test_missing_config_is_a_message_not_a_traceback(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    result = cli(["build", "--config", "nowhere.yaml"])
    assert result.exit_code == 1
    assert result.stderr == "error: no configuration file nowhere.yaml: check --config, or create a site with `sitegen new NAME`\n"
    assert "Traceback" not in result.output


def test_version(cli):
    result = cli(["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"sitegen, version {__version__}"


# --- conventions: -h, full descriptions, examples, -q/-v ------------------------------------------------

@pytest.mark.parametrize("args", [["-h"], ["build", "-h"], ["serve", "-h"], ["deploy", "-h"], ["new", "-h"]])
def test_dash_h_is_help_with_examples(cli, args):
    result = cli(args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: ")
    assert "  Examples:\n    sitegen " in result.stdout


def test_the_command_list_shows_whole_descriptions(cli):
    listed = cli(["--help"]).stdout.split("Commands:\n")[1].split("\n\n")[0].splitlines()
    assert listed == [
        "  build   Build the site from content/ into build/.",
        "  deploy  Build and publish the site to the gh-pages branch.",
        "  new     Create a starter site in a new folder.",
        "  serve   Preview the site with live reload.",
    ]


def test_quiet_prints_only_errors_and_verbose_adds_phase_times(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    seed = VALID_FRONT.replace("    accessed: 2024-07-06\n", "")  # one warning
    write_site(tmp_path, {"seed.md": article(seed)})
    quiet = cli(["build", "-q"])
    assert quiet.exit_code == 0 and quiet.output == ""
    with open(tmp_path / "config.yaml", "a") as config:
        config.write("# edited: otherwise nothing changed and the build does nothing\n")
    verbose = cli(["build", "-v"])
    assert verbose.exit_code == 0
    assert verbose.stdout.startswith("Building the site configured by config.yaml (jobs: one per core, cache: on, ")
    assert re.search(r"^profile: load and validate\s+\d+\.\d{3} s$", verbose.stdout, re.M), verbose.stdout
    assert "warning: source has no `accessed` date" in verbose.stderr
    (tmp_path / "content/articles/seed.md").write_text(article(seed.replace("date: 2024-07-05", "date: soon")))
    failed = cli(["build", "--quiet"])
    assert failed.exit_code == 1 and failed.stdout == ""
    assert failed.stderr.splitlines()[-1] == "Build failed: 1 error; the previous output was left untouched."
    both = cli(["build", "-q", "-v"])
    assert both.exit_code == 2 and "choose one of -q (only errors) and -v (more detail)" in both.stderr


def test_serve_without_a_config_exits_non_zero_at_once(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "site_gen", "serve", "--config", "missing.yaml", "--port", "0"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=5)
    assert proc.returncode == 1
    assert proc.stderr == "error: no configuration file missing.yaml: check --config, or create a site with `sitegen new NAME`\n"
    assert "Serving" not in proc.stdout + proc.stderr


def test_serve_with_a_broken_config_exits_non_zero_at_once(tmp_path):
    write_site(tmp_path, {"a.md": article(VALID_FRONT)}, config="title: [unclosed\n")
    proc = subprocess.run([sys.executable, "-m", "site_gen", "serve", "--port", "0"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=5)
    assert proc.returncode == 1
    assert proc.stderr.startswith('config.yaml:1: YAML syntax error: a "[" list starts here and is not closed')
    assert proc.stderr.splitlines()[-1] == ("Build failed: 1 error; nothing is served "
                                            "(fix config.yaml, then run sitegen serve again).")
    assert "Serving" not in proc.stdout + proc.stderr


@pytest.mark.parametrize(("line", "shown"), [
    ("Serving http://127.0.0.1:8000/ (watching for changes; Ctrl-C to stop)", False),
    ("Built 1 articles, 1 claims, 12 pages, 0 charts; 0 findings, 0 warnings in 0.10 s", False),
    ("Rebuilt in 0.05 s: 1 file changed (articles/a.html)", False),
    ("Stopped.", False),
    ("content/articles/a.md:9: sources.mod.accessed: warning: source has no `accessed` date (add the date)", False),
    ("warning: serving on 0.0.0.0 makes the preview reachable from other machines; …", False),
    ('content/articles/a.md:3: date: bad date "2024-13-01" (use YYYY-MM-DD)', True),
    ("Build failed: 1 error; still serving the last good build.", True),
    ("Still failing with the same 2 lines as above.", True),
    ("error: cannot listen on 127.0.0.1:8000 (…)", True),
])
def test_serve_quiet_keeps_only_errors(line, shown):
    assert is_error_line(line) is shown


def test_serve_quiet_prints_nothing_for_a_good_site(tmp_path):
    import socket
    import time
    import urllib.request

    write_site(tmp_path, {"a.md": article(VALID_FRONT)})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "site_gen", "serve", "-q", "--port", str(port)], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/desk/articles/a.html", timeout=10) as page:
                    assert b"A valid article" in page.read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("sitegen serve -q did not answer")
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert (out, err) == ("", "")


def test_the_program_leaves_without_interpreter_shutdown_and_everything_written_is_flushed(tmp_path):
    """`python -m site_gen` (and the `sitegen` script) end with os._exit once stdout and stderr are flushed:
    atexit handlers, which interpreter shutdown would run, do not run; the summary still reaches a pipe."""
    write_site(tmp_path, {"a.md": article(VALID_FRONT)})
    program = ("import atexit, sys; atexit.register(lambda: print('shutdown ran', file=sys.stderr)); "
               "from site_gen.cli import run; sys.argv = ['sitegen'] + sys.argv[1:]; run()")
    for args, status in ((["build", "--no-search"], 0), (["build", "--config", "missing.yaml"], 1)):
        proc = subprocess.run([sys.executable, "-c", program, *args], cwd=tmp_path, capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == status, proc.stderr
        assert "shutdown ran" not in proc.stderr
        assert ("Built 1 article" in proc.stdout) if status == 0 else ("missing.yaml" in proc.stderr)
    assert (tmp_path / "build" / "index.html").is_file()


def test_output_that_cannot_be_flushed_ends_with_pythons_status_not_a_traceback(monkeypatch):
    """`run` flushes stdout and stderr before os._exit; a stream that cannot be flushed (a closed pipe, a full
    disk) gives status 120, as Python's own exit does, instead of an exception, and a failure keeps its status."""
    import io
    import site_gen.cli as cli

    class Unflushable(io.StringIO):
        def flush(self):
            raise BrokenPipeError(32, "Broken pipe")

    assert cli._flushed(0) == 0 and cli._flushed(1) == 1
    monkeypatch.setattr(sys, "stdout", Unflushable())
    assert cli._flushed(0) == 120
    assert cli._flushed(1) == 1
