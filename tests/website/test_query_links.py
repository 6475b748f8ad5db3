"""The links a list page builds from its query string: facet toggles and changed parameters."""

from django.http import QueryDict

from website.templatetags.website import toggle, with_params

QUERY = QueryDict("status=launched&theme=theme-3&q=caf%C3%A9+%26+co&after=cursor")


def test_toggle_adds_a_value_beside_the_facets_others_and_drops_the_cursor():
    assert toggle(QUERY, "theme", "theme-4") == "?status=launched&theme=theme-3&theme=theme-4&q=caf%C3%A9+%26+co"


def test_toggle_removes_a_chosen_value():
    assert toggle(QUERY, "theme", "theme-3") == "?status=launched&q=caf%C3%A9+%26+co"


def test_toggle_of_the_only_parameter_leaves_an_empty_query():
    assert toggle(QueryDict("status=launched"), "status", "launched") == "?"


def test_toggle_takes_values_that_are_not_strings():
    assert toggle(QueryDict(""), "year", 2024) == "?year=2024"


def test_with_params_sets_replaces_and_drops():
    assert with_params(QUERY, sort="recent") == "?status=launched&theme=theme-3&q=caf%C3%A9+%26+co&sort=recent"
    assert with_params(QUERY, q=None) == "?status=launched&theme=theme-3"
    assert with_params(QUERY, status="closed") == "?theme=theme-3&q=caf%C3%A9+%26+co&status=closed"
    assert with_params(QUERY, after="next") == "?status=launched&theme=theme-3&q=caf%C3%A9+%26+co&after=next"


def test_the_query_is_left_as_it_was():
    toggle(QUERY, "theme", "theme-4")
    with_params(QUERY, sort="recent")
    assert QUERY.urlencode() == "status=launched&theme=theme-3&q=caf%C3%A9+%26+co&after=cursor"
