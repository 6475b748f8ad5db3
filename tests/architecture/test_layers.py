"""The import layers of ARCHITECTURE.md hold: no module imports a higher floor, no apps import each other.

Read from the source with `ast`, no third-party tool.
"""

from pathlib import Path

import pytest

from tests.architecture.layers import ROOT, Arrow, app_cycles, arrows, points_up, project_modules

MAX_LINES = 400


def test_no_module_imports_a_higher_layer():
    upward = [arrow for arrow in arrows() if points_up(arrow)]

    assert not upward, "imports that point up or sideways (ARCHITECTURE.md):\n" + "\n".join(map(str, upward))


def test_no_import_cycle_between_apps():
    assert app_cycles(list(arrows())) == []


def test_no_module_is_longer_than_400_lines():
    long = {
        str(path): lines
        for path in project_modules()
        if (lines := len((ROOT / path).read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }

    assert not long, f"split by concept past {MAX_LINES} lines: {long}"


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_the_check_sees_an_import_from_a_higher_floor_even_inside_a_function(tmp_path):
    root = _tree(
        tmp_path,
        {
            "people/models.py": "from editorial.models import CuratedRecord\n",
            "people/selectors.py": "def rows():\n    from website.listing import Listing\n",
            "people/migrations/0001_initial.py": "from website import anything\n",
            "website/pages.py": "import people.models\n",
        },
    )

    upward = [str(arrow) for arrow in arrows(root) if points_up(arrow)]

    assert upward == ["people/selectors.py:2 imports website.listing"]


@pytest.mark.parametrize(
    ("importer", "imported", "is_up"),
    [
        ("meetings/models.py", "initiatives.models", False),  # downward along a relation
        ("initiatives/models.py", "meetings.models", True),  # upward along it
        ("sources/models.py", "people.models", True),  # evidence knows no domain model
        ("api/views.py", "website.pages", True),  # entry points are neighbours, not a stack
        ("ingestion/link.py", "people.models", False),  # the pipeline reads the domain
    ],
)
def test_floors_follow_the_house_plan(importer, imported, is_up):
    assert points_up(Arrow(importer, 1, imported)) is is_up


def test_the_check_finds_a_cycle_between_two_apps():
    cycle = [Arrow("people/a.py", 1, "meetings.b"), Arrow("meetings/b.py", 1, "people.a")]

    assert app_cycles(cycle) == [["meetings", "people"]]
