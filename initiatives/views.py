from django.shortcuts import render

from initiatives.selectors import list_published_initiatives


def home(request):
    """What the tracker is, and the initiatives it has published."""
    return render(request, "home.html", {"initiatives": list_published_initiatives()[:50]})
