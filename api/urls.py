"""/api/v1/: the resources, the change feed, ingestion, the schema and its docs; JSON 404 for anything else."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from api import resources
from api.changes import ChangesView
from api.errors import not_found
from api.ingest import IngestView
from articles import api as articles_api
from initiatives import api as initiatives_api
from meetings import api as meetings_api
from people import api as people_api

app_name = "api"


class Router(DefaultRouter):
    include_format_suffixes = False  # formats are chosen with ?format=, never with a suffix


router = Router(use_regex_path=False)
for module in (people_api, initiatives_api, meetings_api, articles_api):
    for name in dir(module):
        viewset = getattr(module, name)
        resource = getattr(viewset, "__dict__", {}).get("resource")
        if isinstance(resource, resources.Resource):
            router.register(resource.name, viewset, basename=resource.kind)

urlpatterns = [
    path("changes/", ChangesView.as_view(), name="changes"),
    path("ingest/", IngestView.as_view(), name="ingest"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("docs/redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    *router.urls,
    re_path(r"^.*$", not_found),
]
