"""Attributions to `Claim` records: one per speaker and content, with evidence and `via`."""

from __future__ import annotations

from allsource.extract.claims.attribution import Attribution, Content, encloses
from allsource.extract.claims.context import Context
from allsource.model.ids import make_id
from allsource.model.records import Claim, Evidence


def unique_attributions(attributions: list[Attribution], document_id: str) -> dict[str, Attribution]:
    """Claim id -> attribution. Two cues may report the same content by the same speaker; the first cue wins."""
    unique: dict[str, Attribution] = {}
    for attribution in sorted(attributions, key=lambda a: (a.content.start, a.content.end, a.cue_start)):
        if attribution.content.end > attribution.content.start:
            unique.setdefault(_claim_id(document_id, attribution.content, attribution.speaker), attribution)
    return unique


def to_claims(attributions: list[Attribution], context: Context) -> list[Claim]:
    # an attribution to someone we cannot name as an entity, or of a belief, gives no claim
    unique = {claim_id: attribution for claim_id, attribution
              in unique_attributions(attributions, context.document_id).items()
              if attribution.speaker is not None and not attribution.belief}
    claims = [
        _to_claim(claim_id, attribution, _enclosing_claim(attribution, unique, context), context)
        for claim_id, attribution in unique.items()
    ]
    return sorted(claims, key=lambda claim: (claim.evidence[0].start, claim.evidence[0].end, claim.id))


def _claim_id(document_id: str, content: Content, speaker: str) -> str:
    return make_id("claim", document_id, content.start, content.end, speaker)


def _enclosing_claim(attribution: Attribution, unique: dict[str, Attribution], context: Context) -> str | None:
    """The id of the innermost claim whose account contains this one."""
    if attribution.relayed_by is not None:
        relay_id = _claim_id(context.document_id, attribution.content, attribution.relayed_by)
        return relay_id if relay_id in unique else None
    enclosing = [(other.content.end - other.content.start, claim_id)
                 for claim_id, other in unique.items() if encloses(other, attribution)]
    return min(enclosing)[1] if enclosing else None


def _to_claim(claim_id: str, attribution: Attribution, via: str | None, context: Context) -> Claim:
    content = attribution.content
    if attribution.borrowed:
        around = context.sentences_around(content.start, content.end)
    else:
        around = context.sentences_around(min(content.start, attribution.cue_start),
                                          max(content.end, attribution.cue_end))
    evidence = [_evidence(context, content.start, content.end), _evidence(context, *around)]
    return Claim(
        id=claim_id,
        speaker=attribution.speaker,
        cue=attribution.cue,
        text=context.text[content.start:content.end],
        direct=content.direct,
        evidence=evidence,
        about=_about(attribution, context),
        via=via,
        negated=attribution.negated,
    )


def _evidence(context: Context, start: int, end: int) -> Evidence:
    return Evidence(context.document_id, start, end, context.text[start:end])


def _about(attribution: Attribution, context: Context) -> list[str]:
    content = attribution.content
    entities = [*content.targets, *context.mentions.entities_in(content.start, content.end)]
    return [entity for entity in dict.fromkeys(entities) if entity != attribution.speaker]
