"""The JSON twins carry the page's data, errors have one shape, unmerge is the CLI's unmerge,
and nothing is fetched from outside the app."""

from __future__ import annotations

import re
import warnings

import pytest
from click.testing import CliRunner

import allsource

warnings.filterwarnings("ignore", message=".*httpx.*", category=DeprecationWarning)


def client_for(db):
    from fastapi.testclient import TestClient

    from allsource.web.app import create_app

    return TestClient(create_app(db))


@pytest.fixture(scope="module")
def client(web_db):
    with client_for(web_db) as opened:
        yield opened
        opened.app.state.kb.close()


PAGES = ["/", "/entity/Iran", "/dyad/Iran/Russia", "/claims", "/conflicts", "/timeline", "/graph",
         "/search?q=Russia"]


@pytest.mark.parametrize("path", PAGES)
def test_each_page_has_a_json_twin_listed_in_the_spec(client, path):
    page, twin = client.get(path), client.get("/api" + path)
    assert page.status_code == twin.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert twin.headers["content-type"] == "application/json"
    route = "/api" + path.split("?")[0]
    templated = {re.sub(r"\{[^}]+\}", "X", p) for p in client.get("/api/openapi.json").json()["paths"]}
    assert re.sub(r"/(Iran|Russia)", "/X", route) in templated


def test_the_dyad_page_and_its_twin_show_the_same_records(client):
    twin = client.get("/api/dyad/Iran/Russia").json()
    page = client.get("/dyad/Iran/Russia").text
    assert {twin["a"]["name"], twin["b"]["name"]} == {"Iran", "Russia"}
    assert twin["statements"], "the seeds link Iran and Russia by statements"
    for kind in ("statements", "events", "claims"):
        for record in twin[kind]:
            assert f'/evidence/{record["id"]}' in page
    shown = set(re.findall(r"/evidence/((?:st|ev|claim)-[0-9a-f]+)", page))
    assert shown == {r["id"] for kind in ("statements", "events", "claims") for r in twin[kind]}


def test_entity_profile_groups_statements_by_predicate_and_lists_merges(client, web_db):
    data = client.get("/api/entity/Russia").json()
    with allsource.open(web_db) as kb:
        cli_profile = kb.profile("Russia")
    out = {p for p in data["statements_out"]}
    assert out == {s["predicate"] for s in cli_profile["statements_out"]}
    for predicate, rows in data["statements_out"].items():
        assert all(r["predicate"] == predicate and r["subject"] == data["entity"]["id"] for r in rows)
    assert {m["member"] for m in data["merges"]} == {m["member"] for m in cli_profile["merges"]}
    assert data["relationship"]["other"]["id"] == data["partners"][0]["id"]
    assert data["neighbourhood"]["nodes"][0]["id"] == data["entity"]["id"]


def test_evidence_counts_independent_sources_by_outlet(client, web_db):
    with allsource.open(web_db) as kb:
        statement = kb.statements(subject="Russia", object="Iran")[0]
    data = client.get(f"/api/evidence/{statement['id']}").json()
    assert data["evidence"][0]["text"] == statement["evidence"][0]["text"]
    context = data["evidence"][0]["context"]
    with allsource.open(web_db) as kb:
        text = kb.store.document(statement["doc"])["text"]
    start = statement["evidence"][0]["start"]
    assert text[start - len(context["before"]):start] == context["before"]
    assert data["independent_sources"] == len({a["outlet"] for a in data["agreeing"]}) >= 1
    assert statement["id"] in {a["id"] for a in data["agreeing"]}


def test_document_segments_rebuild_the_text_and_mark_the_focus(client, web_db):
    with allsource.open(web_db) as kb:
        statement = kb.statements(subject="Russia")[0]
        text = kb.store.document(statement["doc"])["text"]
    data = client.get(f"/api/document/{statement['doc']}", params={"focus": statement["id"]}).json()
    pieces = [s for s in data["segments"] if "text" in s]
    assert "".join(s["text"] for s in pieces) == text
    focus = "".join(s["text"] for s in pieces if s["focus"])
    assert focus == statement["evidence"][0]["text"]


