"""The Klantstem pages: what each role sees, numbers that agree everywhere, fixed query counts."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from klantcultuur.feedback import rollup
from klantcultuur.feedback.models import (
    Feedback,
    FeedbackImport,
    ImportMapping,
    LabelCorrection,
    RoutingRule,
    Topic,
    Touchpoint,
)
from klantcultuur.feedback.services import imports as import_services
from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.lib import progress


def some_feedback(world, count: int = 30):
    """Mixed feedback for the team over the last days, a few unrouted."""
    now = timezone.now()
    comments = [
        "Vriendelijk geholpen, maar wel lang moeten wachten.",
        "Top service!",
        "De monteur kwam niet opdagen.",
        "",
        "Snel geholpen aan de telefoon.",
    ]
    items = [
        item(
            received_at=now - timedelta(days=n % 20, hours=1),
            score=n % 11,
            reason=comments[n % len(comments)],
            team_code="W-KC-1" if n % 7 else "",
            channel="telefoon" if n % 2 else "e-mail",
            customer_ref=f"H-{n}",
        )
        for n in range(count)
    ]
    items += [
        item(
            received_at=now - timedelta(days=2), metric="csat", score=4 + n % 2, team_code="W-KC-1"
        )
        for n in range(6)
    ]
    ingest(world.org, *items)


def numbers(html: str) -> str:
    return " ".join(html.split())


def test_the_overview_shows_the_organisation_figures_to_the_cx_lead(login, world):
    some_feedback(world)
    page = login(world.cx_lead).get(reverse("feedback-overview"))
    html = numbers(page.content.decode())
    assert page.status_code == 200
    total = rollup.stored_counts(world.org.id)
    nps = sum(total.values(), start=type(next(iter(total.values())))()).nps()
    shown = f"+{round(nps.value)}" if nps.value > 0 else f"{round(nps.value)}".replace("-", "−")
    assert f'<p class="metric__value">{shown}</p>' in html
    assert "Woonstichting De Linge" in html and "reacties wachten op een team" in html


def test_an_employee_is_sent_to_their_own_team(login, world):
    response = login(world.employee).get(reverse("feedback-overview"))
    assert response["Location"].startswith(reverse("feedback-unit", args=[world.team.uuid]))


def test_an_employee_may_not_open_another_teams_page_or_response(login, world):
    ingest(world.org, item(team_code="W-KC-2", reason="Planning klopte niet."))
    record = Feedback.objects.get()
    client = login(world.employee)
    assert client.get(reverse("feedback-unit", args=[world.back_team.uuid])).status_code == 403
    assert client.get(reverse("feedback-record", args=[record.uuid])).status_code == 403
    assert (
        client.get(reverse("feedback-inbox") + f"?unit={world.back_team.uuid}").status_code == 403
    )
    assert (
        login(world.manager).get(reverse("feedback-unit", args=[world.team.uuid])).status_code
        == 200
    )


def test_unit_page_inbox_and_export_agree_on_every_number(login, world):
    some_feedback(world)
    client = login(world.cx_lead)
    query = f"?unit={world.team.uuid}&period=30"
    unit_page = client.get(reverse("feedback-unit", args=[world.team.uuid]) + "?period=30")
    inbox = client.get(reverse("feedback-inbox") + query)
    assert unit_page.context["external"].counts == inbox.context["figures"].counts
    export = client.get(reverse("feedback-export") + query)
    rows = list(
        csv.reader(
            io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    counts = inbox.context["figures"].counts
    assert len(rows) - 1 == counts.records
    scores = [int(r[4]) for r in rows[1:] if r[3] == "NPS" and r[4]]
    assert sum(s >= 9 for s in scores) == counts.nps_promoters
    assert sum(s <= 6 for s in scores) == counts.nps_detractors
    assert sum(int(r[7]) for r in rows[1:]) == counts.compliments
    summary = client.get(reverse("feedback-export") + query + "&kind=summary")
    lines = list(
        csv.reader(
            io.StringIO(b"".join(summary.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert sum(int(r[3]) for r in lines[1:] if r[2] == world.team.name) == counts.records


def test_filters_the_roll_up_cannot_answer_count_the_records(login, world):
    some_feedback(world)
    client = login(world.cx_lead)
    inbox = client.get(reverse("feedback-inbox") + "?period=30&channel=telefoon&band=negative")
    expected = Feedback.objects.filter(channel="telefoon", metric="nps", score__lte=6).count()
    assert inbox.context["figures"].counts.records == expected
    assert len(inbox.context["page"].object_list) == expected


def test_the_inbox_query_count_does_not_grow_with_the_data(
    login, world, django_assert_max_num_queries
):
    client = login(world.cx_lead)
    some_feedback(world, 10)
    with django_assert_max_num_queries(24) as small:
        client.get(reverse("feedback-inbox") + "?period=30")
    some_feedback(world, 120)
    with django_assert_max_num_queries(24) as large:
        client.get(reverse("feedback-inbox") + "?period=30&topic=wachttijd")
    assert len(large.captured_queries) <= len(small.captured_queries) + 1


def test_the_dashboard_query_count_does_not_grow_with_the_data(
    login, world, django_assert_max_num_queries
):
    client = login(world.cx_lead)
    some_feedback(world, 10)
    with django_assert_max_num_queries(45) as small:
        client.get(reverse("feedback-overview") + "?period=90")
    some_feedback(world, 150)
    with django_assert_max_num_queries(45) as large:
        client.get(reverse("feedback-overview") + "?period=90")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_record_page_shows_why_a_sentence_got_its_label(login, world):
    ingest(
        world.org,
        item(
            team_code="W-KC-1",
            score=6,
            reason="Vriendelijk geholpen, maar wel lang moeten wachten.",
        ),
    )
    record = Feedback.objects.get()
    html = login(world.manager).get(reverse("feedback-record", args=[record.uuid])).content.decode()
    assert '<span class="badge badge--improvement">Verbeterpunt</span>' in html
    assert '<mark class="cue">' in html  # the deciding words are marked
    assert "Corrigeren" not in html  # only who manages feedback corrects labels


def test_a_corrected_label_is_kept_and_used_for_new_comments(login, world):
    sentence = "De koffie in de wachtruimte was op."
    ingest(world.org, item(team_code="W-KC-1", reason=sentence))
    record = Feedback.objects.get()
    before = record.n_improvements
    client = login(world.cx_lead)
    client.post(
        reverse("feedback-record-label", args=[record.uuid]),
        {"field": 1, "position": 0, "label": "improvement"},
    )
    record.refresh_from_db()
    assert record.n_improvements == before + (0 if before else 1)
    assert LabelCorrection.objects.get().label == "improvement"
    assert rollup.differences(world.org.id) == []
    ingest(world.org, item(team_code="W-KC-1", reason=sentence, received_at=timezone.now()))
    newest = Feedback.objects.order_by("-received_at").first()
    read = newest.sentences.get()
    assert (read.label, read.corrected) == ("improvement", True)


def test_routing_rules_send_the_unrouted_queue_to_its_team(login, world):
    ingest(world.org, item(channel="Balie"), item(channel="balie "), item(channel="chat"))
    client = login(world.cx_lead)
    client.post(
        reverse("feedback-routing"),
        {"field": "channel", "value": "BALIE", "team": world.back_team.id},
    )
    assert RoutingRule.objects.count() == 1
    client.post(reverse("feedback-routing-apply"))
    assert Feedback.objects.filter(team=world.back_team).count() == 2
    page = client.get(reverse("feedback-unrouted"))
    assert page.context["page"].paginator.count == 1
    record = Feedback.objects.get(team__isnull=True)
    client.post(reverse("feedback-record-team", args=[record.uuid]), {"team": str(world.team.uuid)})
    assert Feedback.objects.filter(team__isnull=True).count() == 0
    assert rollup.differences(world.org.id) == []


def test_the_overview_counts_the_whole_unrouted_queue_as_its_page_does(login, world):
    now = timezone.now()
    ingest(
        world.org,
        item(channel="brief", received_at=now - timedelta(days=200)),
        item(channel="brief", received_at=now - timedelta(days=2)),
        item(channel="brief", received_at=now - timedelta(days=1)),
    )
    client = login(world.cx_lead)
    overview = client.get(reverse("feedback-overview") + "?period=30").content.decode()
    queue = client.get(reverse("feedback-unrouted"))
    assert queue.context["page"].paginator.count == 3
    assert "3 reacties wachten op een team" in overview


def test_a_topic_on_the_overview_and_in_the_inbox_has_the_same_counts(login, world):
    now = timezone.now()
    ingest(
        world.org,
        item(
            team_code="W-KC-1",
            received_at=now - timedelta(hours=3),
            reason="Vriendelijk geholpen, maar wel lang moeten wachten.",
        ),
        item(
            team_code="W-KC-1",
            received_at=now - timedelta(hours=4),
            reason="De wachttijd viel mee. De monteur was onvriendelijk.",
        ),
        item(
            team_code="W-KC-2",
            received_at=now - timedelta(hours=5),
            is_internal=True,
            reason="Ik moest weer lang wachten op de planning.",
        ),
    )
    client = login(world.cx_lead)
    overview = client.get(reverse("feedback-overview") + "?period=30")
    [waiting] = [t["count"] for t in overview.context["topics"] if t["slug"] == "wachttijd"]
    inbox = client.get(reverse("feedback-inbox") + "?period=30&topic=wachttijd")
    assert inbox.context["topic_signals"] == (waiting.compliments, waiting.improvements) == (1, 2)
    assert "Zinnen over Wachttijd: 1 complimenten, 2 verbeterpunten." in inbox.content.decode()


def test_a_rule_on_the_team_code_translates_another_systems_codes(login, world):
    client = login(world.cx_lead)
    client.post(
        reverse("feedback-routing"),
        {"field": "team_code", "value": "kcc-01", "team": world.back_team.id},
    )
    ingest(world.org, item(team_code="KCC-01"), item(team_code="W-KC-1"), item(team_code="KCC-02"))
    routed = dict(Feedback.objects.values_list("team_code", "team"))
    assert routed == {"KCC-01": world.back_team.id, "W-KC-1": world.team.id, "KCC-02": None}
    page = client.get(reverse("feedback-routing")).content.decode()
    assert '<option value="team_code">Teamcode in de gegevens</option>' in page


def test_an_edited_topic_tags_new_comments(login, world):
    client = login(world.cx_lead)
    client.get(reverse("feedback-topics"))
    topic = Topic.objects.get(organization=world.org, slug="prijs")
    client.post(
        reverse("feedback-topic", args=[topic.uuid]),
        {
            "name_nl": "Huurprijs",
            "name_en": "Rent",
            "keywords": "huur\nservicekosten",
            "is_active": "on",
        },
    )
    ingest(world.org, item(team_code="W-KC-1", reason="De servicekosten zijn veel te hoog."))
    assert Feedback.objects.get().topic_slugs == ["prijs"]


def test_a_touchpoint_has_a_link_and_a_qr_code(login, world):
    client = login(world.cx_lead)
    response = client.post(
        reverse("feedback-touchpoints"),
        {
            "name": "Sleuteluitgifte",
            "metric": "csat",
            "subject": "de balie",
            "channel": "qr",
            "team": world.team.id,
            "ask_consent": "on",
            "is_active": "on",
        },
    )
    page = client.get(response["Location"]).content.decode()
    assert "/k/" in page and '<svg class="qr"' in page and "style=" not in page
    qr = client.get(response["Location"] + "qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and b"<path d=" in qr.content


def test_the_touchpoint_page_takes_the_texts_of_the_english_form(login, world):
    touchpoint = Touchpoint.objects.create(organization=world.org, name="Balie", subject="de balie")
    client = login(world.cx_lead)
    page = client.get(reverse("feedback-touchpoint", args=[touchpoint.uuid])).content.decode()
    assert "Wat de klant beoordeelt, in het Engels" in page
    response = client.post(
        reverse("feedback-touchpoint", args=[touchpoint.uuid]),
        {
            "name": "Balie",
            "name_en": "Front desk",
            "metric": "csat",
            "subject": "de balie",
            "subject_en": "our front desk",
            "channel": "balie",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    touchpoint.refresh_from_db()
    assert (touchpoint.name_en, touchpoint.subject_en) == ("Front desk", "our front desk")


def test_the_import_pages_take_a_file_from_upload_to_result(login, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(world.cx_lead)
    content = "Datum;Teamcode;Cijfer;Toelichting\r\n01-03-2025;W-KC-1;9;Top\r\n02-03-2025;W-KC-1;=1+1;x\r\n"
    response = client.post(
        reverse("feedback-imports"),
        {
            "file": SimpleUploadedFile("enquete.csv", content.encode("cp1252")),
            "preset": "generic",
        },
    )
    job = FeedbackImport.objects.get()
    assert response["Location"] == reverse("feedback-import", args=[job.uuid])
    mapping = client.get(response["Location"])
    assert mapping.context["form"]["col_score"].value() == "Cijfer"
    form = {
        f"col_{k}": v
        for k, v in {
            "received_at": "Datum",
            "team_code": "Teamcode",
            "score": "Cijfer",
            "reason": "Toelichting",
        }.items()
    }
    form.update(metric="nps", save_as="Onze enquête", action="preview")
    preview = client.get(client.post(response["Location"], form)["Location"])
    assert [r.errors == [] for r in preview.context["preview"].rows] == [True, False]
    client.post(response["Location"], {**form, "action": "start"})
    job.refresh_from_db()
    assert (job.status, job.rows_stored, job.rows_refused) == ("done", 1, 1)
    result = client.get(response["Location"]).content.decode()
    assert "opgeslagen" in result and "geweigerd" in result
    report = client.get(reverse("feedback-import-report", args=[job.uuid]))
    text = b"".join(report.streaming_content).decode("utf-8-sig")
    assert ";'=1+1;" in text  # the formula in the refused row is neutralised
    assert ImportMapping.objects.get().columns["score"] == "Cijfer"


def test_the_excel_export_neutralises_formulas(login, world):
    ingest(world.org, item(team_code="W-KC-1", reason='=HYPERLINK("http://x")', external_id="@id"))
    response = login(world.cx_lead).get(reverse("feedback-export") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert '\'=HYPERLINK("http://x")' in values and "'@id" in values


@pytest.mark.parametrize("name", ["feedback-overview", "feedback-inbox", "feedback-cases"])
def test_pages_use_no_inline_scripts_or_styles(login, world, name):
    some_feedback(world, 12)
    body = login(world.cx_lead).get(reverse(name)).content.decode()
    assert "style=" not in body and "<style" not in body
    assert "<script>" not in body.replace(" ", "")


def test_trends_and_the_summary_export_go_per_day_week_or_month(login, world):
    some_feedback(world)
    client = login(world.cx_lead)
    weekly = client.get(reverse("feedback-unit", args=[world.team.uuid]) + "?period=30&grain=week")
    [(_title, chart), *_rest] = weekly.context["charts"]
    assert all(label.startswith("wk ") for _x, label in chart.x_labels)
    yearly = client.get(
        reverse("feedback-unit", args=[world.team.uuid]) + "?period=365&grain=month"
    )
    labels = [label for _x, label in yearly.context["charts"][0][1].x_labels]
    assert len(set(labels)) == len(labels) == 13  # the same month a year apart, told apart
    assert labels[0].endswith(str(timezone.localdate().year - 1))
    assert f"jan {timezone.localdate().year}" in labels  # Dutch writes months in lower case
    query = f"?unit={world.team.uuid}&period=90&grain=month&kind=summary"
    summary = client.get(reverse("feedback-export") + query)
    rows = list(
        csv.reader(
            io.StringIO(b"".join(summary.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    starts = {r[0] for r in rows[1:]}
    assert 3 <= len(starts) <= 4  # ninety days touch three or four months
    unit_rows = [r for r in rows[1:] if r[2] == world.team.name]
    total = client.get(reverse("feedback-inbox") + f"?unit={world.team.uuid}&period=90")
    assert sum(int(r[3]) for r in unit_rows) == total.context["figures"].counts.records


def test_a_saved_column_choice_maps_the_next_file_at_upload(login, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    mapping = ImportMapping.objects.create(
        organization=world.org,
        name="Maandexport",
        preset="generic",
        columns={"received_at": "Datum", "score": "Cijfer"},
        options={"metric": "csat"},
    )
    client = login(world.cx_lead)
    client.post(
        reverse("feedback-imports"),
        {
            "file": SimpleUploadedFile("maart.csv", b"Datum;Cijfer\r\n01-03-2025;4\r\n"),
            "preset": "generic",
            "mapping": str(mapping.uuid),
        },
    )
    job = FeedbackImport.objects.get()
    assert (job.columns, job.options) == (mapping.columns, mapping.options)
    page = client.get(reverse("feedback-import", args=[job.uuid]))
    assert [row.errors for row in page.context["preview"].rows] == [[]]


def test_the_progress_bar_asks_for_a_reload_when_the_import_is_done(login, world):
    job = FeedbackImport.objects.create(organization=world.org, filename="x.csv", status="done")
    client = login(world.cx_lead)
    response = client.get(
        reverse("feedback-import-progress", args=[job.uuid]) + "?running=1", HTTP_HX_REQUEST="true"
    )
    assert response["HX-Refresh"] == "true"


def test_an_import_waiting_for_another_import_of_the_organisation_says_so(login, world):
    job = FeedbackImport.objects.create(organization=world.org, filename="x.csv", status="running")
    client = login(world.cx_lead)
    url = reverse("feedback-import-progress", args=[job.uuid])
    progress.report(import_services.PROGRESS_KIND, job.uuid, done=0, total=900, stage="waiting")
    waiting = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "De import wacht op zijn beurt." in waiting
    assert "Er loopt nog een andere import voor deze organisatie." in waiting
    assert "regels gelezen" not in waiting
    progress.report(import_services.PROGRESS_KIND, job.uuid, done=450, total=900, stage="reading")
    reading = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "50% · 450 regels gelezen" in reading
    assert "andere import" not in reading


def test_the_recent_imports_list_shows_which_import_waits_its_turn_and_how_far_one_runs(
    login, world
):
    waiting = FeedbackImport.objects.create(
        organization=world.org, filename="wacht.csv", status="running"
    )
    running = FeedbackImport.objects.create(
        organization=world.org, filename="loopt.csv", status="running"
    )
    FeedbackImport.objects.create(organization=world.org, filename="klaar.csv", status="done")
    progress.report(import_services.PROGRESS_KIND, waiting.uuid, done=0, total=900, stage="waiting")
    progress.report(
        import_services.PROGRESS_KIND, running.uuid, done=300, total=900, stage="reading"
    )
    page = login(world.cx_lead).get(reverse("feedback-imports")).content.decode()
    rows = {
        name: page[page.index(name) :].split("</tr>")[0]
        for name in ("wacht.csv", "loopt.csv", "klaar.csv")
    }
    assert "Wacht op zijn beurt" in rows["wacht.csv"]
    assert "Bezig · 33%" in rows["loopt.csv"]
    assert "Klaar" in rows["klaar.csv"]
    assert "Wacht" not in rows["loopt.csv"] + rows["klaar.csv"]


def test_a_unit_with_too_few_answers_is_hidden_with_a_second_one(login, world):
    from klantcultuur.orgs.models import OrgUnit

    small = OrgUnit.objects.create(
        organization=world.org, parent=world.department, name="Klein", code="W-KC-3"
    )
    now = timezone.now()
    ingest(
        world.org,
        *[
            item(team_code="W-KC-1", score=n % 11, received_at=now - timedelta(hours=3, minutes=n))
            for n in range(12)
        ],
    )
    ingest(
        world.org,
        *[
            item(team_code="W-KC-2", score=n % 11, received_at=now - timedelta(hours=4, minutes=n))
            for n in range(8)
        ],
    )
    ingest(
        world.org,
        *[
            item(team_code="W-KC-3", score=3 + n, received_at=now - timedelta(hours=5, minutes=n))
            for n in range(2)
        ],
    )
    page = login(world.cx_lead).get(reverse("feedback-unit", args=[world.department.uuid]))
    hidden = {row.unit.name for row in page.context["rows"] if row.hidden}
    assert hidden == {small.name, world.back_team.name}  # the smallest other team hides too
    assert "Te weinig antwoorden om te tonen" in page.content.decode()


def test_a_teams_nps_cannot_be_worked_out_from_the_department_and_the_other_team(login, world):
    when = timezone.now() - timedelta(hours=1)
    ingest(world.org, *[item(team_code="W-KC-1", score=9, received_at=when) for _n in range(10)])
    ingest(world.org, *[item(team_code="W-KC-2", score=0, received_at=when) for _n in range(3)])
    ingest(
        world.org,
        *[item(team_code="W-KC-2", metric="csat", score=5, received_at=when) for _n in range(7)],
    )
    page = login(world.cx_lead).get(reverse("feedback-unit", args=[world.department.uuid]))
    assert page.context["external"].nps.n == 13  # the department's NPS is shown
    rows = {row.unit.name: row for row in page.context["rows"]}
    assert not rows["Planning"].hidden and rows["Planning"].figures.nps is None  # 3 answers
    # Shown, the team's NPS would give Planning's away: 13 answers minus the team's 10.
    assert rows["Klantcontactcentrum"].figures.nps is None
    assert rows["Planning"].figures.csat.value == 100.0  # no other CSAT to subtract
    html = numbers(page.content.decode())
    team_row = html[html.index(">Klantcontactcentrum</a>") :].split("</tr>")[0]
    assert "+100" not in team_row


def test_team_rows_and_trends_keep_customers_and_colleagues_apart_as_the_headline(login, world):
    when = timezone.now() - timedelta(hours=1)
    ingest(world.org, *[item(team_code="W-KC-1", score=9, received_at=when) for _n in range(10)])
    ingest(
        world.org,
        *[
            item(team_code="W-KC-1", score=0, received_at=when, is_internal=True)
            for _n in range(10)
        ],
    )
    client = login(world.cx_lead)
    page = client.get(reverse("feedback-unit", args=[world.department.uuid]) + "?period=30")
    customers = {row.unit.name: row.figures for row in page.context["rows"]}
    assert customers["Klantcontactcentrum"].counts == page.context["external"].counts
    assert customers["Klantcontactcentrum"].nps.value == 100
    colleagues = {row.unit.name: row.figures for row in page.context["internal_rows"]}
    assert colleagues["Klantcontactcentrum"].counts == page.context["internal"].counts
    assert colleagues["Klantcontactcentrum"].nps.value == -100
    [(_title, chart)] = page.context["charts"]
    [(_title, internal_chart)] = page.context["internal_charts"]
    assert [(p.value, p.n) for p in chart.points] == [("100", 10)]
    assert [(p.value, p.n) for p in internal_chart.points] == [("-100", 10)]
    html = numbers(page.content.decode())
    assert html.count("Van collega’s (interne klanten)") == 3  # figures, trend and rows
    inbox = client.get(reverse("feedback-inbox") + f"?unit={world.department.uuid}&period=30")
    assert inbox.context["figures"].counts == page.context["external"].counts
    assert inbox.context["internal_figures"].counts == page.context["internal"].counts
    assert inbox.context["page"].paginator.count == 20


def test_an_invalid_filter_is_ignored_and_the_other_filters_still_apply(login, world):
    when = timezone.now() - timedelta(hours=1)
    ingest(world.org, *[item(team_code="W-KC-1", score=9, received_at=when) for _n in range(6)])
    ingest(
        world.org,
        *[item(team_code="W-KC-1", metric="csat", score=1, received_at=when) for _n in range(4)],
    )
    inbox = login(world.cx_lead).get(reverse("feedback-inbox") + "?metric=csat&period=14&band=hoog")
    assert inbox.context["figures"].counts.records == 4
    assert [r.metric for r in inbox.context["page"].object_list] == ["csat"] * 4
    assert inbox.context["period"].key == "30"
    assert inbox.context["form"]["period"].value() == "30"  # the filter shows the period used


def test_the_formbricks_help_text_is_in_the_language_of_the_reader(db):
    from django.utils import translation

    from klantcultuur.feedback.forms import FormbricksFieldsForm

    with translation.override("en"):
        assert str(FormbricksFieldsForm().fields["lines"].help_text).startswith(
            "One per line: question id = field. Fields: score, reason,"
        )
    with translation.override("nl"):
        assert str(FormbricksFieldsForm().fields["lines"].help_text).startswith(
            "Eén per regel: vraag-id = veld. Velden: score, reason,"
        )


def test_dates_read_as_each_language_writes_them(login, world):
    moment = timezone.make_aware(timezone.datetime(2026, 10, 14, 11, 5))
    ingest(world.org, item(received_at=moment, score=3, team_code="W-KC-1"))
    record = Feedback.objects.get(organization=world.org)
    client = login(world.cx_lead)
    inbox = reverse("feedback-inbox") + "?period=custom&from=2026-10-01&to=2026-10-31"
    page = client.get(inbox).content.decode()
    assert reverse("feedback-record", args=[record.uuid]) in page
    assert "14 okt 2026, 11:05" in page  # Dutch writes months in lower case
    client.post(reverse("accounts-language"), {"language": "en"})
    assert "14 Oct 2026, 11:05" in client.get(inbox).content.decode()
