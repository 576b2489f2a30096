"""Series declarations and data files: records with their lines, and every problem at once as path:line."""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap

import pytest
from click.testing import CliRunner
from helpers import build_site, line_of, messages, problems_of
from series_site import CSV, DECLARATION, real_builds, real_dataset_site, series_site

from site_gen.pipeline.build import BuildOptions, compile_site
from site_gen.cli import main
from site_gen.content.config import load_config
from site_gen.pipeline.memo import BuildMemo
from site_gen.core.problems import Collector
from site_gen.core.quantities import Qualifier
from site_gen.content.series import load_series
from site_gen.content.series_data import read_table


def load(config_path):
    datasets, problems = load_series(load_config(config_path))
    return datasets, problems


def test_a_csv_series_becomes_attributed_records(tmp_path):
    [dataset], problems = load(series_site(tmp_path))
    assert problems == []
    assert dataset.id == "losses" and dataset.claimant.id == "ru-mod" and dataset.claimant.side == "Russia"
    assert dataset.dates[0] == dt.date(2024, 1, 1) and dataset.dates[-1] == dt.date(2024, 1, 5)
    tanks, personnel = dataset.series
    assert tanks.id == "losses/tanks" and tanks.measure == "destroyed" and tanks.cumulative
    assert [p.quantity.value for p in tanks.points] == [10, 12, 15, 14, 18]
    assert personnel.measure == "killed" and personnel.unit == "people"
    assert [p.quantity.display for p in personnel.points] == [
        "about 1,000", "about 1,100", "more than 1,250", "about 1,300", "about 1,420"]
    assert personnel.points[2].quantity.qualifier is Qualifier.GT
    assert tanks.points[0].line == 2 and tanks.points[0].row == 1
    assert dataset.ignored == (("note", "free text, not a figure"),)


def test_a_json_series_keeps_the_line_of_each_key(tmp_path):
    rows = [{"date": "2024-01-01", "tanks": 3}, {"date": "2024-01-02", "tanks": 5, "apcs": "about 40"}]
    text = json.dumps(rows, indent=2)
    declaration = DECLARATION.replace("losses.csv", "losses.json").replace(
        "  - {column: personnel, label: Personnel, measure: killed, unit: people, qualifier_column: personnel_q}\n",
        "  - apcs\n").replace("ignore_columns:\n  note: free text, not a figure\n", "")
    [dataset], problems = load(series_site(tmp_path, text, declaration, data_name="losses.json"))
    assert problems == []
    tanks, apcs = dataset.series
    assert tanks.points[1].line == line_of(text, '"tanks": 5')
    assert [p.date for p in apcs.points] == [dt.date(2024, 1, 2)]  # absent key: no figure that day
    assert apcs.points[0].quantity.display == "about 40"


def test_every_problem_of_a_broken_csv_is_reported_with_its_row_and_line(tmp_path):
    csv = """\
    date,tanks,personnel,personnel_q,note
    2024-01-01,10,1000,about,
    2024-01-02,1o,1100,about,
    2024-13-01,15,1250,about,
    2024-01-02,16,1300,about,
    2024-01-05,18,1420,roughly,
    2024-01-06,19
    """
    config = series_site(tmp_path, csv)
    found = messages(problems_of(config))
    assert found == [
        'data/losses.csv:3: row 2, "tanks": cannot read "1o" (accepted forms: '
        + found[0].split("(accepted forms: ", 1)[1],
        'data/losses.csv:4: row 3, "date": bad date "2024-13-01" (use YYYY-MM-DD)',
        'data/losses.csv:5: row 4, "date": duplicate date 2024-01-02: also row 2 (line 3) (keep one row per date)',
        'data/losses.csv:6: row 5, "personnel_q": unknown qualifier "roughly" (known: about, more; add it under `qualifiers:`)',
        "data/losses.csv:7: row 6: 2 cells, but the header names 5 columns (every row needs one cell per column; "
        "leave a cell empty for no figure)",
    ]


def test_wrong_column_names_point_at_the_declaration_with_a_guess(tmp_path):
    declaration = DECLARATION.replace("column: tanks", "column: tnaks").replace("date_column: date", "date_column: day")
    config = series_site(tmp_path, declaration=declaration)
    text = textwrap.dedent(declaration)
    assert messages(problems_of(config)) == [
        f'content/series/losses.yaml:{line_of(text, "date_column")}: date_column: no column "day" in data/losses.csv '
        "(columns: date, tanks, personnel, personnel_q, note)",
        f'content/series/losses.yaml:{line_of(text, "tnaks")}: values[0].column: no column "tnaks" in data/losses.csv '
        '(did you mean "tanks"?)',
    ]


