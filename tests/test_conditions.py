"""The condition builder: parsing against whitelists, clear refusals, injection attempts, evaluation."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.conditions import (
    MAX_CONDITIONS,
    Condition,
    ConditionError,
    conditions_text,
    make_condition,
    matches,
    parse_conditions,
)

ALLOWED = {"target_poor_rate", "bmn60_09", "income_per_person"}


def test_parses_the_issue_example_in_text_and_url_forms():
    expected = [Condition("target_poor_rate", ">", 5.0), Condition("bmn60_09", ">", 10.0)]
    assert parse_conditions("target_poor_rate > 5 and bmn60_09 > 10", ALLOWED) == expected
    assert parse_conditions("target_poor_rate>5;bmn60_09>10", ALLOWED) == expected
    assert parse_conditions("target_poor_rate > 5% และ bmn60_09 > 10", ALLOWED) == expected
    assert conditions_text(expected) == "target_poor_rate>5;bmn60_09>10"


@pytest.mark.parametrize("op", [">", ">=", "<", "<=", "=", "!="])
def test_every_whitelisted_operator_round_trips(op):
    (condition,) = parse_conditions(f"income_per_person {op} 1,200.5", ALLOWED)
    assert condition == Condition("income_per_person", op, 1200.5)
    assert parse_conditions(condition.text(), ALLOWED) == [condition]


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("unknown_code > 5", "Unknown indicator 'unknown_code'"),
        ("target_poor_rate >> 5", "cannot be read"),
        ("target_poor_rate > five", "not a number"),
        ("target_poor_rate > nan", "not a number"),
        ("target_poor_rate > inf", "not a number"),
        ("target_poor_rate", "cannot be read"),
        ("> 5", "cannot be read"),
    ],
)
def test_bad_conditions_are_refused_with_both_languages(text, fragment):
    with pytest.raises(ConditionError) as caught:
        parse_conditions(text, ALLOWED)
    assert fragment in caught.value.message_en
    assert caught.value.message_th and caught.value.message_th != caught.value.message_en


@pytest.mark.parametrize(
    "text",
    [
        "target_poor_rate > 5; DROP TABLE area",
        "target_poor_rate > 5 OR 1=1",
        "target_poor_rate > 5' OR '1'='1",
        "area; DELETE FROM indicator_value > 1",
        "target_poor_rate > (SELECT 1)",
        'target_poor_rate" > 5',
        "target_poor_rate > 5 --",
    ],
)
def test_injection_attempts_never_become_conditions(text):
    with pytest.raises(ConditionError):
        parse_conditions(text, ALLOWED)


@pytest.mark.parametrize(
    "indicator, op, value",
    [
        ("target_poor_rate; DROP TABLE area", ">", 5),
        ("target_poor_rate", "> 0 OR 1=1 --", 5),
        ("target_poor_rate", ">", "5; DROP TABLE area"),
        ("target_poor_rate", "like", 5),
    ],
)
def test_builder_rows_are_checked_one_by_one(indicator, op, value):
    with pytest.raises(ConditionError):
        make_condition(indicator, op, value, ALLOWED)


def test_too_many_or_too_long_conditions_are_refused():
    many = ";".join(["target_poor_rate>1"] * (MAX_CONDITIONS + 1))
    with pytest.raises(ConditionError, match="At most"):
        parse_conditions(many, ALLOWED)
    with pytest.raises(ConditionError, match="too long"):
        parse_conditions("target_poor_rate>1;" * 100, ALLOWED)


def test_empty_text_is_no_condition():
    assert parse_conditions("", ALLOWED) == []
    assert parse_conditions(" ; ", ALLOWED) == []


def test_matches_needs_every_condition_and_never_matches_missing_values():
    wide = pd.DataFrame(
        {
            "target_poor_rate": [6.0, 6.0, 4.0, np.nan, 5.0],
            "bmn60_09": [11.0, 9.0, 20.0, 50.0, 10.0000000000001],
        }
    )
    conditions = parse_conditions("target_poor_rate>=5;bmn60_09>10", ALLOWED)
    assert matches(wide, conditions).tolist() == [True, False, False, False, False]
    # values equal when shown are equal: 10.0000000000001 is not above 10
    assert matches(wide, parse_conditions("bmn60_09=10", ALLOWED)).tolist() == [False] * 4 + [True]
    assert matches(wide, parse_conditions("target_poor_rate!=6", ALLOWED)).tolist() == [
        False,
        False,
        True,
        False,
        True,
    ]
    assert matches(wide, []).all()
    assert not math.isnan(float(matches(wide, conditions).sum()))
