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
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
ELEMENTS = frozenset({SVG + name for name in (
    "svg", "g", "defs", "style", "path", "text", "tspan", "use", "rect", "clipPath", "pattern", "metadata",
    "line", "polyline", "polygon", "circle", "ellipse")} | {
    "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF", "{http://creativecommons.org/ns#}Work",
    "{http://creativecommons.org/ns#}Agent", "{http://purl.org/dc/elements/1.1/}creator",
    "{http://purl.org/dc/elements/1.1/}title", "{http://purl.org/dc/elements/1.1/}date",
    "{http://purl.org/dc/elements/1.1/}format", "{http://purl.org/dc/elements/1.1/}type"})
ATTRIBUTES = frozenset({
    "id", "style", "x", "y", "d", "transform", "clip-path", "width", "height", "viewBox", "version", "type",
    "fill", "patternUnits", "rx", "ry", "font-size", "text-anchor", "font-family", "font-weight", "font-style",
    "x1", "x2", "y1", "y2", "cx", "cy", "r", "points", "stroke", "stroke-width", "opacity", "fill-opacity",
    "dominant-baseline", XLINK_HREF})
#: Inside attribute values and the style element: `url(` only for a fragment of this file, no CSS escapes
#: or at-rules, no script URLs.
UNSAFE_TEXT = re.compile(r"url\s*\(\s*(?!#)|\\|@|javascript:|expression\s*\(", re.IGNORECASE)


def unsafe_svg(data: bytes) -> str | None:
    """None for a plain chart, else what is wrong with it, in words (one expat pass, no tree is built)."""
    if not data.startswith(PROLOG):
        return "it does not start the way sitegen's charts do"
    body = data[len(PROLOG):]
    if b"<!" in body or b"<?" in body:
        return "it holds a declaration, comment or processing instruction"
    found: list[str] = []
    stack: list[str] = []
    parser = expat.ParserCreate(namespace_separator="}")

    def start(tag: str, attributes: dict[str, str]) -> None:
        name = "{" + tag if "}" in tag else tag
        problem = _element_problem(name, attributes, root=not stack)
        stack.append(name)
        if problem is not None and not found:
            found.append(problem)
            raise _Refused

    def text(chunk: str) -> None:
        if stack and stack[-1] == SVG + "style" and _may_refer(chunk) and UNSAFE_TEXT.search(chunk) and not found:
            found.append("its style sheet refers outside the file")
            raise _Refused

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: stack.pop()
    parser.CharacterDataHandler = text
    parser.buffer_text = True
    try:
        parser.Parse(body, True)
    except _Refused:
        return found[0]
    except expat.ExpatError:
        return "it is not well-formed XML"
    return None


class _Refused(Exception):
    """Stops the parse at the first problem."""


def _element_problem(name: str, attributes: dict[str, str], root: bool) -> str | None:
    if root and name != SVG + "svg":
        return "its root is not an svg element"
    if name not in ELEMENTS:
        return f"it holds a {_local(name)} element"
    for attribute, value in attributes.items():
        key = "{" + attribute if "}" in attribute else attribute
        if key not in ATTRIBUTES:
            return f"it holds a {_local(key)} attribute"
        if key == XLINK_HREF and not value.startswith("#"):
            return "it links outside the file"
        if _may_refer(value) and UNSAFE_TEXT.search(value):
            return f"its {_local(key)} attribute refers outside the file"
    return None


def _may_refer(text: str) -> bool:
    """A quick test that skips the pattern for what cannot match it (path data, numbers, ids)."""
    return "(" in text or "\\" in text or "@" in text or ":" in text


def _local(name: str) -> str:
    return name.rpartition("}")[2]
