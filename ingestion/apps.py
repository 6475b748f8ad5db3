from django.apps import AppConfig


class IngestionConfig(AppConfig):
    """The pipeline: feeds, fetch, extract, deduplicate, link and suggest; it proposes, editors decide."""

    name = "ingestion"

    def ready(self):
        from ingestion.linking import kinds

        kinds.register()
