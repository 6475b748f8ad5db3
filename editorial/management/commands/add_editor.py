"""Give a user an editorial role from the command line: a staff account in the Editor or Reviewer group."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from editorial.roles import EDITOR, REVIEWER

ROLES = {"editor": EDITOR, "reviewer": REVIEWER}


class Command(BaseCommand):
    help = (
        "Create or update a staff user with an editorial role: editors draft and submit, reviewers also approve, "
        "request changes, unpublish, archive, restore and merge. A new user gets no password: set one with "
        "`manage.py changepassword USERNAME`."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(ROLES), required=True)
        parser.add_argument("--email", default=None, help="Set or change the user's e-mail address.")

    @transaction.atomic
    def handle(self, *args, username, role, email, **options):
        if email is not None:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(f"Not an e-mail address: {email!r}.") from None
        groups = {group.name: group for group in Group.objects.filter(name__in=ROLES.values())}
        if len(groups) < len(ROLES):
            raise CommandError("The Editor and Reviewer groups are missing: run `manage.py migrate` first.")
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        created = user is None
        if user is None:
            user = User(**{User.USERNAME_FIELD: username})
            user.set_unusable_password()
        user.is_staff = user.is_active = True
        if email is not None:
            user.email = email
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        user.save()
        # One role at a time: a reviewer made an editor again loses the reviewer's rights.
        user.groups.remove(*[group for name, group in groups.items() if name != ROLES[role]])
        user.groups.add(groups[ROLES[role]])
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} {username}: staff, role {role} (group {ROLES[role]}).")
        if created or not user.has_usable_password():
            self.stdout.write(f"Set a password with: manage.py changepassword {username}")
