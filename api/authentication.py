"""API keys in the `X-API-Key` header."""

import hmac

from rest_framework import authentication, exceptions

from api.models import APIKey, hash_key
from api.services import stamp_last_used

HEADER = "X-API-Key"


class APIKeyAuthentication(authentication.BaseAuthentication):
    """The key's owner is the request's user; the key itself is `request.auth`. No header: anonymous."""

    def authenticate(self, request):
        raw = request.headers.get(HEADER)
        if raw is None:
            return None
        prefix = raw.split(".", 1)[0]
        key = APIKey.objects.active().select_related("owner").filter(prefix=prefix[:8]).first()
        if key is None or not hmac.compare_digest(key.key_hash, hash_key(raw)):
            raise exceptions.AuthenticationFailed("Unknown or revoked API key.")
        stamp_last_used(key=key)
        return key.owner, key

    def authenticate_header(self, request):
        return f'{HEADER} realm="api"'
