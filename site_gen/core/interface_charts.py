"""The charts' part of the interface table (pure): titles, legends, axes, footnotes, captions and alt text, in English.

core/interface.py merges these into ENGLISH; a site's `translations:` overrides them like any other key.
"""

from __future__ import annotations

CHART_STRINGS: dict[str, str] = {
    # Alt text of a breakdown chart (core/breakdowns.py: alt_text)
    "breakdown_alt.chart": "Bar chart of figures claimed by {claimant}, {status}: {groups}.",
    "breakdown_alt.stated": "Stated total: {figure}.",
    "breakdown_alt.sum": "The group figures add up to {sum}.",
    "breakdown_alt.sum_in_unit": "The group figures in {unit} add up to {sum}.",
    "breakdown_alt.left_out": "Not comparable (different units), not drawn and not added: {list}.",
    # Breakdown charts of a claim (core/breakdowns.py): title, subtitle, footnote
    "breakdown_chart.title": "{claimant}: {measure}{unit} by group{subject}{when}",
    "breakdown_chart.figures": "figures",
    "breakdown_chart.subtitle": "{status}. Bars show the claimant's figures as worded; hatched = one-sided "
                                "(over / up to).",
    "breakdown_chart.status_not_verified": "Claimed, not independently verified",
    "breakdown_chart.status_ours": "Claimed; our status: {status} (as of {date})",
    "breakdown_chart.claimed_on": ", claimed on {date}",
    "breakdown_chart.left_out": "Not drawn, not comparable (different units): {list}.",
    "breakdown_chart.caveat": "Caveat: {caveat}",
    "breakdown_chart.footnote": "Claimant: {claimant}{said}. Source: {names}.",
    "breakdown_chart.partial": "The groups cover only part of the total.",
    "breakdown_chart.not_broken_down": "Not broken down (our arithmetic: total minus the groups)",
    # Charts of a data series (core/series_plan.py): titles, the attribution line, legends, axes, footnotes, captions
    "chart.status_not_verified": "claimed, not independently verified (status: {status})",
    "chart.status_ours": "claimed; our status: {status}",
    "chart.line_not_verified": "Claimed by {claimant}; not independently verified ({status})",
    "chart.line_ours": "Claimed by {claimant}; our status: {status}",
    "chart.caption": "{label}, {what}: claimed by {claimant}: {status}.",
    "chart.no_qualifier": "Figures given without a qualifier.",
    "chart.every_worded": "Every figure worded \u201c{word}\u201d.",
    "chart.worded": "Worded {list}.",
    "chart.worded_marks": "Worded \u201c{word}\u201d",
    "chart.cumulative_title": "{label}: claimed cumulative total",
    "chart.change_title": "{label}: {what}",
    "chart.figures_title": "{label}: claimed figures",
    "chart.what_cumulative": "cumulative total",
    "chart.what_daily_change": "change from the previous day's claimed total",
    "chart.what_change": "change from the previous claimed total",
    "chart.what_figures": "claimed figures",
    "chart.claimed_line": "{label} (claimed)",
    "chart.until_line": "{label} (until {date})",
    "chart.revision_marks": "Revision (total went down)",
    "chart.fall_marks": "Fall (revision)",
    "chart.revisions_note": "{n} revision(s): the total went down, marked \u25bc.",
    "chart.our_arithmetic": "Our arithmetic on the claimant's running totals; not a separate claim.",
    "chart.falls_note": "Falls below zero are revisions, marked \u25bc.",
    "chart.own_period": "Each figure is for its own period, not a running total.",
    "chart.cumulative_axis": "{unit} (cumulative)",
    "chart.per_day_axis": "{unit} per day",
    "chart.per_report_axis": "{unit} per report",
    "chart.change_line": "Change from the previous figure",
    "chart.day_change_line": "Change from the day before",
    "chart.average_line": "7-day average",
    "chart.sources": "Sources: {names}.",
    "chart.licence": "Data licence: {licence}.",
    "chart.since": "; running total since {date}",
    "chart.reports": "{n} reports, {first} to {last}{since}.{licence} Chart: sitegen.",
    # Alt text of the series charts
    "chart.alt_figures": "Line chart of {label} ({measure}) as claimed by {claimant}, {status}: {n} figures from "
                         "{first} to {last}, from {first_value} to {last_value}.",
    "chart.alt_cumulative": "Line chart of the cumulative {label} ({measure}) claimed by {claimant}, {status}: {n} "
                            "daily reports from {first} ({first_value}) to {last} ({last_value}). {wording}",
    "chart.alt_revision": "{before} on {before_date} to {after} on {after_date}",
    "chart.alt_went_down": "The total went down {n} time(s): {list}.",
    "chart.alt_never_down": "The total never went down.",
    "chart.alt_no_change": "No change between consecutive reports can be computed for {label}.",
    "chart.alt_change": "Line chart of the change between consecutive claimed totals of {label}, our arithmetic on "
                        "figures claimed by {claimant}, {status}. The largest rise was {rise} on {date}.",
    "chart.alt_fell": "It fell {n} time(s) (revisions).",
    "chart.alt_never_fell": "It never fell.",
}
