"""API keys: issued in the admin and shown once, stored as a hash, revoked, rate-limited (429 + Retry-After)."""

import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from api.models import APIKey
from api.services import issue_api_key, revoke_api_key
from tests.api.conftest import keyed_client, make_user

pytestmark = pytest.mark.django_db


def test_admin_issues_a_key_shown_once_and_stored_as_a_hash(admin_client, django_user_model):
    owner = make_user(django_user_model, "institute", staff=False)
    response = admin_client.post(
        "/admin/api/apikey/add/", {"name": "Institute nightly", "owner": owner.pk, "requests_per_minute": 100}
    )
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret in response.content.decode()
    key = APIKey.objects.get(name="Institute nightly")
    assert key.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(list(APIKey.objects.values()))
    change_page = admin_client.get(f"/admin/api/apikey/{key.pk}/change/").content.decode()
    assert secret not in change_page
    assert key.prefix in change_page


def test_a_key_authenticates_and_records_its_last_use(api_client, partner_client):
    key = APIKey.objects.get()
    assert key.last_used_at is None
    assert partner_client.get("/api/v1/themes/").status_code == 200
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_unknown_and_revoked_keys_are_refused(api_client, partner_client):
    api_client.credentials(HTTP_X_API_KEY="nope.nope")
    response = api_client.get("/api/v1/themes/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    revoke_api_key(key=APIKey.objects.get())
    assert partner_client.get("/api/v1/themes/").status_code == 401


def test_unknown_keys_are_throttled_per_address_before_any_lookup(partner_client, settings, django_assert_num_queries):
    settings.API_UNKNOWN_KEY_RATE = "3/minute"
    guesser = APIClient(REMOTE_ADDR="203.0.113.7")
    for guess in ("0123abcd.wrong-secret-wrong-secret", "nope", "deadbeef.another-wrong-secret-here"):
        guesser.credentials(HTTP_X_API_KEY=guess)
        assert guesser.get("/api/v1/themes/").status_code == 401
    guesser.credentials(HTTP_X_API_KEY=partner_client.raw_key)  # even a good key, from this address, for now
    with django_assert_num_queries(0):
        limited = guesser.get("/api/v1/themes/")
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "throttled"
    assert 1 <= int(limited["Retry-After"]) <= 60
    # Counted by the connection's address, which a client cannot write; X-Forwarded-For it can.
    forged = guesser.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert forged.status_code == 429
    assert APIClient(REMOTE_ADDR="203.0.113.8").get("/api/v1/themes/").status_code == 200
    partner_client.defaults["REMOTE_ADDR"] = "203.0.113.8"
    assert partner_client.get("/api/v1/themes/").status_code == 200


@pytest.mark.parametrize("raw", ["\x00", "abc\x00def.x", "a" * 10_000, "%s.%(x)s", "' OR 1=1 --"])
def test_a_key_of_another_shape_is_refused_unread(api_client, raw, django_assert_num_queries):
    api_client.credentials(HTTP_X_API_KEY=raw)
    with django_assert_num_queries(0):  # once, on PostgreSQL, a NUL in the lookup: a 500
        response = api_client.get("/api/v1/themes/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_each_key_has_its_own_rate_limit(django_user_model):
    slow = keyed_client(make_user(django_user_model, "slow", staff=False), requests_per_minute=2)
    fast = keyed_client(make_user(django_user_model, "fast", staff=False), requests_per_minute=100)
    assert [slow.get("/api/v1/themes/").status_code for _ in range(3)] == [200, 200, 429]
    limited = slow.get("/api/v1/themes/")
    assert limited.json()["error"]["code"] == "throttled"
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert [fast.get("/api/v1/themes/").status_code for _ in range(3)] == [200, 200, 200]


def test_anonymous_reads_have_a_lower_rate(api_client, settings):
    settings.API_ANONYMOUS_RATE = "3/minute"
    assert [api_client.get("/api/v1/themes/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert "Retry-After" in api_client.get("/api/v1/themes/")


def test_issue_draws_a_fresh_prefix_and_secret(django_user_model):
    owner = make_user(django_user_model, "owner", staff=False)
    (first, first_secret), (second, second_secret) = (
        issue_api_key(name="a", owner=owner),
        issue_api_key(name="b", owner=owner),
    )
    assert first.prefix != second.prefix
    assert first_secret != second_secret
    assert first_secret.startswith(first.prefix + ".")


def test_the_command_issues_a_key_that_authenticates(api_client, django_user_model):
    make_user(django_user_model, "nightly", staff=False)
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "issue_api_key", "nightly", "--name", "Nightly sync", "--requests-per-minute", "60", stdout=out, stderr=err
    )
    secret = out.getvalue().strip()
    key = APIKey.objects.get(name="Nightly sync")
    assert key.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert key.requests_per_minute == 60
    assert secret not in err.getvalue()
    api_client.credentials(HTTP_X_API_KEY=secret)
    assert api_client.get("/api/v1/themes/").status_code == 200


def test_the_command_refuses_an_unknown_account():
    with pytest.raises(CommandError, match="No account named 'ghost'"):
        call_command("issue_api_key", "ghost", "--name", "Nobody", stdout=io.StringIO(), stderr=io.StringIO())
    assert not APIKey.objects.exists()
