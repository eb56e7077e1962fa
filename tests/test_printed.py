"""Printed numbers: the precision their text shows, and when they pass a value (DESIGN.md 3)."""

from __future__ import annotations

import math

import pytest

from gradaudit.core.printed import PrintedError, parse_printed

# ------------------------------------------------------------------------------------------------
# Precision read from the text


@pytest.mark.parametrize(
    "text, value, decimals, sig",
    [
        ("0.560", 0.56, 3, 3),  # the trailing zero is a printed digit: 3 decimals, 3 digits
        ("0.56", 0.56, 2, 2),
        ("1.2e-3", 0.0012, 4, 2),  # 1.2 x 10^-3: one decimal shifted by three
        ("1.20E-3", 0.0012, 5, 3),
        ("-0.0376", -0.0376, 4, 3),  # leading zeros are not significant
        ("+0.5", 0.5, 1, 1),
        ("\u22120.17", -0.17, 2, 2),  # a typographic minus sign, as articles print it
        ("12", 12.0, 0, 2),  # an integer: the unit is 1
        ("0", 0.0, 0, 1),
        ("1.5e3", 1500.0, -2, 2),  # 1.5 x 10^3: the last printed digit is the hundreds
        (".5", 0.5, 1, 1),
        ("3.", 3.0, 0, 1),
    ],
)
def test_precision_is_read_from_the_text(text, value, decimals, sig):
    p = parse_printed(text)
    assert p.value == value
    assert (p.decimals, p.sig) == (decimals, sig)
    assert p.unit == 10.0**-decimals
    assert not p.ellipsis and not p.percent


def test_a_number_without_its_text_uses_its_repr():
    # A YAML scalar whose source text is unknown: repr(0.56) = "0.56" (2 decimals), and
    # repr(1e-05) = "1e-05" (5 decimals, 1 significant digit).
    assert (parse_printed(0.56).decimals, parse_printed(0.56).sig) == (2, 2)
    assert (parse_printed(1e-05).decimals, parse_printed(1e-05).sig) == (5, 1)
    assert (parse_printed(-7).value, parse_printed(-7).decimals) == (-7.0, 0)


def test_percent_is_a_fraction_with_two_more_decimals():
    p = parse_printed("87%")
    assert p.percent and p.value == 0.87 and p.decimals == 2
    assert p.unit == pytest.approx(0.01)
    assert p.passes(0.8749) and p.passes(0.8651)  # half a unit of 1% either side
    assert not p.passes(0.8751) and not p.passes(0.8649)
    q = parse_printed("12.5 %")
    assert q.value == 0.125 and q.decimals == 3
    # The value is the float nearest the decimal 0.027, not 2.7 / 100 (which is 0.027000000000000003).
    assert parse_printed("2.7%").value == 0.027
    both = [parse_printed(t) for t in ("33.3...%", "33.3%...")]  # either order of the marks
    assert all(b.percent and b.ellipsis and b.value == 0.333 and b.decimals == 3 for b in both)
    assert both[0].passes(1 / 3)


def test_an_ellipsis_passes_by_truncation_not_rounding():
    p = parse_printed("0.3333...")
    assert p.ellipsis and p.decimals == 4 and p.value == 0.3333
    assert p.passes(1 / 3)  # 0.33333... cut after 4 decimals
    assert p.passes(0.33339)  # would round to 0.3334, but its digits cut to 0.3333
    assert not p.passes(0.33341)  # cut to 0.3334
    # 0.3334 itself is the boundary: within 2 ulp (the contract's float allowance) it passes.
    assert p.passes(0.3334)
    assert not p.passes(0.33329)  # cut to 0.3332 (rounding would give 0.3333)
    assert parse_printed("0.6666\u2026").passes(2 / 3)  # the one-character ellipsis
    neg = parse_printed("-0.3333...")
    assert neg.passes(-1 / 3) and not neg.passes(1 / 3)


def test_negative_values_pass_symmetrically():
    p = parse_printed("-0.0376")
    assert p.passes(-0.03764) and p.passes(-0.03755)  # within 0.00005 of -0.0376
    assert not p.passes(-0.03766) and not p.passes(0.0376)


@pytest.mark.parametrize(
    "bad", ["", "abc", ".", "-", "1.2.3", "0,56", "1e", "inf", "nan", "1e400", "0.5x", True]
)
def test_bad_text_raises_a_printed_error(bad):
    with pytest.raises(PrintedError, match="expected a (finite )?printed number"):
        parse_printed(bad)


def test_bad_text_error_names_the_text():
    with pytest.raises(PrintedError, match=r"found 'O\.56'"):
        parse_printed("O.56")  # a letter O for a zero


# ------------------------------------------------------------------------------------------------
# The tolerance: half a unit of the last printed digit plus 2 ulp of the value


def test_tolerance_is_half_a_unit_plus_two_ulp():
    p = parse_printed("0.56")
    assert p.tolerance(0.5523) == 0.5 * 0.01 + 2 * math.ulp(0.5523)
    assert p.passes(0.555) and p.passes(0.565)  # exactly half a unit away: still passes
    assert not p.passes(0.5549) and not p.passes(0.5651)


def test_a_sixteen_digit_claim_does_not_fail_on_one_ulp():
    # A claim printed to 16 digits (sapiencespace prints 0.307790442796199 and longer) is
    # compared with a float64 computed in a possibly different order: one ulp apart.
    text = "0.3077904427961990"
    v = float(text)
    p = parse_printed(text)
    assert p.decimals == 16
    for k in (1, 2):
        assert p.passes(v + k * math.ulp(v)) and p.passes(v - k * math.ulp(v))
    # Half a unit of the 16th decimal is 5e-17, less than one ulp of 0.3 (5.6e-17): without the
    # 2 ulp, one ulp would fail.
    assert 0.5 * p.unit < math.ulp(v)
    assert not p.passes(v + 3 * math.ulp(v))


def test_seventeen_significant_digits_pass_their_own_float():
    text = repr(0.1 + 0.2)  # "0.30000000000000004": 17 decimals, finer than one ulp
    assert parse_printed(text).passes(0.1 + 0.2)
    assert parse_printed(text).passes(0.3)  # 0.3 is one ulp below 0.1 + 0.2


def test_not_a_number_never_passes():
    p = parse_printed("0.5")
    assert not p.passes(None) and not p.passes(math.nan) and not p.passes(math.inf)


def test_with_decimals_overrides_the_precision():
    # A case may override a claim's precision: "0.56" read as 4 decimals no longer passes 0.5523.
    p = parse_printed("0.56").with_decimals(4)
    assert p.decimals == 4 and p.value == 0.56 and p.text == "0.56"
    assert not p.passes(0.5523) and p.passes(0.56004)
