"""File reading holds its limits before memory or time is spent (issue 15, finding 4).

The hostile files are made in the test, small on disk; each test is bounded in time so a
reader that unpacks, pads or parses them whole fails here instead of stalling a worker.
"""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from klantcultuur.lib.tabular import Limits, TableError, open_table
from klantcultuur.lib.tests import hostile


@pytest.fixture
def quickly():
    """Fails the test when its body takes more than two seconds."""
    start = time.monotonic()
    yield
    assert time.monotonic() - start < 2.0, "reading the file took far too long"


def test_a_shared_strings_zip_bomb_is_refused_before_it_is_unpacked(quickly):
    bomb = hostile.shared_strings_bomb(300)
    assert len(bomb) < 1_000_000  # 300 MB of shared strings in under a megabyte
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:  # a valid zip, not a damaged one
        assert archive.getinfo("xl/sharedStrings.xml").file_size > 300_000_000
    with pytest.raises(TableError, match="pakt uit tot veel meer dan het bevat"):
        open_table(bomb)


def test_a_part_that_unpacks_a_thousand_fold_is_refused_even_when_small():
    with pytest.raises(TableError, match="pakt uit tot veel meer"):
        open_table(hostile.shared_strings_bomb(3))


def test_a_sheet_with_fifty_million_rows_stops_at_the_row_limit(quickly):
    table = open_table(hostile.sheet_claiming_rows(50_000_000, gap=True))
    assert table.headers == ["Datum"]
    with pytest.raises(TableError, match=r"meer dan 1\.048\.576 rijen"):
        list(table.rows)


def test_a_sheet_that_only_claims_fifty_million_rows_reads_what_is_there(quickly):
    table = open_table(hostile.sheet_claiming_rows(50_000_000))
    assert table.headers == ["Datum"] and list(table.rows) == []


def test_a_csv_with_a_million_columns_is_refused_at_its_header(quickly):
    with pytest.raises(TableError, match=r"meer dan 2\.000 kolommen"):
        open_table(hostile.million_column_csv())


def test_a_row_with_too_many_columns_under_a_small_header_is_refused(quickly):
    data = b"Datum;Score\r\n2025-01-02;8\r\n2025-01-03" + b";" * 5000 + b"\r\n"
    table = open_table(data)
    with pytest.raises(TableError, match=r"meer dan 2\.000 kolommen"):
        list(table.rows)


def test_a_first_line_of_seventeen_megabytes_gives_a_clear_message(quickly):
    with pytest.raises(TableError, match="De eerste regel van het bestand is langer dan 1 MB"):
        open_table(hostile.long_first_line_csv(17))


def test_millions_of_empty_lines_count_as_rows(quickly):
    table = open_table(b"Datum;Score\r\n" + b"\r\n" * 200_001, limits=Limits(max_rows=200_000))
    with pytest.raises(TableError, match=r"meer dan 200\.000 rijen"):
        list(table.rows)


def test_a_file_over_the_size_limit_is_refused_unread():
    with pytest.raises(TableError, match="groter dan 1 MB"):
        open_table(b"a;b\r\n" + b"1;2\r\n" * 300_000, limits=Limits(max_bytes=1024 * 1024))


def test_a_truncated_xlsx_is_refused_as_damaged():
    whole = hostile.small_workbook(
        [["Datum", "Score"], *[["2025-01-02", n % 11] for n in range(500)]]
    )
    with pytest.raises(TableError, match="beschadigd"):
        open_table(whole[: len(whole) // 2])


def test_a_file_mixing_utf8_and_windows_1252_is_read_per_character_with_a_warning():
    data = (
        b"Naam;Opmerking\r\n"
        + "Zoë;Prima geholpen\r\n".encode()
        + "Renée;Café was dicht\r\n".encode("cp1252")
    )
    table = open_table(data)
    assert list(table.rows) == [
        (2, ["Zoë", "Prima geholpen"]),
        (3, ["Renée", "Café was dicht"]),
    ]
    assert any("UTF-8 en Windows-1252" in warning for warning in table.warnings)


def test_a_plain_windows_1252_file_gives_no_warning():
    table = open_table("Naam\r\nZoë\r\n".encode("cp1252"))
    assert table.encoding == "cp1252" and table.warnings == []
    assert list(table.rows) == [(2, ["Zoë"])]
