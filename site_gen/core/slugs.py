"""URL slugs: transliterated (anyascii), lowercase, `[a-z0-9-]+`."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii


@lru_cache(maxsize=65536)  # tags and titles are slugified on every rebuild
def slugify(text: str) -> str:
    """"Степова Новоселівка" -> "stepova-novoselivka"; "" when nothing usable is left."""
    ascii_text = anyascii(text).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
