"""URL slugs: transliterated (anyascii), lowercase, `[a-z0-9-]+`."""

from __future__ import annotations

import re

from anyascii import anyascii


def slugify(text: str) -> str:
    """"Степова Новоселівка" -> "stepova-novoselivka"; "" when nothing usable is left."""
    ascii_text = anyascii(text).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
