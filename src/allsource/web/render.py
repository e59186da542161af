"""Jinja2 rendering with autoescaping always on: document text, titles and names are untrusted."""

from __future__ import annotations

import functools
from urllib.parse import quote, urlencode


@functools.cache
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("allsource.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["when"] = when
    env.filters["q"] = lambda value: quote(str(value), safe="")
    env.globals["query"] = query
    return env


def render(template: str, data: dict) -> str:
    return environment().get_template(template).render(data=data)


def when(time: dict | None) -> str:
    """A record's time as the text said it, with the normalised start when they differ."""
    if not time:
        return ""
    text, start = time.get("text") or "", time.get("start") or ""
    return text if not start or start.startswith(text) else f"{text} ({start})" if text else start


def query(**params) -> str:
    """A query string from the non-empty parameters (lists repeat the key)."""
    pairs = []
    for key, value in params.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item not in (None, ""):
                pairs.append((key, item))
    return ("?" + urlencode(pairs)) if pairs else ""
