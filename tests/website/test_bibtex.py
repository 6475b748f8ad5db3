"""BibTeX a reference manager imports: month macros, names in their original script, a .bib per record and per list."""

import re

import pytest

from initiatives.models import Initiative
from people.models import Person
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def entries(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    text = b"".join(response.streaming_content).decode()
    found = re.findall(r"^@misc\{[^,]+,\n(?:  .*\n)+\}$", text, flags=re.MULTILINE)
    assert "".join(entry + "\n\n" for entry in found) == text  # nothing else in the file
    return found


def test_a_person_is_cited_with_the_name_in_its_original_script_and_a_month_macro(client, demo):
    chan = Person.objects.published().get(full_name="Paul Chan Mo-po")
    (entry,) = entries(client.get(f"/people/{chan.slug}.bib"))
    assert "title = {Paul Chan Mo-po (陳茂波)}," in entry
    assert re.search(r"^  month = (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec),$", entry, flags=re.MULTILINE)
    assert f"url = {{http://testserver/people/{chan.slug}/v{chan.published_version}/}}," in entry
    page = client.get(f"/people/{chan.slug}/").content.decode()
    assert f'href="/people/{chan.slug}.bib"' in page
    assert "Paul Chan Mo-po (陳茂波)" in page  # the 'cite this' box says the same


def test_a_list_is_cited_whole_with_its_filters_and_never_a_draft(client, demo):
    InitiativeFactory(name="A Draft Nobody Sees")
    published = Initiative.objects.published()
    cited = entries(client.get("/initiatives/export.bib"))
    assert len(cited) == published.count()
    assert not any("A Draft Nobody Sees" in entry for entry in cited)
    one = published.order_by("name").first()
    narrowed = entries(client.get("/initiatives/export.bib", {"q": one.name}))
    assert 1 <= len(narrowed) < len(cited)
    assert 'href="/initiatives/export.bib?q=' in client.get("/initiatives/", {"q": one.name}).content.decode()
