"""The whole site as the render stage gets it: config, articles and datasets with what the checks found (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from site_gen.core.model import Article, Claim, Finding, SiteConfig
from site_gen.core.series_model import Dataset, SeriesFinding


@dataclass(frozen=True)
class Site:
    """Everything the render stage needs, fully validated and analysed."""

    config: SiteConfig
    articles: tuple[Article, ...]
    findings: tuple[Finding, ...] = field(default=())
    datasets: tuple[Dataset, ...] = field(default=())
    series_findings: tuple[SeriesFinding, ...] = field(default=())

    def findings_for(self, article: Article, claim: Claim) -> tuple[Finding, ...]:
        return self._findings_by_claim.get((article.slug, claim.id), ())

    @cached_property
    def _findings_by_claim(self) -> dict[tuple[str, str], tuple[Finding, ...]]:
        found: dict[tuple[str, str], list[Finding]] = {}
        for f in self.findings:
            found.setdefault((f.article, f.claim_id), []).append(f)
        return {key: tuple(group) for key, group in found.items()}
