"""The team's dagstart board on a fixed day: the right customers, figures, owners and texts."""

from __future__ import annotations

from django.urls import reverse

from klantcultuur.feedback import selectors
from klantcultuur.feedback.services.records import feedback_assign_team
from klantcultuur.huddle.models import Huddle
from klantcultuur.huddle.tests.helpers import (
    FRIDAY,
    MONDAY,
    SATURDAY,
    SUNDAY,
    THURSDAY,
    at,
    feedback,
    section,
    team_board,
    text,
    value,
)


def monday_feedback(world):
    """Answers around the weekend: only Friday to Sunday belong on Monday's board."""
    feedback(world, THURSDAY, 10, "Donderdag heel vriendelijk geholpen, top!")
    feedback(
        world, FRIDAY, 10, "Mevrouw Jansen belde zelf terug zoals beloofd, dat waardeer ik enorm."
    )
    feedback(world, SATURDAY, 9, "De monteur was keurig op tijd en liet alles netjes achter.")
    feedback(world, SUNDAY, 3, "De wachttijd aan de telefoon was veel te lang.")
    for score in (9, 9, 7, 4):
        feedback(world, FRIDAY, score, hour=11 + score % 3)
    feedback(world, MONDAY, 10, "Maandag ook weer prima geholpen, top!", hour=8)
    feedback(
        world, FRIDAY, 10, "Het andere team hielp ons snel en vriendelijk.", team=world.back_team
    )


def test_a_monday_board_shows_friday_to_sunday_and_says_so(login, world):
    monday_feedback(world)
    board = team_board(world)
    value(board.reach, FRIDAY, 82)
    value(board.wait, FRIDAY, "12.5")
    value(board.lead_time, date_of_week_before(MONDAY), "5.4")
    client = login(world.employee)
    html = client.get(reverse("huddle-board", args=[world.team.uuid]), {"day": "2025-11-17"})
    body = html.content.decode()
    page = text(body)
    assert (
        "maandag 17 november 2025 · terugblik op vrijdag 14 november t/m zondag 16 november: "
        "de dagen sinds de vorige werkdag" in page
    )
    compliments = text(section(body, "compliments-title"))
    assert "Mevrouw Jansen belde zelf terug" in compliments
    assert "De monteur was keurig op tijd" in compliments
    assert "Donderdag" not in compliments and "Maandag ook" not in compliments
    assert "Het andere team" not in page
    improvements = text(section(body, "improvements-title"))
    assert "De wachttijd aan de telefoon was veel te lang." in improvements
    assert "NPS 3" in improvements and "zondag" in improvements
    # The story: the suggestion is the promoter with the fullest compliment.
    story = text(section(body, "story-title"))
    assert story.startswith("Het klantverhaal Voorstel “Mevrouw Jansen belde zelf terug")


def date_of_week_before(day):
    from datetime import timedelta

    from klantcultuur.huddle.steering.days import week_start

    return week_start(day) - timedelta(days=7)


def tile(body: str, team_kpi) -> str:
    start = body.index(">", body.index(f'id="tile-{team_kpi.uuid}"')) + 1
    return text(body[start : body.index("</article>", start)])


