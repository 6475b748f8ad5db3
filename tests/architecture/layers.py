"""The house plan (ARCHITECTURE.md) as data: which app stands on which, read from the code's imports.

Each app has a floor; a module may import its own app and the apps on lower floors, never a higher
floor nor a neighbour on its own floor. The domain apps stand one above another along their relations
(`meetings` -> `initiatives` -> `people`), so each has a floor of its own.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FLOORS = {
    # ground: what every curated record shares; settings, root URLs, the Celery app
    "editorial": 0,
    "config": 0,
    # evidence
    "sources": 1,
    # being split into sources/ (evidence) and ingestion/ (pipeline): until then, held to the lower floor
    "articles": 1,
    # domain, downward along their relations
    "people": 2,
    "initiatives": 3,
    "meetings": 4,
    # pipeline
    "ingestion": 5,
    # entry points
    "website": 6,
    "api": 6,
    "demo": 6,
    # publishing: dataset releases, written from the API's public shapes and cited as the website cites
    "releases": 7,
}
# `config` names every app by string (INSTALLED_APPS, include("website.urls")); only its imports are read.
SKIPPED_PARTS = {"migrations", "tests", "__pycache__", ".venv"}


@dataclass(frozen=True, order=True)
class Arrow:
    """One import of a module of one app from another app."""

    module: str  # e.g. "initiatives/selectors.py"
    line: int
    imported: str  # the module named, e.g. "api.viewsets"

    @property
    def source_app(self) -> str:
        return self.module.split("/", 1)[0]

    @property
    def target_app(self) -> str:
        return self.imported.split(".", 1)[0]

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.imported}"


def project_modules(root: Path = ROOT):
    """Every Python module of the project's apps (tests and migrations aside)."""
    for path in sorted(root.glob("*/**/*.py")):
        relative = path.relative_to(root)
        if relative.parts[0] in FLOORS and not SKIPPED_PARTS.intersection(relative.parts):
            yield relative


def imports_of(source: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every absolute import in a module, inside functions too."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def arrows(root: Path = ROOT) -> list[Arrow]:
    """Every import from one of the project's apps into another."""
    found = []
    for relative in project_modules(root):
        for line, name in imports_of((root / relative).read_text(encoding="utf-8")):
            arrow = Arrow(relative.as_posix(), line, name)
            if arrow.target_app in FLOORS and arrow.target_app != arrow.source_app:
                found.append(arrow)
    return found


def points_up(arrow: Arrow) -> bool:
    """Whether an import reaches a higher floor or a neighbour on the same floor."""
    return FLOORS[arrow.target_app] >= FLOORS[arrow.source_app]


def app_cycles(all_arrows: list[Arrow]) -> list[list[str]]:
    """Every cycle of apps importing each other, each as the list of its apps."""
    graph: dict[str, set[str]] = {}
    for arrow in all_arrows:
        graph.setdefault(arrow.source_app, set()).add(arrow.target_app)
    cycles, seen = [], set()

    def walk(app: str, path: list[str]) -> None:
        for target in sorted(graph.get(app, ())):
            if target in path:
                cycle = path[path.index(target) :]
                key = frozenset(cycle)
                if key not in seen:
                    seen.add(key)
                    cycles.append(cycle)
            else:
                walk(target, [*path, target])

    for app in sorted(graph):
        walk(app, [app])
    return cycles
