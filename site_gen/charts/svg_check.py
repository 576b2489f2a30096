"""Whether SVG bytes are a plain chart: only the elements and attributes sitegen's matplotlib charts use.

Used on chart cache entries before they are published (a cache restored from elsewhere is not trusted):
no script, no `on*` attribute, no foreignObject, image or animation, no link or `url()` outside the file,
no entity or other declaration beyond matplotlib's own DOCTYPE line.
"""

from __future__ import annotations

import re
from xml.parsers import expat

#: What matplotlib writes before the root element (svg.fonttype "none", metadata as in charts.METADATA).
PROLOG = (b'<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
          b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
          b'  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n')
#: Names as expat reports them with namespace_separator "}": "<namespace URI>}<local name>".
SVG = "http://www.w3.org/2000/svg}"
STYLE = SVG + "style"
XLINK_HREF = "http://www.w3.org/1999/xlink}href"
#: The language of a row label in another language (charts/breakdown.py marks it, with its direction).
XML_LANG = "http://www.w3.org/XML/1998/namespace}lang"
ELEMENTS = frozenset({SVG + name for name in (
    "svg", "g", "defs", "style", "path", "text", "tspan", "use", "rect", "clipPath", "pattern", "metadata",
    "line", "polyline", "polygon", "circle", "ellipse")} | {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF", "http://creativecommons.org/ns#}Work",
    "http://creativecommons.org/ns#}Agent", "http://purl.org/dc/elements/1.1/}creator",
    "http://purl.org/dc/elements/1.1/}title", "http://purl.org/dc/elements/1.1/}date",
    "http://purl.org/dc/elements/1.1/}format", "http://purl.org/dc/elements/1.1/}type"})
ATTRIBUTES = frozenset({
    "id", "style", "x", "y", "d", "transform", "clip-path", "width", "height", "viewBox", "version", "type",
    "fill", "patternUnits", "rx", "ry", "font-size", "text-anchor", "font-family", "font-weight", "font-style",
    "x1", "x2", "y1", "y2", "cx", "cy", "r", "points", "stroke", "stroke-width", "opacity", "fill-opacity",
    "dominant-baseline", "direction", "unicode-bidi", XLINK_HREF, XML_LANG})
#: Inside attribute values and the style element: `url(` only for a fragment of this file, no CSS escapes
#: or at-rules, no script URLs.
UNSAFE_TEXT = re.compile(r"url\s*\(\s*(?!#)|\\|@|javascript:|expression\s*\(", re.IGNORECASE)


class _Refused(Exception):
    """Stops the parse at the first problem; its argument says what it is."""


def unsafe_svg(data: bytes) -> str | None:
    """None for a plain chart, else what is wrong with it, in words (one expat pass, no tree is built).

    The style sheet's text is checked as it arrives: the text handler is switched on at a style element and
    off at the next element (a style element holds text only), so ordinary elements cost one call each."""
    if not data.startswith(PROLOG):
        return "it does not start the way sitegen's charts do"
    body = data[len(PROLOG):]
    if b"<!" in body or b"<?" in body:
        return "it holds a declaration, comment or processing instruction"
    parser = expat.ParserCreate(namespace_separator="}")
    seen_root = []

    def style_text(chunk: str) -> None:
        if _may_refer(chunk) and UNSAFE_TEXT.search(chunk):
            raise _Refused("its style sheet refers outside the file")

    def start(name: str, attributes: dict[str, str]) -> None:
        if not seen_root:
            seen_root.append(name)
            if name != SVG + "svg":
                raise _Refused("its root is not an svg element")
        if name not in ELEMENTS:
            raise _Refused(f"it holds a {_local(name)} element")
        for key, value in attributes.items():
            if key not in ATTRIBUTES:
                raise _Refused(f"it holds a {_local(key)} attribute")
            if key == XLINK_HREF and not value.startswith("#"):
                raise _Refused("it links outside the file")
            if _may_refer(value) and UNSAFE_TEXT.search(value):
                raise _Refused(f"its {_local(key)} attribute refers outside the file")
        parser.CharacterDataHandler = style_text if name == STYLE else None

    parser.StartElementHandler = start
    parser.buffer_text = True
    try:
        parser.Parse(body, True)
    except _Refused as refused:
        return str(refused)
    except expat.ExpatError:
        return "it is not well-formed XML"
    return None


def _may_refer(text: str) -> bool:
    """A quick test that skips the pattern for what cannot match it (path data, numbers, ids)."""
    return "(" in text or "\\" in text or "@" in text or ":" in text


def _local(name: str) -> str:
    return name.rpartition("}")[2]
