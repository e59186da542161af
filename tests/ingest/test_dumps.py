"""News dumps (CSV or JSON Lines, optionally gzip-compressed): read as a stream, row by row,
a bad row recorded with its line and the rest kept."""

from __future__ import annotations

import gzip
import itertools
import json
import tracemalloc
from pathlib import Path

import pytest

import allsource
from allsource.errors import InputError
from allsource.ingest.discover import discover
from allsource.ingest.dumps import document_from_row, read_rows
from allsource.pipeline.engines.local import LocalEngine

CSV_DUMP = (
    'Headline,Body,Published,Byline,Link\n'
    '"Ports reopen","Kazakhstan reopened the port of Aktau on Monday.\n\nShips queued for a day.",'
    '2021-03-02,"Sara Lind, Omar Tulegenov",https://example.org/ports\n'
    'Too few fields,only two\n'
    '"Grid link","Georgia and Armenia linked their power grids.",June 14 2022,,\n'
)

ROWS = [
    {"title": "Ports reopen", "text": "Kazakhstan reopened the port of Aktau on Monday.", "date": "2021-03-02",
     "authors": ["Sara Lind"], "url": "https://example.org/ports", "source": "Harbour Press"},
    {"title": "Grid link", "content": "Georgia and Armenia linked their power grids on Thursday.",
     "date": "not a date"},
]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def test_csv_rows_keep_quoted_newlines_and_report_a_short_row_with_its_line(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(CSV_DUMP, encoding="utf-8")
    rows = list(read_rows(path))
    assert [(r.line, r.error) for r in rows] == [(2, None), (5, "2 fields where the header has 5"), (6, None)]
    first = rows[0].fields
    assert first["text"] == "Kazakhstan reopened the port of Aktau on Monday.\n\nShips queued for a day."
    assert (first["title"], first["date"], first["author"], first["url"]) == (
        "Ports reopen", "2021-03-02", "Sara Lind, Omar Tulegenov", "https://example.org/ports")


def test_gzip_compressed_csv_reads_like_plain_csv(tmp_path):
    plain, packed = tmp_path / "news.csv", tmp_path / "news.csv.gz"
    plain.write_text(CSV_DUMP, encoding="utf-8")
    packed.write_bytes(gzip.compress(CSV_DUMP.encode("utf-8")))
    assert list(read_rows(packed)) == list(read_rows(plain))


def test_a_csv_without_a_text_column_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_rows(path))
    assert caught.value.path == str(path)
    assert caught.value.reason.startswith("no article text column (name one of: text, content, body")


@pytest.mark.parametrize("name", ["news.jsonl", "news.jsonl.gz"])
def test_jsonl_bad_lines_are_errors_with_their_line_and_the_rest_is_read(tmp_path, name):
    path = write_jsonl(tmp_path / name, [json.dumps(ROWS[0]), "{not json", "", "[1, 2]",
                                         json.dumps({"title": "no body"}), json.dumps(ROWS[1])])
    rows = list(read_rows(path))
    assert [(r.line, r.error) for r in rows] == [
        (1, None), (2, "not a JSON object (Expecting property name enclosed in double quotes at column 2)"),
        (4, "not a JSON object (a list)"), (5, "no article text (empty or missing text column)"), (6, None)]
    assert rows[0].fields["author"] == "Sara Lind" and rows[0].fields["publisher"] == "Harbour Press"
    assert rows[4].fields["text"] == ROWS[1]["content"]  # `content` is an accepted name for the text


def test_a_row_becomes_a_document_with_an_id_from_its_text(tmp_path):
    fields = next(read_rows(write_jsonl(tmp_path / "a.jsonl", [json.dumps(ROWS[0])]))).fields
    document = document_from_row("a.jsonl", 1, fields)
    again = document_from_row("b.jsonl", 7, {**fields, "url": ""})
    assert document.id == again.id and document.content_hash == again.content_hash
    assert (document.source, again.source) == ("https://example.org/ports", "b.jsonl:7")
    assert (document.title, document.authors, document.published, document.publisher) == (
        "Ports reopen", ["Sara Lind"], "2021-03-02", "Harbour Press")
    undated = document_from_row("a.jsonl", 2, {**fields, "text": ROWS[1]["content"], "date": "not a date"})
    assert undated.published is None and undated.id != document.id


def test_reading_a_dump_takes_the_same_memory_whatever_its_length(tmp_path):
    row = json.dumps({"title": "Filler", "text": "A short article about ferries. " * 20})

    def peak_while_reading(count: int) -> int:
        path = write_jsonl(tmp_path / f"rows-{count}.jsonl.gz", [row] * count)
        tracemalloc.start()
        for _ in read_rows(path):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak

    small, large = peak_while_reading(1_000), peak_while_reading(20_000)
    assert large < 1.5 * small


def test_the_engine_takes_items_only_as_it_goes():
    endless = itertools.count()
    results = LocalEngine(1).map(abs, endless)
    assert [next(results)[1] for _ in range(3)] == [0, 1, 2]
    assert next(endless) == 3  # nothing was read ahead


def test_discover_finds_dumps_in_folders_beside_articles(tmp_path):
    (tmp_path / "a.txt").write_text("An article.", encoding="utf-8")
    (tmp_path / "more").mkdir()
    write_jsonl(tmp_path / "more" / "b.jsonl.gz", ["{}"])
    (tmp_path / "c.csv").write_text("text\nx\n", encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == ["a.txt", "c.csv", "b.jsonl.gz"]


def test_adding_a_dump_stores_each_good_row_and_records_each_bad_one(tmp_path):
    dump = write_jsonl(tmp_path / "news.jsonl.gz", [json.dumps(ROWS[0]), "{broken", json.dumps(ROWS[1]),
                                                    json.dumps(ROWS[0])])
    with allsource.open(tmp_path / "kb.db") as kb:
        report = kb.add(dump, workers=1)
        assert report.added == [str(dump)] and report.documents == 2
        assert report.failed == [(f"{dump}:2", "not a JSON object (Expecting property name enclosed in double "
                                               "quotes at column 2)")]
        sources = sorted(d["source"] for d in kb.documents())
        assert sources == [f"{dump}:3", "https://example.org/ports"]
        assert [f["source"] for f in kb.failures()] == [f"{dump}:2"]
        again = kb.add(dump, workers=1)
        assert again.unchanged == [str(dump)] and again.documents == 0 and kb.counts()["documents"] == 2
