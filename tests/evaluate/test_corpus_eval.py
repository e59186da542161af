"""The gold-standard evaluator, the bundled example corpus and its gold annotations."""

from __future__ import annotations

import html
import importlib.util
import json
import os
import re
from pathlib import Path

import pytest
import yaml

from allsource.errors import InputError
from allsource.evaluate.corpus import (
    CATEGORIES,
    EvaluationReport,
    check_gold,
    doc_key,
    evaluate_records,
    format_report,
    load_gold,
    match_entities,
    normalize_form,
    read_records,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "allsource" / "data"
CORPUS = DATA / "corpus"
CORPUS_GOLD = DATA / "gold" / "corpus.json"
SEED_GOLD = ROOT / "tests" / "gold" / "seed-004.json"
SEEDS = Path(os.environ.get("ALLSOURCE_SEEDS", "/work/shared/seeds"))
ONTOLOGY = yaml.safe_load((DATA / "ontology.yaml").read_text(encoding="utf-8"))


# -- hand-built records ----------------------------------------------------------------------

def document(doc_id: str, name: str) -> dict:
    return {"record": "document", "id": doc_id, "title": name, "authors": [], "publisher": "",
            "published": None, "source": f"/data/articles/{name}", "text": ""}


def entity(eid: str, etype: str, name: str, *aliases: str, mentions: int = 2) -> dict:
    return {"record": "entity", "id": eid, "type": etype, "name": name,
            "aliases": [name, *aliases], "mention_count": mentions}


def evidence(doc_id: str, text: str = "some words") -> list[dict]:
    return [{"doc": doc_id, "start": 0, "end": len(text), "text": text}]


def statement(sid: str, doc_id: str, subject: str, predicate: str, obj: str | None,
              negated: bool = False, text: str = "some words") -> dict:
    return {"record": "statement", "id": sid, "subject": subject, "predicate": predicate,
            "object": obj, "item": None, "role": None, "time": None, "negated": negated,
            "modality": "plain", "confidence": 0.7, "evidence": evidence(doc_id, text)}


def event(vid: str, doc_id: str, event_type: str, participants: list[str], start: str | None = None,
          end: str | None = None) -> dict:
    time = None if start is None else {"start": start, "end": end or start, "precision": "day",
                                       "text": start}
    return {"record": "event", "id": vid, "event_type": event_type, "participants": participants,
            "place": None, "time": time, "evidence": evidence(doc_id)}


def claim(cid: str, doc_id: str, speaker: str, text: str, direct: bool = True) -> dict:
    return {"record": "claim", "id": cid, "speaker": speaker, "cue": "said", "text": text,
            "direct": direct, "about": [], "statement": None, "evidence": evidence(doc_id, text)}


def conflict(kid: str, a: str, b: str, reason: str = "different answers") -> dict:
    return {"record": "conflict", "id": kid, "a": a, "b": b, "reason": reason}


GOLD_ENTITIES = [
    {"name": "Qassem Soleimani", "type": "person",
     "aliases": ["Qasem Soleimani", "Qassem Suleimani", "Suleimani", "Soleimani"]},
    {"name": "Vladimir Putin", "type": "person", "aliases": ["Putin"]},
    {"name": "Russia", "type": "state", "aliases": ["Moscow", "Kremlin"]},
    {"name": "Iran", "type": "state", "aliases": ["Tehran"]},
    {"name": "S-300", "type": "weapon", "aliases": []},
    {"name": "Bashar al-Assad", "type": "person", "aliases": ["Assad"]},
    {"name": "Hafez al-Assad", "type": "person", "aliases": []},
]
DOCS = "05-soleimani-moscow.txt", "06-kremlin-version.txt", "08-zarif-tape.txt"


def base_records() -> list[dict]:
    return [document("d5", DOCS[0]), document("d6", DOCS[1]), document("d8", DOCS[2]),
            entity("e-sol", "person", "Qassem Soleimani", "Soleimani", "Qasem Soleimani"),
            entity("e-put", "person", "Vladimir Putin", "Putin"),
            entity("e-rus", "state", "Russia", "Moscow", "the Kremlin"),
            entity("e-irn", "state", "Iran", "Tehran"),
            entity("e-s300", "weapon", "S-300")]


def gold_with(**items) -> dict:
    return {"corpus": "test", "entities": GOLD_ENTITIES, "never_merge": [], **items}


# -- scores ----------------------------------------------------------------------------------

def test_two_of_three_statements_found_with_one_spurious():
    gold = gold_with(statements=[
        {"doc": DOCS[0], "subject": "Qassem Soleimani", "predicate": "visits", "object": "Russia",
         "item": None, "negated": False},
        {"doc": DOCS[0], "subject": "Qassem Soleimani", "predicate": "meets", "object": "Vladimir Putin",
         "item": None, "negated": False},
        {"doc": DOCS[1], "subject": "Russia", "predicate": "supplies", "object": "Iran",
         "item": "S-300", "negated": False},
    ])
    records = base_records() + [
        statement("s1", "d5", "e-sol", "visits", "e-rus"),
        statement("s2", "d5", "e-sol", "meets", "e-put"),
        statement("s3", "d5", "e-rus", "supplies", "e-irn"),  # right facts, wrong document
    ]
    score = evaluate_records(gold, records).statements
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 / 3)


