"""The theme's English interface strings for claims in relation (§8): relays, unknowns, parts, revisions (pure)."""

from __future__ import annotations

RELATION_STRINGS: dict[str, str] = {
    # Unnamed claimants (§8.2): said as such, never linked to a claimant page
    "claimant.unnamed": "An unnamed source: {name}",
    "claimant.unnamed_inline": "an unnamed source: {name}",
    # Unknown dates (§8.2)
    "claim.date_unknown": "date not given",
    "timeline.date_unknown": "(date not given; placed at the article's date)",
    # Relays (§8.1)
    "relay.heading": "Relayed by",
    "relay.note": "Others passed this claim on; it remains {claimant}'s claim. Each relay's words are its own.",
    "relay.worded": "{by}: “{wording}”",
    "relay.source": "source: {source}",
    "relay.not_read": "no figure we can read in these words; not compared with the claimant's",
    # Parts of a total (§8.3)
    "breakdown.partial": "Breakdown of part of the total",
    "breakdown.partial_note": "The groups cover only part of the total as the claimant gave it; they do not add up "
                              "to it, and the rest is not broken down.",
    "of_which.heading": "Of which (parts of the total)",
    "of_which.note": "Each is a part of the total as the claimant gave it; they are never added together or to the "
                     "total.",
    # Supersession and retraction (§8.5)
    "supersession.claim": "claim {id} of “{title}”",
    "supersession.by": "Superseded by {claim}",
    "supersession.supersedes": "Supersedes {claim}",
    "retraction.heading": "Retracted",
    "retraction.text": "The claimant withdrew this claim on {date}.",
    "retraction.source": "Source: {source}.",
    "retraction.badge": "{status}, retracted by the claimant",
    "marker.retracted": "retracted on {date}",
    "marker.superseded": "superseded",
    "count.retracted.one": "{n} retracted by the claimant",
    "count.retracted.other": "{n} retracted by their claimants",
    "figures.partial": "the groups cover only part of it",
    # Corrections (§8.6)
    "article.corrections": "Corrections",
    "article.corrections_note": "Changes made to this article after it was published, most recent first.",
    # The feed
    "feed.retracted": "Retracted by the claimant on {date}{source}.{note}",
    "feed.corrected": "Corrected on {date}: {text}",
}
