from django.apps import AppConfig
from django.conf import settings
from django.core import checks

DEVELOPMENT_SITE_URL = "http://localhost:8000"


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = "Researchers' website"

    def ready(self):
        checks.register(check_site_url, checks.Tags.security, deploy=True)


def check_site_url(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """A deployment that kept the development SITE_URL publishes feed ids of localhost, which readers keep forever."""
    if settings.SITE_URL != DEVELOPMENT_SITE_URL:
        return []
    return [
        checks.Warning(
            f"SITE_URL is the development default {DEVELOPMENT_SITE_URL}.",
            hint="Set SITE_URL to the site's public address, e.g. https://tracker.example.org: the Atom feeds' "
            "links and ids are built from it, and a feed reader keeps the ids it once read.",
            id="website.W001",
        )
    ]
