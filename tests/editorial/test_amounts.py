"""Amounts read as sources write them, for the pipeline's suggestions and the evidence check alike."""

from decimal import Decimal

import pytest

from editorial.amounts import amounts_in, states_amount

THREE_BILLION = Decimal("3000000000.00")


@pytest.mark.parametrize(
    "text",
    [
        "a fund of HK$3 billion",
        "a fund of HK$3bn",
        "a fund of more than HK$3 billion",  # the qualifier is the amount's, not its value
        "a fund of HK$3,000 million",
        "a fund of HKD 3 billion",
        "a fund of 3 billion Hong Kong dollars",
        "a fund of \uff28\uff2b\uff04\uff13 billion",  # full-width
        "設立30億港元基金",
    ],
)
def test_an_amount_written_any_way_is_stated(text):
    assert states_amount(text, THREE_BILLION, "HKD")


@pytest.mark.parametrize(
    "text", ["a fund of HK$2 billion", "a fund of US$3 billion", "a fund of 3 billion", "three billion dollars"]
)
def test_another_amount_or_currency_is_not_stated(text):
    assert not states_amount(text, THREE_BILLION, "HKD")


def test_amounts_in_lists_every_amount_with_its_currency():
    assert amounts_in("HK$200 billion, then US$1.5m and 500 million yuan") == [
        (Decimal("200000000000"), "HKD"),
        (Decimal("1500000"), "USD"),
        (Decimal("500000000"), "CNY"),
    ]
