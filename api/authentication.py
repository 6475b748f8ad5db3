"""API keys in the `X-API-Key` header."""

import hmac
import re

from rest_framework import authentication, exceptions

from api.models import APIKey, hash_key
from api.services import stamp_last_used
from api.throttling import UnknownKeyThrottle

HEADER = "X-API-Key"
# What `new_raw_key` writes: eight hex digits, a dot, the URL-safe secret. Anything else is refused unread.
KEY_SHAPE = re.compile(r"(?P<prefix>[0-9a-f]{8})\.[A-Za-z0-9_-]{16,128}")


class APIKeyAuthentication(authentication.BaseAuthentication):
    """The key's owner is the request's user; the key itself is `request.auth`. No header: anonymous."""

    def authenticate(self, request):
        raw = request.headers.get(HEADER)
        if raw is None:
            return None
        throttle = UnknownKeyThrottle(request)
        wait = throttle.blocked_for()
        if wait is not None:
            raise exceptions.Throttled(wait, "Too many unknown API keys from this address.")
        shape = KEY_SHAPE.fullmatch(raw)
        key = shape and APIKey.objects.active().select_related("owner").filter(prefix=shape["prefix"]).first()
        if not key or not hmac.compare_digest(key.key_hash, hash_key(raw)):
            throttle.refused()
            raise exceptions.AuthenticationFailed("Unknown or revoked API key.")
        stamp_last_used(key=key)
        return key.owner, key

    def authenticate_header(self, request):
        return f'{HEADER} realm="api"'
