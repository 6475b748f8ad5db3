"""Amounts of money as sources write them: "more than HK$200 billion", "HK$3bn", "3 billion Hong Kong dollars".

One reading serves the pipeline (ingestion suggests the amounts an article states) and the evidence
check (a passage cited for an amount states it): the two must agree, or a budget the pipeline read
from a sentence would be refused when that sentence is cited for it.
"""

import re
import unicodedata
from decimal import Decimal

QUALIFIERS = {
    "more than": "more_than",
    "over": "more_than",
    "above": "more_than",
    "about": "about",
    "around": "about",
    "nearly": "about",
    "almost": "about",
    "some": "about",
    "up to": "up_to",
    "at least": "at_least",
    "less than": "less_than",
    "under": "less_than",
}
CURRENCIES = {
    "hk$": "HKD",
    "hkd": "HKD",
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "rmb": "CNY",
    "cny": "CNY",
    "¥": "CNY",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "s$": "SGD",
    "a$": "AUD",
    "nt$": "TWD",
    "₩": "KRW",
    "krw": "KRW",
}
SCALES = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "mn": 10**6, "billion": 10**9, "bn": 10**9,
          "b": 10**9, "trillion": 10**12, "tn": 10**12}  # fmt: skip
# A currency before the number: "HK$3 billion", "US$ 1.5bn", "RMB100 million".
AMOUNT = re.compile(
    r"(?:(?P<qualifier>more than|over|above|about|around|nearly|almost|some|up to|at least|less than|under)\s+)?"
    r"(?P<currency>HK\$|US\$|S\$|A\$|NT\$|RMB|HKD|USD|CNY|EUR|GBP|KRW|[$¥€£₩])\s?"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?",
    re.IGNORECASE,
)

# A currency named after the number: "3 billion Hong Kong dollars", "500 million yuan".
CURRENCY_NAMES = {
    "hong kong dollars": "HKD",
    "hong kong dollar": "HKD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "united states dollars": "USD",
    "yuan": "CNY",
    "renminbi": "CNY",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "singapore dollars": "SGD",
    "australian dollars": "AUD",
    "new taiwan dollars": "TWD",
    "won": "KRW",
}
_NAMES = "|".join(re.escape(name) for name in sorted(CURRENCY_NAMES, key=len, reverse=True))
AMOUNT_IN_WORDS = re.compile(
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn))?"
    rf"\s(?P<currency>{_NAMES})\b",
    re.IGNORECASE,
)
# Chinese: "30億港元", "2,000萬美元", "5億元人民幣".
CHINESE_CURRENCIES = {"港元": "HKD", "港幣": "HKD", "港币": "HKD", "美元": "USD", "人民幣": "CNY", "人民币": "CNY"}
CHINESE_SCALES = {"千": 10**3, "萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8}
AMOUNT_IN_CHINESE = re.compile(
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(?P<scale>[千萬万億亿]+)?\s?元?"
    rf"(?P<currency>{'|'.join(CHINESE_CURRENCIES)})"
)


def read_amount(found: re.Match) -> dict | None:
    """An `AMOUNT` match as {"value", "currency", "qualifier"}; None for a currency we do not know."""
    currency = CURRENCIES.get(found.group("currency").lower())
    if currency is None:
        return None
    value = Decimal(found.group("number").replace(",", ""))
    scale = (found.group("scale") or "").lower()
    value *= SCALES.get(scale, 1)
    qualifier = QUALIFIERS.get((found.group("qualifier") or "").lower(), "exact")
    return {"value": str(value.quantize(Decimal(1)) if value == value.to_integral() else value),
            "currency": currency, "qualifier": qualifier}  # fmt: skip


def amounts_in(text: str) -> list[tuple[Decimal, str]]:
    """Every amount the text states, as (value, ISO 4217 code), however it is written; qualifiers aside."""
    text = unicodedata.normalize("NFKC", text)  # full-width digits and signs
    found: list[tuple[Decimal, str]] = []
    for match in AMOUNT.finditer(text):
        amount = read_amount(match)
        if amount is not None:
            found.append((Decimal(amount["value"]), amount["currency"]))
    for match in AMOUNT_IN_WORDS.finditer(text):
        value = Decimal(match.group("number").replace(",", ""))
        value *= SCALES.get((match.group("scale") or "").lower(), 1)
        found.append((value, CURRENCY_NAMES[match.group("currency").lower()]))
    for match in AMOUNT_IN_CHINESE.finditer(text):
        value = Decimal(match.group("number").replace(",", ""))
        for scale in match.group("scale") or "":
            value *= CHINESE_SCALES[scale]
        found.append((value, CHINESE_CURRENCIES[match.group("currency")]))
    return found


def states_amount(text: str, value: Decimal, currency: str) -> bool:
    """Whether the text states this amount in this currency ("HK$3 billion" states 3000000000 HKD)."""
    return (Decimal(value), currency.upper()) in amounts_in(text)