def test_kpi_tiles_show_values_targets_owners_and_agree_with_the_feedback_figures(login, world):
    monday_feedback(world)
    board = team_board(world)
    value(board.reach, FRIDAY, 82)
    value(board.reach, THURSDAY, 60)
    value(board.wait, FRIDAY, "12.5")
    value(board.lead_time, date_of_week_before(MONDAY), "5.4")
    body = (
        login(world.employee)
        .get(reverse("huddle-board", args=[world.team.uuid]), {"day": MONDAY.isoformat()})
        .content.decode()
    )

    # Friday to Sunday: the roll-up's counts, through the feedback selector; the board agrees.
    counts = selectors.counts(
        organization=world.org, unit_ids=[world.team.id], start=FRIDAY, end=SUNDAY, internal=False
    )
    assert counts.nps_n == 7
    expected = round(counts.nps().value)
    assert expected == 29  # 4 promoters, 1 passive, 2 detractors of 7
    nps = tile(body, board.nps)
    assert nps.startswith("NPS Bob Visser 29 ✓ op doel (minstens 20)")
    assert "sinds de vorige werkdag · n = 7" in nps

    reach = tile(body, board.reach)
    assert reach.startswith("Bereikbaarheid telefoon Bob Visser 82% ✓ op doel (minstens 80%)")
    assert "vrijdag 14 november" in reach
    assert 'value="82"' in body  # the quick entry holds Friday's value to correct

    wait = tile(body, board.wait)
    assert wait.startswith("Wachttijd balie Bob Visser 12,5 min ✗ mist doel (hoogstens 10,0 min)")
    assert "Start een verbeteractie" in wait

    lead = tile(body, board.lead_time)
    assert lead.startswith("Doorlooptijd reparatie Bob Visser 5,4 dagen ✗ mist doel")
    assert "week 46" in lead and "Waarde week 46" in lead  # 10-16 November 2025


def test_a_board_without_values_asks_for_them(login, world):
    board = team_board(world)
    body = (
        login(world.employee)
        .get(reverse("huddle-board", args=[world.team.uuid]), {"day": "2025-11-18"})
        .content.decode()
    )
    assert "nog niet ingevuld" in tile(body, board.reach)
    assert "Waarde maandag 17 november" in tile(body, board.reach)
    assert "geen antwoorden" in tile(body, board.nps)


def test_a_late_import_and_a_correction_change_the_board_figures(login, world):
    monday_feedback(world)
    board = team_board(world)
    client = login(world.employee)
    url = reverse("huddle-board", args=[world.team.uuid])

    def nps_tile():
        return tile(client.get(url, {"day": MONDAY.isoformat()}).content.decode(), board.nps)

    assert "29" in nps_tile() and "n = 7" in nps_tile()
    # A file arrives on Tuesday with a detractor of Saturday: Monday's board takes it in.
    late = feedback(world, SATURDAY, 0)
    assert "n = 8" in nps_tile() and " 13 " in f" {nps_tile()} "  # (4 - 3) / 8 = 12.5
    # The record belonged to another team after all: the board follows the correction.
    feedback_assign_team(records=[late], team=world.back_team)
    assert "n = 7" in nps_tile() and "29" in nps_tile()


def test_a_corrected_team_takes_the_compliment_off_the_board(login, world):
    monday_feedback(world)
    team_board(world)
    client = login(world.employee)
    url = reverse("huddle-board", args=[world.team.uuid])
    record = world.team.feedback.get(reason__startswith="Mevrouw Jansen")
    feedback_assign_team(records=[record], team=world.back_team)
    body = client.get(url, {"day": MONDAY.isoformat()}).content.decode()
    assert "Mevrouw Jansen" not in body
    assert "De monteur was keurig op tijd" in body


def test_a_back_office_board_shows_its_colleagues_only_from_ten_comments(login, world):
    team_board(world, team=world.back_team)
    for i in range(6):
        feedback(
            world,
            FRIDAY,
            5,
            f"Snel antwoord op mijn ticket nummer {i}, probleem opgelost.",
            team=world.back_team,
            metric="csat",
            is_internal=True,
            hour=9 + i,
        )
    feedback(world, FRIDAY, 10, "Een klant van buiten: top geholpen!", team=world.back_team)
    client = login(world.admin)
    url = reverse("huddle-board", args=[world.back_team.uuid])
    body = client.get(url, {"day": "2025-11-17"}).content.decode()
    page = text(body)
    assert "Interne klanten: collega's" in page
    assert "6 complimenten van collega's." in page
    assert "De teksten verschijnen vanaf 10 reacties, zodat geen collega herkenbaar is." in page
    assert "Snel antwoord op mijn ticket" not in page and "Een klant van buiten" not in page
    for i in range(6, 10):
        feedback(
            world,
            SATURDAY,
            4,
            f"Duidelijk advies waar ik verder mee kon, vraag {i}.",
            team=world.back_team,
            metric="csat",
            is_internal=True,
        )
    body = client.get(url, {"day": "2025-11-17"}).content.decode()
    compliments = text(section(body, "compliments-title"))
    assert "Snel antwoord op mijn ticket nummer 0" in compliments
    assert "een collega" in compliments
    assert "Een klant van buiten" not in body  # a back-office board reads its colleagues


