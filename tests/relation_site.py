"""A small real site with every kind of claim in relation (§8): relays, an unnamed claimant, an unknown date, a
partial breakdown with sub-figures, a retraction, a supersession across articles and a corrections log."""

from __future__ import annotations

from pathlib import Path

from helpers import article, write_site

SOURCES = """\
sources:
  - {id: moh, name: Ministry of Health, url: "https://example.org/moh", accessed: 2023-10-18}
  - {id: ocha, name: OCHA update, url: "https://example.org/ocha", accessed: 2023-10-19}
  - {id: withdrawal, name: Ministry statement, url: "https://example.org/withdrawal", accessed: 2023-10-20}
"""


def claim(cid: str, claimant: str, text: str, total: str, claimed_on: str = "2023-10-18", extra: str = "") -> str:
    return (f"  - id: {cid}\n    claimant: {claimant}\n    category: casualties\n    measure: killed\n"
            f"    claimed_on: {claimed_on}\n    text: {text}\n    total: \"{total}\"\n    sources: [moh]\n{extra}")


RELAYS = """\
    relayed_by:
      - {by: ua-gs, source: ocha, as_worded: "some 9,500 women"}
      - Reuters
"""
PARTS = """\
    breakdown: partial
    by_group: {Children: 7797, Women: 4959}
    of_which: {Critically injured: about 200, Identified: "24,686"}
"""
RETRACTED = '    retracted: {on: 2024-07-06, source: withdrawal, note: "The General Staff withdrew the figure."}\n'
UNNAMED = '{unnamed: "a Hezbollah source", side: Hezbollah}'
EARLY_CLAIMS = (claim("toll", "ru-mod", "1,400 killed", "1,400", extra=RELAYS)
                + claim("anon", UNNAMED, "about 20 fighters killed", "about 20", claimed_on="unknown")
                + claim("parts", "ua-gs", "34,622 killed", "34,622", extra=PARTS))
LATER_CLAIMS = (claim("revised", "ru-mod", "around 1,200 killed", "around 1,200", "2024-07-05",
                      "    supersedes: early.md#toll\n")
                + claim("withdrawn", "ua-gs", "300 killed", "300", "2024-07-04", RETRACTED))
CORRECTIONS = """\
corrections:
  - {date: 2023-10-19, text: The first figure was attributed to the wrong ministry.}
  - {date: 2023-10-21, text: A relay's wording was corrected.}
"""

EARLY = article(f"title: Early figures\ndate: 2023-10-18\ntags: [gaza]\n{CORRECTIONS}{SOURCES}claims:\n{EARLY_CLAIMS}",
                "Figures: [about twenty]{claim=anon}, [1,400]{claim=toll}.\n")
LATER = article(f"title: Later figures\ndate: 2024-07-05\ntags: [gaza]\n{SOURCES}claims:\n{LATER_CLAIMS}",
                "Figures: [300]{claim=withdrawn}.\n")


def write_relation_site(root: Path) -> Path:
    """The site's config.yaml under `root`."""
    return write_site(root, {"early.md": EARLY, "later.md": LATER})
