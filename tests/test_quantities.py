"""Quantity grammar, intervals and display forms (site_gen.quantities; pure, no disk)."""

from __future__ import annotations

import pytest

from site_gen.quantities import (
    ACCEPTED_FORMS,
    Interval,
    Qualifier,
    QuantityError,
    parse_quantity,
    sum_intervals,
)

INF = None  # an interval's open upper end

# wording -> (qualifier, low, high, display, short)
GRAMMAR = [
    # exact, with thousands separators: comma, space, thin space, narrow no-break space, no-break space
    ("475", Qualifier.EXACT, 475, 475, "475", "475"),
    (" 475 ", Qualifier.EXACT, 475, 475, "475", "475"),
    ("0", Qualifier.EXACT, 0, 0, "0", "0"),
    ("2,000", Qualifier.EXACT, 2000, 2000, "2,000", "2,000"),
    ("2 000", Qualifier.EXACT, 2000, 2000, "2,000", "2,000"),
    ("2\u2009000", Qualifier.EXACT, 2000, 2000, "2,000", "2,000"),
    ("2\u202f000", Qualifier.EXACT, 2000, 2000, "2,000", "2,000"),
    ("2\u00a0000", Qualifier.EXACT, 2000, 2000, "2,000", "2,000"),
    ("1,456,610", Qualifier.EXACT, 1456610, 1456610, "1,456,610", "1,456,610"),
    # approx: ±10 %, low rounded down and high rounded up
    ("about 475", Qualifier.APPROX, 427, 523, "about 475", "~475"),
    ("around 100", Qualifier.APPROX, 90, 110, "around 100", "~100"),
    ("some 30", Qualifier.APPROX, 27, 33, "some 30", "~30"),
    ("approximately 1,000", Qualifier.APPROX, 900, 1100, "approximately 1,000", "~1,000"),
    ("~475", Qualifier.APPROX, 427, 523, "~475", "~475"),
    ("~ 1,456,610", Qualifier.APPROX, 1310949, 1602271, "~1,456,610", "~1,456,610"),
    # one-sided
    ("over 2,000", Qualifier.GT, 2001, INF, "over 2,000", ">2,000"),
    ("more than 5", Qualifier.GT, 6, INF, "more than 5", ">5"),
    ("at least 475", Qualifier.GTE, 475, INF, "at least 475", "≥475"),
    ("475+", Qualifier.GTE, 475, INF, "475+", "≥475"),
    ("475 +", Qualifier.GTE, 475, INF, "475+", "≥475"),
    ("fewer than 10", Qualifier.LT, 0, 9, "fewer than 10", "<10"),
    ("less than 10", Qualifier.LT, 0, 9, "less than 10", "<10"),
    ("under 10", Qualifier.LT, 0, 9, "under 10", "<10"),
    ("up to 710", Qualifier.LTE, 0, 710, "up to 710", "≤710"),
    # ranges
    ("300-400", Qualifier.RANGE, 300, 400, "300–400", "300–400"),
    ("300 - 400", Qualifier.RANGE, 300, 400, "300–400", "300–400"),
    ("300–400", Qualifier.RANGE, 300, 400, "300–400", "300–400"),
    ("between 300 and 400", Qualifier.RANGE, 300, 400, "between 300 and 400", "300–400"),
    ("between 2,000 and 3 000", Qualifier.RANGE, 2000, 3000, "between 2,000 and 3,000", "2,000–3,000"),
    # vague (ACLED coding)
    ("tens", Qualifier.VAGUE, 10, INF, "tens", "tens (≥10)"),
    ("dozens", Qualifier.VAGUE, 12, INF, "dozens", "dozens (≥12)"),
    ("hundreds", Qualifier.VAGUE, 100, INF, "hundreds", "hundreds (≥100)"),
    # case does not matter
    ("ABOUT 475", Qualifier.APPROX, 427, 523, "about 475", "~475"),
    ("Over 2,000", Qualifier.GT, 2001, INF, "over 2,000", ">2,000"),
    ("More Than 5", Qualifier.GT, 6, INF, "more than 5", ">5"),
    ("At Least 475", Qualifier.GTE, 475, INF, "at least 475", "≥475"),
    ("UNDER 10", Qualifier.LT, 0, 9, "under 10", "<10"),
    ("Up To 710", Qualifier.LTE, 0, 710, "up to 710", "≤710"),
    ("Between 300 AND 400", Qualifier.RANGE, 300, 400, "between 300 and 400", "300–400"),
    ("Dozens", Qualifier.VAGUE, 12, INF, "dozens", "dozens (≥12)"),
]


@pytest.mark.parametrize(("wording", "qualifier", "low", "high", "display", "short"), GRAMMAR,
                         ids=[row[0].strip() for row in GRAMMAR])
def test_wording_parses_to_qualifier_interval_and_forms(wording, qualifier, low, high, display, short):
    q = parse_quantity(wording)
    assert q.qualifier is qualifier
    assert q.interval == Interval(low, high)
    assert q.display == display
    assert q.short == short


def test_original_wording_is_kept():
    assert parse_quantity("Over 2 000").text == "Over 2 000"
    assert parse_quantity("  about 475 ").text == "about 475"


