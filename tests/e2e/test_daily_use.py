"""Daily use in a real browser (issue 17): what a customer, a team leader at 8:30, a CX lead
and a board member rely on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from klantcultuur.feedback.models import Feedback, Touchpoint
from klantcultuur.feedback.services.records import feedback_ingest
from klantcultuur.feedback.validation import RecordInput
from klantcultuur.testing import build_world
from tests.e2e.conftest import screenshot
from tests.e2e.test_organisation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROMISE = "Uw antwoord gaat naar het team dat u heeft geholpen."
DAGSTART = "Het team leest het bij de volgende dagstart."


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def answer(page, score: str, text: str) -> None:
    page.get_by_text(score, exact=True).click()
    page.get_by_label("Wat is de belangrijkste reden voor uw score?").fill(text)
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", name="Bedankt!")).to_be_visible()


def test_a_form_without_a_team_is_flagged_and_its_team_link_routes_the_answer(
    live_server, page_factory
):
    world = build_world()
    page = page_factory()
    log_in(page, live_server.url, "cees@linge.example")
    page.goto(live_server.url + "/feedback/touchpoints/")
    page.locator("#id_name").fill("Balie")
    page.locator("#id_subject").fill("de balie")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Balie")
    # Flagged where it is set up ...
    expect(
        page.get_by_text("Antwoorden via dit formulier bereiken geen team").first
    ).to_be_visible()
    touchpoint = Touchpoint.objects.get(name="Balie")
    # ... one link and QR code per team, the link's address the one this page was served on
    row = page.get_by_role("row", name="Klantcontactcentrum")
    link = row.get_by_role("link").first.get_attribute("href")
    assert link == f"{live_server.url}/k/{touchpoint.uuid}/?team={world.team.uuid}"
    qr = row.get_by_role("link", name="Downloaden (SVG)").get_attribute("href")
    assert page.request.get(live_server.url + qr).text().count("<path") == 1
    screenshot(page, "touchpoint-without-team-desktop")
    # ... and in the list of forms.
    page.goto(live_server.url + "/feedback/touchpoints/")
    expect(page.get_by_text("geen team: antwoorden blijven ongelezen")).to_be_visible()
    expect(
        page.get_by_text("1 open formulier stuurt zijn antwoorden naar geen team")
    ).to_be_visible()

    customer = page_factory(width=390, height=844)
    customer.goto(link)
    expect(customer.get_by_text(PROMISE)).to_be_visible()
    answer(customer, "9", "Heel vriendelijk geholpen aan de balie.")
    expect(customer.get_by_text(DAGSTART)).to_be_visible()
    assert fits(customer)
    screenshot(customer, "feedback-form-team-link-thanks-phone")
    assert Feedback.objects.get().team == world.team

    # The general link reaches nobody: the form promises nothing, and another
    # organisation's team in the link is not accepted.
    general = page_factory(width=390, height=844)
    general.goto(f"{live_server.url}/k/{touchpoint.uuid}/?team={world.other_team.uuid}")
    expect(general.get_by_role("heading", level=1)).to_have_text("Balie")
    expect(general.get_by_text(PROMISE)).to_have_count(0)
    answer(general, "4", "Lang gewacht bij de balie.")
    expect(general.get_by_text(DAGSTART)).to_have_count(0)
    assert Feedback.objects.filter(team__isnull=True).count() == 1


def test_no_team_dropdown_preselects_a_team(live_server, page_factory):
    world = build_world()
    item = RecordInput(
        received_at=timezone.now() - timedelta(hours=3),
        metric="nps",
        score=3,
        reason="Niemand belde terug.",
        channel="telefoon",
    )
    feedback_ingest(organization=world.org, items=[item], source="api")
    record = Feedback.objects.get()
    page = page_factory()
    log_in(page, live_server.url, "cees@linge.example")
    page.goto(live_server.url + "/feedback/unrouted/")
    select = page.get_by_label("Team", exact=True).first
    assert select.evaluate("s => s.value") == ""
    assert select.locator("option:checked").inner_text() == "— kies een team —"
    page.get_by_role("button", name="Aan dit team geven").click()  # the browser refuses
    record.refresh_from_db()
    assert record.team is None
    page.goto(live_server.url + f"/feedback/responses/{record.uuid}/")
    assert page.get_by_label("Deze reactie geven aan").evaluate("s => s.value") == ""
    page.get_by_label("Deze reactie geven aan").select_option(label="\u2003\u2003\u2003Planning")
    page.get_by_role("button", name="Verplaatsen").click()
    record.refresh_from_db()
    assert record.team == world.back_team


def satisfaction_kpis(world):
    """Customers rate the front-office team 80%, colleagues the back-office team 40%."""
    from klantcultuur.huddle.models import Kpi, TeamKpi
    from klantcultuur.huddle.steering.days import lookback
    from klantcultuur.huddle.tests.helpers import feedback

    def kpi(name):
        return Kpi.objects.create(
            organization=world.org,
            name=name,
            source="feedback",
            measure="csat",
            period="week",
            unit="%",
            default_target=75,
        )

    TeamKpi.objects.create(organization=world.org, kpi=kpi("Klanttevredenheid"), team=world.team)
    TeamKpi.objects.create(
        organization=world.org, kpi=kpi("Tevredenheid collega's"), team=world.back_team
    )
    day = lookback(timezone.localdate()).start
    for i, score in enumerate((5, 4, 4, 5, 2)):
        feedback(world, day, score, metric="csat", hour=9 + i)
    for i, score in enumerate((4, 5, 2, 1, 3)):
        feedback(
            world, day, score, team=world.back_team, metric="csat", is_internal=True, hour=9 + i
        )


def column(page, heading: str) -> list[str]:
    """The texts of one column of the tier table, by its heading."""
    heads = page.locator("table.tier thead th").all_inner_texts()
    index = [h.strip() for h in heads].index(heading)
    return [
        " ".join(row.locator("> *").nth(index).inner_text().split())
        for row in page.locator("table.tier tbody tr:not(.tier__group)").all()
    ]


def test_tier_boards_show_customers_and_colleagues_apart_and_fit_1280(live_server, page_factory):
    world = build_world()
    satisfaction_kpis(world)
    page = page_factory(width=1280, height=900)
    log_in(page, live_server.url, "dirk@linge.example")
    page.goto(live_server.url + "/huddle/organisation/")
    assert column(page, "Klanttevredenheid") == ["80%"]
    assert column(page, "Tevredenheid collega's") == ["40% collega’s"]
    assert fits(page)
    wrap = page.locator(".tablewrap").first
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth")  # the last column is in view
    screenshot(page, "organisation-board-1280")

    page.goto(live_server.url + f"/huddle/{world.department.uuid}/")
    units = [t.strip() for t in page.locator("table.tier tbody th").all_inner_texts()]
    assert units == ["Klantcontactcentrum", "Planning backoffice"]
    assert column(page, "Klanttevredenheid") == ["80% op doel ✓", "–"]
    assert column(page, "Tevredenheid collega's") == ["–", "40% mist doel ✗ collega’s"]
    assert fits(page)
    screenshot(page, "department-board-1280")


COMPLIMENTS = [
    "De monteur was keurig op tijd en liet alles netjes achter.",
    "Mevrouw belde zelf terug zoals beloofd, dat waardeer ik enorm.",
    "Heel vriendelijk en geduldig aan de telefoon geholpen.",
    "Binnen twee dagen was het geregeld, top.",
    "Duidelijke uitleg over de huurverhoging gekregen.",
    "De klantadviseur wist precies wat er moest gebeuren.",
    "Snel een afspraak kunnen maken voor de reparatie.",
    "Fijn dat ik gewoon teruggebeld werd.",
]


def a_full_morning(world):
    """What a busy team sees at 8:30: eight compliments, six KPIs, five actions, an
    overdue call-back and an escalation."""
    from klantcultuur.feedback.models import FollowUpCase
    from klantcultuur.huddle.models import Escalation, ImprovementAction, Kpi, TeamKpi
    from klantcultuur.huddle.steering.days import lookback
    from klantcultuur.huddle.tests.helpers import feedback, team_board, value

    board = team_board(world)
    day = lookback(timezone.localdate()).start
    for i, text in enumerate(COMPLIMENTS):
        feedback(world, day, 9 + i % 2, text, hour=8 + i)
    angry = feedback(
        world,
        day,
        2,
        "Niemand belde terug over mijn lekkage.",
        hour=17,
        contact_consent=True,
        customer_ref="H-77",
    )
    FollowUpCase.objects.filter(feedback=angry).update(due_at=timezone.now() - timedelta(hours=5))
    value(board.reach, day, 84)
    for name in ("Aandeel complimenten", "Klanttevredenheid"):
        kpi = Kpi.objects.create(
            organization=world.org,
            name=name,
            source="feedback",
            measure="compliments" if name.startswith("Aandeel") else "csat",
            period="week",
            unit="%",
            default_target=60,
        )
        TeamKpi.objects.create(
            organization=world.org, kpi=kpi, team=world.team, owner=world.employee, position=9
        )
    for i in range(5):
        ImprovementAction.objects.create(
            organization=world.org,
            team=world.team,
            owner=world.employee,
            title=f"Terugbelbelofte nakomen, stap {i + 1}",
            problem="Klanten wachten op een belletje.",
            due_date=timezone.localdate() + timedelta(days=i - 1),
        )
    Escalation.objects.create(
        organization=world.org,
        from_unit=world.team,
        to_unit=world.department,
        raised_on=day,
        raised_by=world.manager,
        text="De telefooncentrale biedt geen terugbeloptie.",
    )
    return board


def above_the_fold(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("width,height", [(1920, 1080), (1024, 768)])
def test_the_dagstart_fits_its_screen(live_server, page_factory, width, height):
    world = build_world()
    a_full_morning(world)
    page = page_factory(width=width, height=height)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, live_server.url, "mila@linge.example")
    page.goto(live_server.url + f"/huddle/{world.team.uuid}/dagstart/")
    expect(page.locator(".quote--big")).to_be_visible()
    must_see = [
        page.locator(".panel--story .quote--big"),
        page.get_by_role("heading", name="KPI's"),
        *page.locator(".tile .tile__value").all(),
        page.get_by_role("heading", name="Verbeteracties"),
        page.get_by_role("link", name="Terugbelbelofte nakomen, stap 1"),
        page.get_by_role("heading", name="Te laat teruggebeld").last,
        page.get_by_role("heading", name="Wat wij escaleren"),
        page.get_by_role("link", name="De telefooncentrale biedt geen terugbeloptie."),
        page.get_by_role("timer"),
    ]
    assert len(page.locator(".tile").all()) == 6
    hidden = [loc for loc in must_see if not above_the_fold(page, loc)]
    screenshot(page, f"dagstart-wall-{width}x{height}")
    page.screenshot(
        path=str(
            screenshot(page, f"dagstart-wall-{width}x{height}").with_name(
                f"dagstart-wall-{width}x{height}-screen.png"
            )
        )
    )
    assert hidden == [], [h.inner_text()[:40] for h in hidden]
    # A short list of compliments with "more", not every compliment in full.
    assert page.locator(".signal--compliment").count() == 3
    expect(page.get_by_role("link", name="nog 5")).to_be_visible()
    assert fits(page)
    # Readable from two metres on the wall screen.
    if width == 1920:
        size = page.locator(".tile__value").first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"
        )
        assert size >= 56
    assert errors == []


def test_the_team_times_its_dagstart_and_chooses_its_story(live_server, page_factory):
    world = build_world()
    a_full_morning(world)
    page = page_factory(width=1024, height=768)
    log_in(page, live_server.url, "bob@linge.example")
    page.goto(live_server.url + f"/huddle/{world.team.uuid}/dagstart/")
    timer = page.get_by_role("timer")
    expect(timer).to_contain_text("15:00")
    page.get_by_role("button", name="Start 15 minuten").click()
    expect(timer).to_contain_text("14:5", timeout=5000)
    expect(page.get_by_role("button", name="Stop")).to_be_visible()

    page.get_by_text("Kies een ander verhaal").click()
    page.get_by_label("Een compliment sinds de vorige werkdag").select_option(
        label="Fijn dat ik gewoon teruggebeld werd."
    )
    page.get_by_role("button", name="Kies als klantverhaal").click()
    expect(page.locator(".panel--story .quote--big")).to_contain_text(
        "Fijn dat ik gewoon teruggebeld"
    )
    expect(page.locator(".panel--story")).to_contain_text("Gekozen door het team.")
    # The timer keeps running through the reload.
    assert "15:00" not in page.get_by_role("timer").inner_text()


def crawl(page, base: str, start: str, limit: int = 120) -> dict[str, int]:
    """Status of every page reachable by following links from `start` (same site, GET)."""
    from urllib.parse import urldefrag, urljoin, urlparse

    seen: dict[str, int] = {}
    queue = [start]
    skip = ("/account/logout", "/export", ".csv", ".xlsx", ".svg", "/static/", "/k/")
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        response = page.goto(base + path)
        seen[path] = response.status
        if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        for href in page.locator("main a[href], nav a[href]").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        ):
            url = urldefrag(urljoin(base + path, href))[0]
            parsed = urlparse(url)
            if parsed.netloc != urlparse(base).netloc or any(s in parsed.path for s in skip):
                continue
            target = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            if target not in seen and target not in queue and "day=" not in target:
                queue.append(target)
    return seen


@pytest.mark.parametrize("email", ["mila@linge.example", "bob@linge.example"])
def test_every_link_a_team_member_follows_opens(live_server, page_factory, email):
    world = build_world()
    a_full_morning(world)
    page = page_factory()
    log_in(page, live_server.url, email)
    statuses = crawl(page, live_server.url, "/start/")
    refused = {path: status for path, status in statuses.items() if status in (403, 404)}
    assert f"/huddle/{world.team.uuid}/" in statuses
    assert refused == {}


def test_the_heatmap_shows_the_example_behaviour_columns_first(live_server, page_factory):
    from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave

    world = build_world()
    wave = make_wave(world.org, name="Cultuurscan 2026")
    add_responses(wave, world.team, 12)
    add_responses(wave, world.department, 5, role="manager", level=5)
    close_and_report(wave)
    page = page_factory(width=1280, height=900)
    log_in(page, live_server.url, "cees@linge.example")
    page.goto(f"{live_server.url}/scan/waves/{wave.uuid}/heatmap/")
    wrap = page.locator(".tablewrap").first.bounding_box()
    for name in ("Voorbeeldgedrag van de leidinggevende", "Voorbeeldgedrag (zelfbeeld)"):
        head = page.get_by_role("columnheader", name=name).bounding_box()
        assert wrap["x"] <= head["x"] and head["x"] + head["width"] <= wrap["x"] + wrap["width"]
    assert fits(page)
    screenshot(page, "heatmap-1280")

    phone = page_factory(width=390, height=844)
    log_in(phone, live_server.url, "cees@linge.example")
    phone.goto(f"{live_server.url}/scan/waves/{wave.uuid}/heatmap/")
    unit = phone.get_by_role("rowheader", name="Klantcontactcentrum")
    before = unit.bounding_box()["x"]
    phone.locator(".tablewrap").first.evaluate("e => e.scrollLeft = 600")
    assert abs(unit.bounding_box()["x"] - before) < 1  # the unit column stays in view
    assert fits(phone)
    screenshot(phone, "heatmap-phone")


@pytest.mark.parametrize("email", ["mila@linge.example", "cees@linge.example"])
def test_no_page_is_wider_than_a_phone(live_server, page_factory, email):
    world = build_world()
    a_full_morning(world)
    page = page_factory(width=390, height=844)
    log_in(page, live_server.url, email)
    wide = []
    statuses = crawl(page, live_server.url, "/start/", limit=70)
    for path, status in statuses.items():
        if status != 200:
            continue
        page.goto(live_server.url + path)
        if not fits(page):
            wide.append(path)
    assert len(statuses) > 20
    assert wide == []


def test_a_kpi_the_team_gets_no_data_for_is_flagged_with_the_reason(live_server, page_factory):
    from klantcultuur.huddle.models import ImprovementAction, Kpi, TeamKpi
    from klantcultuur.huddle.tests.helpers import feedback

    world = build_world()
    for i, score in enumerate((6, 7, 5)):  # the team's customers are asked CES only
        feedback(world, timezone.localdate() - timedelta(days=3), score, metric="ces", hour=9 + i)
    nps = Kpi.objects.create(
        organization=world.org,
        name="NPS",
        source="feedback",
        measure="nps",
        period="week",
        default_target=20,
    )
    page = page_factory(width=1280, height=900)
    log_in(page, live_server.url, "mila@linge.example")
    page.goto(live_server.url + f"/huddle/{world.team.uuid}/kpis/")
    page.locator("#id_kpi").select_option(label="NPS")
    page.get_by_role("button", name="Toevoegen").click()
    warning = page.locator(".message--warning")
    expect(warning).to_contain_text("“NPS” blijft leeg")
    expect(warning).to_contain_text("alleen CES")
    row = page.get_by_role("row", name="NPS")
    expect(row).to_contain_text("krijgt geen gegevens")
    screenshot(page, "team-kpis-no-data")

    action = ImprovementAction.objects.create(
        organization=world.org,
        team=world.team,
        title="NPS omhoog",
        problem="Te veel criticasters.",
        kpi=nps,
        owner=world.employee,
    )
    assert TeamKpi.objects.filter(team=world.team, kpi=nps).exists()
    page.goto(live_server.url + f"/huddle/actions/{action.uuid}/")
    expect(page.locator(".message--warning")).to_contain_text(
        "het effect kan niet worden gecontroleerd"
    )


def test_the_wave_comparison_chart_and_table_round_alike(live_server, page_factory):
    from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave

    world = build_world()
    today = timezone.localdate()
    before = make_wave(
        world.org,
        name="Cultuurscan 2025",
        opens_on=today - timedelta(days=400),
        closes_on=today - timedelta(days=380),
    )
    add_responses(before, world.team, 7, level=3)
    add_responses(before, world.department, 5, role="manager", level=3)
    close_and_report(before)
    wave = make_wave(
        world.org,
        name="Cultuurscan 2026",
        opens_on=today - timedelta(days=30),
        closes_on=today - timedelta(days=10),
    )
    add_responses(wave, world.team, 6, level=4)
    add_responses(wave, world.department, 5, role="manager", level=3)
    close_and_report(wave)
    page = page_factory(width=1280, height=900)
    log_in(page, live_server.url, "cees@linge.example")
    page.goto(f"{live_server.url}/scan/waves/{wave.uuid}/comparison/")
    chart = [
        t.replace("-", "−")
        for t in page.locator('svg text[text-anchor="end"]').all_text_contents()
        if t[:1] in "+-" and "," in t
    ]
    row = page.get_by_role("row", name="Woonstichting De Linge")
    table = [
        t.strip().rstrip("*").replace("(echt)", "").strip()
        for t in row.locator("td").all_inner_texts()
    ]
    table = [t for t in table if t[:1] in "+−"]
    assert chart and sorted(chart) == sorted(table)
    screenshot(page, "wave-comparison-1280")


def test_the_wording_reads_as_dutch(live_server, page_factory):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from klantcultuur.huddle.models import ImprovementAction

    world = build_world()
    board = a_full_morning(world)
    may = datetime(2026, 5, 6, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    feedback_ingest(
        organization=world.org,
        source="api",
        items=[
            RecordInput(
                received_at=may, metric="nps", score=8, reason="Prima.", team_id=world.team.id
            )
        ],
    )
    record = Feedback.objects.get(received_at=may)
    ImprovementAction.objects.filter(title__endswith="stap 1").update(state="check")
    page = page_factory()
    log_in(page, live_server.url, "cees@linge.example")
    page.goto(live_server.url + f"/feedback/responses/{record.uuid}/")
    expect(page.locator("main")).to_contain_text("6 mei 2026")
    page.goto(live_server.url + f"/huddle/{world.team.uuid}/")
    tile = page.locator(f"#tile-{board.reach.uuid}")
    expect(tile).to_contain_text("✓ op doel (minstens 80%)")
    assert "doel doel" not in page.locator("main").inner_text()
    page.goto(live_server.url + "/huddle/")
    expect(page.get_by_role("columnheader", name="Bord")).to_be_visible()
    action = ImprovementAction.objects.get(title__endswith="stap 1")
    page.goto(live_server.url + f"/huddle/actions/{action.uuid}/")
    text = page.locator("main").inner_text()
    assert "terug naar do" not in text and "Besluiten: act" not in text
    expect(page.get_by_role("button", name="Nog niet klaar: terug naar uitvoeren")).to_be_visible()


def test_the_start_page_is_each_roles_day(live_server, page_factory):
    from klantcultuur.huddle.steering.days import lookback
    from klantcultuur.huddle.tests.helpers import value

    world = build_world()
    board = a_full_morning(world)
    value(board.wait, lookback(timezone.localdate()).start, 12.5)  # misses its target of 10

    leader = page_factory(width=1280, height=900)
    log_in(leader, live_server.url, "mila@linge.example")
    main = leader.locator("main")
    expect(main).to_contain_text("Dagstart van vandaag: Klantcontactcentrum")
    off = leader.get_by_role("region", name="KPI's niet op doel")
    expect(off).to_contain_text("Wachttijd balie: 12,5 min")
    expect(off.locator("li")).to_have_count(1)
    expect(leader.get_by_role("region", name="Te laat teruggebeld")).to_contain_text("NPS 2")
    expect(
        leader.get_by_role("region", name="Acties met een deadline").locator("li")
    ).to_have_count(4)
    leader.get_by_role("link", name="Open de dagstart").click()
    expect(leader.get_by_role("heading", level=1)).to_have_text("Dagstart Klantcontactcentrum")
    leader.goto(live_server.url + "/start/")
    screenshot(leader, "start-team-leader-1280")

    employee = page_factory(width=390, height=844)
    log_in(employee, live_server.url, "bob@linge.example")
    mine = employee.get_by_role("region", name="De KPI's die jij volgt")
    expect(mine.locator("li")).to_have_count(6)
    expect(mine).to_contain_text("Bereikbaarheid telefoon: 84% ✓ op doel")
    expect(employee.get_by_role("region", name="Jouw verbeteracties").locator("li")).to_have_count(
        5
    )
    expect(
        employee.get_by_role("region", name="De laatste complimenten voor het team").locator("li")
    ).to_have_count(3)
    assert fits(employee)
    screenshot(employee, "start-employee-phone")

    director = page_factory(width=1280, height=900)
    log_in(director, live_server.url, "dirk@linge.example")
    expect(director.get_by_role("region", name="Volwassenheidsfase")).to_contain_text(
        "Er is nog geen cultuurscan afgesloten."
    )
    expect(director.get_by_role("region", name="NPS van uw klanten")).to_contain_text("78")
    expect(director.get_by_role("region", name="Gebruik van de dagstart")).to_contain_text(
        "0 van 2"
    )
    waits = director.get_by_role("region", name="Wat op je wacht")
    expect(waits).to_contain_text("1 klant wacht te lang op terugbellen")
    expect(waits).to_contain_text("1 verbeteractie is over de deadline")
    screenshot(director, "start-board-1280")


def test_a_team_leader_gives_a_call_back_to_a_colleague(live_server, page_factory):
    from klantcultuur.feedback.models import FollowUpCase

    world = build_world()
    a_full_morning(world)
    case = FollowUpCase.objects.get()
    page = page_factory(width=390, height=844)
    log_in(page, live_server.url, "mila@linge.example")
    page.goto(live_server.url + f"/feedback/cases/{case.uuid}/")
    field = page.get_by_label("Wie belt terug")
    assert field.evaluate("s => s.value") == ""  # nobody chosen for the team
    field.select_option(label="Bob Visser")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het terugbelverzoek is opgeslagen.")).to_be_visible()
    case.refresh_from_db()
    assert case.assigned_to == world.employee
    page.goto(live_server.url + "/feedback/cases/")
    expect(page.locator("main")).to_contain_text("belt terug: Bob Visser")
    assert fits(page)


def test_an_administrator_sees_a_message_that_could_not_be_sent_and_sends_it_again(
    live_server, page_factory, settings
):
    from klantcultuur.notify.models import Delivery, NotifySettings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world = build_world()
    NotifySettings.objects.create(organization=world.org, webhook_url="http://127.0.0.1:9/nowhere")
    feedback_ingest(
        organization=world.org,
        source="api",
        items=[
            RecordInput(
                received_at=timezone.now(),
                metric="nps",
                score=1,
                reason="Boos.",
                contact_consent=True,
                team_id=world.team.id,
            )
        ],
    )
    page = page_factory(width=1280, height=900)
    log_in(page, live_server.url, "alice@linge.example")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Meldingen").click()
    expect(page.get_by_text("1 bericht kon nog niet worden verstuurd")).to_be_visible()
    row = page.get_by_role("row", name="Teams/Slack")
    expect(row).to_contain_text("mislukt, wordt opnieuw geprobeerd")
    expect(row).to_contain_text("URLError")
    expect(page.get_by_role("row", name="mila@linge.example")).to_contain_text("verstuurd")
    NotifySettings.objects.filter(organization=world.org).update(webhook_url="")
    Delivery.objects.filter(channel="webhook").update(to="http://127.0.0.1:9/still-nowhere")
    row.get_by_role("button", name="Nu opnieuw proberen").click()
    expect(page.get_by_text("Het bericht wordt opnieuw verstuurd.")).to_be_visible()
    assert Delivery.objects.get(channel="webhook").attempts == 2  # tried again, still kept
    screenshot(page, "notifications-1280")


def test_a_hidden_scan_figure_says_why_and_what_would_show_it(live_server, page_factory):
    from klantcultuur.scan.tests.helpers import add_responses, close_and_report, make_wave

    world = build_world()
    wave = make_wave(world.org, name="Cultuurscan 2026")
    add_responses(wave, world.team, 12)
    add_responses(wave, world.back_team, 4, level=2)
    add_responses(wave, world.department, 5, role="manager", level=5)
    close_and_report(wave)
    page = page_factory(width=390, height=844)
    log_in(page, live_server.url, "cees@linge.example")
    page.goto(f"{live_server.url}/scan/waves/{wave.uuid}/units/{world.back_team.uuid}/")
    hidden = page.locator(".suppressed").first
    expect(hidden).to_contain_text("Minder dan 5 respondenten")
    expect(hidden).to_contain_text("zichtbaar vanaf 5 respondenten, zodat niemand te herkennen is")
    assert fits(page)
    screenshot(page, "scan-unit-hidden-phone")
