from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Context:
    """What building rows needs to know of the request: where links point, and what to embed."""

    api_base: str  # e.g. "https://tracker.example.org/api/v1/"
    site_base: str  # e.g. "https://tracker.example.org"
    expand: frozenset[str] = frozenset()

    def api_url(self, resource: str, uuid) -> str:
        return f"{self.api_base}{resource}/{uuid}/"

    def nested(self) -> "Context":
        """Embedded records show their own relations as references: expansion is one level deep."""
        return replace(self, expand=frozenset())
