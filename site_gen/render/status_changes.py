"""Warnings for a claim status changed since the last build without a correction or a newer `as_of` (§8.6)."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from site_gen.core.model import Article, Claim, SiteConfig, Status
from site_gen.core.problems import Problem, Severity

#: The export the last build wrote, read back for its statuses; a larger file is not read (the check is skipped).
CLAIMS_EXPORT = "claims.json"
MAX_EXPORT_BYTES = 256 * 1024 * 1024
HINT = "add a corrections entry or a newer as_of"
#: The statuses the last build accepted, in the cache folder.
SEEN_FILE, SEEN_FORMAT = "statuses.json", 1


@dataclass(frozen=True)
class Seen:
    """A claim's status as a build last accepted it, its `as_of`, and the day that build ran."""

    status: str
    as_of: dt.date | None
    day: dt.date


def status_change_warnings(config: SiteConfig, articles: list[Article] | tuple[Article, ...],
                           cache_dir: Path | None) -> list[Problem]:
    """One warning per claim whose status differs from the one the last build accepted. Those statuses are kept in
    the cache folder (statuses.json), else read from the last build's claims.json in the output folder; a change
    that warned stays unaccepted, so it warns on every build until a correction or a newer `as_of` covers it."""
    today = dt.datetime.now(_zone(config.timezone)).date()
    seen = read_seen(cache_dir) if cache_dir is not None else None
    if seen is None:
        seen = last_build(config.output_dir, config.timezone) or {}
    warnings, accepted = silent_changes(seen, articles, today)
    if cache_dir is not None and accepted != seen:
        save_seen(cache_dir, accepted)
    return warnings


def silent_changes(seen: dict[str, Seen], articles: list[Article] | tuple[Article, ...],
                   today: dt.date) -> tuple[list[Problem], dict[str, Seen]]:
    """Claims whose status changed with neither a corrections entry dated on or after the day the old status was
    last accepted nor an `as_of` newer than the old one's (or, where it had none, on or after that day); and the
    statuses now accepted (a change that warned keeps the old one). A status sitegen derived (superseded by a later
    claim) changes with the claims, never silently, and is accepted."""
    found, accepted = [], {}
    for article in articles:
        for claim in article.claims:
            key = f"{article.slug}#{claim.id}"
            before = seen.get(key)
            if before is not None and before.status != claim.status.value and not _covered(article, claim, before):
                found.append(Problem(article.path, claim.line, f"claims.{claim.id}.status",
                                     f"status changed from {before.status} to {claim.status.value} since the last "
                                     "build without a correction", HINT, Severity.WARNING))
                accepted[key] = before
            else:
                accepted[key] = Seen(claim.status.value, claim.as_of, today)
    return found, accepted


def _covered(article: Article, claim: Claim, before: Seen) -> bool:
    if any(c.date >= before.day for c in article.corrections) or _derived(claim, before.status):
        return True
    if claim.as_of is None:
        return False
    return claim.as_of > before.as_of if before.as_of is not None else claim.as_of >= before.day


def _derived(claim: Claim, before: str) -> bool:
    """Whether the change is sitegen's own: a claim superseded by a later one, or no longer superseded."""
    return not claim.status_given and Status.SUPERSEDED.value in (claim.status.value, before)


def read_seen(cache_dir: Path) -> dict[str, Seen] | None:
    """The statuses the last build accepted (statuses.json in the cache folder); None when there is none."""
    data = _read_json(cache_dir / SEEN_FILE)
    claims = data.get("claims") if isinstance(data, dict) and data.get("format") == SEEN_FORMAT else None
    if not isinstance(claims, dict):
        return None
    found = {}
    for key, entry in claims.items():
        if isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str) and _date(entry[2]):
            found[key] = Seen(entry[0], _date(entry[1]), _date(entry[2]))
    return found


def save_seen(cache_dir: Path, seen: dict[str, Seen]) -> None:
    """Write statuses.json whole (a temporary file, then renamed); a cache that cannot be written is skipped."""
    data = {"format": SEEN_FORMAT, "claims": {key: [s.status, s.as_of.isoformat() if s.as_of else None,
                                                     s.day.isoformat()] for key, s in sorted(seen.items())}}
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temp = cache_dir / f".{SEEN_FILE}.tmp"
        temp.write_text(json.dumps(data, indent=0, sort_keys=True), encoding="utf-8")
        os.replace(temp, cache_dir / SEEN_FILE)
    except OSError:
        pass


def _read_json(path: Path) -> object:
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_EXPORT_BYTES:
            return None
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def last_build(out_dir: Path, timezone: str) -> dict[str, Seen] | None:
    """The statuses in the last build's claims.json in the output folder, dated the day it was written (in the
    site's time zone); None when there is none or it is not one sitegen wrote."""
    path = Path(out_dir) / CLAIMS_EXPORT
    data = _read_json(path)
    claims = _statuses(data)
    if claims is None:
        return None
    try:
        day = dt.datetime.fromtimestamp(path.stat().st_mtime, _zone(timezone)).date()
    except OSError:
        return None
    return {key: Seen(status, as_of, day) for key, (status, as_of) in claims.items()}


def _statuses(data: object) -> dict[str, tuple[str, dt.date | None]] | None:
    records = data.get("claims") if isinstance(data, dict) else None
    if not isinstance(records, list):
        return None
    found = {}
    for record in records:
        if isinstance(record, dict) and record.get("kind") == "claim" and isinstance(record.get("id"), str) \
                and isinstance(record.get("status"), str):
            found[record["id"]] = (record["status"], _date(record.get("as_of")))
    return found


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return dt.timezone.utc
