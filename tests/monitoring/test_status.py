"""The status rule (monitoring/status.py): on track / at risk / off track from the straight path between
baseline and target over the strategy's period, and no status (with the reason) when it cannot be worked out."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitoring.status import (
    AT_RISK,
    AT_RISK_GAP,
    NO_STATUS,
    OFF_TRACK,
    OFF_TRACK_GAP,
    ON_TRACK,
    expected_value,
    parse_number,
    status_of,
)

START, END = datetime.date(2025, 1, 1), datetime.date(2027, 1, 1)
MIDDLE = datetime.date(2026, 1, 1)  # 365 of 731 days: the path is just under half way


def status(value, on=MIDDLE, baseline="0", target="1000", start=START, end=END):
    return status_of(baseline=baseline, target=target, value=Decimal(value), on=on, start=start, end=end)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12 %", Decimal("12")),
        ("5,000", Decimal("5000")),
        ("2 000 visits", Decimal("2000")),
        ("0,5", Decimal("0.5")),
        ("About 2,000 (estimate for early 2025)", Decimal("2000")),
        ("10,000 a month by end of 2027", Decimal("10000")),
        ("80% by 2027", Decimal("80")),
        ("At least 4.0", Decimal("4.0")),
        ("-3", Decimal("-3")),
        ("2025 visitors", Decimal("2025")),
        ("from 10 to 20", None),
        ("All networks by end of 2026", None),
        ("To be measured in the 2025 survey", None),
        ("", None),
    ],
)
def test_numbers_are_read_as_people_write_them(text, number):
    assert parse_number(text) == number


def test_a_reading_on_the_path_is_on_track():
    expected = expected_value(Decimal(0), Decimal(1000), START, END, MIDDLE)
    assert status(expected).code == ON_TRACK


def test_thresholds_are_shares_of_the_whole_way():
    expected = expected_value(Decimal(0), Decimal(1000), START, END, MIDDLE)
    just_at_risk = expected - AT_RISK_GAP * 1000
    just_off = expected - OFF_TRACK_GAP * 1000
    assert status(just_at_risk + Decimal("0.01")).code == ON_TRACK
    assert status(just_at_risk).code == AT_RISK
    assert status(just_off + Decimal("0.01")).code == AT_RISK
    assert status(just_off).code == OFF_TRACK


def test_ahead_of_the_path_is_on_track():
    assert status("999").code == ON_TRACK


def test_a_kpi_meant_to_go_down_is_behind_above_the_line():
    # From 100 complaints down to 0: half way through, 50 is on the line; 80 is 30 % of the way behind.
    assert status("50", baseline="100", target="0").code == ON_TRACK
    assert status("80", baseline="100", target="0").code == OFF_TRACK
    assert status("10", baseline="100", target="0").code == ON_TRACK


def test_before_the_period_the_baseline_is_expected_and_after_it_the_target():
    assert status("0", on=datetime.date(2024, 6, 1)).code == ON_TRACK
    assert status("800", on=datetime.date(2027, 6, 1)).code == AT_RISK
    assert status("700", on=datetime.date(2027, 6, 1)).code == OFF_TRACK


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"baseline": "Not yet measured"}, "The baseline is not a single number."),
        ({"target": "Doubling of the baseline share by end of 2027"}, "The target is not a single number."),
        ({"baseline": "50", "target": "50 %"}, "The target equals the baseline"),
        ({"start": None}, "The strategy has no period"),
        ({"end": START}, "The strategy has no period"),
    ],
)
def test_no_status_says_why(kwargs, reason):
    result = status("10", **kwargs)
    assert result.code == NO_STATUS and result.reason.startswith(reason)


def test_no_reading_yet_is_no_status():
    result = status_of(baseline="0", target="10", value=None, on=None, start=START, end=END)
    assert result.code == NO_STATUS and result.reason == "No reading yet."


DAYS = st.integers(min_value=-400, max_value=1200)
AMOUNTS = st.decimals(min_value=-(10**6), max_value=10**6, allow_nan=False, allow_infinity=False, places=2)


@given(baseline=AMOUNTS, target=AMOUNTS, value=AMOUNTS, day=DAYS)
def test_every_reading_gets_exactly_one_status_and_more_progress_never_hurts(baseline, target, value, day):
    on = START + datetime.timedelta(days=day)
    kwargs = {"baseline": str(baseline), "target": str(target), "on": on, "start": START, "end": END}
    result = status_of(value=value, **kwargs)
    if baseline == target:
        assert result.code == NO_STATUS
        return
    assert result.code in (ON_TRACK, AT_RISK, OFF_TRACK)
    # A reading further towards the target is never worse.
    better = status_of(value=value + (target - baseline) / 10, **kwargs)
    order = {ON_TRACK: 0, AT_RISK: 1, OFF_TRACK: 2}
    assert order[better.code] <= order[result.code]


@given(st.text(max_size=60))
def test_any_text_parses_to_a_number_or_none(text):
    result = parse_number(text)
    assert result is None or isinstance(result, Decimal)
