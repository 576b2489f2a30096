"""The theme's interface strings, in English: the one translation table a site's `translations:` overrides (pure).

Keys are dotted names; a value may hold `{name}` placeholders that the template fills in (`t("date.day", ...)`).
A site in another language (`language: uk`) gives its own wording of any key under `translations:` in
config.yaml; a key it does not give falls back to the English here.
"""

from __future__ import annotations

from collections.abc import Mapping
from string import Formatter

from site_gen.core.interface_charts import CHART_STRINGS
from site_gen.core.model import CATEGORIES as CLAIM_CATEGORIES
from site_gen.core.interface_relations import RELATION_STRINGS
from site_gen.core.interface_events import EVENT_STRINGS
from site_gen.core.model import Status
from site_gen.core.plurals import CATEGORIES as PLURAL_CATEGORIES
from site_gen.core.plurals import plural_category
from site_gen.core.series_model import FREQUENCIES

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

ENGLISH: dict[str, str] = {
    **CHART_STRINGS,
    # Dates: the order of day, month and year is part of the translation.
    "date.day": "{day} {month} {year}",
    "date.month": "{month} {year}",
    "period.range": "{start} to {end}",
    **{f"month.{i}": name for i, name in enumerate(MONTHS, start=1)},
    # Every page
    "nav.skip": "Skip to content",
    "nav.site": "Site",
    "nav.articles": "Articles",
    "nav.timeline": "Timeline of claims",
    "nav.figures": "Figures by claimant",
    "footer.claims": "Figures on this site are {claims} made by the parties named next to them. Each shows its status "
                     "in words; unless a claim says otherwise, it has {not_verified}.",
    "footer.claims_word": "claims",
    "footer.not_verified": "not been independently verified",
    "footer.built": "built with sitegen",
    "footer.on": "on",
    # Statuses: the label on every claim, and what it means
    **{f"status.{s.value}": s.label for s in Status},
    **{f"status.{s.value}.explanation": s.explanation for s in Status},
    # Counts: `.one` for 1, `.other` for any other number (English's rule). A site may add any CLDR category its
    # language uses (`.zero`, `.two`, `.few`, `.many`: core/plurals.py); see count_key.
    **{f"status.{s.value}.count.one": f"{{n}} {s.label.lower()}" for s in Status},
    **{f"status.{s.value}.count.other": f"{{n}} {s.label.lower()}s" for s in Status},
    "count.claims.one": "{n} claim",
    "count.claims.other": "{n} claims",
    # Articles
    "article.published": "Published",
    "article.updated": "updated",
    "article.claims": "Claims in this article",
    "article.sources": "Sources",
    # Claim cards
    "claim.claimed_by": "Claimed by",
    "claim.side": "side",
    "claim.undeclared": "claimant not in the registry",
    "claim.on": "on",
    "claim.no_date": "date of the claim not given",
    "claim.status_as_of": "Status as of",
    "claim.figure": "Claimed figure",
    "claim.claimed": "claimed",
    "claim.about": "About",
    "claim.period": "Period covered",
    "claim.category": "Category",
    **{f"category.{c}": c for c in CLAIM_CATEGORIES},
    "claim.location": "Location",
    "claim.precision": "precision",
    "claim.speaker": "Speaker",
    "claim.caveat": "Caveat",
    "claim.quote_footer": "as reported. Whether it was said and whether it is true are separate questions.",
    "claim.findings": "Findings on this claim",
    "claim.finding": "Finding",
    "claim.conclusion": "Our conclusion:",
    "claim.evidence": "Evidence for the status",
    # Finding titles by kind (core/checks.py); the message after the title stays in English (docs/configuration.md)
    "finding.breakdown-sum": "breakdown does not add up to the stated total",
    "finding.conflicting-figures": "same claimant, same period, different figures",
    "finding.relay-differs": "the figure {relay} relayed differs",
    "finding.breakdown-exceeds": "the parts exceed the stated total",
    "finding.part-exceeds": "the part \u201c{part}\u201d exceeds the total",
    "finding.claimants-disagree": "claimants disagree about this event",
    "claim.reported_in": "Reported in:",
    # Figures and breakdowns
    "figure.read_as": "read as",
    "figure.read_as_title": "sitegen's reading of this wording, used for checks and charts",
    "figure.caveat": "caveat",
    "breakdown.group": "Group",
    "breakdown.figure": "Claimed figure",
    "breakdown.note": "Note",
    "breakdown.total": "Stated total",
    "breakdown.as_stated": "as stated by the claimant",
    "breakdown.not_comparable": "not comparable: different units",
    "breakdown.compared_only": "compared only with the figures in {unit}",
    "breakdown.same_unit": "the same unit",
    "breakdown.chart_caption": "Breakdown as given by {claimant}: {status}. The same figures are in the table below.",
    "breakdown.chart_caption_not_verified": "Breakdown as given by {claimant}: {status}, not independently verified. "
                                            "The same figures are in the table below.",
    "breakdown.table_caption": "Figures by group, as claimed by {claimant} ({status})",
    "claim.read_as_note": "\u201cRead as\u201d is sitegen\u2019s reading of a wording it cannot parse itself, used for "
                          "checks and charts; the wording shown is the claimant\u2019s.",
    "claim.see": "See {links}.",
    # Download and embed links beside every chart (partials/chart_links.html) and the embed page (embed.html)
    "chart_links.line": "This chart: {svg} \u00b7 {csv} (with claimant, wording, status and sources) \u00b7 {embed}",
    "chart_links.svg": "SVG",
    "chart_links.csv": "its figures as CSV",
    "chart_links.embed": "embeddable page",
    "chart_links.embed_summary": "Embed this chart",
    "chart_links.embed_label": "HTML to copy (the frame shows the claimant and status):",
    "embed.frame_title": "Chart: figures claimed by {claimant} ({status})",
    "embed.title": "Chart: {claimant} ({status})",
    "embed.claimed_by": "Claimed by {claimant}",
    "embed.quoted": "\u201c{text}\u201d",
    "embed.status": "Status: {status}.",
    "embed.status_not_verified": "Status: {status}, not independently verified.",
    "embed.sources": "Sources: {names}.",
    "embed.context": "Sources and context: {title} ({site})",
    # Source lists
    "source.published": "published",
    "source.accessed": "accessed",
    "source.no_access": "access date not recorded",
    "source.archived": "archived copy",
    # Timeline and claimant pages
    "timeline.title": "Timeline of claims",
    "timeline.notice": "Every claim on the site, ordered by the date the claimant made it. Each entry names the "
                       "claimant and shows our status in words.",
    "timeline.filter_label": "Filter by claimant",
    "timeline.filter": "Show the claims of one claimant:",
    "timeline.claimed_by": "claimed by",
    "timeline.covers": "covers",
    "list.claims": "claims:",
    "timeline.none": "No claims yet.",
    "timeline.article_date": "(article date; claim date not given)",
    "timeline.in_article": "in “{title}”",
    # Series events on the timeline (`milestone.<kind>`)
    "milestone.start": "Series",
    "milestone.end": "Series",
    "milestone.revision": "Revision",
    "milestone.threshold": "Series milestone",
    "milestone.not_verified": "not independently verified",
    "milestone.text.first_report.one": "{title}: first report in the dataset, {n} category ({names})",
    "milestone.text.first_report.other": "{title}: first report in the dataset, {n} categories ({names})",
    "milestone.text.new_category": "{title}: new category {names}",
    "milestone.text.last_figure": "{title}: last figure for {names}",
    "milestone.text.revision": "{label}: claimed total revised down from {before} ({date}) to {after}",
    "milestone.text.threshold": "{label}: claimed total reaches {threshold} ({figure} {unit})",
    # Tag pages
    "tag.title": "Tag: {tag}",
    "tag.description": "Articles tagged {tag}.",
    "tag.heading": "Articles tagged “{tag}”",
    "tag.feed": "Feed of articles tagged “{tag}” (Atom)",
    "tag.feed_title": "{site}: articles tagged {tag}",
    # Article lists
    "list.claims_by": "claims by",
    # Claimant pages
    "claimant.title": "Claims by {name}",
    "claimant.description": "All claims on this site made by {name}.",
    "claimant.side": "Side",
    "claimant.side_unknown": "not stated",
    "claimant.kind": "Kind",
    "claimant.count": "Claims on this site",
    "claimant.series": "Data series",
    "claimant.series_link": "figures claimed by {name}, report by report",
    "claimant.undeclared": "This claimant is not declared in the site's registry; its side is unknown.",
    "claimant.notice": "These figures are {name}'s claims. They are shown as worded, each with our status; figures of "
                       "different claimants are never added together.",
    "claimant.all": "All claimants' claims",
    "claimant.feed": "Feed of articles quoting {name} (Atom)",
    "claimant.feed_title": "{site}: claims by {name}",
    "feed.title": "{site}: articles",
    "search.label": "Search",
    "search.button": "Search",
    **{f"series.frequency.{f}": f for f in FREQUENCIES},
    # The figures page
    "figures.title": "Claimed figures by claimant",
    "figures.description": "Every claimed figure on the site, by side and claimant, as worded and with its status; "
                           "never added up across claimants.",
    "figures.heading": "Claimed figures, by claimant",
    "figures.notice": "Each figure below is a claim by the party named above it, shown as worded and with our status "
                      "in words. Figures of different claimants or sides are never added together, and no table here "
                      "has a total row of our own. Independent counts are listed apart from the parties' claims: they "
                      "measure something different.",
    "figures.sides": "Sides",
    "figures.group_caption": "{name}: {measure} by group over time, as claimed. One row per claim; figures as "
                             "worded; nothing is added up.",
    "figures.group_caption_about": "{name}: {measure} ({subject}) by group over time, as claimed. One row per claim; "
                                   "figures as worded; nothing is added up.",
    "figures.measure_default": "figures",
    "figures.series_caption": "Latest figures in the series \u201c{title}\u201d ({status}, not independently verified)",
    "figures.category": "Category",
    "figures.latest": "Latest claimed figure",
    "figures.latest_on": "On",
    "figures.independent": "Independent counts",
    "figures.no_side": "Side not stated",
    "figures.independent_heading": "Independent counts (not a party to the war)",
    "figures.independent_notice": "These counters are not belligerents. Their figures are counts of what they could "
                                  "confirm, often minimums, and are never mixed with the parties' claims.",
    "figures.side_heading": "Claims by {side}'s side",
    "figures.no_side_heading": "Claimants whose side is not stated",
    "figures.claimed_on": "Claimed on",
    "figures.claim": "Claim",
    "figures.figure": "Figure",
    "figures.status": "Status",
    "figures.stated_total": "Stated total",
    "figures.not_given": "not given",
    "figures.not_given_title": "not given in this claim",
    "figures.none_stated": "none stated",
    "figures.by_group_only": "by group only",
    "figures.by_date": "Figures claimed by {name}, by the date of the claim",
    "figures.none": "No claimed figures yet.",
    # Data-series pages
    "series.title": "Series claimed by {name}",
    "series.description": "Day-by-day figures claimed by {name}, charted as claimed and worded; not independently "
                          "verified.",
    "series.heading": "Figures claimed by {name}, report by report",
    "series.notice": "Every figure on this page is a claim by {claimant}, shown as the claimant worded it. None has "
                     "been independently verified. They are never added to the figures of another claimant or side; "
                     "the daily changes are our own arithmetic on the claimant's running totals.",
    "series.side": "(side: {side})",
    "series.toc": "Datasets on this page",
    "series.toc_item": "{title}: {categories}, {revisions}, {gaps} in the daily reports",
    "count.categories.one": "{n} category",
    "count.categories.other": "{n} categories",
    "count.revisions.one": "{n} revision",
    "count.revisions.other": "{n} revisions",
    "count.gaps.one": "{n} gap",
    "count.gaps.other": "{n} gaps",
    "count.times.one": "{n} time",
    "count.times.other": "{n} times",
    "series.claimant": "Claimant",
    "series.about": "About",
    "series.figures": "Figures",
    "series.running_totals": "running totals",
    "series.since": "since {date}",
    "series.not_running": "one figure per report, not a running total",
    "series.reports": "{kind}; {n} {frequency} reports from {first} to {last}",
    "series.data": "Data",
    "series.licence": "Data licence",
    "series.full_licence": "full licence text",
    "series.sources": "Sources",
    "series.every_figure": "Every figure",
    "series.exports": "in {csv} and {json} ({schema}), one row per report and category, each with its claimant and "
                      "status",
    "series.schema": "schema",
    "series.categories_caption": "Categories reported by {name}: when each starts and ends, and its latest claimed "
                                 "figure (claimed, not independently verified)",
    "series.category": "Category",
    "series.first": "First figure",
    "series.last": "Last figure",
    "series.latest": "Latest claimed figure",
    "series.revisions": "Revisions",
    "series.notes": "Notes",
    "series.added": "(added)",
    "series.no_figure_after": "(no figure after this)",
    "series.and": "and",
    "series.replaces_note": "Replaces {list}.",
    "series.continued_note": "Continued in {list}.",
    "series.revisions_heading": "Revisions: running totals that went down ({n})",
    "series.revisions_text": "A running total should not fall. {name}'s own totals went down {times}: an earlier "
                             "figure was revised, or one of the two is wrong. Both figures are shown as claimed; "
                             "sitegen corrects neither.",
    "series.revisions_caption": "Revisions in figures claimed by {name}",
    "series.before": "Claimed before",
    "series.after": "Claimed after",
    "series.change": "Change",
    "series.figure_on": "{figure} on {date}",
    "series.no_revisions": "None: no running total in this dataset ever went down.",
    "series.missing_days": "Missing days",
    "series.no_report_on": "No report at all on {date}.",
    "series.no_report_from": "No report at all from {first} to {last} ({days} days).",
    "series.no_figure_on": "{label}: no figure on {date}, although other categories have one.",
    "series.no_figure_from": "{label}: no figure from {first} to {last} ({days} days), although other categories "
                             "have one.",
    "series.no_gaps": "None: every category has a figure for every day between its first and last report.",
    "series.gaps_not_checked": "Not checked: the reports are irregular.",
    "series.ignored": "Columns in the data that are not published",
    "series.attribution": "Claimed by {claimant}: {status}.",
    "series.latest_line": "Latest claimed figure: {figure} {unit}{in_all}, on {date} {claimed}.",
    "series.in_all": "in all",
    "series.in_all_since": "in all since {date}",
    "series.claimed_word": "(claimed)",
    "series.span": "{n} figures from {first}{late} to {last}{early}.",
    "series.first_appears": ", when this category first appears,",
    "series.ends_early": ", after which it has no figure (the dataset runs to {date})",
    "series.replaces": "It replaces {list}, drawn dashed on its chart for context and never added to it.",
    "series.continued": "It is continued in {list}.",
    "series.finding_revisions.one": "Finding: revision.",
    "series.finding_revisions.other": "Finding: revisions.",
    "series.went_down": "The claimed total went down from {before} on {before_date} to {after} on {after_date}.",
    # JSON-LD of article pages (render/jsonld.py): each Claim's description
    "jsonld.description": "Claimed by {claimant}; {status}.",
    "jsonld.description_figure": "Claimed by {claimant}: {figure}; {status}.",
    "jsonld.description_period": "Claimed by {claimant} ({period}); {status}.",
    "jsonld.description_figure_period": "Claimed by {claimant}: {figure} ({period}); {status}.",
    **{f"jsonld.rating.{s.value}": s.value.replace("_", " ").capitalize() for s in Status},
    "jsonld.side": "side: {side}",
    "jsonld.kind": "kind: {kind}",
    "jsonld.not_verified": "{status}, not independently verified",
    "jsonld.ours": "our status: {status}",
    "jsonld.ours_as_of": "our status: {status} as of {date}",
    "jsonld.retracted": "{status}; retracted by the claimant on {date}",
    "jsonld.unnamed": "an unnamed source: {claimant}",
    # The Atom feed (feed.xml): each entry lists its claims
    "feed.claims": "Claims in this article, each attributed and with our status:",
    "feed.claim": "{claimant} claims: {text}.{figure} {status}.",
    "feed.figure": "Claimed figure: {figure}.",
    "feed.not_verified": "{status}; not independently verified",
    # Share cards (og:image) and their alt text (core/share_cards.py)
    "card.not_verified": "{status}: not independently verified",
    "card.no_claim": "This article quotes no claim.",
    "card.more.one": "{n} more claim in the article",
    "card.more.other": "{n} more claims in the article",
    "card.alt": "Share card: {claimant} claims: \u201c{text}\u201d. Status: {status}. From \u201c{title}\u201d, {site}.",
    "card.alt_figure": "Share card: {claimant} claims {figure}: \u201c{text}\u201d. Status: {status}. From "
                       "\u201c{title}\u201d, {site}.",
    "card.site_note": "Every figure here is a claim by the party named beside it, worded as they worded it, with our "
                      "status.",
    # The page for a missing address
    "404.title": "Page not found",
    "404.text": "There is no page at this address. It may have been renamed.",
    "404.try": "Try the {articles} or the {timeline}.",
    "404.articles": "list of articles",
    "404.timeline": "timeline of claims",
    # The front page
    "index.notice": "Every figure here is a claim by a named party, shown with its exact wording and our verification "
                    "status in words.",
    "index.claimants": "Claimants",
    "index.tags": "Tags",
    "index.figures_link": "Every claimed figure on the site, by side and claimant",
    "index.figures_line": "{link}, with group figures over time; never added up across claimants.",
    "index.series": "Day-by-day claimed series: {list}.",
    "index.machine": "Machine-readable: {json} ({schema}), {csv}.",
    "index.machine_feed": "Machine-readable: {json} ({schema}), {csv}, {feed}.",
    "index.schema": "JSON Schema",
    "index.feed": "Atom feed",
    # The search page and the header's search box
    "search.title": "Search",
    "search.placeholder": "claimant, place, figure\u2026",
    "search.description": "Search the articles of {site} by claimant, place or wording.",
    "search.notice": "Results are articles; each shows the claimants it quotes and the status we give their claims. "
                     "A figure in a result is a claim, not a fact.",
    "search.fallback": "Search runs in your browser with JavaScript, on an index that comes with this site (nothing is "
                       "sent anywhere). Without JavaScript, find claims by claimant on the {figures}, by date on the "
                       "{timeline}, or in the {articles}.",
    "search.figures_page": "figures page",
    "search.timeline": "timeline",
    "search.articles": "list of articles",
    **RELATION_STRINGS,
    **EVENT_STRINGS,
}


