"""Chart text measured by matplotlib's font machinery and wrapped to the room it has; wide and narrow variants."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.charts.breakdown import draw_breakdown
from site_gen.charts.cache import chart_key
from site_gen.charts.measure import SAFETY, text_width, wrap
from site_gen.core.chart_specs import Bar, BreakdownSpec, narrow_path
from site_gen.core.quantities import parse_quantity


def test_lines_are_wrapped_by_their_measured_width_not_by_a_count_of_characters():
    narrow_letters, wide_letters = " ".join(["iiii"] * 30), " ".join(["WWWW"] * 30)
    assert len(narrow_letters) == len(wide_letters)
    thin, wide = wrap(narrow_letters, 2.0, 10), wrap(wide_letters, 2.0, 10)
    assert len(wide) > 2 * len(thin)
    for line in thin + wide:
        assert text_width(line, 10) <= 2.0 * SAFETY


def test_wrapping_keeps_every_word_and_cuts_only_a_word_wider_than_the_line():
    text = "Claimant: Ministry of Defence. Source: https://example.org/" + "x" * 120 + " and more."
    lines = wrap(text, 2.5, 9)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(text_width(line, 9) <= 2.5 * SAFETY for line in lines)


def test_bold_text_is_measured_wider_than_regular_text():
    assert text_width("Russian Ministry of Defence", 11, "bold") > text_width("Russian Ministry of Defence", 11)


def spec(**extra) -> BreakdownSpec:
    return BreakdownSpec(title="A: killed by group", subtitle="Claimed.", bars=(Bar("West", parse_quantity("475")),),
                         total=None, sum_low=475, sum_high=475, sum_agrees=True, footnote="Source: x.", **extra)


def test_the_narrow_variant_is_its_own_deterministic_chart_with_its_own_cache_key_and_path():
    wide, narrow = spec(), spec(narrow=True)
    assert draw_breakdown(narrow) == draw_breakdown(dataclasses.replace(wide, narrow=True))
    assert draw_breakdown(narrow) != draw_breakdown(wide)
    assert b'width="270pt"' in draw_breakdown(narrow) and b'width="540pt"' in draw_breakdown(wide)
    assert chart_key(narrow) != chart_key(wide)
    assert narrow_path("charts/a--b.svg") == "charts/narrow/a--b.svg"


#: Lines measured both ways: kerning pairs (AV, Te, "To"), ligatures (fi, ffl), spaces in runs, Cyrillic and Greek
#: lines, mixed scripts, right-to-left and CJK text (those two measured by matplotlib itself).
LINES = ("", " ", "AVAWA To Te", "official conflict figures ffl", "  two  spaces ", "- - -", "Київ і Харків (№ 5)",
         "Ελλάδα 12", "Kyiv Київ", "Київ -yes", "Σ “Done”", "\u0627\u0644\u0642\u062f\u0633 1", "\u6771\u4eac 3",
         "Société “quoted” — 1 000…", "≤21 to ≥838 ≈ 5 × 2 ∑ ≠ ∞",
         "Claimant: Strategic Communications Centre of Ukraine (Ukraine), claimed on 2 January 2023.")


@pytest.mark.filterwarnings("ignore:Glyph .* missing from")
def test_words_measured_once_add_up_to_exactly_what_matplotlib_measures_for_the_whole_line():
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    from site_gen.charts.extents import text_extent
    from site_gen.charts.mpl import fallback_fonts

    whole = TextToPath()
    for weight, style in (("normal", "normal"), ("bold", "normal"), ("normal", "italic")):
        prop = FontProperties(family=list(fallback_fonts()), size=9.5, weight=weight, style=style)
        for line in LINES + tuple(line[::-1] for line in LINES):
            assert text_extent(line, prop) == whole.get_text_width_height_descent(line, prop, False), (line, weight)


def busy_spec(**extra) -> BreakdownSpec:
    """Every kind of bar, arrows both ways, a stated total that does not match, a label in another language."""
    bars = tuple(Bar(name, parse_quantity(figure), lang) for name, figure, lang in (
        ("Western group", "over 300", ""), ("Centre group", "up to 120", ""), ("Східне угруповання", "~75", "uk"),
        ("Southern group", "200-260", ""), ("Northern group", "a number of", ""), ("Dnepr group", "40", "")))
    return BreakdownSpec(title="Ministry of Defence: killed (people) by group, 2 January 2023",
                         subtitle="Claimed, not independently verified.", bars=bars, total=parse_quantity("about 900"),
                         sum_low=615, sum_high=None, sum_agrees=False, footnote="Claimant: Ministry. Source: briefing.",
                         unit="people", **extra)


def fresh_process_draw(name: str) -> bytes:
    """The chart drawn by a new Python process, the first chart it draws."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import test_chart_measure as t; "
            "from site_gen.charts.breakdown import draw_breakdown; "
            "sys.stdout.buffer.write(draw_breakdown(getattr(t, sys.argv[2])()))")
    return subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), name], check=True,
                          capture_output=True).stdout


