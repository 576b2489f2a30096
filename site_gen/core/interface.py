"""The theme's interface strings, in English: the one translation table a site's `translations:` overrides (pure).

Keys are dotted names; a value may hold `{name}` placeholders that the template fills in (`t("date.day", ...)`).
A site in another language (`language: uk`) gives its own wording of any key under `translations:` in
config.yaml; a key it does not give falls back to the English here.
"""

from __future__ import annotations

from string import Formatter

from site_gen.core.model import Status

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

ENGLISH: dict[str, str] = {
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
    # Counts: `.one` for 1, `.other` for any other number (English's rule; see t_count in render/templates.py)
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
    "claim.location": "Location",
    "claim.precision": "precision",
    "claim.speaker": "Speaker",
    "claim.caveat": "Caveat",
    "claim.quote_footer": "as reported. Whether it was said and whether it is true are separate questions.",
    "claim.findings": "Findings on this claim",
    "claim.finding": "Finding",
    "claim.conclusion": "Our conclusion:",
    "claim.evidence": "Evidence for the status",
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
    # Source lists
    "source.published": "published",
    "source.accessed": "accessed",
    "source.no_access": "access date not recorded",
    "source.archived": "archived copy",
    # Timeline and claimant pages
    "timeline.title": "Timeline of claims",
    "timeline.claimed_by": "claimed by",
    "timeline.covers": "covers",
    "list.claims": "claims:",
    "timeline.none": "No claims yet.",
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
}


def interface_string(key: str, translations: dict[str, str]) -> str:
    """The site's wording of an interface string, else the English one; KeyError for a key the theme does not have."""
    return translations.get(key) or ENGLISH[key]


def placeholders(text: str) -> set[str]:
    """The `{name}` placeholders of an interface string."""
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}
