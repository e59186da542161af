"""A document cut into segments for reading: each piece of text knows which entity mention
and which records' evidence cover it, and removed boilerplate sits where it was taken out."""

from __future__ import annotations


def reading_segments(text: str, mentions: list[dict], spans: list[dict], removals: list[dict],
                     focus: str | None = None) -> list[dict]:
    """`mentions`: {start, end, entity, name, type}; `spans`: {start, end, record, kind, label};
    `removals`: {at, kind, text}. Returns text segments {text, start, entity, records, focus}
    and removal segments {removed: {kind, text}}, in document order. Overlapping mentions
    keep the earlier one; every span covering a piece of text is listed on it."""
    cuts = {0, len(text)}
    for item in (*mentions, *spans):
        cuts.update((max(0, min(item["start"], len(text))), max(0, min(item["end"], len(text)))))
    removed_at: dict[int, list[dict]] = {}
    for removal in removals:
        at = max(0, min(removal["at"], len(text)))
        cuts.add(at)
        removed_at.setdefault(at, []).append({"kind": removal["kind"], "text": removal["text"]})
    openings: dict[int, list[tuple[str, dict]]] = {}
    for mention in mentions:
        openings.setdefault(mention["start"], []).append(("mention", mention))
    for span in spans:
        openings.setdefault(span["start"], []).append(("span", span))
    active_spans: list[dict] = []
    mention: dict | None = None
    segments: list[dict] = []
    ordered = sorted(cuts)
    for begin, end in zip(ordered, ordered[1:] + [None]):
        segments.extend({"removed": r} for r in removed_at.get(begin, []))
        if end is None:
            break
        active_spans = [s for s in active_spans if s["end"] > begin]
        if mention is not None and mention["end"] <= begin:
            mention = None
        for kind, item in openings.get(begin, []):
            if kind == "span":
                active_spans.append(item)
            elif mention is None and item["end"] > begin:
                mention = item
        records = [{"id": s["record"], "kind": s["kind"], "label": s["label"]} for s in active_spans]
        segments.append({
            "text": text[begin:end], "start": begin,
            "entity": {"id": mention["entity"], "name": mention["name"], "type": mention["type"]} if mention else None,
            "records": list({r["id"]: r for r in records}.values()),
            "focus": focus is not None and any(r["id"] == focus for r in records),
        })
    return segments
