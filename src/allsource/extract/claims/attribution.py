"""What the rules find before it becomes a `Claim`: a speaker, a cue and the content."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Content:
    start: int
    end: int
    direct: bool
    # Entities the cue names as what the claim is about although they sit outside the
    # content: the accused in "X accused Y of Z".
    targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Frame:
    """The characters of an attribution itself: speaker and cue, without the content."""

    start: int
    end: int


@dataclass(frozen=True)
class Attribution:
    # The speaker's local entity; None when the phrase naming the speaker is no entity we know
    # ("a campaign aide said"): such attributions are found and scored, but give no claim.
    speaker: str | None
    cue: str
    cue_start: int
    cue_end: int
    content: Content
    negated: bool = False
    # The entity relaying the speaker's words ("Laylaz quoted Zarif as saying …").
    relayed_by: str | None = None
    # A quote whose speaker and cue were borrowed from a neighbouring attribution.
    borrowed: bool = False
    # The characters of the phrase that names the speaker ("a senior official, Ali Vaezi").
    speaker_span: tuple[int, int] | None = None
    # A belief or intention ("X thinks …", "X vowed to …"): an attribution, but not a claim.
    belief: bool = False


def encloses(outer: Attribution, inner: Attribution) -> bool:
    """`inner` was made inside `outer`'s account: its cue lies in the larger content of another speaker."""
    outer_size = outer.content.end - outer.content.start
    inner_size = inner.content.end - inner.content.start
    return (outer.speaker != inner.speaker
            and outer.content.start <= inner.cue_start < outer.content.end
            and outer_size > inner_size)
