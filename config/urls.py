from django.contrib import admin
from django.urls import path

from config.health import healthz
from initiatives import views as initiative_views

admin.site.site_header = "Initiative Tracker"
admin.site.site_title = "Initiative Tracker admin"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("", initiative_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