def test_statement_needs_same_negation_predicate_and_arguments():
    gold = gold_with(statements=[{"doc": DOCS[1], "subject": "Qassem Soleimani", "predicate": "meets",
                                  "object": "Vladimir Putin", "item": None, "negated": True}])
    wrong = [statement("s1", "d6", "e-sol", "meets", "e-put", negated=False),
             statement("s2", "d6", "e-sol", "visits", "e-put", negated=True),
             statement("s3", "d6", "e-sol", "meets", "e-rus", negated=True)]
    score = evaluate_records(gold, base_records() + wrong).statements
    assert (score.tp, score.fp, score.fn) == (0, 3, 1)
    right = statement("s4", "d6", "e-sol", "meets", "e-put", negated=True)
    assert evaluate_records(gold, base_records() + wrong + [right]).statements.tp == 1


def test_symmetric_predicates_may_swap_subject_and_object():
    gold = gold_with(statements=[
        {"doc": DOCS[0], "subject": "Iran", "predicate": "cooperates_with", "object": "Russia",
         "item": None, "negated": False},
        {"doc": DOCS[0], "subject": "Russia", "predicate": "supplies", "object": "Iran",
         "item": None, "negated": False}])
    records = base_records() + [statement("s1", "d5", "e-rus", "cooperates_with", "e-irn"),
                                statement("s2", "d5", "e-irn", "supplies", "e-rus")]
    score = evaluate_records(gold, records).statements
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)


def test_null_object_matches_only_null():
    gold = gold_with(statements=[{"doc": DOCS[0], "subject": "Vladimir Putin", "predicate": "holds_role",
                                  "object": None, "role": "President", "item": None, "negated": False}])
    with_body = statement("s1", "d5", "e-put", "holds_role", "e-rus")
    assert evaluate_records(gold, base_records() + [with_body]).statements.tp == 0
    without = statement("s2", "d5", "e-put", "holds_role", None)
    assert evaluate_records(gold, base_records() + [with_body, without]).statements.tp == 1


def test_each_gold_item_matches_at_most_one_record():
    gold = gold_with(statements=[{"doc": DOCS[0], "subject": "Qassem Soleimani", "predicate": "visits",
                                  "object": "Russia", "item": None, "negated": False}])
    records = base_records() + [statement("s1", "d5", "e-sol", "visits", "e-rus"),
                                statement("s2", "d5", "e-sol", "visits", "e-rus")]
    score = evaluate_records(gold, records).statements
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)
    assert score.precision == 0.5 and score.recall == 1.0


def test_greedy_assignment_serves_scarce_gold_items_first():
    gold = gold_with(events=[
        {"doc": DOCS[0], "type": "meeting", "participants": ["Qassem Soleimani", "Vladimir Putin"],
         "date": None},
        {"doc": DOCS[0], "type": "meeting", "participants": ["Qassem Soleimani"], "date": "2015-07"}])
    records = base_records() + [event("v1", "d5", "meeting", ["e-sol"], "2015-07-24"),
                                event("v2", "d5", "meeting", ["e-put"], "2016-01-01")]
    score = evaluate_records(gold, records).events
    assert (score.tp, score.fp, score.fn) == (2, 0, 0)


def test_records_from_documents_outside_the_gold_are_ignored():
    gold = gold_with(statements=[{"doc": DOCS[0], "subject": "Qassem Soleimani", "predicate": "visits",
                                  "object": "Russia", "item": None, "negated": False}])
    records = base_records() + [document("dx", "99-elsewhere.txt"),
                                statement("s1", "d5", "e-sol", "visits", "e-rus"),
                                statement("s2", "dx", "e-rus", "attacks", "e-irn")]
    report = evaluate_records(gold, records)
    assert (report.statements.tp, report.statements.fp) == (1, 0)
    assert report.ignored_records == 1
    assert report.documents == [DOCS[0]]


