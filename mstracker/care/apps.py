from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "mstracker.care"
    label = "care"
    verbose_name = "Care team"

    def ready(self):
        from . import summary_refresh

        summary_refresh.connect()
