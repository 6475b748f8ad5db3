"""`manage.py add_editor`: roles from the command line."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from editorial.rules import may_edit, may_review
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def add_editor(*args) -> str:
    out = io.StringIO()
    call_command("add_editor", *args, stdout=out)
    return out.getvalue()


def test_add_editor_creates_a_staff_editor_who_may_edit_but_not_review():
    output = add_editor("edna", "--role", "editor", "--email", "edna@example.org")
    user = get_user_model().objects.get(username="edna")
    assert "Created edna" in output
    assert "changepassword edna" in output
    assert (user.is_staff, user.email, user.has_usable_password()) == (True, "edna@example.org", False)
    assert list(user.groups.values_list("name", flat=True)) == ["Editor"]
    assert may_edit(user, Initiative)
    assert not may_review(user, Initiative)


def test_add_editor_changes_a_role_both_ways_and_keeps_the_password():
    user = get_user_model().objects.create_user("rita", password="a-long-test-password")
    add_editor("rita", "--role", "reviewer")
    user = get_user_model().objects.get(pk=user.pk)
    assert list(user.groups.values_list("name", flat=True)) == ["Reviewer"]
    assert may_review(user, Initiative)
    assert user.check_password("a-long-test-password")
    add_editor("rita", "--role", "editor")
    user = get_user_model().objects.get(pk=user.pk)
    assert list(user.groups.values_list("name", flat=True)) == ["Editor"]
    assert not may_review(user, Initiative)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["x", "--role", "editor", "--email", "not-an-address"], "Not an e-mail address"),
        (["bad name!", "--role", "editor"], "username"),
    ],
)
def test_add_editor_refuses_bad_input_and_writes_nothing(args, error):
    with pytest.raises(CommandError, match=error):
        add_editor(*args)
    assert not get_user_model().objects.exists()
