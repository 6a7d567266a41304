from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Reminders and notifications"

    def ready(self):
        # Each app declares its reminder and notification kinds in its own
        # reminder_kinds.py; the engine never names them.
        autodiscover_modules("reminder_kinds")
