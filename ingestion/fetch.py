"""Fetch untrusted URLs safely: public addresses only, checked after DNS and on every redirect.

The resolver is injectable so that tests decide what a name resolves to: no test sends traffic to
a private address. We connect to the address we checked (not to the name again), so a DNS answer
that changes between the check and the connection cannot smuggle a private address in.
"""

import functools
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError

from sources.canonical import validate_url

Resolver = Callable[[str, int], list[str]]


class FetchError(Exception):
    """The page could not be fetched; the message is for an editor."""

    transient = False


class FetchRefused(FetchError):
    """Not fetched on purpose: a non-public address, a scheme other than http(s), too large, wrong type."""


class TransientFetchError(FetchError):
    """A timeout, a connection failure or a 5xx: worth trying again later."""

    transient = True


@dataclass
class FetchResult:
    url: str  # after redirects
    status: int
    content: bytes
    content_type: str = ""
    charset: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise FetchRefused(f"Cannot resolve {host}: {error.strerror or error}.") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


# NAT64's well-known prefix (RFC 6052): the gateway connects to the IPv4 address in the last 32 bits.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Ranges no public page is served from that `is_global` lets through, or does not refuse in every Python version.
_NOT_PUBLIC = tuple(
    ipaddress.ip_network(network)
    for network in (
        "192.88.99.0/24",  # 6to4 relay anycast (RFC 7526)
        "fec0::/10",  # site-local (RFC 3879)
        "2001::/32",  # Teredo: a tunnel to an IPv4 address we would not see
        "::/96",  # IPv4-compatible (deprecated by RFC 4291)
        "::ffff:0:0:0/96",  # IPv4-translated (RFC 2765)
        "64:ff9b:1::/48",  # NAT64 for local use (RFC 8215)
    )
)


def check_address(address: str, *, allow_loopback: bool) -> None:
    """Refuse any address that is not on the public internet, nor one that reaches a private one through IPv4."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped or ip in _NAT64:
            # It reaches the IPv4 address it carries: judged as that address.
            ip = ip.ipv4_mapped or ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        elif ip.sixtofour and not _is_public(ip.sixtofour):
            # 6to4 (2002::/16) is routed to the IPv4 address it carries: 2002:a00:1:: is 10.0.0.1's network.
            raise FetchRefused(f"Refused {address}: it leads to {ip.sixtofour}, not a public address.")
    if ip.is_loopback and allow_loopback:
        return
    if not _is_public(ip):
        raise FetchRefused(f"Refused {address}: not a public address.")


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    special = ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_loopback
    return ip.is_global and not special and not any(ip in network for network in _NOT_PUBLIC)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One context per process: loading the CA bundle takes longer than fetching a page from a nearby server."""
    return httpx.create_ssl_context(trust_env=False)


class SafeFetcher:
    """GET with a time limit, a size limit, redirects followed by hand and checked, retries on 5xx and timeouts."""

    def __init__(
        self,
        *,
        resolver: Resolver | None = None,
        timeout: float | None = None,
        max_bytes: int | None = None,
        max_redirects: int | None = None,
        retries: int | None = None,
        backoff: float | None = None,
        allow_loopback: bool | None = None,
        user_agent: str | None = None,
    ):
        self.resolver = resolver or system_resolver
        self.timeout = settings.INGEST_TIMEOUT if timeout is None else timeout
        self.max_bytes = settings.INGEST_MAX_BYTES if max_bytes is None else max_bytes
        self.max_redirects = settings.INGEST_MAX_REDIRECTS if max_redirects is None else max_redirects
        self.retries = settings.INGEST_FETCH_RETRIES if retries is None else retries
        self.backoff = settings.INGEST_RETRY_BACKOFF if backoff is None else backoff
        self.allow_loopback = settings.INGEST_ALLOW_LOOPBACK if allow_loopback is None else allow_loopback
        self.user_agent = user_agent or settings.INGEST_USER_AGENT
        # No environment proxies: a proxy would make the address checks meaningless.
        self.client = httpx.Client(trust_env=False, follow_redirects=False, timeout=self.timeout, verify=_tls_context())

    def close(self) -> None:
        self.client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def get(self, url: str, *, headers: dict[str, str] | None = None) -> FetchResult:
        """Fetch url, retrying transient failures with exponential backoff; 4xx is final."""
        for attempt in range(self.retries + 1):
            try:
                return self._follow(url, headers or {})
            except TransientFetchError:
                if attempt == self.retries:
                    raise
                time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def _follow(self, url: str, headers: dict[str, str]) -> FetchResult:
        for _ in range(self.max_redirects + 1):
            response = self._request(url, headers)
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"Redirect without a Location from {url}.")
                url = urljoin(url, location)
                continue
            return response
        raise FetchRefused(f"More than {self.max_redirects} redirects.")

    def _request(self, url: str, headers: dict[str, str]) -> FetchResult:
        try:
            # Every address, a redirect's too: a port out of range or a broken IPv6 literal would raise below.
            validate_url(url)
        except ValidationError as error:
            raise FetchRefused(f"Refused {url[:200]!r}: {error.messages[0]}") from None
        parts = urlsplit(url)
        if parts.username or parts.password:
            raise FetchRefused("Refused an address with credentials in it.")
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = self.resolver(host, port)
        if not addresses:
            raise FetchRefused(f"Cannot resolve {host}.")
        for address in addresses:
            check_address(address, allow_loopback=self.allow_loopback)
        address = addresses[0]
        netloc = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
        target = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        request_headers = {
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
            **headers,
            "Host": parts.netloc.rsplit("@", 1)[-1],
        }
        extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
        try:
            with self.client.stream("GET", target, headers=request_headers, extensions=extensions) as response:
                if response.status_code >= 500:
                    raise TransientFetchError(f"{url} answered {response.status_code}.")
                if response.status_code >= 400:
                    raise FetchError(f"{url} answered {response.status_code}.")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchRefused(f"{url} is {int(declared):,} bytes; the limit is {self.max_bytes:,}.")
                content = self._read(response, url)
                content_type, charset = _content_type(response.headers.get("content-type", ""))
                return FetchResult(
                    url=url,
                    status=response.status_code,
                    content=content,
                    content_type=content_type,
                    charset=charset,
                    headers={key.lower(): value for key, value in response.headers.items()},
                )
        except httpx.TimeoutException:
            raise TransientFetchError(f"{url} did not answer within {self.timeout} seconds.") from None
        except httpx.TransportError as error:
            raise TransientFetchError(f"Could not connect to {url}: {error}.") from None

    def _read(self, response: httpx.Response, url: str) -> bytes:
        deadline = time.monotonic() + self.timeout
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchRefused(f"{url} is larger than the limit of {self.max_bytes:,} bytes.")
            if time.monotonic() > deadline:
                # A server that trickles bytes stays under the read timeout forever; this bounds the whole body.
                raise TransientFetchError(f"{url} took longer than {self.timeout} seconds to send.")
            chunks.append(chunk)
        return b"".join(chunks)


def _content_type(header: str) -> tuple[str, str]:
    media_type, _, parameters = header.partition(";")
    charset = ""
    for parameter in parameters.split(";"):
        name, _, value = parameter.strip().partition("=")
        if name.lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media_type.strip().lower(), charset
