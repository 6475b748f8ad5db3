"""The pages that span apps: home, search with its feed, and the site-wide feed."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse

from initiatives.models import Initiative
from meetings.models import Meeting
from people.models import Person
from website.feeds import SearchFeed, SiteFeed
from website.listing import refuse_control_characters
from website.pages import follow_moves
from website.selectors import get_home, search_site

MAX_QUERY = 200


def home(request):
    """What the tracker is, what was published lately, counts by jurisdiction and status, a search box."""
    return render(request, "home.html", {"home": get_home()})


def _query(request) -> str:
    """The words searched; BadListRequest (a 400 through follow_moves) for words no search box sends."""
    refuse_control_characters("q", request.GET.getlist("q"))
    return (request.GET.get("q") or "").strip()[:MAX_QUERY]


@follow_moves
def search(request):
    """One search over initiatives, people, organizations, meetings, statements and articles."""
    query = _query(request)
    sections = search_site(query=query) if query else []
    feed_url = reverse("website:search_feed") + "?" + urlencode({"q": query})
    return render(
        request,
        "search.html",
        {
            "q": query,
            "sections": sections,
            "found": sum(len(section.rows) for section in sections),
            "feed_url": feed_url,
        },
    )


@follow_moves  # XML refuses control characters: the feed would repeat them in its title
def search_feed(request):
    """The site search as an Atom feed: the published matches of `q`, as the search page ranks them."""
    query = _query(request)
    return SearchFeed()(request, query=query, sections=search_site(query=query) if query else [])


def updates_feed(request):
    """The site-wide Atom feed: every initiative, person and meeting as it is published or updated."""
    return SiteFeed()(request, models=[Initiative, Person, Meeting])
