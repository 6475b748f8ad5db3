from django.urls import path

from initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("feed/", views.initiative_list_feed, name="list_feed"),
    path("export.csv", views.initiative_export, name="export"),
    path("<slug:slug>/", views.initiative_detail, name="detail"),
    path("<slug:slug>.json", views.initiative_json, name="json"),
    path("<slug:slug>/feed/", views.initiative_feed, name="feed"),
    path("<slug:slug>/v<int:version>/", views.initiative_version, name="version"),
]
