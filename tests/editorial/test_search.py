"""Stored search vectors: each kind's trigger keeps exactly the vector search computes from its fields."""

import pytest
from django.db import connection

from editorial.search import document
from initiatives.models import Initiative
from meetings.models import Meeting, Statement
from people.models import Organization, Person
from sources.models import Article
from tests.factories import (
    ArticleFactory,
    InitiativeFactory,
    MeetingFactory,
    OrganizationFactory,
    PersonFactory,
    StatementFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored vectors are kept on PostgreSQL only"),
]


@pytest.mark.parametrize(
    ("factory", "model"),
    [
        (InitiativeFactory, Initiative),
        (StatementFactory, Statement),
        (ArticleFactory, Article),
        (PersonFactory, Person),
        (OrganizationFactory, Organization),
        (MeetingFactory, Meeting),
    ],
)
def test_a_stored_vector_is_what_search_computes_from_the_fields_after_any_write(factory, model):
    record = factory()
    first = model.search_fields[0]

    def vectors():
        return (
            model._base_manager.annotate(computed=document(*model.search_fields))
            .values_list("search_vector", "computed")
            .get(pk=record.pk)
        )

    stored, computed = vectors()
    assert stored is not None
    assert stored == computed  # on insert
    with connection.cursor() as cursor:  # an UPDATE no save() went through, of one field, then of none searched
        cursor.execute(f"UPDATE {model._meta.db_table} SET {first} = %s WHERE id = %s", ["Tram depot", record.pk])
        cursor.execute(f"UPDATE {model._meta.db_table} SET id = id WHERE id = %s", [record.pk])
    stored, computed = vectors()
    assert stored == computed
    assert "depot" in stored
