"""Pages the tests serve, written here (the third-party pages stay in ../shared/testdata)."""

import html
import io
import json

from django.core.management import CommandError, call_command

from tests.conftest import REPOSITORY

FOUNDING_ARTICLE = (REPOSITORY / "demo" / "data" / "apec-incheon-joint-session.txt").read_text(encoding="utf-8")


def html_page(text: str, *, title: str = "A story", extra_head: str = "", extra_body: str = "") -> bytes:
    """A news page: navigation and footer around an <article> with one <p> per line of text."""
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"{extra_head}</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{paragraphs}</article>{extra_body}"
        "<footer>Copyright The Test Times</footer></body></html>"
    ).encode()


def rss(items: list[tuple[str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, link) items."""
    entries = "".join(f"<item><title>{title}</title><link>{link}</link></item>" for title, link in items)
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Test Times</title>{entries}"
            "</channel></rss>").encode()  # fmt: skip


def run_ingest(*inputs: str) -> tuple[list[dict], int]:
    """Run `manage.py ingest --json` in this process (on the test database); returns its lines and exit status."""
    out, err = io.StringIO(), io.StringIO()
    status = 0
    try:
        call_command("ingest", *inputs, "--json", stdout=out, stderr=err)
    except CommandError as error:
        status = error.returncode
    return [json.loads(line) for line in out.getvalue().splitlines()], status
