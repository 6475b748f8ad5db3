from meetings import views

app_name = "meetings"

urlpatterns = views.PAGES.urls()