def test_filters_narrow_claims_and_timeline(client):
    everything = client.get("/api/claims").json()["claims"]
    speaker = everything[0]["speaker"]
    narrowed = client.get("/api/claims", params={"speaker": speaker}).json()["claims"]
    assert narrowed and {c["speaker"] for c in narrowed} == {speaker} and len(narrowed) <= len(everything)
    rows = client.get("/api/timeline", params={"actor": "Russia", "since": "2015", "until": "2016"}).json()["rows"]
    assert rows and all("2015" <= r["time"]["start"][:4] <= "2016" for r in rows)
    russia = client.get("/api/entity/Russia").json()["entity"]["id"]
    assert all(russia in {w["id"] for w in r["who"]} for r in rows)


def test_graph_filters_and_expansion(client):
    whole = client.get("/api/graph").json()
    states = client.get("/api/graph", params={"type": "state"}).json()
    assert states["nodes"] and {n["type"] for n in states["nodes"]} == {"state"}
    assert len(states["nodes"]) < len(whole["nodes"])
    around = client.get("/api/graph", params={"expand": "Iran"}).json()
    iran = around["filters"]["expand"][0]["id"]
    assert all(iran in (e["source"], e["target"]) for e in around["edges"])
    positions = {n["id"]: (n["x"], n["y"]) for n in whole["nodes"]}
    again = {n["id"]: (n["x"], n["y"]) for n in client.get("/api/graph", params={"type": "state"}).json()["nodes"]}
    assert all(positions[n] == xy for n, xy in again.items()), "filtering must not move nodes"


def test_search_marks_hits_and_finds_entities(client):
    data = client.get("/api/search", params={"q": "Russia"}).json()
    assert any(part["hit"] and part["text"].lower().startswith("russia")
               for hit in data["documents"] for part in hit["snippet"])
    assert data["entities"][0]["name"] == "Russia"


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/api/entity/no-such-actor", 404, "not_found"),
    ("/api/evidence/st-0000", 404, "not_found"),
    ("/api/document/doc-0000", 404, "not_found"),
    ("/api/dyad/Iran/Iran", 400, "bad_request"),
    ("/api/claims?since=yesterday", 422, "invalid_input"),
    ("/api/conflicts?limit=0", 422, "invalid_input"),
    ("/api/no/such/route", 404, "not_found"),
])
def test_errors_have_one_shape(client, path, status, code):
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert set(response.json()["error"]) == {"code", "message"}


def test_a_missing_page_is_an_html_page_with_the_reason(client):
    response = client.get("/entity/no-such-actor")
    assert response.status_code == 404
    assert "no entity named" in response.text and "<html" in response.text


def test_unmerge_from_the_web_does_what_the_cli_does(fresh_db_copy):
    from allsource.cli.main import main as cli

    web_db, cli_db = fresh_db_copy(), fresh_db_copy()
    with allsource.open(web_db) as kb:
        member = kb.merges("Iran")[-1]  # any document's member of a many-document entity
    with client_for(web_db) as web:
        answer = web.post("/api/unmerge", json={"member": member["member"]})
        refused = web.post("/api/unmerge", json={"member": member["member"]}, headers={"Origin": "http://evil.test"})
        web.app.state.kb.close()
    assert answer.status_code == 200 and refused.status_code == 403
    result = CliRunner().invoke(cli, ["unmerge", member["member"], "--db", str(cli_db)])
    assert result.exit_code == 0, result.output
    with allsource.open(web_db) as by_web, allsource.open(cli_db) as by_cli:
        split = answer.json()["entity"]
        assert by_cli.entity(split)["id"] == by_web.entity(split)["id"] == split
        assert [(e["id"], e["name"], e["mention_count"]) for e in by_web.entities()] == \
               [(e["id"], e["name"], e["mention_count"]) for e in by_cli.entities()]
        assert by_web.store.rules().never == by_cli.store.rules().never


def test_pages_load_nothing_from_outside_and_plotly_comes_from_the_wheel(client):
    from allsource.web.app import plotly_js_path

    for path in PAGES:
        html = client.get(path).text
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), path
    served = client.get("/plotly.min.js")
    assert served.status_code == 200 and served.content == plotly_js_path().read_bytes()
    policy = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
