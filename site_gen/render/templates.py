"""The one home of Jinja2: an autoescaping, strict environment whose site templates override the theme's."""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError, pass_context
from jinja2.loaders import split_template_path
from markupsafe import escape, Markup

from site_gen.core.dates import DEFAULT_DATE_FORMAT, format_date
from site_gen.core.interface import count_key, interface_string
from site_gen.core.langs import lang_attributes
from site_gen.core.problems import SitegenError
from site_gen.core.quantities import format_number
from site_gen.core.urls import absolute_url, relative_url
from site_gen.content.sources import display_path, OUTSIDE_HINT, outside_site
from site_gen.utils.gc_pause import collector_paused

THEME_DIR = Path(__file__).parent.parent / "theme"


class TemplateFailure(SitegenError):
    """A template could not be loaded or rendered; the message names the template and line."""


class _SiteLoader(FileSystemLoader):
    """The site's own templates; one that is a symbolic link out of the templates folder is refused, since its
    text would be published."""

    def __init__(self, folder: Path):
        super().__init__(str(folder))
        self.fence = folder.resolve()

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool]]:
        path = Path(self.searchpath[0], *split_template_path(template))  # checked before anything is read
        if path.exists() and (target := outside_site(path, self.fence)):
            raise TemplateFailure(f"{display_path(path, Path.cwd())}:0: template: is a symbolic link out of the "
                                  f"templates folder, to {target} ({OUTSIDE_HINT})")
        return super().get_source(environment, template)


def make_environment(site_templates: Path) -> Environment:
    loaders: list[FileSystemLoader] = [_SiteLoader(site_templates)] if site_templates.is_dir() else []
    loaders.append(FileSystemLoader(str(THEME_DIR / "templates")))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # An environment lives for one set of template bytes (serve makes a new one when any changes), so
        # Jinja need not stat every template on every include.
        auto_reload=False,
        cache_size=-1,
    )
    env.globals["url"] = _url
    env.globals["lang_attrs"] = _lang_attrs
    env.globals["t"] = _t
    env.globals["t_count"] = _t_count
    env.filters["number"] = format_number
    env.filters["day"] = _day
    env.filters["period"] = _period
    env.filters["month"] = _month
    env.filters["iso"] = lambda d: d.isoformat()
    return env


def render(env: Environment, template: str, context: dict[str, Any]) -> bytes:
    try:
        with collector_paused():
            return env.get_template(template).render({**context, **page_functions(context)}).encode("utf-8")
    except TemplateError as exc:
        where = f"{getattr(exc, 'filename', None) or template}:{getattr(exc, 'lineno', None) or 0}"
        raise TemplateFailure(f"{where}: template error: {exc}") from None
    except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError) as exc:  # `{{ 1 // 0 }}`, `{{ x[9] }}`
        raise TemplateFailure(f"{_template_line(exc.__traceback__, template)}: template: {exc}") from None


def _template_line(tb: TracebackType | None, template: str) -> str:
    """`file:line` of the innermost template frame of a render error (Jinja maps its frames to template lines)."""
    where = f"{template}:0"
    for frame, line in traceback.walk_tb(tb):
        name = frame.f_code.co_filename
        if not name.endswith(".py") and not name.startswith("<"):
            where = f"{display_path(Path(name), Path.cwd())}:{line}"
    return where


def page_functions(context: dict[str, Any]) -> dict[str, Callable[..., Any]]:
    """`t`, `t_count`, `url` and `lang_attrs` bound to one page's context (those the context allows). Jinja calls
    a `pass_context` function inside a loop that sets a variable with a new Context made for that one call (the
    timeline's every entry, six times); these plain functions it calls as they are. The globals of the same names
    remain for templates rendered without a page's context."""
    site = context.get("site")
    if site is None:
        return {}
    wording = _wording(site.translations)
    language = site.language

    def t(key: str, **values: object) -> Markup:
        return _interface(wording, key, values)

    def t_count(key: str, n: int, **values: object) -> Markup:
        return _interface(wording, count_key(key, n, language, wording.table), {"n": format_number(n), **values})

    def lang_attrs(tag: str) -> Markup:
        return _lang_markup(tag or "", language)

    bound: dict[str, Callable[..., Any]] = {"t": t, "t_count": t_count, "lang_attrs": lang_attrs}
    if context.get("absolute_links") and "base_path" in context:
        base_path = context["base_path"]
        bound["url"] = lambda target: absolute_url(target, base_path)
    elif not context.get("absolute_links") and "page_path" in context:
        page_path = context["page_path"]
        bound["url"] = lambda target: relative_url(target, page_path)
    return bound