@pytest.mark.parametrize("start,end,agrees", [
    ("2015-07-24", None, True),
    ("2015-07-01", "2015-07-31", True),
    ("2015-01-01", "2015-12-31", True),
    ("2015", None, True),
    ("2015-09-30", None, False),
    ("2014-01-01", "2014-12-31", False),
])
def test_event_dates_agree_by_prefix_overlap(start, end, agrees):
    gold = gold_with(events=[{"doc": DOCS[0], "type": "visit",
                              "participants": ["Qassem Soleimani", "Russia"], "date": "2015-07"}])
    records = base_records() + [event("v1", "d5", "visit", ["e-sol"], start, end)]
    assert evaluate_records(gold, records).events.tp == int(agrees)


def test_event_needs_type_and_a_shared_participant():
    gold = gold_with(events=[{"doc": DOCS[0], "type": "visit", "participants": ["Qassem Soleimani"],
                              "date": "2015-07"}])
    records = base_records() + [event("v1", "d5", "meeting", ["e-sol"], "2015-07-24"),
                                event("v2", "d5", "visit", ["e-put"], "2015-07-24"),
                                event("v3", "d5", "visit", ["e-sol", "e-rus"])]  # undated: agrees
    score = evaluate_records(gold, records).events
    assert (score.tp, score.fp, score.fn) == (1, 2, 0)


def test_claims_match_on_speaker_and_phrase():
    gold = gold_with(claims=[{"doc": DOCS[1], "speaker": "Vladimir Putin", "contains": "did NOT receive him",
                              "direct": True},
                             {"doc": DOCS[2], "speaker": "Russia", "contains": "Russia’s request",
                              "direct": False}])
    records = base_records() + [
        claim("c1", "d6", "e-put", "Putin did not  receive him, and there is nothing more to add"),
        claim("c2", "d8", "e-irn", "the trip was arranged at Russia's request"),  # wrong speaker
        claim("c3", "d8", "e-rus", "it was all the Kremlin's idea"),  # right speaker, wrong content
    ]
    score = evaluate_records(gold, records).claims
    assert (score.tp, score.fp, score.fn) == (1, 2, 1)
    fixed = claim("c4", "d8", "e-rus", "the trip was arranged at Russia's request, not Iran's")
    assert evaluate_records(gold, records + [fixed]).claims.tp == 2


def test_conflicts_need_the_two_documents_and_an_about_entity():
    gold = gold_with(conflicts=[{"docs": [DOCS[0], DOCS[2]], "kind": "answer",
                                 "about": ["Qassem Soleimani", "Vladimir Putin"],
                                 "question": "who initiated the Syria intervention"}])
    records = base_records() + [
        statement("s5", "d5", "e-sol", "influences", "e-put"),
        claim("c8", "d8", "e-irn", "Moscow took the initiative"),
        statement("s6", "d5", "e-rus", "supplies", "e-irn"),
        claim("c9", "d8", "e-irn", "the deal was signed"),
        statement("s7", "d5", "e-rus", "attacks", "e-irn"),
    ]
    same_doc = conflict("k1", "s5", "s7")
    unrelated = conflict("k2", "s6", "c9")
    right = conflict("k3", "c8", "s5")  # either order
    score = evaluate_records(gold, records + [same_doc, unrelated]).conflicts
    assert (score.tp, score.fp, score.fn) == (0, 2, 1)
    score = evaluate_records(gold, records + [same_doc, unrelated, right]).conflicts
    assert (score.tp, score.fp, score.fn) == (1, 2, 0)
    named_in_reason = conflict("k4", "s6", "c9", reason="Putin’s role is told two ways")
    assert evaluate_records(gold, records + [named_in_reason]).conflicts.tp == 1