def test_a_wrong_column_name_does_not_hide_the_problems_in_the_data(tmp_path):
    declaration = DECLARATION.replace("column: tanks", "column: tnaks")
    csv = CSV.replace("2024-01-02,12,1100", "2024-01-02,12,11OO").replace("2024-01-05", "2024-01-32")
    found = messages(problems_of(series_site(tmp_path, csv, declaration)))
    assert [m.split(":")[0] + ":" + m.split(":")[1] for m in found] == [
        "content/series/losses.yaml:" + str(line_of(textwrap.dedent(declaration), "tnaks")),
        "data/losses.csv:3", "data/losses.csv:6"]
    assert 'row 2, "personnel": cannot read "11OO"' in found[1]
    assert 'row 5, "date": bad date "2024-01-32"' in found[2]


def test_declaration_errors_are_located_and_listed_together(tmp_path):
    declaration = DECLARATION.replace("claimant: ru-mod", "claimant: ru-mdo").replace(
        "cumulative: true", "cumulativ: true").replace("status: unverifiable", "status: refuted")
    text = textwrap.dedent(declaration)
    found = messages(problems_of(series_site(tmp_path, declaration=declaration)))
    assert f"content/series/losses.yaml:{line_of(text, 'cumulativ')}: cumulativ: unknown field `cumulativ` " \
           "(did you mean `cumulative`?)" in found
    assert f"content/series/losses.yaml:{line_of(text, 'ru-mdo')}: claimant: unknown claimant id \"ru-mdo\" " \
           "(did you mean `ru-mod`?)" in found
    assert any(m.startswith(f"content/series/losses.yaml:{line_of(text, 'refuted')}: status: a series can only be")
               for m in found)
    # the typo's "did you mean" covers it: no follow-on "missing required field" for `cumulative`
    assert not any(": cumulative: missing required field" in m for m in found)


def test_a_missing_data_file_is_an_error_on_the_file_line(tmp_path):
    declaration = DECLARATION.replace("losses.csv", "nope.csv")
    text = textwrap.dedent(declaration)
    assert messages(problems_of(series_site(tmp_path, declaration=declaration))) == [
        f"content/series/losses.yaml:{line_of(text, 'file:')}: file: no data file at data/nope.csv "
        "(the path is relative to this declaration)"]


def test_a_json_syntax_error_names_its_line(tmp_path):
    text = '[\n {"date": "2024-01-01", "tanks": 1},\n {"date": "2024-01-02" "tanks": 2}\n]\n'
    declaration = DECLARATION.replace("losses.csv", "losses.json")
    found = messages(problems_of(series_site(tmp_path, text, declaration, data_name="losses.json")))
    assert found[0].startswith("data/losses.json:3: JSON syntax error: Expecting ',' delimiter")


def test_an_undeclared_column_is_a_warning_not_a_silent_drop(tmp_path):
    declaration = DECLARATION.replace("ignore_columns:\n  note: free text, not a figure\n", "")
    _, problems = load(series_site(tmp_path, declaration=declaration))
    assert [p.format() for p in problems] == [
        f"content/series/losses.yaml:{line_of(declaration, 'values:')}: values: warning: column \"note\" of "
        "data/losses.csv is neither a value nor ignored; its figures are not published "
        "(add it under `values:`, or under `ignore_columns:` with a reason)"]


def test_many_bad_cells_in_one_column_are_listed_up_to_a_limit_and_counted(tmp_path):
    rows = "".join(f"2024-02-{day:02d},x{day},1,about,\n" for day in range(1, 29))
    found = messages(problems_of(series_site(tmp_path, "date,tanks,personnel,personnel_q,note\n" + rows)))
    assert len(found) == 26
    assert found[-1] == ('data/losses.csv:27: row 26, "tanks": and 3 more row(s) from here with problems in this '
                         "column (only the first 25 are listed; fix those and build again)")


