"""An acronym the article defines becomes an alias of its record in one click of the mention review."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from editorial.models import AliasKind, Change, Revision
from ingestion.linking.aliases import alias_kind
from ingestion.linking.matcher import Match
from ingestion.linking.services import Links, save_links
from ingestion.models import Mention, ReviewStatus
from tests.factories import ArticleFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

TEXT = "The office launched Digital Corporate Identity (CorpID) for firms.\nCorpID will open next year, it said."
OFFER = "Add “CorpID” as an alias of Digital Corporate Identity"


class Buttons(HTMLParser):
    """The labels of the page's submit buttons, by name."""

    def __init__(self):
        super().__init__()
        self.buttons: dict[str, str] = {}
        self.current: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "button":
            self.current = dict(attrs).get("name")

    def handle_data(self, data):
        if self.current:
            self.buttons[self.current] = self.buttons.get(self.current, "") + data

    def handle_endtag(self, tag):
        if tag == "button":
            self.current = None


def buttons(client, mention) -> dict[str, str]:
    parser = Buttons()
    parser.feed(client.get(page(mention)).content.decode())
    return parser.buttons


def page(mention) -> str:
    return reverse("admin:ingestion_mention_change", args=[mention.pk])


def mention_of(record, surface: str = "CorpID", *, method: str = "acronym") -> Mention:
    article = ArticleFactory(text=TEXT, language="en", published_at=datetime.datetime(2025, 3, 3, tzinfo=datetime.UTC))
    start = TEXT.index(surface, TEXT.index("\n"))
    match = Match("initiative", record.pk, start, start + len(surface), surface, method, 0.9)
    save_links(article=article, links=Links(article.text_sha256, [match], []))
    return Mention.objects.get(article=article)


@pytest.fixture
def corpid():
    return InitiativeFactory(name="Digital Corporate Identity")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_alias_kind_tells_an_acronym_from_other_words():
    words = ("CorpID", "HKSAR", "R&D", "iAM", "Cyberport", "Corporate Identity", "eCorp")
    assert [alias_kind(each) for each in words] == [
        AliasKind.ACRONYM, AliasKind.ACRONYM, AliasKind.ACRONYM, AliasKind.ACRONYM, AliasKind.ALTERNATE,
        AliasKind.ALTERNATE, AliasKind.ALTERNATE,
    ]  # fmt: skip


def test_one_click_adds_the_acronym_as_an_alias_and_accepts_the_mention(corpid, editor, editor_client):
    mention = mention_of(corpid)
    assert buttons(editor_client, mention) == {
        "_accept": "Accept this mention", "_reject": "Reject this mention", "_add_alias": OFFER
    }  # fmt: skip

    response = editor_client.post(page(mention), {"_add_alias": "1"}, follow=True)

    assert response.redirect_chain == [(page(mention), 302)]
    assert (
        "Added “CorpID” as an alias of Digital Corporate Identity. The mention is accepted."
        in response.content.decode()
    )
    assert list(corpid.aliases.values_list("name", "kind", "language")) == [("CorpID", AliasKind.ACRONYM, "en")]
    mention.refresh_from_db()
    assert (mention.status, mention.reviewed_by) == (ReviewStatus.ACCEPTED, editor)
    # Through the workflow: a revision holding the alias and a change entry by the editor.
    revision = Revision.objects.filter(object_id=corpid.pk).latest("number")
    assert {"name": "CorpID", "kind": "acronym", "language": "en"} in revision.data["children"]["aliases"]
    assert Change.objects.filter(object_id=corpid.pk, user=editor, action="edit").count() == 1
    # Done: the page offers it no more, and a second post (a double click) adds nothing.
    assert "_add_alias" not in buttons(editor_client, mention)
    response = editor_client.post(page(mention), {"_add_alias": "1"}, follow=True)
    assert "“CorpID” is an alias of Digital Corporate Identity already." in response.content.decode()
    assert corpid.aliases.count() == 1
    assert Change.objects.filter(object_id=corpid.pk, user=editor, action="edit").count() == 1


def test_a_published_records_alias_waits_for_a_reviewer(editor_client):
    corpid = InitiativeFactory(name="Digital Corporate Identity", editorial_status="published")
    mention = mention_of(corpid)
    response = editor_client.post(page(mention), {"_add_alias": "1"}, follow=True)
    assert "the edit waits for a reviewer" in response.content.decode()
    corpid.refresh_from_db()
    assert not corpid.aliases.exists()  # what the public reads is unchanged until a reviewer approves
    assert {"name": "CorpID", "kind": "acronym", "language": "en"} in corpid.pending_revision.data["children"][
        "aliases"
    ]
    assert "_add_alias" not in buttons(editor_client, mention)  # the pending edit has it


def test_a_variant_becomes_an_alternate_name(corpid, editor_client):
    mention = mention_of(corpid, "open next year", method="variant")
    assert (
        buttons(editor_client, mention)["_add_alias"]
        == "Add “open next year” as an alias of Digital Corporate Identity"
    )
    editor_client.post(page(mention), {"_add_alias": "1"})
    assert list(corpid.aliases.values_list("name", "kind")) == [("open next year", AliasKind.ALTERNATE)]


def test_no_offer_for_a_name_match_or_an_alias_the_record_has(corpid, editor_client):
    assert "_add_alias" not in buttons(editor_client, mention_of(corpid, method="name"))
    corpid.aliases.create(name="CORPID", kind=AliasKind.ACRONYM)
    assert "_add_alias" not in buttons(editor_client, mention_of(corpid))


def test_a_get_adds_nothing(corpid, editor_client):
    mention = mention_of(corpid)
    assert editor_client.get(page(mention), {"_add_alias": "1"}).status_code == 200
    assert not corpid.aliases.exists()
    assert Mention.objects.get(pk=mention.pk).status == ReviewStatus.PROPOSED


def test_a_user_without_the_permission_is_refused(corpid, outsider, client):
    mention = mention_of(corpid)
    client.force_login(outsider)
    assert client.post(page(mention), {"_add_alias": "1"}).status_code == 403
    assert not corpid.aliases.exists()
    assert Mention.objects.get(pk=mention.pk).status == ReviewStatus.PROPOSED


def test_the_post_needs_its_csrf_token(corpid, editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(page(mention_of(corpid)), {"_add_alias": "1"}).status_code == 403
    assert not corpid.aliases.exists()
