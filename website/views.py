"""The pages that span apps: home, search and the site-wide feed."""

from django.shortcuts import render

from initiatives.models import Initiative
from meetings.models import Meeting
from people.models import Person
from website.feeds import SiteFeed
from website.listing import refuse_control_characters
from website.pages import follow_moves
from website.selectors import get_home, search_site

MAX_QUERY = 200


def home(request):
    """What the tracker is, what was published lately, counts by jurisdiction and status, a search box."""
    return render(request, "home.html", {"home": get_home()})


@follow_moves  # a 400 that says why, for words no search box sends
def search(request):
    """One search over initiatives, people, organizations, meetings, statements and articles."""
    refuse_control_characters("q", request.GET.getlist("q"))
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY]
    sections = search_site(query=query) if query else []
    return render(
        request,
        "search.html",
        {"q": query, "sections": sections, "found": sum(len(section.rows) for section in sections)},
    )


def updates_feed(request):
    """The site-wide Atom feed: every initiative, person and meeting as it is published or updated."""
    return SiteFeed()(request, models=[Initiative, Person, Meeting])
