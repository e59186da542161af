"""A brief as Markdown with footnotes (`[^3]`); the chart becomes a table of the same figures.

Document-derived text is escaped so that it can never turn into links, images, emphasis or
raw HTML when the Markdown is rendered.
"""

from __future__ import annotations

import re

from allsource.analyze.brief import Brief, Sentence, Source

_ACTIVE = re.compile(r"([\\`*_\[\]<>|~&#!])")


def escape_markdown(text: str) -> str:
    return _ACTIVE.sub(r"\\\1", " ".join(text.split()))


def render_markdown(brief: Brief) -> str:
    subjects = " · ".join(f"{escape_markdown(e['name'])} ({escape_markdown(e['type'])})" for e in brief.subjects)
    lines = [f"# {escape_markdown(brief.title)}", "",
             f"{subjects} — every sentence below is footnoted to the source sentence it rests on; the brief "
             "states only what the knowledge base holds.", ""]
    for section in brief.sections:
        lines += [f"## {escape_markdown(section.title)}", ""]
        if section.key == "chart" and brief.chart:
            lines += [f"*{escape_markdown(brief.chart_title)}*", "", "| Year | Cooperation | Conflict | Records |",
                      "| ---: | ---: | ---: | ---: |"]
            lines += [f"| {y.year} | {y.cooperation:g} | {y.conflict:g} | {y.count} |" for y in brief.chart]
            lines.append("")
        if section.sentences:
            lines += [f"- {_sentence(s)}" for s in section.sentences]
        else:
            lines.append("*The knowledge base holds nothing for this section.*")
        lines.append("")
    lines += ["## Sources", ""]
    lines += [_source(s) for s in brief.sources]
    return "\n".join(lines) + "\n"


def _sentence(sentence: Sentence) -> str:
    return escape_markdown(sentence.text) + "".join(f"[^{n}]" for n in sentence.notes)


def _source(source: Source) -> str:
    meta = ", ".join(escape_markdown(p) for p in (source.publisher, source.published or "undated") if p)
    return (f"[^{source.number}]: *{escape_markdown(source.title or source.doc)}* — {meta}; "
            f"{escape_markdown(source.location)}, characters {source.start}–{source.end}: "
            f"“{escape_markdown(source.quote)}”")
