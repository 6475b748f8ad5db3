"""Fixtures the whole suite shares."""

from pathlib import Path

import pytest

from editorial.roles import EDITOR, REVIEWER

REPOSITORY = Path(__file__).resolve().parent.parent
# Third-party pages and feeds that stay out of the repository; tests that need them skip without.
SHARED_TESTDATA = REPOSITORY.parent / "shared" / "testdata"


@pytest.hookimpl(tryfirst=True)  # before pytest-django's, whose stable sort puts the transactional tests last
def pytest_collection_modifyitems(items):
    """Within each module, the tests on the demo data run last: it is loaded once for all of them (`demo_data`),
    and the module's other tests must not find it there."""
    modules = {}
    for item in items:
        modules.setdefault(item.path, len(modules))
    items.sort(key=lambda item: (modules[item.path], "demo" in item.fixturenames))


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo data, loaded once per test module: loading it runs the whole editorial workflow (some 4,000
    queries, 5 s on these machines), and some 60 tests read it.

    It is written in a transaction of the module's own, which each test's transaction nests in as a savepoint,
    as `TestCase.setUpTestData` does: every test starts from the data as loaded, whatever the one before did,
    and the module leaves nothing behind. Not for transactional tests, which commit.
    """
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_data, db):
    """The demo data, as `load_demo` writes it (loaded once per module: see `demo_data`)."""


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
