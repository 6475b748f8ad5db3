"""One address per page: the same story reached with tracking parameters, other case or a trailing slash.

And the one check of an address the pipeline is handed (the API, `manage.py ingest`, feed entries, the
fetcher's redirects): an http(s) address that the fetcher can open and the database can store.
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

# Parameters that say who sent the reader, not which page: dropping them never changes the page.
TRACKING_PARAMETERS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "yclid",
    "_ga",
    "_gl",
    "ref",
    "ref_src",
    "cmpid",
    "ito",
    "wt_mc",
    "ocid",
    "at_medium",
    "at_campaign",
}
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmb_")


# What Article.url and canonical_url, Ingestion.url and url_key hold.
MAX_URL_LENGTH = 2000
_URL_VALIDATOR = URLValidator(schemes=["http", "https"])
# Control characters and lone surrogates: PostgreSQL refuses NUL and surrogates, and no server expects the rest.
_UNSAFE_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


def validate_url(url: str) -> None:
    """Refuse what is not an http(s) address we can fetch and store (a ValidationError that says why)."""
    if len(url) > MAX_URL_LENGTH:
        raise ValidationError(
            f"The address is {len(url):,} characters long; at most {MAX_URL_LENGTH:,} are kept.", code="max_length"
        )
    if _UNSAFE_CHARACTERS.search(url):
        raise ValidationError("The address holds a control character.", code="invalid")
    try:
        _URL_VALIDATOR(url)  # the scheme, a host name or well-formed IP literal, no spaces
    except ValidationError:
        raise ValidationError("Not an http or https address with a valid host.", code="invalid") from None
    try:
        port = urlsplit(url).port
    except ValueError:  # out of range: Django's pattern lets any five digits through
        port = 0
    if port == 0:
        raise ValidationError("The port must be a number from 1 to 65535.", code="invalid")
    if len(canonical_url(url)) > MAX_URL_LENGTH:
        # Its canonical form is the longer one when its query is re-encoded ("é" is "%C3%A9").
        raise ValidationError(
            f"The address is over {MAX_URL_LENGTH:,} characters long once its query is encoded.", code="max_length"
        )


def is_valid_url(url: str) -> bool:
    """Whether `validate_url` lets the address through."""
    try:
        validate_url(url)
    except ValidationError:
        return False
    return True


def canonical_url(url: str) -> str:
    """The address with tracking parameters, fragment, default port and trailing slash removed, host lower-cased.

    Never raises: an address that cannot be read as one (a port out of range, a broken IPv6 literal) is
    its own key, which `validate_url` refuses wherever an address comes in.
    """
    try:
        return _canonical_url(url)
    except ValueError:
        return url.strip()


def _canonical_url(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal keeps its brackets: the key stays an address
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if name.lower() not in TRACKING_PARAMETERS and not name.lower().startswith(TRACKING_PREFIXES)
    ]
    # http and https serve the same story: key on the host and path only.
    return urlunsplit(("https" if scheme in ("http", "https") else scheme, netloc, path, urlencode(sorted(query)), ""))
