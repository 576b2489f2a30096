"""URL slugs: transliterated (anyascii), lowercase, `[a-z0-9-]+`."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from anyascii import anyascii

#: Slugs and ids become file names (tags/<slug>.html, charts/<slug>--<id>.svg); 80 characters keeps every
#: such name far below the 255-byte limit of file systems.
MAX_SLUG = 80


@lru_cache(maxsize=65536)  # tags and titles are slugified on every rebuild
def slugify(text: str) -> str:
    """"Степова Новоселівка" -> "stepova-novoselivka"; "" when nothing usable is left. A slug longer than
    MAX_SLUG is cut and ends in 8 hex digits of its hash, so that two long texts keep distinct slugs."""
    ascii_text = anyascii(text).lower().replace("'", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) <= MAX_SLUG:
        return slug
    return slug[:MAX_SLUG - 9].rstrip("-") + "-" + hashlib.sha256(slug.encode()).hexdigest()[:8]
