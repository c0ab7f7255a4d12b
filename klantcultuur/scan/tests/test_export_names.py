"""A wave may be named as people name things ("Q1/2025: nulmeting"): its XLSX export still
opens, with a sheet title Excel accepts."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook


def test_a_wave_named_with_a_slash_and_a_colon_exports_to_xlsx(login, world, reported):
    reported.wave.name = "Q1/2025: nulmeting [concept]?"
    reported.wave.save(update_fields=["name"])
    client = login(world.cx_lead)
    response = client.get(reverse("scan-export-xlsx", args=[reported.wave.uuid]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Q1-2025- nulmeting -concept--"]
    assert any(
        "Planning" in str(c) for row in workbook.active.iter_rows(values_only=True) for c in row
    )
