"""/api/v1/: the resources, the change feed, the Popolo export, ingestion, the schema and its docs; JSON 404 else."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from api.changes import ChangesView
from api.errors import not_found
from api.ingest import IngestionView, IngestView
from api.popolo import PopoloView
from api.resources.articles import ArticleViewSet, CitationViewSet
from api.resources.initiatives import InitiativeViewSet, MilestoneViewSet, ThemeViewSet
from api.resources.meetings import MeetingViewSet, ParticipationViewSet, StatementViewSet
from api.resources.people import MembershipViewSet, OrganizationViewSet, PersonViewSet, PostViewSet

app_name = "api"


class Router(DefaultRouter):
    include_format_suffixes = False  # formats are chosen with ?format=, never with a suffix

    def get_api_root_view(self, api_urls=None):
        """The root lists every resource, the change feed and the Popolo export, each by its address."""
        listed = {prefix: self.routes[0].name.format(basename=basename) for prefix, _, basename in self.registry}
        return self.APIRootView.as_view(api_root_dict={**listed, "changes": "changes", "popolo": "popolo"})


VIEWSETS = (
    InitiativeViewSet,
    PersonViewSet,
    OrganizationViewSet,
    PostViewSet,
    MembershipViewSet,
    MeetingViewSet,
    ParticipationViewSet,
    StatementViewSet,
    MilestoneViewSet,
    ThemeViewSet,
    CitationViewSet,
    ArticleViewSet,
)

router = Router(use_regex_path=False)
for viewset in VIEWSETS:
    router.register(viewset.resource.name, viewset, basename=viewset.resource.kind)

urlpatterns = [
    path("changes/", ChangesView.as_view(), name="changes"),
    path("popolo.json", PopoloView.as_view(), name="popolo"),
    path("ingest/", IngestView.as_view(), name="ingest"),
    path("ingestions/<int:pk>/", IngestionView.as_view(), name="ingestions-detail"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    re_path(r"^.*$", not_found),
]
