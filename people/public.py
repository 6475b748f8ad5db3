"""The public shape of organizations, posts, people and memberships: what the API and the website write.

Each kind's serializer is its one declaration: the API serves it (api/resources/people.py) and the website
writes its JSON and CSV from it (website/people.py), through editorial.public.
"""

from rest_framework import serializers

from editorial.public.fields import AliasesField, JurisdictionField, PartialDateField, RefField
from editorial.public.resources import Resource, declare
from people.models import Membership, Organization, OrganizationKind, Person, Post
from sources.public import CitedRecordSerializer


class OrganizationSerializer(CitedRecordSerializer):
    name = serializers.CharField(help_text="The organization's name.")
    aliases = AliasesField(help_text="Other names: acronyms, former names, names in other scripts.")
    kind = serializers.ChoiceField(choices=OrganizationKind.choices, help_text="What sort of body it is.")
    # DRF's metaclass takes declared fields off the class: this one does not clash with Field.parent.
    parent = RefField(  # type: ignore[assignment]
        "organizations", allow_null=True, help_text="The body it belongs to, e.g. a bureau's government."
    )
    jurisdiction = JurisdictionField(allow_null=True, help_text="Where it governs; null for international bodies.")
    description = serializers.CharField(help_text="What it does; may be empty.")
    website = serializers.CharField(help_text="Its official website; may be empty.")
    founded_date = PartialDateField(allow_null=True, help_text="When it was founded.")
    dissolved_date = PartialDateField(allow_null=True, help_text="When it was dissolved; null while it exists.")


ORGANIZATIONS = declare(Resource("organizations", Organization, label="name"), OrganizationSerializer)


class PostSerializer(CitedRecordSerializer):
    title = serializers.CharField(help_text="The role as officially styled, e.g. Financial Secretary.")
    aliases = AliasesField(help_text="How the press refers to the post: the financial secretary, FS...")
    organization = RefField("organizations", help_text="The organization the post belongs to.")
    is_sole_holder = serializers.BooleanField(help_text="At most one person holds it at a time.")
    description = serializers.CharField(help_text="What the post does; may be empty.")


POSTS = declare(Resource("posts", Post, label="title"), PostSerializer)


class PersonSerializer(CitedRecordSerializer):
    full_name = serializers.CharField(help_text="As the person is usually named, e.g. Paul Chan Mo-po.")
    aliases = AliasesField(help_text="Other names: Paul Chan, Chan Mo-po, 陳茂波.")
    given_name = serializers.CharField(help_text="Given name; may be empty.")
    family_name = serializers.CharField(help_text="Family name; may be empty.")
    original_script_name = serializers.CharField(help_text="The name in its original script; may be empty.")
    honorific_prefix = serializers.CharField(help_text="e.g. Mr, Dr, The Honourable; may be empty.")
    honorific_suffix = serializers.CharField(help_text="Post-nominals, e.g. GBM, GBS, JP; may be empty.")
    bio = serializers.CharField(help_text="A short biography; may be empty.")


PEOPLE = declare(Resource("people", Person, label="full_name", web_path="/people/{slug}/"), PersonSerializer)


class MembershipSerializer(CitedRecordSerializer):
    person = RefField("people", help_text="Who holds (or held) the post.")
    post = RefField("posts", help_text="The post held.")
    start_date = PartialDateField(allow_null=True, help_text="Since when; null when the source does not say.")
    end_date = PartialDateField(allow_null=True, help_text="Until when; null while the post is held.")


MEMBERSHIPS = declare(Resource("memberships", Membership, label="slug"), MembershipSerializer)
