"""Finding files and refusing the ones that cannot be read as articles."""

from __future__ import annotations

import hashlib
import os

import pytest

from allsource.errors import InputError
from allsource.ingest.discover import discover
from allsource.ingest.load import load_documents

ARTICLE = (
    "Caspian Ports Expand\n\n"
    "By Noor Haddad\n\n"
    "Shipping agents in Astrakhan said on Monday that grain traffic to northern Iran doubled "
    "over the winter, as both governments pushed cargo away from Black Sea routes.\n\n"
    "The port authority expects the new berths to open before the autumn harvest.\n"
)


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def reason_of(path, **options):
    with pytest.raises(InputError) as caught:
        load_documents(path, **options)
    assert caught.value.path == str(path)
    return caught.value.reason


def test_discover_walks_folders_sorted_without_hidden_or_foreign_files(tmp_path):
    write(tmp_path / "b" / "two.md", ARTICLE)
    write(tmp_path / "a.TXT", ARTICLE)
    write(tmp_path / "c" / "deep" / "three.htm", "<p>x</p>")
    write(tmp_path / "c" / "notes.docx", b"PK")
    write(tmp_path / ".cache" / "hidden.txt", ARTICLE)
    write(tmp_path / "b" / ".draft.md", ARTICLE)
    found = discover([tmp_path])
    assert found == [
        tmp_path / "a.TXT",
        tmp_path / "b" / "two.md",
        tmp_path / "c" / "deep" / "three.htm",
    ]


def test_discover_deduplicates_files_named_twice(tmp_path):
    article = write(tmp_path / "one.txt", ARTICLE)
    assert discover([article, tmp_path, str(article)]) == [article]


def test_discover_rejects_missing_path(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(InputError) as caught:
        discover([missing])
    assert caught.value.path == str(missing)
    assert caught.value.reason == "no such file or folder"


def test_discover_rejects_named_file_of_unsupported_type(tmp_path):
    odd = write(tmp_path / "table.xyz", "a,b")
    with pytest.raises(InputError) as caught:
        discover([odd])
    assert caught.value.reason == "unsupported file type '.xyz' (expected .txt, .md, .html or .pdf)"


def test_document_fields(tmp_path):
    path = write(tmp_path / "ports.md", ARTICLE)
    (doc,) = load_documents(path)
    assert doc.source == str(path)
    assert doc.format == "md"
    assert doc.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.title == "Caspian Ports Expand"
    assert doc.authors == ["Noor Haddad"]
    assert doc.part == 0
    assert "By Noor Haddad" not in doc.text
    assert doc.text.endswith("before the autumn harvest.")


def test_missing_file(tmp_path):
    assert reason_of(tmp_path / "gone.txt") == "no such file or folder"


def test_empty_and_blank_files(tmp_path):
    assert reason_of(write(tmp_path / "empty.txt", b"")) == "file is empty"
    assert reason_of(write(tmp_path / "blank.md", "  \n\n\t\n")) == "file is empty"


def test_binary_file(tmp_path):
    png_like = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    assert reason_of(write(tmp_path / "picture.txt", png_like)) == "binary file, not text"


def test_control_characters_without_nul_are_binary(tmp_path):
    noise = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 20 + b"some words"
    assert reason_of(write(tmp_path / "noise.txt", noise)) == "binary file, not text"


def test_invalid_bytes(tmp_path):
    broken = b"Talks resumed in Baku. " + b"\x81\x8d\x90\x9d" + b" More text follows here."
    assert reason_of(write(tmp_path / "broken.txt", broken)) == "not valid UTF-8 text"


def test_mostly_high_bytes_are_not_taken_for_cp1252(tmp_path):
    garbage = bytes(range(0xC0, 0x100)) * 4
    assert reason_of(write(tmp_path / "garbage.txt", garbage)) == "not valid UTF-8 text"


def test_cp1252_file_is_decoded(tmp_path):
    sentence = "The café owner’s “quiet” protest in Tabriz – a rare sight – drew a crowd."
    path = write(tmp_path / "legacy.txt", sentence.encode("cp1252"))
    (doc,) = load_documents(path)
    assert sentence in doc.text


def test_utf8_bom_and_utf16_are_decoded(tmp_path):
    with_bom = write(tmp_path / "bom.txt", "\ufeff".encode() + ARTICLE.encode())
    utf16 = write(tmp_path / "wide.txt", ARTICLE.encode("utf-16"))
    for path in (with_bom, utf16):
        (doc,) = load_documents(path)
        assert doc.title == "Caspian Ports Expand"
        assert not doc.text.startswith("\ufeff")


def test_oversized_file_small_limit(tmp_path):
    path = write(tmp_path / "long.txt", ARTICLE)
    reason = reason_of(path, max_bytes=100)
    assert (
        reason
        == f"file is {len(ARTICLE.encode())} bytes, over the 100 bytes limit (set --max-bytes)"
    )


def test_oversized_file_default_limit_in_megabytes(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(25_300_000)
    assert reason_of(path) == "file is 25.3 MB, over the 20.0 MB limit (set --max-bytes)"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = write(tmp_path / "locked.txt", ARTICLE)
    path.chmod(0)
    try:
        assert reason_of(path) == "cannot read file: permission denied"
    finally:
        path.chmod(0o600)


def test_unsupported_extension_on_load(tmp_path):
    path = write(tmp_path / "sheet.csv", "a,b\n1,2\n")
    assert reason_of(path) == "unsupported file type '.csv' (expected .txt, .md, .html or .pdf)"


def test_nothing_left_after_cleaning(tmp_path):
    only_chrome = (
        "Share\n\nSign up for email alerts\n\n© 2024 Harbour Press. All rights reserved.\n"
    )
    assert reason_of(write(tmp_path / "chrome.txt", only_chrome)) == "no text left after cleaning"
