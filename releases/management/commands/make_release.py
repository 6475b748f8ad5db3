from django.core.management.base import BaseCommand

from releases.services import make_release


class Command(BaseCommand):
    help = "Make a dataset release of the public data now, unless nothing changed since the last release."

    def handle(self, *args, **options):
        outcome = make_release()
        self.stdout.write(outcome.message)
