from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mhap.demo import seed_demo_coalition


class Command(BaseCommand):
    help = "Build the demo coalition (idempotent). Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Also add N generated issues (bulk inserts), for measuring at scale.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even with DEBUG off. Never on a real coalition's database.",
        )

    def handle(self, *args, force=False, scale=0, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a real deployment: seed_demo adds demo "
                "people with a published password. Re-run with --force if you mean it."
            )
        counts = seed_demo_coalition()
        if scale:
            from mhap.demo import seed_scale_issues

            counts["generated issues"] = seed_scale_issues(scale)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo coalition ready: {summary}."))
        self.stdout.write("Sign in as admin@, core@, chair@, member@ or partner@mhap.test")
        self.stdout.write("with the password 'mhap-demo'.")
