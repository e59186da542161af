"""The app in Debian's chromium: an analyst's path from the overview to a cited sentence, and
hostile document text that must stay text."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest


def api(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path) as response:
        return json.load(response)


def settle(page) -> None:
    page.wait_for_load_state("networkidle")
    assert page.errors == [], page.errors
    # nothing wider than the window: a table or text that breaks out of the layout shows here
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the window"


def shoot(page, folder, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)


def test_overview_to_dyad_to_evidence_to_the_cited_sentence(live_app, page, tmp_path_factory):
    shots = tmp_path_factory.mktemp("screenshots")
    page.goto(live_app + "/")
    settle(page)
    assert page.locator(".chart .main-svg").count() > 0, "the dyad balance chart did not draw"
    shoot(page, shots, "1-overview")

    pair = page.locator("a.dyad", has_text="Iran").filter(has_text="Russia").first
    pair.click()
    page.wait_for_url("**/dyad/**")
    settle(page)
    assert page.locator("h1").inner_text().replace(" ", "") in ("Iran–Russia", "Russia–Iran")
    assert page.locator("#dyad-series .main-svg").count() > 0, "the yearly chart did not draw"
    shoot(page, shots, "2-dyad")

    first_statement = page.locator("#statements a.summary").first
    first_statement.click()
    page.wait_for_url("**/evidence/**")
    settle(page)
    record_id = page.url.rsplit("/", 1)[1]
    cited = api(live_app, f"/api/evidence/{record_id}")["evidence"][0]
    assert page.locator("blockquote.evidence mark.cited").first.inner_text() == cited["text"]
    shoot(page, shots, "3-evidence")

    page.locator("a.to-document").first.click()
    page.wait_for_url("**/document/**")
    settle(page)
    highlighted = "".join(page.locator("article.text mark.focus").all_inner_texts())
    assert highlighted == cited["text"]
    # the highlight sits where the statement says: the text before it has exactly `start` characters
    before = page.evaluate("""() => {
        const article = document.querySelector('article.text');
        const range = document.createRange();
        range.setStart(article, 0);
        range.setEndBefore(document.querySelector('article.text mark.focus'));
        const clone = range.cloneContents();
        clone.querySelectorAll('details.removed').forEach((d) => d.remove());
        return clone.textContent.length;
    }""")
    assert before == cited["start"]
    assert page.locator("article.text mark.focus").first.is_visible()
    shoot(page, shots, "4-document")
    print(f"screenshots in {shots}")


@pytest.mark.parametrize("path", ["/entity/Iran", "/claims", "/conflicts", "/timeline", "/graph", "/search?q=Russia"])
def test_every_page_draws_without_errors_or_overflow(live_app, page, path, tmp_path_factory):
    page.goto(live_app + path)
    settle(page)
    assert page.locator("main h1").count() == 1
    page.screenshot(path=str(tmp_path_factory.mktemp("screenshots") / "page.png"))


def test_graph_explorer_expands_a_node_and_shows_an_edge_evidence(live_app, page):
    page.goto(live_app + "/graph?expand=Iran")
    settle(page)
    assert "neighbours of" in page.locator("main").inner_text()
    data = json.loads(page.locator("script[data-graph]").text_content())
    edge = data["edges"][0]
    found = api(live_app, "/api/graph/edge?" + urllib.parse.urlencode(
        {"source": edge["source"], "target": edge["target"], "predicate": edge["predicate"]}))
    assert len(found["statements"]) == edge["statements"]


def test_hostile_document_text_never_runs_or_renders_as_markup(live_app, page):
    hits = api(live_app, "/api/search?q=archive")["documents"]
    doc = next(h["id"] for h in hits if "Moscow notes" in h["title"])
    record = api(live_app, f"/api/document/{doc}")["records"][0]["id"]
    paths = [f"/document/{doc}", f"/evidence/{record}", "/search?q=archive+script", "/claims?speaker=Lavrov",
             "/", "/timeline", f"/document/{doc}?focus={record}"]
    for path in paths:
        page.goto(live_app + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)
        for element in page.locator("img[src=x], svg[onload], b[onmouseover]").all():
            element.hover(timeout=1000)  # an injected handler would fire now
        assert page.evaluate("window.__pwned") is None, path
        assert page.dialogs == [], path
        assert page.locator("main script:not([type='application/json'])").count() == 0, path
        assert page.locator("a[href^='javascript:' i], [onerror], [onload], [onmouseover]").count() == 0, path
    page.goto(live_app + f"/document/{doc}")
    text = page.locator("article.text").inner_text()
    assert '<script>window.__pwned = "body"</script>' in text
    assert "<a href=\"javascript:window.__pwned='link'\">" in text
    assert "<script>" in page.locator("h1").inner_text()


def test_the_unmerge_button_splits_a_member_out(browser, fresh_db_copy, serve_app):
    with serve_app(fresh_db_copy()) as url:
        before = api(url, "/api/entity/Iran")
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        asked = []
        page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
        page.goto(url + "/entity/Iran")
        button = page.locator("button.unmerge").last
        member = button.get_attribute("data-member")
        with page.expect_navigation():
            button.click()
        after = api(url, "/api/entity/Iran")
        context.close()
    assert asked and "Split" in asked[0]
    assert member in {m["member"] for m in after["merges"] if m["undone_at"]}  # the judgement is kept, undone
    assert member not in {m["member"] for m in before["merges"] if m["undone_at"]}
    assert after["entity"]["mention_count"] < before["entity"]["mention_count"]
