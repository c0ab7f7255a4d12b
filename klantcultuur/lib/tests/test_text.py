"""Unsafe characters are cleaned in one place, and downloads write any stored text safely."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from klantcultuur.lib.spreadsheet import csv_response, safe_sheet_title, xlsx_response
from klantcultuur.lib.text import one_line, strip_unsafe

BAD = "Goed\x0b\x08 geholpen\x00\x1b\x7f\x85 \ud800!"


def test_control_characters_are_removed_and_tabs_line_breaks_and_letters_kept():
    assert strip_unsafe(BAD) == "Goed geholpen !"
    kept = "Zoë\tçà\r\nمرحبا 😀 – “ok”"
    assert strip_unsafe(kept) == kept


def test_one_line_makes_a_header_safe_text():
    assert one_line("De Linge\r\nBcc: iemand@example.nl\x0b") == "De Linge Bcc: iemand@example.nl"


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Q1/2025: nulmeting", "Q1-2025- nulmeting"), ("[a]*?\\b", "-a----b"), ("", "Data"),
     ("'citaat'", "citaat"), ("x" * 40, "x" * 31), ("Golf\x0b2", "Golf2")],
)  # fmt: skip
def test_sheet_titles_are_made_safe(title, expected):
    assert safe_sheet_title(title) == expected


def test_an_xlsx_download_of_stored_control_characters_opens(tmp_path):
    response = xlsx_response([["reden"], [BAD]], "x.xlsx", title="Q1/2025: nulmeting")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Q1-2025- nulmeting"]
    assert [c.value for c in workbook.active["A"]] == ["reden", "Goed geholpen !"]


def test_a_csv_download_leaves_control_characters_out():
    response = csv_response([[BAD, "=1+1"]], "x.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Goed geholpen !", "'=1+1"]]