def test_choosing_the_story_and_recording_the_dagstart(login, world):
    monday_feedback(world)
    team_board(world)
    client = login(world.employee)
    record = world.team.feedback.get(reason__startswith="De monteur")
    board_url = reverse("huddle-board", args=[world.team.uuid])
    response = client.post(
        reverse("huddle-story", args=[world.team.uuid]),
        {"day": MONDAY.isoformat(), "feedback": str(record.uuid)},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("huddle-record", args=[world.team.uuid]),
        {
            "day": MONDAY.isoformat(),
            "attendees": [world.employee.id, world.manager.id],
            "note": "Klantverhaal van zaterdag voorgelezen.",
        },
        HTTP_HX_REQUEST="true",
    )
    assert "Opgeslagen om" in text(response.content.decode())
    huddle = Huddle.objects.get(unit=world.team, day=MONDAY)
    assert (huddle.story, huddle.note) == (record, "Klantverhaal van zaterdag voorgelezen.")
    assert set(huddle.attendees.all()) == {world.employee, world.manager}
    body = client.get(board_url, {"day": MONDAY.isoformat()}).content.decode()
    story = text(section(body, "story-title"))
    assert story.startswith("Het klantverhaal “De monteur was keurig op tijd")
    assert "Gekozen door het team." in story
    history = text(client.get(reverse("huddle-history", args=[world.team.uuid])).content.decode())
    assert "maandag 17 november 2025" in history
    assert "2 van 2 aanwezig: Bob Visser, Mila Jansen" in history
    assert "Klantverhaal van zaterdag voorgelezen." in history


def test_a_story_must_come_from_the_days_the_board_looks_back_at(login, world):
    monday_feedback(world)
    client = login(world.employee)
    thursday = world.team.feedback.get(reason__startswith="Donderdag")
    client.post(
        reverse("huddle-story", args=[world.team.uuid]),
        {"day": MONDAY.isoformat(), "feedback": str(thursday.uuid)},
    )
    assert not Huddle.objects.filter(unit=world.team, story__isnull=False).exists()


def test_a_future_day_shows_today(login, world):
    client = login(world.employee)
    response = client.get(reverse("huddle-board", args=[world.team.uuid]), {"day": "2999-01-01"})
    assert response.status_code == 200
    assert "2999" not in text(response.content.decode())


def test_the_wall_screen_refreshes_its_figures_only_today(login, world, settings):
    team_board(world)
    client = login(world.employee)
    url = reverse("huddle-dagstart", args=[world.team.uuid])
    today = client.get(url).content.decode()
    assert "data-refresh-url" in today and 'http-equiv="refresh"' in today
    assert 'class="wall"' in today
    past = client.get(url, {"day": "2025-11-17"}).content.decode()
    assert "data-refresh-url" not in past
    partial = client.get(url, {"day": "2025-11-17", "part": "figures"}, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert body.lstrip().startswith('<div id="figures"') and "<html" not in body


def test_monday_board_does_not_mix_in_mondays_own_customers(world):
    # Guard against the window sliding: Monday's board on Tuesday's data stays the same.
    monday_feedback(world)
    from klantcultuur.huddle.boards import team_board as assemble

    board = assemble(
        unit=world.team, day=MONDAY, organization=world.org, can_steer=True, now=at(MONDAY, 8)
    )
    days = {s.record.day for s in board.signals.compliments + board.signals.improvements}
    assert days == {FRIDAY, SATURDAY, SUNDAY}