def test_entity_scores_count_types_and_spurious_actors():
    gold = {"corpus": "t", "entities": GOLD_ENTITIES[:4], "statements": [
        {"doc": DOCS[0], "subject": "Russia", "predicate": "visits", "object": "Iran", "item": None,
         "negated": False}]}
    records = [document("d5", DOCS[0]),
               entity("e-sol", "person", "Soleimani"),
               entity("e-put", "person", "Putin"),
               entity("e-rus", "place", "Moscow"),  # found but with the wrong type
               entity("e-x", "person", "Peskov", mentions=3),  # spurious actor
               entity("e-y", "place", "Latakia", mentions=5),  # not an actor type
               entity("e-z", "organization", "Rostec", mentions=1)]  # too rare to count
    report = evaluate_records(gold, records)
    assert (report.entities.tp, report.entities.fp, report.entities.fn) == (2, 1, 2)
    assert report.entities.precision == pytest.approx(2 / 3)
    assert report.entities.recall == pytest.approx(0.5)
    assert {m["name"] for m in report.missed["entities"]} == {"Russia", "Iran"}


def test_mentions_in_other_documents_do_not_make_false_positives():
    gold = {"corpus": "t", "entities": GOLD_ENTITIES[:1], "claims": [
        {"doc": DOCS[0], "speaker": "Qassem Soleimani", "contains": "x", "direct": True}]}
    mention = lambda i, doc: {"record": "mention", "id": f"m{i}", "entity": "e-x", "doc": doc,  # noqa: E731
                              "start": 0, "end": 6, "text": "Peskov"}
    records = [document("d5", DOCS[0]), document("dx", "other.txt"),
               entity("e-x", "person", "Peskov", mentions=3),
               mention(1, "dx"), mention(2, "dx"), mention(3, "d5")]
    assert evaluate_records(gold, records).entities.fp == 0
    assert evaluate_records(gold, records + [mention(4, "d5")]).entities.fp == 1


def test_alias_mapping_picks_the_entity_sharing_most_forms():
    kb = [entity("e1", "person", "Soleimani"),
          entity("e2", "person", "Qasem Soleimani", "Suleimani", "soleimani"),
          entity("e3", "place", "Moscow"),
          entity("e4", "state", "Moscow", "Russia"),
          entity("e5", "state", "Russian Federation"),
          entity("e6", "organization", "The Kremlin"),
          entity("e7", "agreement", "Gore-Chernomyrdin agreement")]
    gold = [GOLD_ENTITIES[0], GOLD_ENTITIES[2], {"name": "Iran", "type": "state", "aliases": []},
            {"name": "Gore–Chernomyrdin agreement", "type": "agreement", "aliases": []}]
    mapping = match_entities(gold, kb)
    assert mapping == {"Qassem Soleimani": "e2", "Russia": "e4", "Iran": None,
                       "Gore–Chernomyrdin agreement": "e7"}
    # a tie on shared forms goes to the entity of the gold type
    tie = match_entities([{"name": "Russia", "type": "state", "aliases": ["Moscow"]}],
                         [entity("p", "place", "Moscow"), entity("s", "state", "Russia")])
    assert tie == {"Russia": "s"}


def test_normalize_form():
    assert normalize_form("  The   Kremlin ") == "kremlin"
    assert normalize_form("Khamenei’s") == "khamenei"
    assert normalize_form("Gore–Chernomyrdin") == normalize_form("gore-chernomyrdin")
    assert doc_key("/data/x/05-soleimani-moscow.txt#2") == "05-soleimani-moscow.txt"


def test_merging_completeness_never_merge_and_purity():
    gold = {"corpus": "t", "entities": GOLD_ENTITIES, "never_merge": [["Bashar al-Assad", "Hafez al-Assad"],
                                                                       ["Vladimir Putin", "Iran"]]}
    records = [entity("a", "person", "Qassem Soleimani", "Soleimani", "Suleimani", "Qasem Soleimani"),
               entity("b", "person", "Qassem Suleimani"),
               entity("c", "person", "Bashar al-Assad", "Assad", "Hafez al-Assad"),
               entity("d", "person", "Putin"),
               entity("e", "state", "Iran")]
    merging = evaluate_records(gold, records).merging
    # Soleimani 4/5 in one entity, Bashar al-Assad 2/2 -> mean 0.9
    assert merging.completeness == pytest.approx(0.9) and merging.completeness_n == 2
    assert merging.never_merge_respected == 0.5 and merging.never_merge_n == 2
    # purities: a 1, b 1, c 2/3, d 1, e 1
    assert merging.purity == pytest.approx((4 + 2 / 3) / 5) and merging.purity_n == 5


