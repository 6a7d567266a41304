from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from issues import legislators_api
from issues.services import advocacy_registry


class Command(BaseCommand):
    help = (
        "Refresh Wisconsin's legislators from the Open States API when OPENSTATES_API_KEY is "
        "set. Without a key it does nothing and exits 0: the Hub works fully without it "
        "(admins add legislators by hand or import a CSV)."
    )

    def handle(self, *args, **options):
        api_key = settings.OPENSTATES_API_KEY
        if not api_key:
            # Exit 0: a scheduled run on a deployment without a key is not a failure.
            self.stdout.write(
                "OPENSTATES_API_KEY is not set, so there is nothing to refresh. The Hub works "
                "fully without it: admins add legislators under Advocacy → Legislators, by "
                "hand or from a CSV file."
            )
            return
        try:
            people, notes = legislators_api.fetch_legislators(api_key=api_key)
        except legislators_api.ApiError as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        if not people:
            raise CommandError("Open States listed no legislators. Nothing was changed.")
        result = advocacy_registry.refresh_legislators(actor=None, people=people)
        for note in notes:
            self.stdout.write(f"Not taken: {note}")
        for name, reason in result.skipped:
            self.stdout.write(f"Skipped {name}: {reason}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Legislators refreshed from Open States: {result.created} added, "
                f"{result.updated} updated, {result.unchanged} unchanged."
            )
        )
