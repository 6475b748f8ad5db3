"""A local web server the pipeline fetches from, and a resolver the tests control.

No test sends traffic anywhere but this server on 127.0.0.1: every other name fails to resolve,
and names the tests map to private addresses are refused before any connection is made.
"""

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from config.celery import app as celery_app
from ingestion.fetch import FetchRefused, SafeFetcher
from ingestion.linking import matcher

PRIVATE_HOSTS = {"intranet.test": ["10.1.2.3"], "router.test": ["192.168.0.1"], "metadata.test": ["169.254.169.254"]}


@dataclass
class Route:
    body: bytes | None = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0
    failures: int = 0  # answer 503 this many times first


class WebServer:
    """Serves `routes` (path -> Route) on 127.0.0.1 and records every request."""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path) or server.routes.get(self.path.split("?", 1)[0])
                if route is None:
                    self.send_error(404)
                    return
                if route.failures:
                    route.failures -= 1
                    self.send_error(503)
                    return
                time.sleep(route.delay)
                etag = route.headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                body = route.body or b""
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                # The client may give up on purpose (size or time limit).
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for requested, _ in self.requests if requested == path)


@pytest.fixture
def web():
    server = WebServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def test_resolver(host: str, port: int) -> list[str]:
    """news.test and 127.0.0.1 are the local server; the private names resolve to private addresses; nothing else."""
    if host in ("127.0.0.1", "news.test", "other-news.test"):
        return ["127.0.0.1"]
    if host in PRIVATE_HOSTS:
        return PRIVATE_HOSTS[host]
    if host.replace(".", "").isdigit():
        return [host]
    raise FetchRefused(f"Cannot resolve {host}: unknown in tests.")


test_resolver.__test__ = False  # a helper, not a test


@pytest.fixture(autouse=True)
def ingest_settings(settings, monkeypatch):
    """Let the local server through, keep limits small and make every SafeFetcher use the test resolver."""
    settings.INGEST_ALLOW_LOOPBACK = True
    settings.INGEST_LINKER_CHECK_SECONDS = 0
    settings.INGEST_TIMEOUT = 2
    settings.INGEST_RETRY_BACKOFF = 0.01
    settings.INGEST_MAX_BYTES = 2_000_000
    original = SafeFetcher.__init__

    def init(self, *args, resolver=None, **kwargs):
        original(self, *args, resolver=resolver or test_resolver, **kwargs)

    monkeypatch.setattr(SafeFetcher, "__init__", init)
    matcher._Cache.linker = None
    return settings


@pytest.fixture(autouse=True)
def eager_tasks():
    """Tasks run in-process even when CI sets a broker; the real-worker test turns this off for itself."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


@pytest.fixture
def fetcher(ingest_settings):
    with SafeFetcher(resolver=test_resolver) as own:
        yield own