def test_the_cli_exits_1_with_path_row_errors_and_no_traceback(tmp_path, monkeypatch):
    series_site(tmp_path, CSV.replace("2024-01-03,15", "2024-01-03,fiftteen"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert 'data/losses.csv:4: row 3, "tanks": cannot read "fiftteen"' in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "build").exists()


@pytest.mark.parametrize("fmt,text", [
    ("csv", 'date,v\n2024-01-01,"unclosed\n'),
    ("csv", ""),
    ("json", '{"date": "2024-01-01"}'),
    ("json", '[{"date": "2024-01-01"}] trailing'),
    ("json", '[1, 2]'),
])
def test_unreadable_tables_are_problems_not_exceptions(tmp_path, fmt, text):
    path = tmp_path / f"t.{fmt}"
    path.write_text(text, encoding="utf-8")
    out = Collector("t")
    read_table(path, "t", fmt, ",", out)
    assert out.problems and all(p.is_error and p.line >= 1 for p in out.problems)


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    return real_builds(tmp_path_factory)


def page_text(html: bytes) -> str:
    """The page's words, tags dropped, whitespace folded, no space before punctuation."""
    words = " ".join(re.sub(r"<[^>]+>", " ", html.decode("utf-8")).split())
    return re.sub(r" ([,.;:)])", r"\1", words)


def test_the_series_page_lists_the_13_revisions_with_their_dates(real):
    text = page_text(real.first_files["series/ua-gs.html"])
    assert "Revisions: running totals that went down (13)" in text
    for label, before, b_value, after, a_value in [
        ("Armoured combat vehicles", "12 October 2022", "5,181", "13 October 2022", "5,167"),
        ("Tanks", "27 May 2023", "3,799", "28 May 2023", "3,797"),
        ("Artillery systems", "3 March 2026", "37,842", "4 March 2026", "37,832"),
    ]:
        assert f"{label} {b_value} on {before} {a_value} on {after}" in text
    assert text.count("The claimed total went down from") == 13


def test_the_series_page_attributes_every_chart_and_says_when_categories_start_and_end(real):
    html = real.first_files["series/ua-gs.html"].decode("utf-8")
    images = re.findall(r'<img src="([^"]+)" alt="([^"]+)"', html)
    assert len(images) == 36
    for _, alt in images:
        assert "General Staff of the Armed Forces of Ukraine (Ukraine)" in alt and "not independently verified" in alt
    captions = re.findall(r"<figcaption>([^<]+)</figcaption>", html)
    assert len(captions) == 36 and all("claimed by General Staff" in c for c in captions)
    text = page_text(real.first_files["series/ua-gs.html"])
    assert "Military vehicles 25 February 2022 30 April 2022 (no figure after this)" in text
    assert "Submarines 14 September 2023 (added) 8 August 2026" in text
    assert "It replaces military vehicles and fuel tanks, drawn dashed on its chart for context and never added to it." \
        in text
    assert "POW: Prisoners of war" in text  # ignored columns are listed with their reason


def test_the_figures_page_keeps_claimants_sides_and_independent_counts_apart(real):
    html = real.first_files["figures.html"].decode("utf-8")
    sections = re.findall(r'<section class="side-block" id="([^"]+)"', html)
    assert sections == ["side-hamas", "side-israel", "side-russia", "side-ukraine", "side-united-states",
                        "side-not-stated", "independent"]  # Muambula's residents
    assert "Russian Ministry of Defence: losses (Ukrainian forces) by group over time, as claimed." in html
    assert re.search(r"<th[^>]*>\s*(Sum|Total)\b", html) is None
    independent = html.split('id="independent"', 1)[1]
    assert "BBC Russian Service and Mediazona" in independent and "Russian Ministry of Defence" not in independent


def test_the_timeline_has_series_milestones_with_their_claimant(real):
    text = page_text(real.first_files["timeline.html"])
    assert ("28 May 2023 Revision Unverifiable claim Tanks: claimed total revised down from 3,799 (2023-05-27) to "
            "3,797 claimed by General Staff of the Armed Forces of Ukraine (Ukraine); not independently verified") in text
    assert "Personnel: claimed total reaches 1,000,000 (about 1,000,340 people)" in text


def test_the_build_summary_prints_the_13_revisions(tmp_path, monkeypatch):
    config = real_dataset_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--config", str(config)], env={"SOURCE_DATE_EPOCH": None})
    assert result.exit_code == 0, result.output
    revisions = [line for line in result.stdout.splitlines() if line.startswith("finding: ") and ": revision: " in line]
    assert len(revisions) == 13
    assert ("finding: data/ua-general-staff/russia_losses_equipment.json:7539: series ua-gs-equipment/tank: revision: "
            "cumulative total went down: General Staff of the Armed Forces of Ukraine's claimed cumulative total of "
            "tanks (destroyed) went down from 3,799 on 2023-05-27 to 3,797 on 2023-05-28 (\u22122).") in result.stdout
    assert "13 revisions (a cumulative total went down) in 8 series; 0 runs of missing days." in result.stdout


def test_two_claimants_series_get_separate_pages(tmp_path):
    second = DECLARATION.replace("claimant: ru-mod", "claimant: ua-gs").replace("Losses claimed by the ministry",
                                                                                  "Losses claimed by the General Staff")
    config = series_site(tmp_path)
    (tmp_path / "content/series/other.yaml").write_text(textwrap.dedent(second), encoding="utf-8")
    build_site(config, chart_cache=False)
    ru = (tmp_path / "build/series/ru-mod.html").read_text(encoding="utf-8")
    ua = (tmp_path / "build/series/ua-gs.html").read_text(encoding="utf-8")
    assert "Losses claimed by the ministry" in ru and "Losses claimed by the General Staff" not in ru
    assert "Losses claimed by the General Staff" in ua and "Losses claimed by the ministry" not in ua


def _serve_build(config, memo):
    compiled = compile_site(BuildOptions(config, chart_cache=False, jobs=1), memo)
    memo.keep_build(compiled.page_keys, compiled.files)
    return compiled


@pytest.mark.parametrize("edit", ["data", "declaration", "nothing"])
def test_serve_reuses_a_dataset_until_its_data_or_declaration_changes(tmp_path, edit):
    config = series_site(tmp_path / "site")
    memo = BuildMemo()
    first = _serve_build(config, memo)
    before, = load_series(load_config(config), memo)[0]
    if edit == "data":
        (tmp_path / "site" / "data" / "losses.csv").write_text(CSV.replace("2024-01-05,18,", "2024-01-05,19,"))
    elif edit == "declaration":
        decl = tmp_path / "site" / "content" / "series" / "losses.yaml"
        decl.write_text(DECLARATION.replace("Losses claimed by the ministry", "Losses the ministry claimed"))
    again = _serve_build(config, memo)
    after, = load_series(load_config(config), memo)[0]
    assert (after is before) == (edit == "nothing"), "the same Dataset object only while nothing changed"
    clean = compile_site(BuildOptions(config, chart_cache=False, jobs=1)).files
    assert again.files == clean
    assert (again.files == first.files) == (edit == "nothing")


# --- Misuse (issue 11) ------------------------------------------------------------------------------------------

def test_a_data_file_outside_the_site_is_refused_without_echoing_it(tmp_path):
    """Item 5: `file: /etc/passwd` printed that file's fields into the build log."""
    secret = tmp_path / "private.csv"
    secret.write_text("date,root:x:0:0:secret-field\n2024-01-01,1\n", encoding="utf-8")
    config = series_site(tmp_path / "site", declaration=DECLARATION.replace("../../data/losses.csv", str(secret)))
    found = messages(problems_of(config))
    line = line_of(DECLARATION, "file:")
    assert (f"content/series/losses.yaml:{line}: file: the data file leads outside the site folder, to {secret} "
            "(keep it inside the site folder: sitegen reads nothing from outside it, so that no private file is "
            "published)") in [m.replace(str(tmp_path / "site") + "/", "") for m in found]
    assert not any("secret-field" in m for m in found)


def test_a_data_file_linked_out_of_the_site_is_refused(tmp_path):
    secret = tmp_path / "private.csv"
    secret.write_text(CSV, encoding="utf-8")
    config = series_site(tmp_path / "site")
    (tmp_path / "site/data/losses.csv").unlink()
    (tmp_path / "site/data/losses.csv").symlink_to(secret)
    assert any("file: the data file leads outside the site folder" in m for m in messages(problems_of(config)))


def test_a_licence_file_outside_the_site_is_refused(tmp_path):
    """Item 5: `license_file: /etc/hostname` was copied into the site."""
    secret = tmp_path / "hostname"
    secret.write_text("secret-host\n", encoding="utf-8")
    config = series_site(tmp_path / "site", declaration=DECLARATION + f"license_file: {secret}\n")
    found = messages(problems_of(config))
    assert any(m.endswith("license_file: the licence file leads outside the site folder, to "
                          f"{secret} (keep it inside the site folder: sitegen reads nothing from outside it, so that "
                          "no private file is published)") for m in found), found
    assert not any("secret-host" in m for m in found)


def test_a_declaration_linked_out_of_the_site_is_refused(tmp_path):
    config = series_site(tmp_path / "site")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(DECLARATION, encoding="utf-8")
    (tmp_path / "site/content/series/other.yaml").symlink_to(outside)
    found = messages(problems_of(config))
    assert any("other.yaml: is a symbolic link outside the site folder" in m for m in found), found


def test_json_nested_100000_deep_is_a_located_error(tmp_path):
    """Item 9: a series JSON of 100,000 `[` was a RecursionError."""
    config = series_site(tmp_path, csv="[" + "[" * 100_000, data_name="losses.json",
                         declaration=DECLARATION.replace("losses.csv", "losses.json"))
    found = messages(problems_of(config))
    assert any(m.startswith("data/losses.json:1: JSON row cannot be read: nested too deeply") or
               ("losses.json:1: JSON row cannot be read: nested too deeply" in m) for m in found), found


def test_a_date_format_strptime_cannot_compile_is_a_located_error(tmp_path):
    """Item 9: `date_format: "%Y%Y"` was a re.error traceback."""
    config = series_site(tmp_path, declaration=DECLARATION + 'date_format: "%Y%Y"\n')
    found = messages(problems_of(config))
    line = len(DECLARATION.splitlines()) + 1
    assert any(m.endswith(f'losses.yaml:{line}: date_format: "%Y%Y" cannot be used to read dates (use each % code '
                          'once, e.g. "%d.%m.%Y"; leave it out for YYYY-MM-DD)') for m in found), found


@pytest.mark.parametrize("figure", ["9" * 400, "9" * 4400, str(10**15 + 1)])
def test_a_huge_figure_in_a_series_is_an_error_not_an_overflow(tmp_path, figure):
    """Item 9: a huge integer reached matplotlib (OverflowError) or int() (digit limit)."""
    config = series_site(tmp_path, csv=CSV.replace("1420", figure))
    found = messages(problems_of(config))
    assert any('losses.csv:6: row 5, "personnel": figure too large' in m for m in found), found


def test_a_huge_figure_in_json_is_an_error(tmp_path):
    rows = '[{"date": "2024-01-01", "tanks": 1e300, "personnel": 1}]'
    config = series_site(tmp_path, csv=rows, data_name="losses.json",
                         declaration=DECLARATION.replace("losses.csv", "losses.json"))
    found = messages(problems_of(config))
    assert any('row 1, "tanks": figure too large' in m for m in found), found


def test_a_control_character_escaped_in_json_is_refused(tmp_path):
    """Item 10: `\\u0007` in a JSON cell reached chart SVGs, which then did not parse."""
    rows = '[\n{"date": "2024-01-01", "tanks": 1, "personnel": 1},\n{"date": "2024-01-02", "tanks": 2, "note": "a\\u0007"}\n]'
    config = series_site(tmp_path, csv=rows, data_name="losses.json",
                         declaration=DECLARATION.replace("losses.csv", "losses.json"))
    found = messages(problems_of(config))
    assert any(m.endswith("losses.json:3: row 2: contains a control character U+0007 (remove it)") for m in found), found


def test_a_control_character_in_a_csv_is_refused_with_its_line(tmp_path):
    config = series_site(tmp_path, csv=CSV.replace("quiet", "qu\x1biet"))
    found = messages(problems_of(config))
    assert any(m.endswith("losses.csv:3: contains a control character U+001B (remove it)") for m in found), found


@pytest.mark.parametrize(("old", "new"), [("2024-01-05", "9999-12-31"), ("2024-01-01", "0001-01-01")])
def test_a_date_matplotlib_cannot_draw_is_an_error_on_its_row(tmp_path, old, new):
    """Found while looking for other crash paths: a series reaching 9999-12-31 or 0001-01-01 was a ValueError in matplotlib."""
    csv = CSV.replace(old, new)
    config = series_site(tmp_path, csv=csv)
    found = messages(problems_of(config))
    row = line_of(csv, new)
    assert any(m.endswith(f'losses.csv:{row}: row {row - 1}, "date": date {new} is outside the years 1000–8999 '
                          "(check the year)") for m in found), found
