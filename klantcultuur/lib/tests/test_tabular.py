"""Reading CSV and XLSX files as Dutch tools export them."""

from __future__ import annotations

import pytest

from klantcultuur.lib.tabular import (
    TableError,
    match_columns,
    normalise_header,
    open_table,
    sniff_delimiter,
)


def rows(table) -> list:
    return list(table.rows)


def test_semicolons_with_a_bom_and_quoted_newlines():
    table = open_table(
        '\ufeffNaam;Opmerking\r\nAnna;"Eerste regel\r\ntweede regel"\r\nBert;ok\r\n'.encode()
    )
    assert table.headers == ["Naam", "Opmerking"]
    assert table.delimiter == ";" and table.encoding == "utf-8-sig"
    assert rows(table) == [(3, ["Anna", "Eerste regel\r\ntweede regel"]), (4, ["Bert", "ok"])]


def test_windows_1252_is_detected_when_the_file_is_not_utf8():
    table = open_table("naam;plaats\r\nRenée;Ĳsselstein\r\n".replace("Ĳ", "IJ").encode("cp1252"))
    assert table.encoding == "cp1252"
    assert rows(table)[0][1] == ["Renée", "IJsselstein"]


def test_utf16_excel_unicode_text_is_read():
    table = open_table("naam\tplaats\r\nZoë\tGouda\r\n".encode("utf-16"))
    assert table.delimiter == "\t"
    assert rows(table)[0][1] == ["Zoë", "Gouda"]


def test_blank_lines_are_skipped_but_line_numbers_stay_true():
    table = open_table(b"a;b\r\n1;2\r\n;\r\n\r\n3;4\r\n")
    assert [line for line, _cells in rows(table)] == [2, 5]


def test_the_delimiter_with_most_columns_wins():
    assert sniff_delimiter("a,b;c,d") == ","
    assert sniff_delimiter("a;b;c") == ";"
    assert sniff_delimiter("just one") == ";"


def test_headers_match_in_dutch_and_english_regardless_of_accents_and_case():
    assert normalise_header(" E-mailadrés ") == "e mailadres"
    found = match_columns(
        ["Voornaam", "E-MAIL"], {"email": ("e-mail",), "first_name": ("voornaam",)}
    )
    assert found == {"email": 1, "first_name": 0}


def test_missing_columns_name_what_was_found():
    with pytest.raises(TableError, match="Gevonden kolommen: “Naam”, “Plaats”"):
        match_columns(["Naam", "Plaats"], {"email": ("e-mail",)}, required=["email"])


def test_an_overlong_cell_fails_with_the_line_number():
    data = b"a;b\r\n1;2\r\n3;" + b"x" * (17 * 1024 * 1024) + b"\r\n"
    table = open_table(data)
    with pytest.raises(TableError, match="Regel 3"):
        rows(table)
