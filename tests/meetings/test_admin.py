"""The meeting's admin page: what it refuses comes back as the form's errors, never a server error."""

import pytest
from django.urls import reverse

from tests.factories import MeetingFactory
from tests.test_admin_pages import form_data

pytestmark = pytest.mark.django_db


def test_a_meeting_made_part_of_its_own_session_is_a_form_error(client, editor):
    meeting, session = MeetingFactory(), MeetingFactory(kind="session")
    session.parents.set([meeting])
    client.force_login(editor)
    change = reverse("admin:meetings_meeting_change", args=[meeting.pk])

    response = client.post(change, {**form_data(client.get(change)), "parents": [session.pk]})

    assert response.status_code == 200  # the form again, with what to fix
    errors = response.context["adminform"].form.errors
    assert "cannot be part of itself" in str(errors["parents"])
    assert not meeting.parents.exists()
