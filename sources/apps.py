from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """The evidence: articles and their versions, and the citations that tie curated facts to them."""

    name = "sources"
