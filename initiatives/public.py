"""The public shape of themes, initiatives and milestones: what the API and the website write.

Each kind's serializer is its one declaration: the API serves it (api/resources/initiatives.py) and the website
writes its JSON and CSV from it (website/initiatives.py), through editorial.public.
"""

from rest_framework import serializers

from editorial.public.fields import AliasesField, JurisdictionField, PartialDateField, RefField
from editorial.public.resources import Resource, declare
from initiatives.models import (
    AmountQualifier,
    Initiative,
    InitiativeStatus,
    Instrument,
    Milestone,
    MilestoneKind,
    Theme,
)
from sources.public import CitedRecordSerializer


class ThemeSerializer(CitedRecordSerializer):
    name = serializers.CharField(help_text="The theme, e.g. Innovation and technology.")
    description = serializers.CharField(help_text="What the theme covers; may be empty.")


THEMES = declare(Resource("themes", Theme, label="name"), ThemeSerializer)


class InitiativeSerializer(CitedRecordSerializer):
    name = serializers.CharField(help_text="The initiative's name.")
    aliases = AliasesField(help_text="Other names, acronyms and names in other scripts.")
    summary = serializers.CharField(help_text="What it is, in a few sentences; may be empty.")
    status = serializers.ChoiceField(
        choices=InitiativeStatus.choices, help_text="Where it stands in the world (not its editorial state)."
    )
    instrument = serializers.ChoiceField(
        choices=Instrument.choices, allow_blank=True, help_text="The kind of policy instrument; empty when unknown."
    )
    jurisdiction = JurisdictionField(allow_null=True, help_text="The government whose initiative it is.")
    responsible_organization = RefField(
        "organizations", allow_null=True, help_text="The body that runs it; null when the sources do not say."
    )
    lead_officials = RefField("people", many=True, help_text="The officials who lead it.")
    themes = RefField("themes", many=True, help_text="Themes it belongs to.")
    # DRF's metaclass takes declared fields off the class: this one does not clash with Field.parent.
    parent = RefField(  # type: ignore[assignment]
        "initiatives", allow_null=True, help_text="The larger initiative it is part of."
    )
    related = RefField("initiatives", many=True, help_text="Initiatives that work together with it.")
    announced_date = PartialDateField(allow_null=True, help_text="When it was announced.")
    start_date = PartialDateField(allow_null=True, help_text="When it was established or launched.")
    end_date = PartialDateField(allow_null=True, help_text="When it ended; null while it runs.")
    budget_amount = serializers.DecimalField(
        max_digits=20, decimal_places=2, allow_null=True, help_text="Its budget, as a decimal string; null if unknown."
    )
    budget_currency = serializers.CharField(help_text="ISO 4217 code of the budget, e.g. HKD; empty without one.")
    budget_qualifier = serializers.ChoiceField(
        choices=AmountQualifier.choices, allow_blank=True, help_text="How exactly the source states the budget."
    )
    budget_as_of = PartialDateField(allow_null=True, help_text="The date the budget figure refers to.")


INITIATIVES = declare(
    Resource("initiatives", Initiative, label="name", web_path="/initiatives/{slug}/"), InitiativeSerializer
)


class MilestoneSerializer(CitedRecordSerializer):
    initiative = RefField("initiatives", help_text="The initiative whose timeline it is on.")
    kind = serializers.ChoiceField(choices=MilestoneKind.choices, help_text="What happened.")
    date = PartialDateField(help_text="When it happened.")
    description = serializers.CharField(help_text="What happened, in words; may be empty.")
    amount = serializers.DecimalField(
        max_digits=20, decimal_places=2, allow_null=True, help_text="For funding milestones: the amount."
    )
    currency = serializers.CharField(help_text="ISO 4217 code of the amount; empty without one.")


MILESTONES = declare(Resource("milestones", Milestone, label="description"), MilestoneSerializer)
