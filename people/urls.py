from people import views

app_name = "people"

urlpatterns = views.PAGES.urls()
