"""Deterministic generator of N content-model articles (claims with breakdowns, varied qualifiers, 2–4 KB bodies)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

CONFIG = """title: Benchmark Claims Desk
description: A generated corpus for measuring sitegen.
base_url: https://example.org/bench/
language: en
timezone: Europe/Kyiv
claimants:
  ru-mod: {name: Russian Ministry of Defence, side: Russia, kind: government}
  ua-gs: {name: General Staff of the Armed Forces of Ukraine, side: Ukraine, kind: military}
  ua-stratcom: {name: Strategic Communications Centre of Ukraine, side: Ukraine, kind: government}
"""

WORDINGS = ("{v}", "about {v}", "up to {v}", "more than {v}", "at least {v}", "{v}-{w}", "over {v}", "~{v}")
GROUPS = ("Western group", "Centre group", "Eastern group", "Southern group", "Northern group", "Dnepr group")
CLAIMANTS = ("ru-mod", "ua-gs", "ua-stratcom")
WORDS = ("the", "ministry", "said", "forces", "positions", "near", "village", "reported", "claimed", "losses",
         "artillery", "drones", "front", "region", "offensive", "defence", "independent", "verification",
         "could", "not", "be", "confirmed", "according", "statement", "briefing", "units", "equipment")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, n: int) -> str:
    paragraphs = ["The claimant said [the figures for the day]{claim=groups} were final. "
                  "This could not be independently verified."]
    while sum(len(p) for p in paragraphs) < rng.randint(2000, 3600):
        paragraphs.append(" ".join(_sentence(rng) for _ in range(rng.randint(3, 6))))
    if n > 0:
        paragraphs.append(f"See also [the previous report](article-{n - 1:05d}.md).")
    return "\n\n".join(paragraphs)


def _quantity(rng: random.Random) -> str:
    v = rng.randint(20, 900)
    return rng.choice(WORDINGS).format(v=v, w=v + rng.randint(10, 200))


def article_text(n: int) -> str:
    """Article number n; the same n always gives the same text."""
    rng = random.Random(n)
    date = dt.date(2023, 1, 1) + dt.timedelta(days=n % 900)
    groups = rng.sample(GROUPS, rng.randint(3, 6))
    by_group = "\n".join(f"      {g}: {_quantity(rng)}" for g in groups)
    total = rng.choice(("over {v}", "about {v}", "up to {v}", "{v}")).format(v=rng.randint(800, 3000))
    return f"""---
title: "Report {n}: claimed losses by group on {date}"
date: {date}
tags: [bench-{n % 25}, {rng.choice(("casualties", "equipment"))}]
sources:
  - id: briefing
    name: Briefing transcript {n}
    url: https://example.org/briefings/{n}
    published: {date}
    accessed: {date}
claims:
  - id: groups
    claimant: {rng.choice(CLAIMANTS)}
    category: casualties
    measure: killed
    subject: opposing forces
    claimed_on: {date}
    period: {date}
    text: {total} opposing troops killed in 24 hours, by group
    total: {total}
    by_group:
{by_group}
    sources: [briefing]
---
{_body(rng, n)}
"""


def write_corpus(root: Path, count: int) -> Path:
    """Write config.yaml and `count` articles under root; return the config path."""
    articles = root / "content" / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    (root / "config.yaml").write_text(CONFIG, encoding="utf-8")
    for n in range(count):
        (articles / f"article-{n:05d}.md").write_text(article_text(n), encoding="utf-8")
    return root / "config.yaml"
