import pytest
from django.contrib.auth.models import Group

from editorial.roles import EDITOR, REVIEWER


def staff(django_user_model, username: str, *groups: str):
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
