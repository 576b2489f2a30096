"""Claimant identity: a registry id, or a plain name that never merges with a declared or another claimant."""

from __future__ import annotations

import difflib

from site_gen.content.fields import Fields, ID_RE
from site_gen.core.model import Article, Claimant, SiteConfig
from site_gen.core.problems import Problem
from site_gen.content.yamlsrc import LMap

#: An unnamed claimant written inline.
UNNAMED_KEYS = ("unnamed", "side")


def read_claimant(f: Fields, config: SiteConfig, key: str = "claimant", warn_undeclared: bool = True) -> Claimant:
    """The `claimant:` of a claim or series (or a relay's `by:`): a registry id, an unnamed source stated as such, or
    a plain name that resembles no declared claimant (a warning for a claimant, unless `warn_undeclared` is off)."""
    if isinstance(f.map.get(key), LMap):
        return _unnamed(f, key)
    name = f.str(key)
    if not name:
        return Claimant("", "unknown", declared=False)
    found = config.claimant(name)
    if found:
        return found
    known = tuple(c.id for c in config.claimants)
    if ID_RE.match(name):
        guess = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
        hint = f"did you mean `{guess[0]}`?" if guess else "declare it under `claimants:` in config.yaml or content/claimants.yaml"
        f.error(key, f'unknown claimant id "{name}"', hint)
        return Claimant(name, name, declared=False)
    cid = slug_id(name)
    if declared := config.claimant(cid) or _named(config, name):
        f.error(key, f'"{name}" looks like claimant id `{declared.id}` ({declared.name})',
                f"write `{key}: {declared.id}`, or declare \"{name}\" in the registry under an id of its own")
        return Claimant(name, name, declared=False)  # never merged with the declared claimant
    if warn_undeclared:
        f.warn(key, f'undeclared claimant "{name}"', "declare it under `claimants:` with its side, or write "
               '`{unnamed: "a military source", side: ...}` for a source the reporting does not name')
    return Claimant(cid, name, declared=False)


def _unnamed(f: Fields, key: str) -> Claimant:
    """`{unnamed: "a Hezbollah source", side: Hezbollah}`: shown as worded, never merged with another claimant."""
    sub = Fields(f.map[key], f.out, f.name(key) + ".")
    sub.check_keys(UNNAMED_KEYS, required=("unnamed",))
    return Claimant("", sub.str("unnamed") or "an unnamed source", sub.str("side"), "unnamed", declared=False)


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
