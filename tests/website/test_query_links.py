"""The links a list page builds from its query string: facet toggles and changed parameters."""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse

from website.listing import Facet, FacetCounts, FacetValue
from website.templatetags.website import _slug_links, _Toggles, facet_links, with_params

QUERY = QueryDict("status=launched&theme=theme-3&q=caf%C3%A9+%26+co&after=cursor")


def toggle(query: QueryDict, key: str, value) -> str:
    return _Toggles(query)(key, value)


def test_toggle_adds_a_value_beside_the_facets_others_and_drops_the_cursor():
    assert toggle(QUERY, "theme", "theme-4") == "?status=launched&theme=theme-3&theme=theme-4&q=caf%C3%A9+%26+co"


def test_toggle_removes_a_chosen_value():
    assert toggle(QUERY, "theme", "theme-3") == "?status=launched&q=caf%C3%A9+%26+co"


def test_toggle_of_the_only_parameter_leaves_an_empty_query():
    assert toggle(QueryDict("status=launched"), "status", "launched") == "?"


def test_toggle_takes_values_that_are_not_strings():
    assert toggle(QueryDict(""), "year", 2024) == "?year=2024"


def test_toggle_removes_every_copy_of_a_chosen_value_and_keeps_the_parameters_order():
    assert toggle(QueryDict("theme=a&status=x&theme=b&theme=a"), "theme", "a") == "?theme=b&status=x"
    assert toggle(QueryDict("theme=a&status=x"), "theme", "c&d") == "?theme=a&theme=c%26d&status=x"


def reference_toggle(query: QueryDict, key: str, value: str) -> str:
    """What a toggle link is, written plainly: the key's values with `value` dropped if there, else added."""
    params = {name: list(values) for name, values in query.lists() if name not in ("after", "before")}
    values = params.setdefault(key, [])
    params[key] = [item for item in values if item != value] if value in values else [*values, value]
    return "?" + urlencode([(name, item) for name, items in params.items() for item in items])


def test_toggles_of_one_query_answer_each_key_and_value_as_if_alone():
    query = QueryDict("status=launched&theme=theme-3&q=caf%C3%A9+%26+co&theme=x+y&after=cursor&year=2024")
    toggles = _Toggles(query)
    for key in ("status", "theme", "q", "year", "organization", "after"):
        for value in ("launched", "theme-3", "x y", "café & co", "2024", "new", "a/b?c=d"):
            assert toggles(key, value) == reference_toggle(query, key, value), (key, value)


def test_slug_links_are_what_reverse_writes_and_refuse_what_it_refuses():
    link = _slug_links("initiatives:detail")
    assert link("harbour-fund_2") == reverse("initiatives:detail", kwargs={"slug": "harbour-fund_2"})
    with pytest.raises(NoReverseMatch):
        link("not a slug")


def test_with_params_sets_replaces_and_drops():
    assert with_params(QUERY, sort="recent") == "?status=launched&theme=theme-3&q=caf%C3%A9+%26+co&sort=recent"
    assert with_params(QUERY, q=None) == "?status=launched&theme=theme-3"
    assert with_params(QUERY, status="closed") == "?theme=theme-3&q=caf%C3%A9+%26+co&status=closed"
    assert with_params(QUERY, after="next") == "?status=launched&theme=theme-3&q=caf%C3%A9+%26+co&after=next"


def test_the_query_is_left_as_it_was():
    toggle(QUERY, "theme", "theme-4")
    with_params(QUERY, sort="recent")
    assert QUERY.urlencode() == "status=launched&theme=theme-3&q=caf%C3%A9+%26+co&after=cursor"


def test_facet_links_toggle_each_value_and_mark_lower_bounds():
    status, theme = Facet(key="status", label="Status", lookup="status"), Facet(key="theme", label="Theme", lookup="x")
    facets = [
        FacetCounts(facet=status, values=[FacetValue("launched", "Launched", 3, True)], is_lower_bound=False),
        FacetCounts(
            facet=theme,
            values=[FacetValue("theme-3", "Ports", 1000, is_selected=True), FacetValue("theme-4", "Rail", 7, False)],
            is_lower_bound=True,
        ),
    ]
    lists = facet_links(facets, QUERY)
    assert [counts["facet"] for counts in lists] == [status, theme]
    assert lists[0]["values"] == [
        {"link": "?theme=theme-3&q=caf%C3%A9+%26+co", "label": "Launched", "count": "3", "is_selected": True}
    ]
    assert [(item["link"], item["count"], item["is_selected"]) for item in lists[1]["values"]] == [
        ("?status=launched&q=caf%C3%A9+%26+co", "1000+", True),
        ("?status=launched&theme=theme-3&theme=theme-4&q=caf%C3%A9+%26+co", "7+", False),
    ]
