"""Fetching untrusted URLs: refusals decided by the test resolver, limits and retries against the local server."""

import pytest

from ingestion.fetch import FetchError, FetchRefused, SafeFetcher, TransientFetchError, check_address
from tests.ingestion.conftest import Route, test_resolver


@pytest.mark.parametrize(
    "address", ["10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "127.0.0.1", "::1", "fc00::1",
                "224.0.0.1", "0.0.0.0", "100.64.0.1", "::ffff:10.0.0.1", "240.0.0.1"],
)  # fmt: skip
def test_check_address_refuses_non_public_addresses(address):
    with pytest.raises(FetchRefused):
        check_address(address, allow_loopback=False)


@pytest.mark.parametrize(
    ("address", "what"),
    [
        ("2002:a00:1::1", "6to4 of 10.0.0.1"),
        ("2002:7f00:1::1", "6to4 of 127.0.0.1"),
        ("2002:a9fe:a9fe::1", "6to4 of 169.254.169.254"),
        ("2002:c0a8:1::", "6to4 of 192.168.0.1"),
        ("fec0::1", "site-local"),
        ("feff::1", "site-local, its last /16"),
        ("192.88.99.1", "6to4 relay anycast"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"),
        ("::ffff:169.254.169.254", "IPv4-mapped metadata address"),
        ("::10.0.0.1", "IPv4-compatible"),
        ("::5db8:d822", "IPv4-compatible, even of a public address"),
        ("::ffff:0:10.0.0.1", "IPv4-translated"),
        ("64:ff9b::10.0.0.1", "NAT64 of 10.0.0.1"),
        ("64:ff9b::a9fe:a9fe", "NAT64 of 169.254.169.254"),
        ("64:ff9b:1::5db8:d822", "local-use NAT64"),
    ],
)
def test_check_address_refuses_private_addresses_in_ipv6_forms(address, what):
    with pytest.raises(FetchRefused):
        check_address(address, allow_loopback=False)


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "2606:4700::6810:84e5", "2002:5db8:d822::1", "64:ff9b::5db8:d822"]
)  # public IPv4, public IPv6, 6to4 and NAT64 of 93.184.216.34
def test_check_address_lets_public_addresses_through(address):
    check_address(address, allow_loopback=False)


def test_check_address_lets_allowed_loopback_through():
    check_address("127.0.0.1", allow_loopback=True)
    with pytest.raises(FetchRefused):
        check_address("10.0.0.1", allow_loopback=True)
    with pytest.raises(FetchRefused):
        check_address("2002:7f00:1::1", allow_loopback=True)  # 6to4 goes out to a relay, never to this host


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x", "http://user:pw@news.test/"]
)
def test_fetch_refuses_other_schemes_and_credentials(fetcher, url):
    with pytest.raises(FetchRefused):
        fetcher.get(url)


@pytest.mark.parametrize("host", ["intranet.test", "router.test", "metadata.test"])
def test_fetch_refuses_a_name_that_resolves_to_a_private_address(fetcher, host):
    with pytest.raises(FetchRefused, match="not a public address"):
        fetcher.get(f"http://{host}/")


def test_fetch_refuses_loopback_unless_the_setting_allows_it(web):
    web.routes["/"] = Route(b"<p>hello</p>")
    with SafeFetcher(resolver=test_resolver, allow_loopback=False) as strict, pytest.raises(FetchRefused):
        strict.get(web.url("/"))
    assert web.requests == []


def test_fetch_checks_every_redirect(fetcher, web):
    web.routes["/hop"] = Route(b"", status=301, headers={"Location": "/hop2"})
    web.routes["/hop2"] = Route(b"", status=302, headers={"Location": "http://router.test/"})
    with pytest.raises(FetchRefused, match="not a public address"):
        fetcher.get(web.url("/hop"))
    assert [path for path, _ in web.requests] == ["/hop", "/hop2"]


@pytest.mark.parametrize("location", ["http://news.test:99999/", "/" + "a" * 2000], ids=["port", "long"])
def test_fetch_refuses_a_redirect_to_an_address_it_cannot_read(fetcher, web, location):
    web.routes["/hop"] = Route(b"", status=302, headers={"Location": location})
    with pytest.raises(FetchRefused):
        fetcher.get(web.url("/hop"))
    assert [path for path, _ in web.requests] == ["/hop"]


def test_fetch_follows_safe_redirects_and_sends_an_honest_user_agent(fetcher, web, settings):
    web.routes["/old"] = Route(b"", status=301, headers={"Location": web.url("/new", host="news.test")})
    web.routes["/new"] = Route(b"<p>moved</p>")
    result = fetcher.get(web.url("/old"))
    assert result.content == b"<p>moved</p>"
    assert result.url.endswith("/new")
    assert all(headers["User-Agent"] == settings.INGEST_USER_AGENT for _, headers in web.requests)
    assert web.requests[1][1]["Host"] == f"news.test:{web.port}"


def test_fetch_retries_5xx_with_backoff_and_not_4xx(fetcher, web):
    web.routes["/flaky"] = Route(b"<p>ok</p>", failures=2)
    assert fetcher.get(web.url("/flaky")).content == b"<p>ok</p>"
    assert web.hits("/flaky") == 3
    with pytest.raises(FetchError) as raised:
        fetcher.get(web.url("/gone"))
    assert not raised.value.transient
    assert web.hits("/gone") == 1


def test_fetch_gives_up_on_a_server_that_keeps_failing(fetcher, web):
    web.routes["/down"] = Route(b"", failures=10)
    with pytest.raises(TransientFetchError):
        fetcher.get(web.url("/down"))
    assert web.hits("/down") == fetcher.retries + 1


def test_fetch_refuses_a_body_over_the_size_limit(web):
    web.routes["/big"] = Route(b"x" * 5000, headers={"Content-Type": "text/html"})
    with SafeFetcher(resolver=test_resolver, max_bytes=1000) as small, pytest.raises(FetchRefused, match="limit"):
        small.get(web.url("/big"))
