"""Fixtures the whole suite shares."""

from pathlib import Path

import pytest

from editorial.roles import EDITOR, REVIEWER

REPOSITORY = Path(__file__).resolve().parent.parent
# Third-party pages and feeds that stay out of the repository; tests that need them skip without.
SHARED_TESTDATA = REPOSITORY.parent / "shared" / "testdata"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "a-long-test-password")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many users; a deliberately slow hash would dominate the suite's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def generous_anonymous_api_rate(settings):
    """Tests walk many API URLs anonymously; the real rate limit is tested on its own (tests/api/test_keys.py)."""
    from django.core.cache import cache

    settings.API_ANONYMOUS_RATE = "1000000/minute"
    cache.clear()


# Staff with editorial roles, for every test folder.
def staff(django_user_model, username: str, *groups: str):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username, f"{username}@example.org", "a-long-test-password")
    user.is_staff = True
    user.save()
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def editor(django_user_model):
    return staff(django_user_model, "edna", EDITOR)


@pytest.fixture
def second_editor(django_user_model):
    return staff(django_user_model, "eddie", EDITOR)


@pytest.fixture
def reviewer(django_user_model):
    return staff(django_user_model, "rita", REVIEWER)


@pytest.fixture
def outsider(django_user_model):
    """Staff with no role: can log in to the admin, may do nothing there (healthchecks' charlie)."""
    return staff(django_user_model, "charlie")
