"""Claimant identity: a registry id, or a plain name that never merges with a declared or another claimant."""

from __future__ import annotations

import difflib

from site_gen.content.fields import Fields, ID_RE
from site_gen.core.model import Article, Claimant, SiteConfig
from site_gen.core.problems import Problem


def read_claimant(f: Fields, config: SiteConfig) -> Claimant:
    """The `claimant:` of a claim or series: a registry id, or a plain name that resembles no declared claimant."""
    name = f.str("claimant")
    if not name:
        return Claimant("", "unknown", declared=False)
    found = config.claimant(name)
    if found:
        return found
    known = tuple(c.id for c in config.claimants)
    if ID_RE.match(name):
        guess = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
        hint = f"did you mean `{guess[0]}`?" if guess else "declare it under `claimants:` in config.yaml or content/claimants.yaml"
        f.error("claimant", f'unknown claimant id "{name}"', hint)
        return Claimant(name, name, declared=False)
    cid = slug_id(name)
    if declared := config.claimant(cid) or _named(config, name):
        f.error("claimant", f'"{name}" looks like claimant id `{declared.id}` ({declared.name})',
                f"write `claimant: {declared.id}`, or declare \"{name}\" in the registry under an id of its own")
        return Claimant(name, name, declared=False)  # never merged with the declared claimant
    f.warn("claimant", f'undeclared claimant "{name}"', "declare it under `claimants:` with its side")
    return Claimant(cid, name, declared=False)


def _named(config: SiteConfig, name: str) -> Claimant | None:
    """The declared claimant whose name is `name` (any case): a plain name must not become a second one."""
    folded = name.casefold()
    return next((c for c in config.claimants if c.name.casefold() == folded), None)


def claimant_clashes(articles: list[Article]) -> list[Problem]:
    """Undeclared claimants are identified by the slug of their name; two different names with one slug
    ("Ru Mod", "RU-MOD") would be merged into one claimant page and compared as one, so each later one is an error."""
    first: dict[str, tuple[str, str, int]] = {}
    problems = []
    for article in articles:
        for claim in article.claims:
            who = claim.claimant
            if who.declared or not who.id:
                continue
            name, path, line = first.setdefault(who.id, (who.name, article.path, claim.line))
            if name != who.name:
                problems.append(Problem(
                    article.path, claim.line, f"claims.{claim.id}.claimant",
                    f'"{who.name}" and "{name}" ({path}:{line}) are different names for one claimant page `{who.id}`',
                    "write the name the same way in both, or declare each in the registry with its own id"))
    return problems


def slug_id(name: str) -> str:
    from site_gen.core.slugs import slugify

    return slugify(name) or "claimant"
