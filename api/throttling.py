"""Rate limits: each key its own (set in the admin), anonymous clients a lower one by address."""

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
