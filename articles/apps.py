from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """The migrations that created the evidence's and the pipeline's tables, before `sources/` and `ingestion/`.

    Its models moved (state only: tables, rows and names stay) to `sources/` and `ingestion/`; it stays
    installed so that a fresh database runs those migrations and an existing one keeps its history.
    """

    name = "articles"