def test_empty_category_scores_one_and_report_shapes():
    report = evaluate_records(gold_with(), base_records())
    assert isinstance(report, EvaluationReport)
    assert report.conflicts.precision == report.conflicts.recall == report.conflicts.f1 == 1.0
    data = report.to_dict()
    json.dumps(data)
    for category in CATEGORIES:
        assert set(data[category]) == {"tp", "fp", "fn", "precision", "recall", "f1"}
    text = format_report(report)
    table = [line for line in text.splitlines() if line.split()[:1] and line.split()[0] in CATEGORIES]
    assert [line.split()[0] for line in table] == list(CATEGORIES)
    assert len({len(line) for line in table}) == 1, "rows are aligned"
    assert "never-merge respected" in text
    with pytest.raises(KeyError):
        report.score("mentions")


def test_format_report_shows_figures():
    gold = gold_with(statements=[{"doc": DOCS[0], "subject": "Qassem Soleimani", "predicate": "visits",
                                  "object": "Russia", "item": None, "negated": False}] * 3)
    records = base_records() + [statement(f"s{i}", "d5", "e-sol", "visits", "e-rus") for i in range(2)]
    records.append(statement("s9", "d5", "e-put", "visits", "e-irn"))
    row = next(line for line in format_report(evaluate_records(gold, records)).splitlines()
               if line.startswith("statements"))
    assert row.split() == ["statements", "3", "3", "2", "1", "1", "0.667", "0.667", "0.667"]


