"""Reads a claim's `location:` mapping: place name, region, country, and coordinates with their precision."""

from __future__ import annotations

from site_gen.content.fields import describe, Fields
from site_gen.content.yamlsrc import LMap
from site_gen.core.model import Location

LOCATION_KEYS = ("name", "region", "country", "lat", "lon", "precision")
PRECISIONS = ("exact", "town", "district", "region", "approximate")


def read_location(f: Fields, data: LMap | None) -> Location | None:
    """`location:` of a claim: a name, optional region and country, coordinates with their precision."""
    if data is None:
        return None
    sub = Fields(data, f.out, f.name("location."))
    sub.check_keys(LOCATION_KEYS, required=("name",))
    lat, lon = _coordinate(sub, "lat", 90), _coordinate(sub, "lon", 180)
    has_lat, has_lon = sub.has("lat"), sub.has("lon")
    precision = sub.str("precision")
    if (has_lat or has_lon) and not precision:
        sub.error("lat" if has_lat else "lon", "coordinates need a `precision`", "one of: " + ", ".join(PRECISIONS))
    if precision and precision not in PRECISIONS:
        sub.error("precision", f'unknown precision "{precision}"', "one of: " + ", ".join(PRECISIONS))
    if has_lat != has_lon:
        sub.error("lon" if has_lat else "lat", "give both `lat` and `lon`, or neither")
    return Location(sub.str("name"), sub.str("region"), sub.str("country"), lat, lon, precision)


def _coordinate(f: Fields, key: str, limit: float) -> float | None:
    raw = f.map.get(key)
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not -limit <= raw <= limit:
        f.error(key, f"expected a number between -{limit} and {limit}, got {describe(raw)}")
        return None
    return float(raw)
