"""Plans the Open Graph share card of each article and of the site: its PNG path, spec and alt text (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from site_gen.core.chart_specs import ShareCardSpec
from site_gen.core.interface import count_key, interface_string, interface_text
from site_gen.core.model import Article, Claim, SiteConfig

#: The size every card is drawn at, the one Open Graph and Twitter's large card expect.
CARD_WIDTH, CARD_HEIGHT = 1200, 630
SITE_CARD = "cards/site.png"


@dataclass(frozen=True)
class CardJob:
    path: str
    spec: ShareCardSpec
    alt: str


def card_path(article: Article) -> str:
    return f"cards/articles/{article.slug}.png"


def headline_claim(article: Article) -> Claim | None:
    """The claim a card shows: the article's first claim with a figure, else its first claim."""
    return next((c for c in article.claims if c.total is not None), article.claims[0] if article.claims else None)


def status_words(claim: Claim, table: Mapping[str, str] | None = None) -> str:
    """The status in words, as the card prints it: "Unverified claim: not independently verified"."""
    label = interface_string(f"status.{claim.status.value}", table or {})
    return interface_text("card.not_verified", table or {}, status=label) if claim.status.not_verified else label


def article_card(article: Article, config: SiteConfig) -> CardJob:
    """The card of an article: its headline claim's figure and wording with claimant and status, or its title."""
    claim = headline_claim(article)
    table = dict(config.translations)
    if claim is None:
        spec = ShareCardSpec(config.title, article.title, more=interface_text("card.no_claim", table))
        return CardJob(card_path(article), spec, f"{article.title} ({config.title})")
    others = len(article.claims) - 1
    total = claim.total
    status = status_words(claim, table)
    more = interface_text(count_key("card.more", others, config.language, table), table, n=others) if others else ""
    spec = ShareCardSpec(
        site_title=config.title,
        heading=article.title,
        claimant=claim.claimant.display,
        status=status,
        figure=total.wording if total else "",
        figure_read=total.spoken if total else "",
        wording=claim.text,
        wording_read=f"{total.spoken} ({claim.measure.replace('_', ' ') or claim.category})" if total else "",
        more=more,
    )
    alt = interface_text("card.alt_figure" if total else "card.alt", table, claimant=claim.claimant.display,
                         figure=total.wording if total else "", text=claim.text, status=status, title=article.title,
                         site=config.title)
    return CardJob(card_path(article), spec, alt)


def site_card(config: SiteConfig) -> CardJob:
    """The card of every page that is not an article."""
    note = interface_text("card.site_note", dict(config.translations))
    spec = ShareCardSpec(config.title, config.description or config.title, more=note)
    return CardJob(SITE_CARD, spec, f"{config.title}: {note}")
