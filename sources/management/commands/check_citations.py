"""`manage.py check_citations`: every stored citation of a name, amount or date, checked against its passage."""

from django.core.management.base import BaseCommand, CommandError

from sources.evidence import audit
from sources.models import Citation


class Command(BaseCommand):
    help = "Check that each citation's passage states the name, amount or date it is cited for."

    def handle(self, *args, **options):
        citations = Citation.objects.select_related("article", "content_type").order_by("pk")
        result = audit(citations)
        for citation, value in result.unstated:
            cited = f"{citation.content_type.model} {citation.object_id}, {citation.field or '-'}"
            unstated = f"does not state {value.label}: {value.shown}"
            self.stdout.write(f"citation {citation.pk} ({cited}): {citation.passage[:80]!r} {unstated}")
        summary = f"{result.checked} citations checked, {len(result.unstated)} do not state what they cite."
        if result.unstated:
            raise CommandError(summary)
        self.stdout.write(summary)
