from django.urls import path

from website import views

app_name = "website"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("search/feed/", views.search_feed, name="search_feed"),
    path("feeds/updates/", views.updates_feed, name="updates_feed"),
]
