"""Breakdown charts drawn straight onto matplotlib's SVG renderer are the SVG matplotlib's artists make."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from site_gen.charts import breakdown, cache
from site_gen.charts.draw import DRAWN_BY
from site_gen.core.chart_specs import Bar, BreakdownSpec
from site_gen.core.quantities import parse_quantity
from tests.artist_plot import ArtistPlot

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from corpus import write_corpus  # noqa: E402


def corpus_specs(root: Path, count: int) -> list[BreakdownSpec]:
    """The wide and narrow breakdown charts a build of `count` generated articles draws."""
    from site_gen.content.config import load_config
    from site_gen.content.load import load_articles
    from site_gen.core.breakdowns import plan_charts
    from site_gen.core.site import Site

    config = load_config(write_corpus(root, count))
    articles, _ = load_articles(config, False)
    jobs = plan_charts(Site(config, articles)).values()
    return [spec for job in jobs for _, spec in job.variants()[:2]]


def quantity_spec(*wordings: str, total: str | None = None, labels: tuple[str, ...] = ()) -> BreakdownSpec:
    """A chart of one bar per wording (unquantified, one-sided, ranges, "nearly"), with a stated total."""
    bars = tuple(Bar(labels[i] if i < len(labels) else f"Group {i}", parse_quantity(w)) for i, w in enumerate(wordings))
    stated = parse_quantity(total) if total else None
    return BreakdownSpec(title="Claimed losses by group, a title long enough to wrap onto a second line here",
                         subtitle="As claimed; not verified.", bars=bars, total=stated, sum_low=100, sum_high=None,
                         sum_agrees=False, footnote="Source: a claimant's statement, quoted as typed.")


EDGE_CASES = (
    quantity_spec("scores", "over 200", "up to 40", "300-450", "nearly 1,500", total="more than 2,000"),
    quantity_spec("about 10", "12", total="5", labels=("\u0627\u0644\u0642\u062f\u0633 \u0627\u0644\u0634\u0631\u064a\u0641",
                                                        "Київ, a label long enough to wrap across two lines or three")),
    quantity_spec("a number of", total=None),
)


def artist_drawn(monkeypatch, spec: BreakdownSpec) -> bytes:
    with monkeypatch.context() as patch:
        patch.setattr(breakdown, "Plot", ArtistPlot)
        return breakdown.draw_breakdown(spec)


@pytest.mark.filterwarnings("ignore:Glyph .* missing from")
def test_every_chart_of_a_generated_corpus_is_byte_identical_to_the_one_matplotlibs_artists_draw(tmp_path,
                                                                                                monkeypatch):
    specs = corpus_specs(tmp_path, 40) + [spec for edge in EDGE_CASES for spec in (edge, dataclasses.replace(
        edge, narrow=True))]
    assert len(specs) > 80
    for spec in specs:
        direct = breakdown.draw_breakdown(spec)
        assert direct.startswith(b"<?xml")
        assert direct == artist_drawn(monkeypatch, spec), spec.title


def test_the_direct_drawing_has_the_dashed_total_the_hatches_the_arrows_and_the_right_to_left_label():
    svg = breakdown.draw_breakdown(EDGE_CASES[0]).decode()
    assert svg.count("stroke-dasharray: 5.18,2.24") == 1  # the stated total's dashed line (1.4 × 3.7, 1.6)
    assert svg.count('<pattern id="h') == 2  # "///" for one-sided figures, ".." for a range's uncertain part
    assert svg.count('<g id="patch_') == 13  # background, 9 bars (a range and "nearly" are two each), 3 arrows
    rtl = breakdown.draw_breakdown(EDGE_CASES[1]).decode()
    assert '<g id="row-label-0">' in rtl and rtl.count('direction="rtl"') == 1


def test_every_module_a_chart_is_drawn_with_is_part_of_the_chart_keys():
    charts = Path(cache.__file__).parent
    drawing = {path.name for path in charts.glob("*.py")} - {"__init__.py", "cache.py", "draw.py", "svg_check.py"}
    assert {"plot.py", "text.py", "svg_renderer.py", "extents.py"} <= drawing
    own = {Path(sys.modules[name].__file__).name for name in DRAWN_BY.values()}
    assert drawing - own - set(cache.SHARED_SOURCES) == set()
