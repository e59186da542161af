"""Within-document coreference, as rules: names, surnames, acronyms, metonyms, pronouns.

Capitals and seats of power (Tehran, the Kremlin) stand for their state when they act or are
acted on ("Tehran agreed", "talks with Moscow", "flew to Moscow"); they stay places where the
sentence locates something in them ("a meeting in Moscow", "flights from Tehran").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from allsource.extract.mentions import PERSON_TITLE_WORDS, Candidate
from allsource.model.ids import make_id
from allsource.errors import ConfigError
from allsource.model.names import (acronym_of, clean_surface, name_parts, org_key, person_key,
                                   person_names_compatible, surname_key)
from allsource.model.records import LocalEntity, Mention

AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent", "csubj"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "outside", "around", "inside", "across", "through",
                                   "within", "throughout", "into", "over", "of"})
PRONOUN_GENDER = {**dict.fromkeys(("he", "him", "his", "himself"), "male"),
                  **dict.fromkeys(("she", "her", "hers", "herself"), "female")}
TITLE_GENDER = {**dict.fromkeys(("mr", "sir", "king", "prince", "lord"), "male"),
                **dict.fromkeys(("mrs", "ms", "miss", "madam", "lady", "queen", "princess", "dame"), "female")}
FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
PRONOUN_WINDOW_SENTENCES = 3
# how far back a person whose given name or title matches the pronoun's gender is still found
GENDERED_WINDOW_SENTENCES = 6
# "the country", "this company": a definite description by a kind word, and the entity types it can name
KIND_WORDS = {**dict.fromkeys(("country", "nation"), ("state",)),
              **dict.fromkeys(("company", "firm", "group", "organisation", "organization", "agency", "party",
                               "ministry", "department", "campaign", "newspaper", "network", "university",
                               "institute", "council", "committee", "union", "alliance", "bank"), ("organization",)),
              **dict.fromkeys(("city", "town", "region", "province", "capital"), ("place",))}
GIVEN_NAMES_PATH = "data/given_names.yaml"
_ACRONYM_IN_PARENS = re.compile(r"\s*\(([A-Z][A-Za-z\-]{1,9})\)")


@dataclass
class Cluster:
    key: str
    type: str
    subtype: str = ""
    canonical: str = ""
    members: list[Candidate] = field(default_factory=list)
    acronym: str = ""

    def surface_forms(self) -> list[str]:
        forms: dict[str, None] = {}
        for member in self.members:
            if member.source not in ("demonym", "pronoun"):
                forms.setdefault(clean_surface(member.text), None)
        return [f for f in forms if f]

    def name(self) -> str:
        if self.canonical:
            return self.canonical
        forms = self.surface_forms() or [clean_surface(self.members[0].text)]
        counts = Counter(clean_surface(m.text) for m in self.members)
        return max(forms, key=lambda f: (len(f.split()) if self.type == "person" else 0, counts[f], len(f)))


def resolve_document(doc, candidates: list[Candidate], doc_id: str) -> tuple[list[LocalEntity], list[Mention]]:
    """Groups a document's mention candidates into local entities and adds pronoun mentions."""
    text = doc.text  # Doc.text rebuilds the string on every access
    clusters: dict[str, Cluster] = {}
    assignments: list[tuple[Candidate, str]] = []
    candidates = sorted([*candidates, *_given_name_candidates(doc, candidates)], key=lambda c: c.start)
    for cand in candidates:
        key = _cluster_key(doc, cand, clusters)
        cluster = clusters.get(key)
        if cluster is None:
            cluster = clusters[key] = Cluster(key, cand.type, cand.subtype, _canonical(cand, doc))
        cluster.members.append(cand)
        assignments.append((cand, key))
        _note_acronym(text, cand, cluster)
    _fold_surnames_and_acronyms(clusters, assignments)
    assignments += _propagated_mentions(doc, text, assignments, clusters)
    assignments += _role_descriptions(doc, assignments, clusters)
    assignments += _kind_descriptions(doc, assignments, clusters)
    assignments += _appositive_descriptions(doc, assignments, clusters)
    assignments += _pronoun_mentions(doc, assignments, clusters)
    assignments += _quoted_first_person(doc, text, assignments, clusters)
    return _records(text, doc_id, clusters, assignments)


