"""Chart text measured by matplotlib's font machinery and wrapped to the room it has; wide and narrow variants."""

from __future__ import annotations

import dataclasses

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
