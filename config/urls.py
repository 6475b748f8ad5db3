from django.contrib import admin
from django.urls import include, path

from config.health import healthz

urlpatterns = [
    path("", include("website.urls")),
    path("initiatives/", include("website.initiatives")),
    path("people/", include("website.people")),
    path("meetings/", include("website.meetings")),
    path("articles/", include("website.articles")),
    path("data/", include("releases.urls")),
    path("api/v1/", include("api.urls")),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

# Under /api/ a server error answers in the API's error shape; the website keeps Django's page.
handler500 = "api.errors.server_error"