def interface_string(key: str, translations: Mapping[str, str]) -> str:
    """The site's wording of an interface string, else the English one; KeyError for a key the theme does not have."""
    return translations.get(key) or ENGLISH[key]


def interface_text(key: str, translations: Mapping[str, str], **values: object) -> str:
    """The site's wording of an interface string (else the English one) with its `{name}` placeholders filled in
    (plain text, for code that builds text outside templates: chart specs, captions)."""
    return interface_string(key, translations).format(**values)


def count_key(key: str, n: int, language: str, translations: Mapping[str, str]) -> str:
    """The text of count `key` for `n`: the site's text for n's plural category in its language (`key.few` for 3
    in Ukrainian), else the site's `key.other`, else the English (`key.one` for 1, `key.other` for the rest)."""
    for chosen in (f"{key}.{plural_category(language, n)}", f"{key}.other"):
        if translations.get(chosen):
            return chosen
    return f"{key}.{'one' if n == 1 else 'other'}"


def count_base(key: str) -> str | None:
    """`count.claims` for a plural form `count.claims.few` of a count the table has, else None."""
    base, _, category = key.rpartition(".")
    return base if category in PLURAL_CATEGORIES and f"{base}.other" in ENGLISH else None


def placeholders(text: str) -> set[str]:
    """The `{name}` placeholders of an interface string."""
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}
