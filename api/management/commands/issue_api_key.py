"""Issue an API key from the command line (operators' scripts, CI); the admin does the same for people."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from api.services import issue_api_key


class Command(BaseCommand):
    help = "Issue an API key for an existing account and print its secret, once, on standard output."

    def add_arguments(self, parser):
        parser.add_argument(
            "owner", help="Username of the account the key acts for (its role decides what it may write)."
        )
        parser.add_argument("--name", required=True, help="Who or what uses the key, e.g. 'Example Institute sync'.")
        parser.add_argument("--requests-per-minute", type=int, default=600)

    def handle(self, *args, owner, name, requests_per_minute, **options):
        if requests_per_minute < 1:
            raise CommandError("--requests-per-minute must be at least 1.")
        try:
            account = get_user_model()._default_manager.get_by_natural_key(owner)
        except get_user_model().DoesNotExist:
            raise CommandError(
                f"No account named {owner!r}: create it first (createsuperuser, or the admin)."
            ) from None
        key, raw = issue_api_key(name=name, owner=account, requests_per_minute=requests_per_minute)
        self.stderr.write(f"Issued {key} for {account}. The secret below is shown once and stored only as a hash.")
        self.stdout.write(raw)
