"""A brief as one self-contained HTML file: inline CSS, the chart as inline SVG, no script.

Everything that comes from documents (names, quotes, titles, paths) is escaped, and a
Content-Security-Policy forbids scripts and outside loads even if something slipped through.
"""

from __future__ import annotations

from html import escape

from allsource.analyze.brief import Brief, Sentence, Source
from allsource.export.brief_chart import chart_svg

POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CSS = """
body { font: 15px/1.5 Georgia, 'DejaVu Serif', serif; color: #1d1d1d; max-width: 52rem; margin: 2rem auto;
       padding: 0 1.2rem; background: #fdfdfb; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
.lede { color: #555; font-size: .9rem; margin-top: 0; }
ul.sentences { padding-left: 1.1rem; }
ul.sentences li { margin: .3rem 0; }
sup { font-size: .7rem; }
sup a { color: #1a5fb4; text-decoration: none; }
.chart { width: 100%; height: auto; border: 1px solid #ddd; background: #fff; font-family: sans-serif; }
.empty { color: #777; font-style: italic; }
ol.sources { font-size: .85rem; padding-left: 2rem; }
ol.sources li { margin: .45rem 0; }
ol.sources li:target { background: #fff6c8; }
.meta { color: #555; }
.location { font-family: monospace; font-size: .78rem; color: #666; word-break: break-all; }
blockquote { margin: .2rem 0 0; padding-left: .6rem; border-left: 3px solid #bbb; color: #333; }
"""


def render_html(brief: Brief) -> str:
    subjects = " · ".join(f"{escape(e['name'])} ({escape(e['type'])})" for e in brief.subjects)
    body = [f"<h1>{escape(brief.title)}</h1>",
            f'<p class="lede">{subjects} — every sentence below is footnoted to the source sentence it rests on; '
            f"the brief states only what the knowledge base holds.</p>"]
    for section in brief.sections:
        body.append(f'<section id="{escape(section.key)}"><h2>{escape(section.title)}</h2>')
        if section.key == "chart" and brief.chart:
            body.append(chart_svg(brief.chart, brief.chart_title))
        if section.sentences:
            body.append('<ul class="sentences">' + "".join(f"<li>{_sentence(s)}</li>" for s in section.sentences)
                        + "</ul>")
        else:
            body.append('<p class="empty">The knowledge base holds nothing for this section.</p>')
        body.append("</section>")
    body.append('<section id="sources"><h2>Sources</h2><ol class="sources">'
                + "".join(_source(s) for s in brief.sources) + "</ol></section>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(brief.title)}</title><style>{CSS}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def _sentence(sentence: Sentence) -> str:
    notes = ", ".join(f'<a href="#source-{n}">{n}</a>' for n in sentence.notes)
    return f"{escape(sentence.text)}<sup>[{notes}]</sup>"


def _source(source: Source) -> str:
    meta = ", ".join(escape(part) for part in (source.publisher, source.published or "undated") if part)
    return (f'<li id="source-{source.number}"><cite>{escape(source.title or source.doc)}</cite> '
            f'<span class="meta">— {meta}</span><br><span class="location">{escape(source.location)}, '
            f"characters {source.start}–{source.end}</span>"
            f"<blockquote>{escape(source.quote)}</blockquote></li>")
