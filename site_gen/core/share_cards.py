"""Plans the Open Graph share card of each article and of the site: its PNG path, spec and alt text (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from site_gen.core.chart_specs import ShareCardSpec
from site_gen.core.model import Article, Claim, SiteConfig

#: The size every card is drawn at, the one Open Graph and Twitter's large card expect.
CARD_WIDTH, CARD_HEIGHT = 1200, 630
SITE_CARD = "cards/site.png"
SITE_NOTE = "Every figure here is a claim by the party named beside it, worded as they worded it, with our status."


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


def status_words(claim: Claim) -> str:
    """The status in words, as the card prints it: "Unverified claim: not independently verified"."""
    return claim.status.label + (": not independently verified" if claim.status.not_verified else "")


def article_card(article: Article, config: SiteConfig) -> CardJob:
    """The card of an article: its headline claim's figure and wording with claimant and status, or its title."""
    claim = headline_claim(article)
    if claim is None:
        spec = ShareCardSpec(config.title, article.title, more="This article quotes no claim.")
        return CardJob(card_path(article), spec, f"{article.title} ({config.title})")
    others = len(article.claims) - 1
    total = claim.total
    spec = ShareCardSpec(
        site_title=config.title,
        heading=article.title,
        claimant=claim.claimant.display,
        status=status_words(claim),
        figure=total.wording if total else "",
        figure_read=total.spoken if total else "",
        wording=claim.text,
        wording_read=f"{total.spoken} ({claim.measure.replace('_', ' ') or claim.category})" if total else "",
        more=f"{others} more claim{'s' if others != 1 else ''} in the article" if others else "",
    )
    figure = f" {total.wording}" if total else ""
    alt = (f"Share card: {claim.claimant.display} claims{figure}: \u201c{claim.text}\u201d. "
           f"Status: {status_words(claim)}. From \u201c{article.title}\u201d, {config.title}.")
    return CardJob(card_path(article), spec, alt)


def site_card(config: SiteConfig) -> CardJob:
    """The card of every page that is not an article."""
    spec = ShareCardSpec(config.title, config.description or config.title, more=SITE_NOTE)
    return CardJob(SITE_CARD, spec, f"{config.title}: {SITE_NOTE}")
