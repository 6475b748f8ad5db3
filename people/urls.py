from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("feed/", views.person_list_feed, name="list_feed"),
    path("export.csv", views.person_export, name="export"),
    path("<slug:slug>/", views.person_detail, name="detail"),
    path("<slug:slug>.json", views.person_json, name="json"),
    path("<slug:slug>/feed/", views.person_feed, name="feed"),
    path("<slug:slug>/v<int:version>/", views.person_version, name="version"),
]