def _given_name_candidates(doc, candidates: list[Candidate]) -> list[Candidate]:
    """People the model missed whose name opens with a known given name ("Isabel Ruiz"): a
    proper noun from the list, with the proper nouns that follow it."""
    names = given_names()
    taken = sorted((c.start, c.end) for c in candidates)
    out = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.text not in names or token.pos_ != "PROPN" or _overlaps(taken, token.idx, token.idx + len(token)):
            i += 1
            continue
        end = i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                and not _overlaps(taken, doc[end].idx, doc[end].idx + len(doc[end])):
            end += 1
        span = doc[i:end]
        out.append(Candidate(span.start_char, span.end_char, span.text, "person", "given_name",
                             token_start=i, token_end=end))
        i = end
    return out


def _canonical(cand: Candidate, doc) -> str:
    if cand.source == "seat" and _acts_as_agent(doc, cand):
        return cand.seat_of
    return cand.canonical


def _cluster_key(doc, cand: Candidate, clusters: dict[str, Cluster]) -> str:
    if cand.source == "seat":
        if _acts_as_agent(doc, cand):
            cand.type, cand.canonical = "state", cand.seat_of
            return f"state:{cand.seat_of}"
        return f"place:{org_key(cand.text)}"
    if cand.canonical:
        return f"{cand.type}:{cand.canonical}"
    if cand.type == "person":
        return _person_cluster(cand, clusters)
    key = org_key(cand.text)
    for cluster in clusters.values():
        if cluster.acronym and cluster.acronym == cand.text:
            return cluster.key
    return f"{cand.type}:{key}"


def _person_cluster(cand: Candidate, clusters: dict[str, Cluster]) -> str:
    name = clean_surface(cand.text)
    # a name joins a person only if it fits every full name already given to them, so
    # "Assad" can join Hafez al-Assad, but Bashar al-Assad cannot join them through it
    matches = [c for c in clusters.values() if c.type == "person"
               and any(person_names_compatible(name, clean_surface(m.text)) for m in c.members)
               and all(person_names_compatible(name, form) for form in c.surface_forms() if len(form.split()) > 1)]
    if matches:
        # the most recently mentioned compatible person wins ("Assad" after "Bashar al-Assad")
        return max(matches, key=lambda c: c.members[-1].start).key
    return f"person:{person_key(name)}"


def _acts_as_agent(doc, cand: Candidate) -> bool:
    """A capital stands for its state unless the sentence puts something physically in it."""
    head = doc[cand.token_start:cand.token_end].root
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    if head.dep_ == "pobj":
        return head.head.lower_ not in LOCATIVE_PREPOSITIONS
    return head.dep_ in AGENT_DEPS or head.dep_ in ("dobj", "obj", "dative", "appos", "compound", "nmod")


def _note_acronym(text: str, cand: Candidate, cluster: Cluster) -> None:
    """'Long Name (LN)' makes LN a name of the long name's entity."""
    follow = _ACRONYM_IN_PARENS.match(text, cand.end)
    if follow and cand.type != "person":
        acronym = follow.group(1)
        if acronym_of(cand.text).startswith(acronym[:2].upper()):
            cluster.acronym = acronym


def _fold_surnames_and_acronyms(clusters: dict[str, Cluster], assignments: list[tuple[Candidate, str]]) -> None:
    """Second pass: a name seen before its full form (a headline's "Zarif"), a surname the
    model tagged as a place, or an acronym defined later, joins the entity it names."""
    people = [c for c in clusters.values() if c.type == "person"]
    renames: dict[str, str] = {}
    for cluster in list(clusters.values()):
        names = cluster.surface_forms()
        if not names or cluster.canonical:
            continue
        single = len(names) == 1 and len(names[0].split()) == 1
        if single:
            target = _person_named_by(names[0], cluster, people)
            if target is not None:
                renames[cluster.key] = target.key
                continue
        acronym_owner = [c for c in clusters.values() if c.acronym and c.acronym == names[0] and c is not cluster]
        if acronym_owner:
            renames[cluster.key] = acronym_owner[0].key
    for source, target in renames.items():
        while target in renames:
            target = renames[target]
        moved = clusters.pop(source)
        for member in moved.members:
            member.type = clusters[target].type
        clusters[target].members.extend(moved.members)
    for i, (cand, key) in enumerate(assignments):
        while key in renames:
            key = renames[key]
        assignments[i] = (cand, key)