@pytest.mark.parametrize(("value", "low"), [(475, 475), (0, 0), (1456610, 1456610)])
def test_int_input_is_exact(value, low):
    q = parse_quantity(value)
    assert q.qualifier is Qualifier.EXACT
    assert q.interval == Interval(low, low)
    assert q.text == str(value)


@pytest.mark.parametrize(("wording", "spoken"), [
    ("over 2,000", "more than 2,000"),
    ("up to 710", "at most 710"),
    ("~475", "about 475"),
    ("300-400", "between 300 and 400"),
    ("dozens", "dozens (at least 12)"),
    ("475", "475"),
])
def test_spoken_form_is_unambiguous(wording, spoken):
    assert parse_quantity(wording).spoken == spoken


@pytest.mark.parametrize("wording", ["over 2,000", "at least 5", "475+", "under 10", "up to 710", "tens"])
def test_one_sided_wordings(wording):
    assert parse_quantity(wording).is_one_sided


@pytest.mark.parametrize("wording", ["475", "about 475", "300-400"])
def test_two_sided_wordings(wording):
    assert not parse_quantity(wording).is_one_sided


@pytest.mark.parametrize("wording", ["lots", "", "   ", "over", "a dozen", "2,00", "1.5", "12 34",
                                     "more than 5 killed", "1,000,0000"])
def test_bad_wording_is_an_error_that_quotes_the_text(wording):
    with pytest.raises(QuantityError) as info:
        parse_quantity(wording)
    assert f'"{wording.strip()}"' in str(info.value)


@pytest.mark.parametrize("wording", ["400-300", "400–300", "between 400 and 300", "300-300"])
def test_reversed_or_empty_range_is_an_error(wording):
    with pytest.raises(QuantityError, match="lower to the higher"):
        parse_quantity(wording)


@pytest.mark.parametrize("value", [-1, "-5", "- 5", "\u22121,000"])
def test_negative_figures_are_errors(value):
    with pytest.raises(QuantityError, match="negative"):
        parse_quantity(value)


@pytest.mark.parametrize("value", [True, False])
def test_booleans_are_not_numbers(value):
    with pytest.raises(QuantityError, match=f"got the yes/no value {str(value).lower()}$"):
        parse_quantity(value)


@pytest.mark.parametrize(("value", "words"), [
    (2.5, "the decimal number 2.5: write a whole number, or quote the claimant's wording"),
    (None, "nothing"), ([475], "a list"), ({"value": 475}, "a mapping"),
])
def test_other_types_are_errors_named_in_words(value, words):
    with pytest.raises(QuantityError) as error:
        parse_quantity(value)
    assert str(error.value) == f"expected a whole number or a wording, got {words}"


def test_accepted_forms_name_every_qualifier_family():
    for word in ("about", "~", "over", "more than", "at least", "+", "fewer than", "less than", "under", "up to",
                 "between", "tens", "dozens", "hundreds"):
        assert word in ACCEPTED_FORMS


# --- interval arithmetic ---------------------------------------------------------------------------------

def test_sum_of_exact_figures_is_exact():
    parts = [parse_quantity(v) for v in (475, 405, 120, 620, 320)]
    assert sum_intervals(parts) == Interval(1940, 1940)


def test_sum_of_nothing_is_zero():
    assert sum_intervals([]) == Interval(0, 0)


def test_sum_with_an_open_part_is_open():
    parts = [parse_quantity("over 100"), parse_quantity("50")]
    assert sum_intervals(parts) == Interval(151, None)


def test_sum_of_up_to_parts_is_bounded():
    parts = [parse_quantity("up to 100"), parse_quantity("up to 50"), parse_quantity("fewer than 10")]
    assert sum_intervals(parts) == Interval(0, 159)


def test_sum_of_ranges_and_approximations():
    parts = [parse_quantity("300-400"), parse_quantity("about 100")]
    assert sum_intervals(parts) == Interval(390, 510)


@pytest.mark.parametrize(("a", "b", "expected"), [
    (Interval(1940, 1940), Interval(2001, None), False),   # the seed: 1,940 is not "over 2,000"
    (Interval(2001, 2001), Interval(2001, None), True),    # touching the open end's lower bound
    (Interval(2000, 2000), Interval(2001, None), False),
    (Interval(0, 5), Interval(5, 10), True),               # bounds are inclusive
    (Interval(0, 4), Interval(5, 10), False),
    (Interval(11, 20), Interval(5, 10), False),
    (Interval(3, 7), Interval(5, 10), True),
    (Interval(5, None), Interval(1000, None), True),       # two open intervals always meet
    (Interval(100, None), Interval(0, 50), False),
    (Interval(100, None), Interval(0, 100), True),
])
def test_overlaps(a, b, expected):
    assert a.overlaps(b) is expected
    assert b.overlaps(a) is expected


@pytest.mark.parametrize(("interval", "words"), [
    (Interval(1940, 1940), "1,940"),
    (Interval(151, None), "151 or more"),
    (Interval(0, 1500), "0 to 1,500"),
])
def test_interval_describe(interval, words):
    assert interval.describe() == words