def test_bad_records_and_gold_files_raise_input_errors(tmp_path):
    with pytest.raises(InputError, match="record 1"):
        evaluate_records(gold_with(), [{"id": "x"}])
    path = tmp_path / "kb.jsonl"
    path.write_text('{"record": "entity", "id": "e"}\n\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 3"):
        read_records(path)
    path.write_text('{"record": "entity", "id": "e", "type": "state", "name": "Iran"}\n', encoding="utf-8")
    assert read_records(path) == [{"record": "entity", "id": "e", "type": "state", "name": "Iran"}]
    bad = tmp_path / "gold.json"
    bad.write_text(json.dumps({"entities": [], "statements": [
        {"doc": "a.txt", "subject": "Nobody", "predicate": "likes", "object": None}]}), encoding="utf-8")
    with pytest.raises(InputError, match="gold.json"):
        load_gold(bad)
    problems = check_gold(json.loads(bad.read_text()), predicates=ONTOLOGY["predicates"],
                          event_types=ONTOLOGY["event_types"], entity_types=ONTOLOGY["entity_types"])
    assert any("likes" in p for p in problems) and any("Nobody" in p for p in problems)


# -- the gold files --------------------------------------------------------------------------

def raw_text(path: Path) -> str:
    """A document's raw file text (HTML entities decoded, PDF text read with pypdf), squashed."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader
        text = " ".join(page.extract_text() for page in PdfReader(str(path)).pages)
    else:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = html.unescape(text)
    return squash(text)


def squash(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split()).casefold()


GOLD_FILES = [pytest.param(CORPUS_GOLD, CORPUS, id="corpus"), pytest.param(SEED_GOLD, SEEDS, id="seed-004")]


@pytest.mark.parametrize("gold_path,folder", GOLD_FILES)
def test_gold_files_load_and_use_known_names(gold_path, folder):
    gold = load_gold(gold_path)
    problems = check_gold(gold, predicates=ONTOLOGY["predicates"], event_types=ONTOLOGY["event_types"],
                          entity_types=ONTOLOGY["entity_types"])
    assert problems == []
    names = {e["name"] for e in gold["entities"]}
    for s in gold["statements"]:
        assert {s["subject"], s["object"], s["item"]} - {None} <= names
        assert (s["predicate"] == "holds_role") == ("role" in s), s
    for pair in gold["never_merge"]:
        assert len(pair) == 2 and set(pair) <= names
    for v in gold["events"]:
        assert v["date"] is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v["date"]), v


@pytest.mark.parametrize("gold_path,folder", GOLD_FILES)
def test_gold_phrases_and_aliases_occur_in_the_documents(gold_path, folder):
    if not folder.is_dir():
        pytest.skip(f"{folder} is not available")
    gold = load_gold(gold_path)
    docs = {d for key in ("statements", "events", "claims") for d in (i["doc"] for i in gold[key])}
    texts = {d: raw_text(folder / d) for d in docs}
    for c in gold["claims"]:
        assert squash(c["contains"]) in texts[c["doc"]], c
    for k in gold["conflicts"]:
        assert set(k["docs"]) <= docs
    everything = " ".join(texts.values())
    for e in gold["entities"]:
        for alias in e["aliases"]:
            assert re.search(r"(?<![\w-])" + re.escape(squash(alias)) + r"(?![\w-])", everything), alias


def test_corpus_gold_covers_the_whole_corpus():
    gold = load_gold(CORPUS_GOLD)
    files = sorted(p.name for p in CORPUS.iterdir())
    assert {s["doc"] for s in gold["statements"]} == set(files)
    assert len(gold["statements"]) >= 60 and len(gold["events"]) >= 25 and len(gold["claims"]) >= 30
    kinds = {k["kind"] for k in gold["conflicts"]}
    assert kinds == {"answer", "polarity"} and len(gold["conflicts"]) >= 4
    for s in gold["statements"]:
        if s["negated"]:
            twin = [t for t in gold["statements"] if not t["negated"] and t["doc"] != s["doc"]
                    and (t["subject"], t["predicate"], t["object"]) == (s["subject"], s["predicate"], s["object"])]
            assert twin, f"negated statement without an asserted twin elsewhere: {s}"


def test_the_corpus_files():
    files = sorted(p.name for p in CORPUS.iterdir())
    assert [f[:2] for f in files] == [f"{i:02d}" for i in range(1, 11)]
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+\.(txt|md|html|pdf)", f) for f in files)
    suffixes = sorted(Path(f).suffix for f in files)
    assert suffixes == sorted([".txt"] * 7 + [".md", ".html", ".pdf"])
    for name in files:
        text = raw_text(CORPUS / name)
        if name.endswith(".html"):
            text = re.sub(r"<[^>]+>", " ", text)
        assert 350 <= len(text.split()) <= 700, name


def _pdf_maker():
    spec = importlib.util.spec_from_file_location("make_example_pdf", ROOT / "dev" / "make_example_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_corpus_pdf_is_generated_from_its_source_and_reads_back():
    maker = _pdf_maker()
    source = (ROOT / "dev" / "example_pdf_source.txt").read_text(encoding="utf-8")
    pdf = next(CORPUS.glob("*.pdf"))
    assert maker.build_pdf(source) == pdf.read_bytes(), "run dev/make_example_pdf.py"
    from pypdf import PdfReader
    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 2
    assert reader.metadata.title.startswith("The Shahed Pipeline")
    assert reader.metadata.author == "Marta Kowalczyk"
    words = re.sub(r"Page \d+ of \d+", " ", " ".join(p.extract_text() for p in reader.pages)).split()
    assert words == source.split()


@pytest.mark.parametrize("gold_path", [CORPUS_GOLD, SEED_GOLD], ids=["corpus", "seed-004"])
def test_a_kb_that_mirrors_the_gold_scores_perfectly(gold_path):
    gold = load_gold(gold_path)
    ids = {e["name"]: f"e{i}" for i, e in enumerate(gold["entities"])}
    docs = sorted({i["doc"] for key in ("statements", "events", "claims") for i in gold[key]})
    records = [document(f"d{i}", f"corpus/{d}") for i, d in enumerate(docs)]
    doc_id = {d: f"d{i}" for i, d in enumerate(docs)}
    records += [entity(ids[e["name"]], e["type"], e["name"], *e["aliases"]) for e in gold["entities"]]
    first_in: dict[str, str] = {}
    for i, s in enumerate(gold["statements"]):
        records.append(statement(f"s{i}", doc_id[s["doc"]], ids[s["subject"]], s["predicate"],
                                 ids.get(s["object"]), s["negated"]))
        first_in.setdefault(s["doc"], f"s{i}")
    for i, v in enumerate(gold["events"]):
        records.append(event(f"v{i}", doc_id[v["doc"]], v["type"], [ids[p] for p in v["participants"]],
                             v["date"]))
    for i, c in enumerate(gold["claims"]):
        records.append(claim(f"c{i}", doc_id[c["doc"]], ids[c["speaker"]], f"... {c['contains']} ..."))
    for i, k in enumerate(gold["conflicts"]):
        records.append(conflict(f"k{i}", first_in[k["docs"][0]], first_in[k["docs"][1]],
                                reason=f"two accounts of {k['about'][0]}"))
    report = evaluate_records(gold, records)
    for category in CATEGORIES:
        score = report.score(category)
        assert (score.precision, score.recall) == (1.0, 1.0), (category, report.missed[category])
    assert report.merging.completeness == report.merging.purity == 1.0
    assert report.merging.never_merge_respected == 1.0
