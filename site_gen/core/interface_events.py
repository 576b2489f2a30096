"""The theme's English interface strings for events (§8.4): event pages, the events index, comparison charts (pure)."""

from __future__ import annotations

EVENT_STRINGS: dict[str, str] = {
    "nav.events": "Events",
    "count.claimants.one": "{n} claimant",
    "count.claimants.other": "{n} claimants",
    # The events index (events/index.html)
    "events.title": "Events",
    "events.description": "Events that claimants gave figures for, each with every claim about it side by side.",
    "events.heading": "Events: who claimed what",
    "events.notice": "Each event page sets every claim about the event side by side: from every claimant and side, as "
                     "worded and with our status in words. Figures of different claimants are never added together.",
    "events.none": "No events yet.",
    "events.counts": "{claims} by {claimants}",
    "events.sides": "sides:",
    "events.disagree": "claimants disagree",
    # An event page (events/<id>.html)
    "event.title": "{title}: every claim side by side",
    "event.description": "Every claim about {title}, side by side, each attributed and with our status in words.",
    "event.kicker": "Event",
    "event.when": "When",
    "event.where": "Where",
    "event.claims": "Claims",
    "event.notice": "Every figure on this page is a claim by the party named beside it, shown as worded and with our "
                    "status in words. Claims of different claimants are set side by side and never added together. "
                    "Where two of them cannot both be true, a finding says so and corrects neither.",
    "event.toc": "On this page",
    "event.disagree_heading": "Where the claimants disagree",
    "event.disagree_none": "sitegen found no two claimants whose figures for the same measure, unit and period "
                           "exclude each other.",
    "event.findings_heading": "Other findings on these claims",
    "event.see": "See",
    "event.finding_claim": "claim {id}",
    "event.figures_heading": "{measure}{unit}: the figures claimed",
    "event.figures": "Figures",
    "event.table_caption": "{measure}{unit} claimed about {event}: one row per claim, as worded, with our status",
    "event.col_claimant": "Claimant",
    "event.col_figure": "Figure as worded",
    "event.col_reading": "Our reading",
    "event.col_status": "Status",
    "event.col_period": "Period",
    "event.col_claimed_on": "Claimed on",
    "event.col_relays": "Relayed by",
    "event.col_claim": "Claim",
    "event.side": "side: {side}",
    "event.side_unknown": "side not stated",
    "event.date_unknown": "date not given",
    "event.article_date": "{date} (article date)",
    "event.not_given": "not given",
    "event.relay_worded": "worded “{wording}”",
    "event.relay_source": "in {source}",
    "event.card": "the claim’s card",
    "event.in_article": "in “{title}”",
    "event.retracted": "Retracted by the claimant on {date}.",
    "event.superseded_by": "Superseded by {link}.",
    "event.supersedes": "Supersedes {link}.",
    "event.revision_link": "the claim of {date}",
    "event.chains_heading": "How the figures changed",
    "event.chains_intro": "Each chain lists one claimant’s figures in order, oldest first; each replaces the one "
                          "before it.",
    "event.chain_caption": "Revisions, oldest first",
    "event.without_figure": "Claims about this event without a figure",
    "event.no_claims": "No claim on this site is about this event yet.",
    "event.chart_caption": "One bar per claim, never stacked and never added across claimants; each bar names its "
                           "claimant and our status in words. The same figures are in the table below.",
    "event.chart_this": "This chart:",
    "event.chart_svg": "SVG",
    "event.chart_csv": "its figures as CSV",
    "event.chart_csv_note": "(with claimant, wording, status and sources)",
    "event.chart_embed": "embeddable page",
    "event.embed_summary": "Embed this chart",
    "event.embed_label": "HTML to copy (the frame shows every claimant and status):",
    "event.embed_heading": "Figures claimed about {event}",
    "event.embed_back": "Every claim, its sources and context: {title} ({site})",
    "event.all_events": "All events",
    # Article cards: the link to the claim's event
    "claim.event": "About the event",
    # Timeline: an event at the start of its period
    "timeline.event": "Event",
    "timeline.event_claims": "every claim about it, side by side",
    # Comparison charts (core/event_charts.py)
    "comparison_chart.title": "{event}: {measure}{unit}, as each claimant worded it",
    "comparison_chart.figures": "figures",
    "comparison_chart.subtitle": "One bar per claim, never added together. Solid: the figure; dotted: the range "
                                 "the wording allows; hatched with an arrow: open-ended (more than, at least, up to).",
    "comparison_chart.row": "{claimant}: {status}",
    "comparison_chart.claimed_on": "claimed {date}",
    "comparison_chart.date_unknown": "date not given",
    "comparison_chart.period": "period {period}",
    "comparison_chart.relayed_by": "relayed by {relays}",
    "comparison_chart.relay": "{by} as “{wording}”",
    "comparison_chart.retracted": "retracted by the claimant on {date}",
    "comparison_chart.unquantified": "“{wording}”: not quantified, no bar",
    "comparison_chart.read_as": "“{wording}” (read as {reading})",
    "comparison_chart.caveat": "{figure} (caveat: {caveat})",
    "comparison_chart.footnote": "Each bar is one claim, by the claimant named above it, with our status. "
                                 "Sources: {names}.",
    "comparison_chart.alt": "Bar chart comparing {n} claims about {event} ({measure}{unit}), one bar per claim, "
                            "never added together: {bars}.",
    "comparison_chart.alt_bar": "{claimant}, {status}: {figure}",
}