def _person_named_by(name: str, cluster: Cluster, people: list[Cluster]) -> Cluster | None:
    """The one person a single word names: by their surname, by their given name ("Mario" after
    "Mario J. Lucero"), or as the same word the model typed as a person elsewhere."""
    others = [p for p in people if p is not cluster]
    for fits in (_by_surname, _by_given_name, _by_same_word):
        targets = {p.key: p for p in others if fits(name, cluster, p)}
        if len(targets) == 1:
            return next(iter(targets.values()))
        if targets:
            return None
    return None


def _by_surname(name: str, cluster: Cluster, person: Cluster) -> bool:
    full = person.name()
    return (len(full.split()) > 1 and surname_key(full) == surname_key(name)
            and person_names_compatible(name, full))


def _by_given_name(name: str, cluster: Cluster, person: Cluster) -> bool:
    parts = name_parts(name)
    return (cluster.type == "person" and len(parts) == 1
            and any(len(name_parts(form)) > 1 and name_parts(form)[0] == parts[0]
                    for form in person.surface_forms()))


def _by_same_word(name: str, cluster: Cluster, person: Cluster) -> bool:
    return cluster.type != "person" and name in person.surface_forms()


def _propagated_mentions(doc, text: str, assignments, clusters) -> list[tuple[Candidate, str]]:
    """Names the model tagged once but missed elsewhere ("Soleimani" after "Qassem Soleimani"):
    every other occurrence of a known name, of an acronym defined in parentheses, or of a
    person's surname that names no one else, becomes a mention of the same entity."""
    forms: dict[str, set[str]] = {}
    for key, cluster in clusters.items():
        for form in cluster.surface_forms():
            forms.setdefault(form, set()).add(key)
        if cluster.acronym:
            forms.setdefault(cluster.acronym, set()).add(key)
        if cluster.type == "person":
            for form in cluster.surface_forms():
                parts = form.split()
                if len(parts) > 1 and parts[-1][:1].isupper():
                    forms.setdefault(parts[-1], set()).add(key)
    usable = {f: next(iter(keys)) for f, keys in forms.items() if len(keys) == 1 and len(f) > 2 and f[:1].isupper()}
    if not usable:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in sorted(usable, key=len, reverse=True)) + r")\b")
    taken = sorted((c.start, c.end) for c, _ in assignments)
    out = []
    for match in pattern.finditer(text):
        if _overlaps(taken, match.start(), match.end()):
            continue
        span = doc.char_span(match.start(), match.end())
        if span is None:
            continue
        key = usable[match.group()]
        found = Candidate(match.start(), match.end(), match.group(), clusters[key].type, "propagated",
                          token_start=span.start, token_end=span.end)
        clusters[key].members.append(found)
        out.append((found, key))
    return out


