"""The metric formulas on counts: NPS with its adjusted-Wald interval, CSAT, CES, bands."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klantcultuur.feedback import metrics
from klantcultuur.feedback.metrics import Counts, record_counts


def test_nps_is_promoters_minus_detractors_with_the_adjusted_wald_interval():
    # 60 promoters, 20 passives, 20 detractors. Worked by hand from the methodology:
    # n' = 103, p' = 60.75/103, d' = 20.75/103, centre 38.835,
    # SE = 100·sqrt((p' + d' - (p' - d')²)/103) = 7.8854, interval 38.835 ± 1.96·SE.
    estimate = metrics.nps(60, 20, 20)
    assert estimate.value == 40.0
    assert estimate.n == 100
    assert estimate.low == pytest.approx(23.380, abs=0.005)
    assert estimate.high == pytest.approx(54.290, abs=0.005)


def test_the_nps_interval_never_leaves_the_scale():
    only_promoters = metrics.nps(4, 0, 0)
    assert only_promoters.value == 100.0
    assert only_promoters.high == 100.0
    assert -100.0 <= only_promoters.low < 100.0
    only_detractors = metrics.nps(0, 0, 3)
    assert only_detractors.low == -100.0


def test_no_answers_give_no_figure():
    assert metrics.nps(0, 0, 0).value is None
    assert metrics.share(0, 0).value is None
    assert metrics.ces_mean(0, 0) is None


def test_csat_is_the_top_two_box_share_not_the_mean():
    # Scores 5, 4, 4, 3, 1: three of five answered 4 or 5.
    total = sum((record_counts("csat", s) for s in (5, 4, 4, 3, 1)), metrics.ZERO)
    csat = total.csat()
    assert csat.value == 60.0
    assert csat.low < 60.0 < csat.high  # Wilson interval around the share


def test_ces_gives_the_mean_and_the_share_of_five_to_seven():
    total = sum((record_counts("ces", s) for s in (7, 6, 5, 2, 1)), metrics.ZERO)
    assert total.ces_mean() == pytest.approx(4.2)
    assert total.ces_high_share().value == 60.0


@pytest.mark.parametrize(
    ("metric", "score", "detractor"),
    [("nps", 6, True), ("nps", 7, False), ("csat", 2, True), ("csat", 3, False),
     ("ces", 3, True), ("ces", 4, False), ("", None, False), ("nps", None, False)],
)  # fmt: skip
def test_detractors_are_nps_0_6_csat_1_2_ces_1_3(metric, score, detractor):
    assert metrics.is_detractor(metric, score) is detractor


def test_score_bands_follow_each_scale():
    assert [metrics.band("nps", s) for s in (6, 7, 8, 9)] == [
        "negative",
        "neutral",
        "neutral",
        "positive",
    ]
    assert [metrics.band("csat", s) for s in (2, 3, 4)] == ["negative", "neutral", "positive"]
    assert [metrics.band("ces", s) for s in (3, 4, 5)] == ["negative", "neutral", "positive"]


def test_one_record_counts_once_in_its_own_counters():
    counts = record_counts("nps", 9, has_comment=True, compliments=2)
    assert counts == Counts(records=1, nps_promoters=1, compliments=2, with_comment=1)
    assert record_counts("", None).records == 1


@given(st.lists(st.tuples(st.sampled_from(["nps", "csat", "ces", ""]), st.integers(0, 10))))
def test_counts_add_up_in_any_order(pairs):
    top = {"nps": 10, "csat": 5, "ces": 7}
    valid = [(m, s) for m, s in pairs if m == "" or s <= top[m]]
    forward = sum((record_counts(m, s if m else None) for m, s in valid), metrics.ZERO)
    backward = sum((record_counts(m, s if m else None) for m, s in reversed(valid)), metrics.ZERO)
    assert forward == backward
    assert forward.records == len(valid)
    assert forward.nps_n + forward.csat_n + forward.ces_n == sum(1 for m, _s in valid if m)
    assert (forward - forward).is_zero


def test_a_small_group_hides_its_figures():
    assert metrics.shown(5, 5)
    assert not metrics.shown(4, 5)


def test_hiding_one_small_team_hides_a_second_one_so_it_cannot_be_derived():
    hidden = metrics.suppress_complementary(40, {"a": 3, "b": 20, "c": 17}, 5)
    assert hidden == {"a", "c"}  # c is the smallest visible team


def test_nothing_extra_is_hidden_when_no_team_is_small():
    assert metrics.suppress_complementary(40, {"a": 10, "b": 30}, 5) == set()


def nps_answers(promoters: int = 0, detractors: int = 0) -> Counts:
    return Counts(
        records=promoters + detractors, nps_promoters=promoters, nps_detractors=detractors
    )


def csat_answers(n: int) -> Counts:
    return Counts(records=n, csat_n=n, csat_top2=n)


def test_a_metric_with_too_few_answers_hides_the_same_metric_of_another_group():
    # Team b has ten responses, but only three NPS answers: the department's NPS minus
    # team a's would give b's NPS away, so a's NPS hides too (its CSAT need not).
    a = nps_answers(promoters=10)
    b = nps_answers(detractors=3) + csat_answers(7)
    hidden = metrics.hidden_figures(a + b, {"a": a, "b": b}, 5)
    assert hidden == {"a": {"nps"}, "b": {"nps"}}
    shown = metrics.breakdown(a + b, {"a": a, "b": b}, 5)
    assert (shown["a"].nps, shown["b"].nps) == (None, None)
    assert shown["b"].csat.value == 100.0 and not shown["b"].row_hidden


def test_a_row_hidden_to_protect_another_counts_as_hidden_for_every_metric():
    # x is too small, so the smallest other row (y) hides with it. y's NPS then hides with
    # the row, and z's NPS must hide too, or the parent's NPS minus z's gives y's.
    x, y, z = csat_answers(3), nps_answers(promoters=6), nps_answers(promoters=10, detractors=10)
    hidden = metrics.hidden_figures(x + y + z, {"x": x, "y": y, "z": z}, 5)
    assert metrics.ROW in hidden["x"] and metrics.ROW in hidden["y"]
    assert hidden["z"] == {"nps"}
    assert metrics.breakdown(x + y + z, {"x": x, "y": y, "z": z}, 5)["z"].nps is None


answers = st.builds(
    Counts,
    records=st.just(0),
    nps_promoters=st.integers(0, 8),
    nps_detractors=st.integers(0, 8),
    csat_n=st.integers(0, 12),
    ces_n=st.integers(0, 12),
)


@given(st.lists(answers, min_size=1, max_size=6), st.integers(3, 10))
def test_no_small_group_follows_from_the_parent_minus_the_shown_groups(groups, min_n):
    children = {i: g + Counts(records=g.nps_n + g.csat_n + g.ces_n) for i, g in enumerate(groups)}
    parent = sum(children.values(), metrics.ZERO)
    shown = metrics.breakdown(parent, children, min_n)
    for figure, size in {metrics.ROW: "records", **metrics.METRIC_SIZES}.items():
        hidden = [
            i
            for i, f in shown.items()
            if getattr(f.counts, size) and (f.row_hidden or figure in f.hidden)
        ]
        small = [i for i, c in children.items() if 0 < getattr(c, size) < min_n]
        assert set(small) <= set(hidden), figure
        if getattr(parent, size) >= min_n:  # else the parent hides it: nothing to subtract from
            # The parent minus the shown groups is the sum of the hidden ones: never one small group.
            assert not (len(hidden) == 1 and hidden[0] in small), (figure, hidden)
