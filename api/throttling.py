"""Rate limits: each key its own (set in the admin), anonymous clients a lower one by address, and unknown keys.

Addresses are the connection's (REMOTE_ADDR): with NUM_PROXIES at 0, DRF reads no X-Forwarded-For, which any
client can write.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import APIKey


class KeyOrAnonymousRateThrottle(SimpleRateThrottle):
    """Over the limit, DRF answers 429 with Retry-After (the seconds until a request is allowed again)."""

    def allow_request(self, request, view):
        if isinstance(request.auth, APIKey):
            self.rate = f"{request.auth.requests_per_minute}/min"
        else:
            # Read per request, not at import, so that a deployment (or a test) can change it in settings.
            self.rate = settings.API_ANONYMOUS_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_rate(self):
        return None  # set per request in allow_request

    def get_cache_key(self, request, view):
        if isinstance(request.auth, APIKey):
            return f"api-throttle:key:{request.auth.pk}"
        return f"api-throttle:anonymous:{self.get_ident(request)}"


class UnknownKeyThrottle(SimpleRateThrottle):
    """Keys refused from one address: past the limit, the address's keys are refused unread (429) for a while.

    Each unknown key costs a database lookup, and guessing keys costs a client nothing else: authentication asks
    `wait()` before it looks a key up and calls `refused()` when it refuses one; keys that work are not counted.
    """

    def __init__(self, request):
        self.rate = settings.API_UNKNOWN_KEY_RATE  # per request, as the anonymous rate
        super().__init__()
        self.key = f"api-throttle:unknown-key:{self.get_ident(request)}"
        self.now = self.timer()
        self.history = [moment for moment in self.cache.get(self.key, []) if moment > self.now - self.duration]

    def get_rate(self):
        return self.rate

    def blocked_for(self) -> float | None:
        """The seconds until this address may try a key again; None when it may now."""
        return self.wait() if len(self.history) >= self.num_requests else None

    def refused(self) -> None:
        """Count one refused key of this address."""
        self.history.insert(0, self.now)
        self.cache.set(self.key, self.history, self.duration)
