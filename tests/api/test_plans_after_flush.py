"""A plan compiles content type ids into its queries; a flush (or import_data --replace) numbers them anew."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from rest_framework.test import APIClient

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_lists_read_the_content_types_of_today_not_of_when_they_were_compiled(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    client = APIClient()
    call_command("load_demo", verbosity=0)
    before = client.get("/api/v1/citations/").json()["results"]
    assert before
    assert all(citation["record"] is not None for citation in before)
    ids = dict(ContentType.objects.values_list("model", "pk"))

    call_command("flush", interactive=False)  # content types are made again, under new ids
    call_command("load_demo", verbosity=0)
    assert dict(ContentType.objects.values_list("model", "pk")) != ids

    after = client.get("/api/v1/citations/").json()["results"]
    assert len(after) == len(before)
    assert all(citation["record"] is not None for citation in after)
