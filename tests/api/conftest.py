"""Fixtures of the API tests: clients with and without keys, for partners and for each editorial role."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from rest_framework.test import APIClient

from api.services import issue_api_key
from editorial.roles import EDITOR, REVIEWER


@pytest.fixture(autouse=True)
def fresh_throttles(settings):
    """Rate-limit counters live in the cache: each test starts with none."""
    settings.ALLOWED_HOSTS = ["testserver"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client():
    return APIClient()


def make_user(django_user_model, username: str, *, staff: bool, groups: tuple[str, ...] = ()):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "a-long-test-password")
    user.is_staff = staff
    user.save()
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def keyed_client(user, **options) -> APIClient:
    _key, raw = issue_api_key(name=f"{user.username}'s key", owner=user, **options)
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw)
    client.raw_key = raw
    return client


@pytest.fixture
def partner_client(django_user_model):
    return keyed_client(make_user(django_user_model, "partner", staff=False))


@pytest.fixture
def editor_client(django_user_model):
    return keyed_client(make_user(django_user_model, "edna", staff=True, groups=(EDITOR,)))


@pytest.fixture
def reviewer_client(django_user_model):
    return keyed_client(make_user(django_user_model, "rita", staff=True, groups=(REVIEWER,)))
