"""Administrative levels: one vocabulary for every layer."""

import pytest

from analysis.levels import CODE_LENGTH, LEVELS, check_level, code_length, level_of


def test_levels_and_code_lengths_agree():
    assert [level_of("1" * CODE_LENGTH[level]) for level in LEVELS] == list(LEVELS)
    assert code_length("amphoe") == 4


@pytest.mark.parametrize("bad", ["village", "", "Tambon"])
def test_unknown_levels_are_refused_with_the_valid_ones_named(bad):
    with pytest.raises(ValueError, match="province"):
        check_level(bad)


@pytest.mark.parametrize("bad", ["3", "33010", "33x1", 3301, "3301050"])
def test_area_codes_must_have_2_4_or_6_digits(bad):
    with pytest.raises(ValueError):
        level_of(bad)