def test_a_chart_drawn_after_other_charts_in_the_same_process_is_byte_identical_to_one_from_a_fresh_process():
    first = fresh_process_draw("busy_spec")
    assert first.startswith(b"<?xml")
    assert draw_breakdown(busy_spec()) == first
    draw_breakdown(spec())  # another chart of the same shape, on the same figure: fewer rows, no total
    draw_breakdown(spec(narrow=True))
    draw_series_chart()
    assert draw_breakdown(busy_spec()) == first
    assert draw_breakdown(busy_spec(narrow=True)) == fresh_process_draw("busy_narrow_spec")


def busy_narrow_spec() -> BreakdownSpec:
    return busy_spec(narrow=True)


def draw_series_chart() -> bytes:
    from site_gen.charts.series import draw_series
    from site_gen.core.chart_specs import Line, SeriesChartSpec

    return draw_series(SeriesChartSpec(title="Series", attribution="By A", subtitle="", footnote="", y_label="n",
                                       lines=(Line("a", (738000, 738001, 738002), (1.0, 2.0, None)),)))


@pytest.mark.filterwarnings("ignore:Glyph .* missing from")
def test_lines_laid_out_from_words_place_every_glyph_where_matplotlib_places_it_in_the_whole_line():
    from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag
    from matplotlib.font_manager import FontProperties

    from site_gen.charts.extents import face
    from site_gen.charts.mpl import fallback_fonts

    renderer, flags = RendererAgg(1200, 630, 100), get_hinting_flag()
    for size, weight in ((17, "normal"), (26, "bold"), (52, "bold")):
        prop = FontProperties(family=list(fallback_fonts()), size=size, weight=weight)
        words = face(prop, size, 100, flags)
        for line in LINES:
            font = renderer._prepare_font(prop)
            whole = [(item.ft_object, item.glyph_index, item.x, item.y) for item in font._layout(line, flags=flags)]
            assert words.layout(line) in (None, whole), line
            measured = renderer.get_text_width_height_descent(line, prop, False)
            extent = words.extent(line)
            assert extent is None or tuple(v / 64 for v in extent) == measured, line


def test_charts_drawn_in_two_threads_at_once_are_the_charts_drawn_in_one():
    from concurrent.futures import ThreadPoolExecutor

    specs = [busy_spec(), spec(), busy_spec(narrow=True), spec(narrow=True)] * 4
    alone = [draw_breakdown(s) for s in specs]
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(draw_breakdown, specs)) == alone


def test_forked_workers_draw_with_fonts_of_their_own_after_the_parent_measured_text():
    from site_gen.utils.parallel import can_fork, run_all

    draw_breakdown(busy_spec())  # the parent has now opened and measured with its fonts
    def words(n: int) -> str:  # words no chart had before, so that every worker shapes (reads glyphs) all along
        return " ".join(f"{chr(65 + (n + i) % 26)}{n * 7919 + i}q{chr(97 + i % 26)}" for i in range(12))

    specs = [dataclasses.replace(busy_spec(narrow=n % 2 == 1), title=words(n), footnote=words(n + 1000),
                                 subtitle=words(n + 2000)) for n in range(96)]
    if not can_fork(2, len(specs)):
        pytest.skip("this platform cannot fork workers")
    assert run_all(draw_breakdown, specs, 2) == [draw_breakdown(s) for s in specs]
