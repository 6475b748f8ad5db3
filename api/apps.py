from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Partners' API"

    def ready(self):
        # Schema extensions register themselves on import (drf-spectacular finds them by class).
        from api import schema  # noqa: F401