@pass_context
def _url(context, target: str) -> str:
    """Link to an output path from the page being rendered (absolute under base path on 404.html)."""
    if context.get("absolute_links"):
        return absolute_url(target, context["base_path"])
    return relative_url(target, context["page_path"])


@pass_context
def _lang_attrs(context, tag: str) -> Markup:
    """` lang="ar" dir="rtl"` for an element of text in `tag` on a page in the site's language ("" when the same)."""
    return _lang_markup(tag or "", context["site"].language)


@lru_cache(maxsize=1024)
def _lang_markup(tag: str, language: str) -> Markup:
    attrs = lang_attributes(tag, language)
    return Markup("".join(f' {name}="{escape(value)}"' for name, value in attrs.items()))


class _Wording:
    """One site's interface strings, escaped once, and the dates and periods already put in words (a page of
    10,000 claims asks for the same few strings and days 100,000 times)."""

    def __init__(self, translations: tuple[tuple[str, str], ...]):
        self.table = dict(translations)
        self.escaped: dict[str, Markup] = {}
        self.dates: dict[tuple[object, str], Markup] = {}

    def string(self, key: str) -> Markup:
        """The escaped wording of `key`; KeyError for a key the theme does not have."""
        found = self.escaped.get(key)
        if found is None:
            found = self.escaped[key] = escape(interface_string(key, self.table))
        return found


#: The wording last asked for, with its translations (a page asks with the very same tuple every time).
_LAST_WORDING: tuple[object, _Wording | None] = (None, None)


def _wording(translations: tuple[tuple[str, str], ...]) -> _Wording:
    global _LAST_WORDING
    last_translations, last = _LAST_WORDING
    if last is not None and last_translations is translations:
        return last
    found = _wording_for(translations)
    _LAST_WORDING = (translations, found)
    return found


@lru_cache(maxsize=16)
def _wording_for(translations: tuple[tuple[str, str], ...]) -> _Wording:
    return _Wording(translations)


@pass_context
def _t(context, key: str, **values: object) -> Markup:
    """The interface string `key` in the site's wording (else English), escaped, with `{name}` filled from `values`
    (escaped unless markup). An unknown key is a template error."""
    return _interface(_wording(context["site"].translations), key, values)


def _interface(wording: _Wording, key: str, values: dict[str, object]) -> Markup:
    try:
        text = wording.string(key)
    except KeyError:
        raise TemplateError(f'unknown interface string "{key}" (the keys are in site_gen/core/interface.py)') from None
    return text.format(**values) if values else text


@pass_context
def _t_count(context, key: str, n: int, **values: object) -> Markup:
    """The count's text for `n` in the site's language (its plural category, `core/interface.py: count_key`) with
    `{n}` and any other `values` filled in ("3 unverified claims")."""
    site = context["site"]
    wording = _wording(site.translations)
    return _interface(wording, count_key(key, n, site.language, wording.table), {"n": format_number(n), **values})


@pass_context
def _day(context, value: dt.date | dt.datetime) -> Markup:
    """A date in words, "5 July 2024": in the order the site's `date.day` string gives, or in the site's own
    `date_format` when it sets one; month names as the site's `month.N` strings word them."""
    d = value.date() if isinstance(value, dt.datetime) else value
    pattern = getattr(context["site"], "date_format", DEFAULT_DATE_FORMAT)
    dates = _wording(context["site"].translations).dates
    found = dates.get((d, pattern))
    if found is None:
        found = dates[(d, pattern)] = _day_words(context, d, pattern)
    return found


def _day_words(context, d: dt.date, pattern: str) -> Markup:
    if pattern != DEFAULT_DATE_FORMAT:
        return escape(format_date(d, pattern, tuple(str(_t(context, f"month.{i}")) for i in range(1, 13))))
    return _t(context, "date.day", day=d.day, month=_t(context, f"month.{d.month}"), year=d.year)


@pass_context
def _month(context, value: dt.date | dt.datetime) -> Markup:
    return _t(context, "date.month", month=_t(context, f"month.{value.month}"), year=value.year)


@pass_context
def _period(context, period) -> Markup:
    """A claim's period in the site's date format: one day, or "30 June 2024 to 1 July 2024"."""
    if period.start == period.end:
        return _day(context, period.start)
    dates = _wording(context["site"].translations).dates
    key = ((period.start, period.end), getattr(context["site"], "date_format", DEFAULT_DATE_FORMAT))
    found = dates.get(key)
    if found is None:
        found = dates[key] = _t(context, "period.range", start=_day(context, period.start),
                                end=_day(context, period.end))
    return found
