"""One check for every address the pipeline is handed, and a canonical form that never raises."""

import pytest
from django.core.exceptions import ValidationError

from sources.canonical import MAX_URL_LENGTH, canonical_url, validate_url

LONG_PATH = "https://example.org/" + "a" * (MAX_URL_LENGTH - len("https://example.org/"))


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/news/1?utm_source=x",
        "http://example.org:65535/",
        "http://example.org:1/",
        "http://[2001:db8::1]:8080/story",
        "http://93.184.216.34/",
        LONG_PATH,  # exactly the length stored
    ],
)
def test_validate_url_lets_fetchable_storable_addresses_through(url):
    validate_url(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://example.org:99999/", "port"),
        ("http://example.org:65536/", "port"),
        ("http://example.org:0/", "port"),
        ("http://[::1/", "host"),
        ("http://[1:2:3]/", "host"),
        ("ftp://example.org/file", "http"),
        ("javascript:alert(1)", "http"),
        ("not a url", "http"),
        ("http://example.org/a\x00b", "control"),
        ("http://example.org/\ud800", "control"),
        (LONG_PATH + "b", "2,001 characters"),
        ("https://example.org/" + "a" * 2028, "2,048 characters"),  # Django's own limit is 2,048
        ("https://example.org/?q=" + "é" * 400, "once its query is encoded"),  # 423 characters, a 2,423 key
    ],
)
def test_validate_url_refuses_what_cannot_be_fetched_or_stored(url, reason):
    with pytest.raises(ValidationError) as refused:
        validate_url(url)
    assert reason in refused.value.messages[0]


@pytest.mark.parametrize(
    "url", ["http://x:99999/", "http://[::1", "http://[1:2:3]/", "http://example.org/?q=\ud800", "http://x:port/"]
)
def test_canonical_url_never_raises(url):
    assert canonical_url(url) == url.strip()


def test_canonical_url_keeps_an_ipv6_literal_an_address():
    key = canonical_url("http://[2001:DB8::1]:8080/story/")
    assert key == "https://[2001:db8::1]:8080/story"
    validate_url(key)
