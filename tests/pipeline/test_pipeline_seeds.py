"""The reference workload: the five seed analyses in ../shared/seeds, built end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

import allsource

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")


@pytest.fixture(scope="module")
def seeds_kb(tmp_path_factory):
    with allsource.open(tmp_path_factory.mktemp("seeds") / "seeds.db") as kb:
        report = kb.add(SEEDS)
        assert not report.failed, report.failed
        yield kb


def aliases(kb, name: str) -> set[str]:
    return set(kb.entity(name)["aliases"])


def test_the_digest_file_is_split_into_its_articles(seeds_kb):
    sources = [d["source"] for d in seeds_kb.documents()]
    assert len(sources) == 6
    assert sum(s.endswith("004_ed99c5610f905d7a.txt") for s in sources) == 2


def test_spelling_variants_merge_across_the_seeds(seeds_kb):
    assert {"Qassem Soleimani", "Qasem Soleimani", "Qassem Suleimani"} <= aliases(seeds_kb, "Soleimani")
    assert {"Quds Force", "Qods Force"} <= aliases(seeds_kb, "Quds Force")
    assert {"Esmail Qaani", "Esmail Ghaani"} <= aliases(seeds_kb, "Qaani")
    assert {"Sergei Lavrov", "Sergey Lavrov"} <= aliases(seeds_kb, "Lavrov")
    assert {"Hezbollah", "Hizballah"} <= aliases(seeds_kb, "Hezbollah")


@pytest.mark.parametrize("a, b", [("Ali Khamenei", "Ruhollah Khomeini"), ("Bashar al-Assad", "Hafez al-Assad"),
                                  ("Sergei Lavrov", "Sergei Shoigu")])
def test_namesakes_stay_apart(seeds_kb, a, b):
    first, second = seeds_kb.entity(a), seeds_kb.entity(b)
    assert first["id"] != second["id"]
    assert b not in first["aliases"] and a not in second["aliases"]


def test_zarif_is_recorded_as_iran_s_foreign_minister(seeds_kb):
    roles = {(r["role"].lower(), r["of"]) for r in seeds_kb.profile("Zarif")["roles"]}
    assert ("foreign minister", "Iran") in roles


def test_the_iran_russia_dyad_has_statements_both_ways(seeds_kb):
    russia_to_iran = seeds_kb.statements(subject="Russia", object="Iran")
    iran_to_russia = seeds_kb.statements(subject="Iran", object="Russia")
    assert russia_to_iran and iran_to_russia


def test_zarif_is_quoted_in_several_seeds(seeds_kb):
    claims = seeds_kb.claims(speaker="Zarif")
    assert len({c["doc"] for c in claims}) >= 2
    assert any(c["direct"] for c in claims)


def test_every_seed_record_cites_its_text_exactly(seeds_kb):
    texts = {d["id"]: d["text"] for d in seeds_kb.documents()}
    for kind in ("mention", "statement", "event", "claim"):
        for record in seeds_kb.store.iter_records(kind):
            spans = [record] if kind == "mention" else record["evidence"]
            for span in spans:
                assert texts[span["doc"]][span["start"]:span["end"]] == span["text"]
