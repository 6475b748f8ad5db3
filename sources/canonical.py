"""One address per page: the same story reached with tracking parameters, other case or a trailing slash."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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


def canonical_url(url: str) -> str:
    """The address with tracking parameters, fragment, default port and trailing slash removed, host lower-cased."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
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
