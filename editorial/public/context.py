from dataclasses import dataclass, replace

API_PREFIX = "/api/v1/"  # where references point: the API's address of each record


@dataclass(frozen=True)
class Context:
    """What building rows needs to know of the request: where links point, and what to embed."""

    api_base: str  # e.g. "https://tracker.example.org/api/v1/"
    site_base: str  # e.g. "https://tracker.example.org"
    expand: frozenset[str] = frozenset()

    def api_url(self, resource: str, uuid) -> str:
        return f"{self.api_base}{resource}/{uuid}/"

    @classmethod
    def of(cls, request, expand: frozenset[str] = frozenset()) -> "Context":
        """Links of a response to `request`: the API's and the website's, on the host it asked."""
        site = request.build_absolute_uri("/").rstrip("/")
        return cls(api_base=site + API_PREFIX, site_base=site, expand=expand)

    def nested(self) -> "Context":
        """Embedded records show their own relations as references: expansion is one level deep."""
        return replace(self, expand=frozenset())
