"""The one home of Jinja2: an autoescaping, strict environment whose site templates override the theme's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError, pass_context

from site_gen.core.dates import DEFAULT_DATE_FORMAT, format_date, period_words
from site_gen.core.problems import SitegenError
from site_gen.core.quantities import format_number
from site_gen.core.urls import absolute_url, relative_url

THEME_DIR = Path(__file__).parent.parent / "theme"


class TemplateFailure(SitegenError):
    """A template could not be loaded or rendered; the message names the template and line."""


def make_environment(site_templates: Path) -> Environment:
    loaders = [FileSystemLoader(str(site_templates))] if site_templates.is_dir() else []
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
    env.filters["number"] = format_number
    env.filters["day"] = _day
    env.filters["period"] = _period
    env.filters["month"] = lambda d: d.strftime("%B %Y")
    env.filters["iso"] = lambda d: d.isoformat()
    return env


def render(env: Environment, template: str, context: dict[str, Any]) -> bytes:
    try:
        return env.get_template(template).render(context).encode("utf-8")
    except TemplateError as exc:
        where = f"{getattr(exc, 'filename', None) or template}:{getattr(exc, 'lineno', None) or 0}"
        raise TemplateFailure(f"{where}: template error: {exc}") from None


@pass_context
def _url(context, target: str) -> str:
    """Link to an output path from the page being rendered (absolute under base path on 404.html)."""
    if context.get("absolute_links"):
        return absolute_url(target, context["base_path"])
    return relative_url(target, context["page_path"])


@pass_context
def _day(context, value: dt.date | dt.datetime) -> str:
    """The date in the site's one date format (config.yaml `date_format`)."""
    site = context.get("site")
    return format_date(value, getattr(site, "date_format", DEFAULT_DATE_FORMAT))


@pass_context
def _period(context, period) -> str:
    """A claim's period in the site's date format."""
    return period_words(period, getattr(context.get("site"), "date_format", DEFAULT_DATE_FORMAT))
