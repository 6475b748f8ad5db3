from django.core.management.base import BaseCommand

from demo.services import load_demo


class Command(BaseCommand):
    help = "Load the founding article and every fact it states, published and cited. Safe to run again."

    def handle(self, *args, **options):
        changes = load_demo()
        changed = sum(changes.values())
        if changed == 0:
            self.stdout.write("Demo data already loaded; nothing changed.")
            return
        for label, count in sorted(changes.items()):
            if count:
                self.stdout.write(f"  {label}: {count} created or updated")
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded ({changed} rows written)."))
