"""API keys: issued and revoked in the admin, shown once, stored only as a hash."""

import hashlib
import secrets

from django.conf import settings
from django.db import models


def hash_key(raw: str) -> str:
    """The stored form of a key. Keys are 256-bit random strings, so a fast hash is enough (no dictionary to guess)."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def new_raw_key() -> tuple[str, str]:
    """(prefix, key): the prefix finds the row, the rest is secret."""
    prefix = secrets.token_hex(4)
    return prefix, f"{prefix}.{secrets.token_urlsafe(32)}"


class APIKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, owner__is_active=True)


class APIKey(models.Model):
    """A partner's (or a staff member's) key. Its owner's role decides what it may write."""

    name = models.CharField(max_length=200, help_text="Who or what uses it, e.g. Example Institute nightly sync.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_keys",
        help_text="The account it acts for: staff with an editorial role may write, anyone else only reads.",
    )
    prefix = models.CharField(max_length=8, unique=True, editable=False, help_text="Shown to tell keys apart.")
    key_hash = models.CharField(max_length=64, editable=False)
    requests_per_minute = models.PositiveIntegerField(
        default=600, help_text="Requests allowed per minute; over it the API answers 429 with Retry-After."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = APIKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "API key"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
