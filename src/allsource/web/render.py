"""Jinja2 rendering with autoescaping always on: document text, titles and names are untrusted."""

from __future__ import annotations

import functools
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape


@functools.cache
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("allsource.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["when"] = when
    env.filters["q"] = lambda value: quote(str(value), safe="")
    env.globals["query"] = query
    env.filters["reading"] = reading_html
    env.filters["filename"] = lambda source: str(source or "").rsplit("/", 1)[-1]
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


def reading_html(segments: list[dict]) -> Markup:
    """A document's segments as HTML: records' evidence as <mark> (linking to the record, or to
    the entity where a mention lies inside), removed boilerplate folded. Written out here rather
    than in a template loop because a long document has thousands of segments; every piece of
    document text goes through `escape`."""
    out = []
    for seg in segments:
        if "removed" in seg:
            out.append(f'<details class="removed"><summary>removed {escape(seg["removed"]["kind"])}</summary>'
                       f'<span class="removed-text">{escape(seg["removed"]["text"])}</span></details>')
            continue
        text, entity, records = escape(seg["text"]), seg["entity"], seg["records"]
        if entity:
            inner = (f'<a class="mention" href="/entity/{escape(quote(entity["id"], safe=""))}"'
                     f' title="{escape(entity["name"])}">{text}</a>')
        elif records:
            inner = f'<a class="record" href="/evidence/{escape(quote(records[0]["id"], safe=""))}">{text}</a>'
        else:
            inner = str(text)
        if records:
            ids = escape(" ".join(r["id"] for r in records))
            labels = escape(" | ".join(r["label"] for r in records))
            focus = " focus" if seg["focus"] else ""
            inner = (f'<mark class="k-{escape(records[0]["kind"])}{focus}" data-records="{ids}"'
                     f' title="{labels}">{inner}</mark>')
        out.append(inner)
    return Markup("".join(out))
