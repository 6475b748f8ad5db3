from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Partners' API"

    def ready(self):
        # Schema extensions register themselves on import (drf-spectacular finds them by class); the URL
        # configuration imports every resource's viewset, which registers the resource for references.
        from api import schema, urls  # noqa: F401
