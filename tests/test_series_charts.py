"""Series charts: attributed titles, readable with 1,600+ points, byte-identical, and cached by content."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from click.testing import CliRunner
from helpers import build_site, read_tree
from series_site import CSV, real_builds, series_site

from site_gen.pipeline.last_build import RECORD
from site_gen.charts.cache import ChartCache, chart_key, pack, unpack
from site_gen.cli import main
from site_gen.charts.series import draw_series

CLAIMANT = "General Staff of the Armed Forces of Ukraine"


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    return real_builds(tmp_path_factory)


def svg_texts(svg: bytes) -> str:
    """The visible text of an SVG drawn with svg.fonttype none (real <text> elements)."""
    return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg.decode("utf-8"))).replace("&#x27;", "'")


def test_the_real_site_has_a_cumulative_and_a_daily_chart_per_category(real):
    charts = sorted(p for p in real.first_files if p.startswith("charts/series/") and p.endswith(".svg"))
    assert len(charts) == 2 * 18
    assert "charts/series/ua-gs-personnel/personnel-cumulative.svg" in charts
    assert "charts/series/ua-gs-equipment/tank-daily.svg" in charts
    assert "charts/series/ua-gs-equipment/vehicles-and-fuel-tanks-cumulative.svg" in charts


def test_every_series_chart_names_the_claimant_and_says_not_independently_verified(real):
    for path, svg in real.first_files.items():
        if path.startswith("charts/series/") and path.endswith(".svg"):
            text = svg_texts(svg)
            assert f"Claimed by {CLAIMANT} (Ukraine); not independently verified (unverifiable claim)" in text, path
            assert "claimed" in text.split("Claimed by")[0].lower(), path


def test_the_personnel_chart_shows_the_wording_and_marks_the_few_differently_worded_figures(real):
    svg = real.first_files["charts/series/ua-gs-personnel/personnel-cumulative.svg"]
    text = svg_texts(svg)
    assert "Worded \u201cabout\u201d (1,620), \u201cmore than\u201d (6)." in text
    assert "about 1,456,610" in text
    assert "Worded \u201cmore than\u201d" in text  # legend of the six marked points


def test_revisions_are_marked_and_there_is_no_per_point_marker_soup(real):
    tank = real.first_files["charts/series/ua-gs-equipment/tank-cumulative.svg"].decode("utf-8")
    assert "1 revision(s): the total went down, marked \u25bc." in svg_texts(tank.encode())
    # matplotlib draws every marker and tick as one <use>: a chart of 1,626 points must have only a few.
    for path, svg in real.first_files.items():
        if path.startswith("charts/series/") and path.endswith(".svg"):
            assert svg.decode("utf-8").count("<use ") <= 25, path


def test_daily_change_chart_is_labelled_as_our_arithmetic(real):
    text = svg_texts(real.first_files["charts/series/ua-gs-equipment/special-equipment-daily.svg"])
    assert "Special equipment: change from the previous day's claimed total" in text
    assert "Our arithmetic on the claimant's running totals; not a separate claim." in text
    assert "7-day average" in text


def test_charts_are_svg_with_real_text_and_no_timestamps(real):
    svg = real.first_files["charts/series/ua-gs-equipment/apc-cumulative.svg"].decode("utf-8")
    assert svg.startswith("<?xml") and "<dc:date>" not in svg
    assert "Armoured combat vehicles: claimed cumulative total" in svg


def test_a_rebuild_with_no_change_redraws_no_chart_and_is_byte_identical(real):
    # 42 charts and 5 event comparison charts, each drawn wide and narrow (for phones)
    assert real.first.charts_drawn == real.first.charts == 94 and real.first.charts_reused == 0
    assert real.first.ms_per_chart > 0
    assert real.second.charts_drawn == 0 and real.second.charts_reused == 94
    assert real.second_files == real.first_files


def test_equal_specs_draw_byte_identical_svg(real):
    from site_gen.core.series_plan import plan_series_charts
    from site_gen.content.series import load_series
    from site_gen.content.config import load_config

    datasets, _ = load_series(load_config(real.root / "config.yaml"))
    job = plan_series_charts(datasets)["ua-gs-equipment/drone"][1]
    assert draw_series(job.spec) == draw_series(job.spec) == real.first_files[job.path]


def test_changing_one_series_redraws_only_its_charts(tmp_path):
    config = series_site(tmp_path)
    cache = tmp_path / "cache"
    first = build_site(config, cache_dir=cache)
    assert (first.charts_drawn, first.charts_reused) == (8, 0)  # 4 charts, wide and narrow
    (tmp_path / "data/losses.csv").write_text(CSV.replace("2024-01-05,18", "2024-01-05,19"), encoding="utf-8")
    second = build_site(config, cache_dir=cache)
    assert (second.charts_drawn, second.charts_reused) == (4, 4)


def test_a_corrupt_cache_entry_is_ignored_and_redrawn(tmp_path):
    config = series_site(tmp_path)
    cache = tmp_path / "cache"
    build_site(config, cache_dir=cache)
    before = read_tree(tmp_path / "build")
    entries = sorted(cache.rglob("*.svg"))
    assert len(entries) == 8
    entries[0].write_bytes(entries[0].read_bytes()[:-40])           # truncated
    entries[1].write_bytes(b"not a cache entry")                    # garbage
    (cache / RECORD).unlink()  # else the build links its unchanged charts from the last build, reading no entry
    again = build_site(config, cache_dir=cache)
    assert (again.charts_drawn, again.charts_reused) == (2, 6)
    assert read_tree(tmp_path / "build") == before
    assert all(unpack(e.read_bytes(), e.stem) is not None for e in entries)


def test_the_cache_does_not_depend_on_file_times(tmp_path):
    config = series_site(tmp_path)
    cache = tmp_path / "cache"
    build_site(config, cache_dir=cache)
    for path in list(tmp_path.rglob("*")):
        if path.is_file():
            path.touch()
    assert build_site(config, cache_dir=cache).charts_drawn == 0


def test_the_chart_cache_can_be_turned_off(tmp_path):
    config = series_site(tmp_path)
    assert build_site(config, chart_cache=False).charts_drawn == 8
    assert build_site(config, chart_cache=False).charts_drawn == 8
    assert not (tmp_path / ".sitegen-cache").exists()


def test_cache_entries_verify_their_own_bytes():
    assert unpack(pack(b"<svg/>", "k1"), "k1") == b"<svg/>"
    assert unpack(pack(b"<svg/>", "k1")[:-1], "k1") is None
    assert unpack(pack(b"<svg/>", "k1"), "k2") is None, "an entry is bound to its key"
    assert unpack(b"", "k1") is None


def test_cache_keys_change_with_the_spec(real):
    from site_gen.content.config import load_config
    from site_gen.content.series import load_series
    from site_gen.core.series_plan import plan_series_charts

    datasets, _ = load_series(load_config(real.root / "config.yaml"))
    jobs = plan_series_charts(datasets)
    keys = {chart_key(job.spec) for js in jobs.values() for job in js}
    assert len(keys) == 36
    assert ChartCache(None).get(next(iter(keys))) is None


def test_the_build_summary_reports_charts_drawn_and_reused(tmp_path, monkeypatch):
    series_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    first = runner.invoke(main, ["build"])
    second = runner.invoke(main, ["build"])
    assert first.exit_code == second.exit_code == 0, first.output
    assert re.search(r"8 charts \(8 drawn in [\d.]+ s, 0 reused from the chart cache;", first.stdout)
    assert "8 charts (0 drawn, 8 reused from the chart cache;" in second.stdout
    assert (tmp_path / ".sitegen-cache" / "charts").is_dir()


def test_a_chart_over_a_few_days_draws_its_date_axis_without_a_warning():
    """Found by benchmarks/fuzz.py: a change chart over three days made matplotlib's date locator print an
    unlocated warning ("unable to pick an appropriate interval") into the build log."""
    from site_gen.charts.series import draw_series
    from site_gen.core.chart_specs import Line, Marks, SeriesChartSpec

    days = (738888, 738889, 738890)
    spec = SeriesChartSpec("Tanks: change", "Claimed by X", "", "", "tanks", (Line("Change", days, (3, -1, 4)),),
                           (Marks("Went down", (738889,), (-1,), "revision"),))
    for variant in (spec, replace(spec, narrow=True)):
        assert draw_series(variant).startswith(b"<?xml")
