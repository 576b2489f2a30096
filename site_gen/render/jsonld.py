"""schema.org JSON-LD for article pages (pure): one Claim per claim, a ClaimReview only where our status is a verdict."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from site_gen.core.interface import interface_string, interface_text
from site_gen.core.model import Article, Claim, Claimant, Period, SiteConfig, Source
from site_gen.core.urls import claim_url, site_url
from site_gen.render.feeds import figure_words

PERSON_KINDS = ("person", "individual")


def article_jsonld(article: Article, config: SiteConfig) -> str:
    """The page's JSON-LD as text that is safe inside <script type="application/ld+json"> ("" without claims)."""
    graph: list[dict[str, Any]] = []
    for claim in article.claims:
        graph.append(claim_node(article, claim, config))
        if claim.status.is_verdict:
            graph.append(review_node(article, claim, config))
    if not graph:
        return ""
    return html_safe_json({"@context": "https://schema.org", "@graph": graph})


def html_safe_json(data: Any) -> str:
    """JSON that cannot end its <script> element or open a comment: <, > and & become \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def claim_iri(article: Article, claim: Claim, config: SiteConfig) -> str:
    """Absolute when the site has an absolute base_url, else a fragment of the page that carries the JSON-LD."""
    return site_url(config.base_url, claim_url(article.url, claim.id)) or f"#claim-{claim.id}"


def claim_node(article: Article, claim: Claim, config: SiteConfig) -> dict[str, Any]:
    node = {
        "@type": "Claim",
        "@id": claim_iri(article, claim, config),
        "text": claim.text,
        "description": describe(claim, dict(config.translations)),
        "author": claimant_node(claim.claimant, dict(config.translations)),
        "datePublished": claim.claimed_on.isoformat() if claim.claimed_on else None,
        "appearance": [source_node(s) for s in claim.sources],
        "firstAppearance": _first_appearance(claim.sources),
        "about": {"@type": "Thing", "name": claim.subject} if claim.subject else None,
        "contentLocation": _place(claim),
    }
    return {k: v for k, v in node.items() if v not in (None, [], "")}


def describe(claim: Claim, table: Mapping[str, str] | None = None) -> str:
    """Attribution in words, so that a figure is never read without its claimant and status (words from the
    interface table with the site's translations, `table`)."""
    table = table or {}
    figure = figure_words(claim, claim.measure.replace('_', ' '), table) if claim.total else ""
    period = period_iso(claim.period, table) if claim.period else ""
    if claim.status.not_verified:
        label = interface_string(f"status.{claim.status.value}", table).lower()
        status = interface_text("jsonld.not_verified", table, status=label)
    else:
        rating = interface_string(f"jsonld.rating.{claim.status.value}", table).lower()
        status = (interface_text("jsonld.ours_as_of", table, status=rating, date=claim.as_of) if claim.as_of
                  else interface_text("jsonld.ours", table, status=rating))
    if claim.retracted:
        status = interface_text("jsonld.retracted", table, status=status, date=claim.retracted.on.isoformat())
    who = (interface_text("jsonld.unnamed", table, claimant=claim.claimant.display) if claim.claimant.unnamed
           else claim.claimant.display)
    key = "jsonld.description" + ("_figure" if figure else "") + ("_period" if period else "")
    return interface_text(key, table, claimant=who, figure=figure, period=period, status=status)


def period_iso(period: Period, table: Mapping[str, str]) -> str:
    """A claim's period in ISO dates: "2024-07-05", or "2024-07-04 to 2024-07-05" in the site's `period.range`."""
    if period.start == period.end:
        return period.start.isoformat()
    return interface_text("period.range", table, start=period.start.isoformat(), end=period.end.isoformat())


def review_node(article: Article, claim: Claim, config: SiteConfig) -> dict[str, Any]:
    table = dict(config.translations)
    url = claim_iri(article, claim, config)
    publisher = {"@type": "Organization", "name": config.author or config.title}
    if site_url(config.base_url, "index.html"):
        publisher["url"] = site_url(config.base_url, "index.html")
    node = {
        "@type": "ClaimReview",
        "@id": url.replace("#claim-", "#review-"),
        "url": url,
        "claimReviewed": claim.text,
        "itemReviewed": {"@id": claim_iri(article, claim, config)},
        "author": publisher,
        "datePublished": claim.as_of.isoformat() if claim.as_of else None,
        "reviewRating": {
            "@type": "Rating",
            "alternateName": interface_string(f"jsonld.rating.{claim.status.value}", table),
            "ratingExplanation": claim.conclusion or interface_string(f"status.{claim.status.value}.explanation", table),
        },
    }
    return {k: v for k, v in node.items() if v is not None}


def claimant_node(claimant: Claimant, table: Mapping[str, str] | None = None) -> dict[str, Any]:
    kind = "Person" if claimant.kind.lower() in PERSON_KINDS else "Organization"
    node: dict[str, Any] = {"@type": kind, "name": claimant.name}
    table = table or {}
    facts = [interface_text("jsonld.side", table, side=claimant.side) if claimant.side else "",
             interface_text("jsonld.kind", table, kind=claimant.kind) if claimant.kind else ""]
    if any(facts):
        node["description"] = "; ".join(f for f in facts if f)
    return node


def source_node(source: Source) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "CreativeWork", "url": source.url}
    if source.title or source.name:
        node["name"] = source.title or source.name
    if source.name:
        node["publisher"] = {"@type": "Organization", "name": source.name}
    if source.published:
        node["datePublished"] = source.published.isoformat()
    if source.archived_url:
        node["archivedAt"] = source.archived_url
    return node


def _first_appearance(sources: tuple[Source, ...]) -> dict[str, Any] | None:
    """The earliest dated source, when dates are known; never a guess."""
    dated = sorted((s for s in sources if s.published), key=lambda s: (s.published, s.url))
    return source_node(dated[0]) if dated else None


def _place(claim: Claim) -> dict[str, Any] | None:
    if claim.location is None:
        return None
    place: dict[str, Any] = {"@type": "Place", "name": claim.location.display}
    if claim.location.lat is not None and claim.location.lon is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": claim.location.lat, "longitude": claim.location.lon}
    return place
