"""What /api/v1/popolo.json holds, for the OpenAPI schema: Popolo's classes as the export writes them (api.popolo).

Only the properties the export writes; a property it does not know is left out, never null. The
specification: https://www.popoloproject.com/specs/ (its JSON Schemas, schemas/*.json).
"""

from rest_framework import serializers

DATE_HELP = "ISO 8601 at the source's precision: YYYY, YYYY-MM or YYYY-MM-DD."


def _date(help_text: str) -> serializers.RegexField:
    return serializers.RegexField(r"^[0-9]{4}(-[0-9]{2}){0,2}$", required=False, help_text=f"{help_text} {DATE_HELP}")


def _text(help_text: str) -> serializers.CharField:
    return serializers.CharField(required=False, help_text=help_text)


def _id(help_text: str, required: bool = False) -> serializers.UUIDField:
    return serializers.UUIDField(required=required, help_text=help_text)


def _many(serializer: type[serializers.Serializer], help_text: str) -> serializers.Serializer:
    return serializer(many=True, required=False, help_text=help_text)


class PopoloLinkSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="A URL.")
    note = _text("What it is: the record in this API, an official website, or the words an article says.")


class PopoloIdentifierSerializer(serializers.Serializer):
    identifier = serializers.CharField(help_text="The identifier there, e.g. Q123.")
    scheme = serializers.CharField(help_text="The system that issued it, e.g. wikidata.")


class PopoloOtherNameSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="An alternate or former name.")
    note = _text("What sort of name: Acronym or abbreviation, Name in original script (zh-Hant)...")


class PopoloRecordSerializer(serializers.Serializer):
    """What every class carries: its identity, times and sources."""

    id = _id("The record's UUID, as in the rest of the API.", required=True)
    created_at = serializers.DateTimeField(required=False, help_text="When the record was created (UTC).")
    updated_at = serializers.DateTimeField(required=False, help_text="When its public version last changed (UTC).")
    sources = _many(PopoloLinkSerializer, "Its published citations: each article's address, with what it says.")


class PopoloPersonSerializer(PopoloRecordSerializer):
    """A person (Popolo's Person)."""

    name = serializers.CharField(help_text="As the person is usually named.")
    other_names = _many(PopoloOtherNameSerializer, "Other names, original script too.")
    identifiers = _many(PopoloIdentifierSerializer, "Identifiers in other systems.")
    family_name = _text("Family name.")
    given_name = _text("Given name.")
    honorific_prefix = _text("e.g. Mr, Dr, The Honourable.")
    honorific_suffix = _text("Post-nominals, e.g. GBM, GBS, JP.")
    biography = _text("A short biography.")
    links = _many(PopoloLinkSerializer, "The record in this API and on the website.")


class PopoloOrganizationSerializer(PopoloRecordSerializer):
    """An organization (Popolo's Organization)."""

    name = serializers.CharField(help_text="The organization's name.")
    other_names = _many(PopoloOtherNameSerializer, "Acronyms, former names...")
    identifiers = _many(PopoloIdentifierSerializer, "Identifiers in other systems.")
    classification = _text("What sort of body: government, bureau, department, legislature...")
    parent_id = _id("The UUID of the organization it belongs to, when that one is published.")
    founding_date = _date("When it was founded.")
    dissolution_date = _date("When it was dissolved.")
    links = _many(PopoloLinkSerializer, "This API, the website, its official site.")


class PopoloPostSerializer(PopoloRecordSerializer):
    """A post in an organization (Popolo's Post)."""

    label = serializers.CharField(help_text="The post as officially styled, e.g. Financial Secretary.")
    other_label = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="How the press refers to it: FS, the finance chief."
    )
    role = serializers.CharField(help_text="The function its holder fulfils: the post's title.")
    organization_id = _id("The UUID of the organization the post belongs to.", required=True)
    links = _many(PopoloLinkSerializer, "The record in this API.")


class PopoloMembershipSerializer(PopoloRecordSerializer):
    """A person holding a post (Popolo's Membership)."""

    label = _text("Who held which post: <person> as <post>.")
    role = serializers.CharField(help_text="The post's title.")
    person_id = _id("The UUID of the person.", required=True)
    organization_id = _id("The UUID of the post's organization.", required=True)
    post_id = _id("The UUID of the post held.", required=True)
    start_date = _date("Since when; left out when the source does not say.")
    end_date = _date("Until when; left out while the post is held.")
    links = _many(PopoloLinkSerializer, "The record in this API.")


class PopoloAttendeeSerializer(serializers.Serializer):
    """An abbreviated Person: who took part."""

    id = _id("The person's UUID.", required=True)
    name = serializers.CharField(help_text="The person's name.")


class PopoloEventSerializer(PopoloRecordSerializer):
    """A meeting (Popolo's Event)."""

    name = serializers.CharField(help_text="The meeting's name.")
    description = _text("What it was.")
    start_date = _date("When it started.")
    end_date = _date("When it ended.")
    location = _text("Venue, locality and country.")
    identifiers = _many(PopoloIdentifierSerializer, "Identifiers in other systems.")
    classification = _text("Series, summit, conference, meeting, session...")
    organization_id = _id("The UUID of the body convening it.")
    attendees = _many(PopoloAttendeeSerializer, "Who took part, as published.")
    parent_id = _id("The UUID of the event it is part of (the first by name, when it is part of several).")


class PopoloSerializer(serializers.Serializer):
    """Popolo's collections, one array per class."""

    persons = PopoloPersonSerializer(many=True, help_text="Every published person.")
    organizations = PopoloOrganizationSerializer(many=True, help_text="Every published organization.")
    posts = PopoloPostSerializer(many=True, help_text="Every published post of a published organization.")
    memberships = PopoloMembershipSerializer(many=True, help_text="Published memberships of what is listed here.")
    events = PopoloEventSerializer(many=True, help_text="Every published meeting.")
