"""Writes of the api app: issuing, revoking and stamping API keys."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from api.models import APIKey, hash_key, new_raw_key

# A key used many times a second is stamped at most once a minute: a write per request would cost more than the read.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def issue_api_key(*, name: str, owner, requests_per_minute: int = 600) -> tuple[APIKey, str]:
    """A new key and its secret, which is shown once and never stored."""
    for _ in range(5):
        prefix, raw = new_raw_key()
        try:
            with transaction.atomic():
                key = APIKey.objects.create(
                    name=name,
                    owner=owner,
                    prefix=prefix,
                    key_hash=hash_key(raw),
                    requests_per_minute=requests_per_minute,
                )
            return key, raw
        except IntegrityError:
            continue  # two keys drew the same 32-bit prefix: draw again
    raise RuntimeError("Could not draw a free key prefix.")


def revoke_api_key(*, key: APIKey) -> APIKey:
    """Stop a key from working; kept, so its name and last use stay on record."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key


def stamp_last_used(*, key: APIKey) -> None:
    """Note that the key was used now (at most once per LAST_USED_RESOLUTION)."""
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        APIKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