def _overlaps(sorted_spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(sorted_spans, (end, end))
    return any(s < end and e > start for s, e in sorted_spans[max(0, i - 3):i])


def _role_descriptions(doc, assignments, clusters) -> list[tuple[Candidate, str]]:
    """'the foreign minister' after 'Foreign Minister Mohammad Javad Zarif': a definite
    description by a title refers to the person last named with that title."""
    titled: list[tuple[int, str, str]] = []  # (offset, title word, cluster key)
    for cand, key in assignments:
        if clusters[key].type == "person" and cand.token_start > 0:
            before = doc[cand.token_start - 1]
            if before.lower_ in PERSON_TITLE_WORDS and before.lower_ not in ("mr", "mrs", "ms", "dr"):
                titled.append((cand.start, before.lower_, key))
    if not titled:
        return []
    taken = sorted((c.start, c.end) for c, _ in assignments)
    out = []
    for token in doc:
        if token.lower_ not in PERSON_TITLE_WORDS or token.pos_ != "NOUN" or token.dep_ == "compound":
            continue
        determiners = [c for c in token.children if c.dep_ == "det"]
        if not determiners or determiners[0].lower_ != "the" or any(c.dep_ == "appos" for c in token.children):
            continue
        if _overlaps(taken, token.idx, token.idx + len(token.text)):
            continue
        earlier = [key for offset, word, key in titled if offset < token.idx and word == token.lower_]
        if earlier:
            out.append((Candidate(token.idx, token.idx + len(token.text), token.text, "person", "description",
                                  token_start=token.i, token_end=token.i + 1), earlier[-1]))
    return out


def _kind_descriptions(doc, assignments, clusters) -> list[tuple[Candidate, str]]:
    """"the country" after "Australia", "the company" after "Microsoft": the most recent entity of
    a kind the word can name, within a few sentences."""
    named = sorted((c.start, key) for c, key in assignments if c.source not in ("pronoun", "description", "demonym"))
    taken = sorted((c.start, c.end) for c, _ in assignments)
    sentence_starts = [s.start_char for s in doc.sents]
    out = []
    for token in doc:
        types = KIND_WORDS.get(token.lower_)
        if types is None or token.pos_ != "NOUN" or token.dep_ == "compound":
            continue
        determiners = [c for c in token.children if c.dep_ == "det"]
        if (not determiners or determiners[0].lower_ not in ("the", "this")
                or any(c.dep_ in ("appos", "prep", "compound") for c in token.children)
                or _overlaps(taken, token.idx, token.idx + len(token.text))):
            continue
        antecedent = next((key for start, key in reversed(named) if start < token.idx
                           and clusters[key].type in types
                           and _sentence_distance(sentence_starts, start, token.idx) <= PRONOUN_WINDOW_SENTENCES),
                          None)
        if antecedent is not None:
            out.append((Candidate(determiners[0].idx, token.idx + len(token.text),
                                  doc[determiners[0].i:token.i + 1].text, clusters[antecedent].type, "description",
                                  token_start=determiners[0].i, token_end=token.i + 1), antecedent))
    return out


def _appositive_descriptions(doc, assignments, clusters) -> list[tuple[Candidate, str]]:
    """"Thomas Sam, a practising homeopath", "his wife Manju Sam": a common noun set in apposition
    to a person's name describes that person. The description runs from its first word to its
    noun, leaving out what follows ("Director" of "Director of the Institute", which is an entity
    of its own)."""
    people = {i: key for c, key in assignments if clusters[key].type == "person"
              for i in range(c.token_start, c.token_end)}
    taken = sorted((c.start, c.end) for c, _ in assignments)
    out = []
    for token in doc:
        if token.i in people or token.tag_ not in ("NN", "NNP") or not _describes(token):
            continue
        if token.dep_ == "appos" and token.head.i in people:
            key = people[token.head.i]
        elif any(c.dep_ in ("det", "poss") for c in token.children):  # "his wife Manju Sam", not "Image: X"
            key = next((people[c.i] for c in token.children if c.dep_ == "appos" and c.i in people), None)
        else:
            continue
        if key is None:
            continue
        first = token.left_edge
        start, end = first.idx, token.idx + len(token.text)
        if _overlaps(taken, start, end):
            continue
        taken.insert(bisect.bisect_left(taken, (start, end)), (start, end))
        out.append((Candidate(start, end, doc[first.i:token.i + 1].text, "person", "description",
                              token_start=first.i, token_end=token.i + 1), key))
    return out


def _describes(token) -> bool:
    """A common noun, or a capitalised office followed by what it heads ("Director of …")."""
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and any(c.dep_ == "prep" and c.lower_ == "of"
                                                                  for c in token.children))


def _pronoun_mentions(doc, assignments, clusters) -> list[tuple[Candidate, str]]:
    """He/she/his/her refer to the most recent person mentioned within a few sentences whose
    gender does not rule them out (a given name or a title such as "Mrs" tells it)."""
    # named mentions only: "Without naming the minister, he said…" is about someone else
    people = sorted(((c.start, key, _is_subject(doc, c)) for c, key in assignments
                     if clusters[key].type == "person" and c.source != "description"))
    if not people:
        return []
    genders = {key: _gender(doc, clusters[key]) for key in {key for _, key, _ in people}}
    sentence_starts = [s.start_char for s in doc.sents]
    out = []
    cursor = 0
    for token in doc:
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender is None:
            continue
        while cursor < len(people) and people[cursor][0] < token.idx:
            cursor += 1
        recent = []
        for index in range(cursor - 1, -1, -1):
            distance = _sentence_distance(sentence_starts, people[index][0], token.idx)
            if distance > GENDERED_WINDOW_SENTENCES:
                break
            recent.append((distance, people[index][1], people[index][2]))
        nearest = next(((key, subject) for distance, key, subject in recent
                        if genders[key] in ("", gender) and distance <= PRONOUN_WINDOW_SENTENCES), (None, False))
        known_to_fit = next((key for _, key, _ in recent if genders[key] == gender), None)
        # a person known to fit beats a nearer one who merely might ("Isabel … Drew Cass … she"),
        # unless the nearer one is the subject of a clause: "Soleimani flew to Moscow. He met…"
        # must not reach back to an earlier "the army of Bashar al-Assad"
        antecedent = nearest[0] if nearest[1] or not known_to_fit else known_to_fit
        if antecedent is not None:
            # a person first called "he" is not "she" three lines on
            genders[antecedent] = genders[antecedent] or gender
            out.append((Candidate(token.idx, token.idx + len(token.text), token.text, "person", "pronoun",
                                  token_start=token.i, token_end=token.i + 1), antecedent))
    return out


