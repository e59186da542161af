"""Looks up which document-local entity a character span refers to."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from allsource.model.records import Mention


class MentionIndex:
    """Mentions of one document, sorted by start offset, with span look-ups."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self._mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self._mentions]
        self._longest = max((m.end - m.start for m in self._mentions), default=0)

    def __iter__(self):
        return iter(self._mentions)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        first = bisect.bisect_left(self._starts, start - self._longest)
        last = bisect.bisect_left(self._starts, end)
        return [m for m in self._mentions[first:last] if m.end > start]

    def entity_at(self, start: int, end: int) -> str | None:
        """The entity of the longest mention inside [start, end), else of one covering it."""
        inside = [m for m in self.overlapping(start, end) if m.start >= start and m.end <= end]
        if inside:
            return max(inside, key=lambda m: (m.end - m.start, -m.start)).entity
        covering = [m for m in self.overlapping(start, end) if m.start <= start and m.end >= end]
        if covering:
            return min(covering, key=lambda m: m.end - m.start).entity
        return None

    def entities_in(self, start: int, end: int) -> list[str]:
        """Distinct entities mentioned inside [start, end), in order of first mention."""
        seen: dict[str, None] = {}
        for mention in self.overlapping(start, end):
            if mention.start >= start and mention.end <= end:
                seen.setdefault(mention.entity, None)
        return list(seen)
