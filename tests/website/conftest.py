import datetime

from django.utils import timezone

from tests.factories import InitiativeFactory

PUBLISHED = {"editorial_status": "published", "published_version": 1}


def published_at(offset: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=offset)


def published_initiative(**fields):
    return InitiativeFactory(**{**PUBLISHED, "published_at": published_at(0), **fields})