def _is_subject(doc, cand: Candidate) -> bool:
    return any(token.dep_ in ("nsubj", "nsubjpass") for token in doc[cand.token_start:cand.token_end])


def _quoted_first_person(doc, text: str, assignments, clusters) -> list[tuple[Candidate, str]]:
    """"I", "me" and "my" inside a quote are its speaker: the person (named, or a pronoun already
    resolved) who is the subject of a reporting verb beside the quote in its first or last sentence."""
    from allsource.extract.claims import find_quotes, load_lexicon

    people = {i: key for c, key in assignments if clusters[key].type == "person"
              for i in range(c.token_start, c.token_end)}
    if not people:
        return []
    verbs = load_lexicon().verbs
    taken = sorted((c.start, c.end) for c, _ in assignments)
    out = []
    for quote in find_quotes(text):
        speaker = _quote_speaker(doc, quote, people, verbs)
        if speaker is None:
            continue
        inside = doc.char_span(quote.open + 1, quote.close, alignment_mode="contract")
        for token in inside if inside is not None else ():
            if token.lower_ in FIRST_PERSON_SINGULAR and not _overlaps(taken, token.idx, token.idx + len(token)):
                out.append((Candidate(token.idx, token.idx + len(token.text), token.text, "person", "pronoun",
                                      token_start=token.i, token_end=token.i + 1), speaker))
    return out


def _quote_speaker(doc, quote, people: dict[int, str], verbs) -> str | None:
    for mark in (quote.close, quote.open):
        sentence = doc.char_span(mark, mark + 1, alignment_mode="expand")
        if sentence is None:
            continue
        for token in sentence.sent:
            outside = not quote.open <= token.idx <= quote.close
            if (outside and token.dep_ == "nsubj" and token.i in people
                    and not quote.open <= token.head.idx <= quote.close
                    and token.head.lemma_.lower() in verbs):
                return people[token.i]
    return None


def _gender(doc, cluster: Cluster) -> str:
    """"male", "female", or "" when neither the names nor the titles used tell."""
    names = given_names()
    votes = Counter()
    for member in cluster.members:
        if member.token_start > 0:
            title = doc[member.token_start - 1].lower_.rstrip(".")
            if title in TITLE_GENDER:
                votes[TITLE_GENDER[title]] += 1
        words = clean_surface(member.text).split()
        if words:
            votes[names.get(words[0], "")] += 1
    votes.pop("", None)
    if len(votes) == 1:
        return next(iter(votes))
    return ""


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Given name -> "male" or "female", from `data/given_names.yaml`."""
    import yaml

    try:
        data = yaml.safe_load(resources.files("allsource").joinpath(GIVEN_NAMES_PATH).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{GIVEN_NAMES_PATH}: cannot be read ({exc})") from exc
    if not isinstance(data, dict) or not all(isinstance(data.get(g), list) for g in ("male", "female")):
        raise ConfigError(f"{GIVEN_NAMES_PATH}: expected lists 'male' and 'female'")
    return {name: gender for gender in ("male", "female") for name in data[gender]}


def _sentence_distance(sentence_starts: list[int], a: int, b: int) -> int:
    return bisect.bisect_right(sentence_starts, b) - bisect.bisect_right(sentence_starts, a)


def _records(text: str, doc_id: str, clusters: dict[str, Cluster], assignments) -> tuple[list[LocalEntity], list[Mention]]:
    entity_ids = {key: make_id("le", doc_id, key) for key in clusters}
    counts = Counter(key for _, key in assignments)
    entities = []
    for key, cluster in clusters.items():
        entities.append(LocalEntity(
            id=entity_ids[key], doc=doc_id, type=cluster.type, name=cluster.name(),
            aliases=cluster.surface_forms() or [cluster.name()], subtype=cluster.subtype,
            acronym=cluster.acronym, mention_count=counts[key]))
    mentions = [Mention(make_id("m", doc_id, c.start, c.end), doc_id, c.start, c.end, text[c.start:c.end],
                        clusters[key].type, entity_ids[key], c.source)
                for c, key in sorted(assignments, key=lambda a: a[0].start)]
    return entities, mentions
