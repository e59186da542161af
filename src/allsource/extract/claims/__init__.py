"""Who claimed what: quoted and reported speech, found through reporting cues.

An attribution has a cue (a reporting verb such as "said", a phrase such as "according to", a
possessive such as "in Zarif's words", or "quoted as saying"), a speaker (the actor the cue
names, resolved to a document-local entity through the MentionIndex) and content (the reported
clause or the quote). A quote whose own sentence names no speaker borrows the speaker of the
nearest attribution in its paragraph. An attribution made inside someone else's account
("Kerry told me that…" within a quote by Zarif) points to that account through `via`.

The cues are data: `data/reporting_verbs.yaml`.

The modules, in the order a document passes through them: `lexicon` (the cues), `quotes`
(pairing quote marks), `context` (the per-document look-ups), the rules in `verbs` and
`phrases` (with `parse` and `content` as their helpers), `orphans` (quotes no cue claimed),
`records` (attributions to `Claim`s) and `extractor`, which runs them in that order.
"""

from allsource.extract.claims.attribution import Attribution
from allsource.extract.claims.extractor import extract_claims, find_attributions
from allsource.extract.claims.lexicon import LEXICON_PATH, Lexicon, QuotedAs, VerbCue, load_lexicon, parse_lexicon
from allsource.extract.claims.quotes import Quote, find_quotes

__all__ = ["LEXICON_PATH", "Attribution", "Lexicon", "Quote", "QuotedAs", "VerbCue", "extract_claims",
           "find_attributions", "find_quotes", "load_lexicon", "parse_lexicon"]
