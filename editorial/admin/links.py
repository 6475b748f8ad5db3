"""A link from one admin screen to another record's, for list columns and read-only fields."""

from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html


def admin_link(record) -> str:
    """A link to the record's admin page, or its name when it has none."""
    if record is None:
        return "-"
    try:
        url = reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])
    except NoReverseMatch:
        return str(record)
    return format_html('<a href="{}">{}</a>', url, record)
