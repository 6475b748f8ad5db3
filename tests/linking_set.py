"""The linker's development set (../shared/testdata/linking): its records loaded, its articles scored.

`records.json` is loaded as an editor would enter it: every record published, its aliases typed
(an all-capitals alias is an acronym, one in Chinese script the original-script name), a person's
family name read from the name's order, posts' memberships with their partial dates. Posts name
their organization by a string; one that is not a record of the set becomes an archived
organization, so that the linker knows only the set's records.

Scoring follows the set's README: per article, the set of records linked against the annotated
set; micro-averaged over on-topic articles; any link on a negative article is a failure. The
article texts are third-party material: they are read from the shared folder, never copied.
"""

import datetime
import html
import json
import re
from dataclasses import dataclass, field

from editorial.dates import PartialDate
from editorial.models import AliasKind, EditorialStatus, writes_through
from initiatives.models import Initiative, InitiativeAlias
from meetings.models import Meeting, MeetingAlias, MeetingKind
from people.models import (
    Jurisdiction,
    JurisdictionKind,
    Membership,
    Organization,
    OrganizationAlias,
    OrganizationKind,
    Person,
    PersonAlias,
    Post,
    PostAlias,
)
from tests.conftest import SHARED_TESTDATA

LINKING = SHARED_TESTDATA / "linking"
PUBLISHED = {"editorial_status": EditorialStatus.PUBLISHED}
# The set names jurisdictions by code; an editor enters their names.
_JURISDICTIONS = {
    "HK": "Hong Kong",
    "SG": "Singapore",
    "UK": "United Kingdom",
    "KR": "Republic of Korea",
    "JP": "Japan",
    "CA": "Canada",
    "EU": "European Union",
    "CN": "China",
    "US": "United States",
}
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class SetArticle:
    name: str
    title: str
    date: str
    language: str
    body: str

    @property
    def published(self) -> datetime.date:
        """The day roles are resolved on: a month-only date is its middle (the set has one holder a month)."""
        value = PartialDate.parse(self.date)
        return value.date.replace(day=15) if len(self.date) == 7 else value.date


def available() -> bool:
    return (LINKING / "records.json").is_file()


def articles() -> list[SetArticle]:
    result = []
    for path in sorted((LINKING / "articles").glob("*.txt")):
        header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        fields = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
        result.append(SetArticle(path.name, fields.get("title", ""), fields["date"], fields["language"], body.strip()))
    return result


def expected() -> dict:
    return json.loads((LINKING / "expected.json").read_text(encoding="utf-8"))["articles"]


def _alias_kind(alias: str) -> str:
    if _CJK.search(alias):
        return AliasKind.ORIGINAL_SCRIPT
    if re.fullmatch(r"[A-Z][A-Z0-9&]{1,9}(?: ?\d+)?", alias):
        return AliasKind.ACRONYM
    return AliasKind.ALTERNATE


def _language(alias: str) -> str:
    if re.search(r"[\uac00-\ud7af]", alias):
        return "ko"
    if re.search(r"[\u3040-\u30ff]", alias):
        return "ja"
    return "zh" if _CJK.search(alias) else "en"


def family_name(name: str, aliases: list[str]) -> str:
    """The family name as an editor reads it from the name's order.

    "John Lee Ka-chiu", "Bae Kyung-hoon": the word before the hyphenated given name. "Lee Hsien
    Loong", "Sun Dong" (孫東): Chinese order, family name first, when the name is written in Chinese
    as two or three characters and has no Western given name. Otherwise the last word.
    """
    words = [word for word in name.split() if word not in ("Sir", "Dr", "Prof")]
    for index, word in enumerate(words[1:], start=1):
        if "-" in word:
            return words[index - 1]
    chinese = [alias for alias in aliases if re.fullmatch(r"[\u3400-\u9fff]{2,3}", alias)]
    if chinese and len(words) == len(chinese[0]):  # a syllable per character: the Chinese order
        return words[0]
    return words[-1]


def _dated(prefix: str, value: str | None, *, end: bool = False) -> dict:
    if not value:
        return {}
    parsed = PartialDate.parse(value)
    return {prefix: parsed.last_day if end else parsed.date, f"{prefix}_precision": parsed.precision}


def load_records() -> dict[str, tuple[str, int]]:
    """Load records.json; {key: (kind, pk)}."""
    records = json.loads((LINKING / "records.json").read_text(encoding="utf-8"))["records"]
    by_kind: dict[str, list[dict]] = {}
    for record in records:
        by_kind.setdefault(record["kind"], []).append(record)
    keys: dict[str, tuple[str, int]] = {}
    jurisdictions: dict[str, Jurisdiction] = {}

    def jurisdiction(code: str | None) -> Jurisdiction | None:
        if not code:
            return None
        if code not in jurisdictions:
            jurisdictions[code] = Jurisdiction.objects.create(
                name=_JURISDICTIONS.get(code, code.capitalize()),
                code=code if code.isupper() else "",  # "international" is a scope, not an ISO code
                slug=f"set-{code.lower()}",
                kind=JurisdictionKind.COUNTRY,
            )
        return jurisdictions[code]

    def aliases(model, record, row: dict, own: set[str]) -> None:
        model.objects.bulk_create(
            [
                model(record=record, name=alias, kind=_alias_kind(alias), language=_language(alias))
                for alias in dict.fromkeys(row["aliases"])
                if alias not in own
            ]
        )

    with writes_through("tests.linking_set"):
        organizations: dict[str, Organization] = {}
        for row in by_kind.get("organization", []):
            organization = Organization.objects.create(
                name=row["name"],
                slug=_slug(row["key"]),
                kind=OrganizationKind.GOVERNMENT,
                jurisdiction=jurisdiction(row.get("jurisdiction")),
                founded_date=PartialDate.parse(row["established"]).date if row.get("established") else None,
                **PUBLISHED,
            )
            aliases(OrganizationAlias, organization, row, {row["name"]})
            organizations[row["key"]] = organization
            keys[row["key"]] = ("organization", organization.pk)
        for row in by_kind.get("organization", []):
            if row.get("parent") in organizations:
                organizations[row["key"]].parent = organizations[row["parent"]]
                organizations[row["key"]].save(update_fields=["parent"])
        named = {organization.name: organization for organization in organizations.values()}
        posts: dict[str, Post] = {}
        for row in by_kind.get("post", []):
            owner = named.get(row["organization"])
            if owner is None:  # not a record of the set: kept, but archived, so the linker does not know it
                owner = named[row["organization"]] = Organization.objects.create(
                    name=row["organization"],
                    slug=f"set-owner-{len(named)}",
                    kind=OrganizationKind.GOVERNMENT,
                    jurisdiction=jurisdiction(row.get("jurisdiction")),
                    editorial_status=EditorialStatus.ARCHIVED,
                )
            post = Post.objects.create(
                title=row["name"], slug=_slug(row["key"]), organization=owner, is_sole_holder=True, **PUBLISHED
            )
            title = row.get("title")
            row = {**row, "aliases": [*([title] if title and title != row["name"] else []), *row["aliases"]]}
            aliases(PostAlias, post, row, {post.title})
            posts[row["key"]] = post
            keys[row["key"]] = ("post", post.pk)
        for row in by_kind.get("person", []):
            person = Person.objects.create(
                full_name=row["name"],
                family_name=family_name(row["name"], row["aliases"]),
                slug=_slug(row["key"]),
                **PUBLISHED,
            )
            aliases(PersonAlias, person, row, {row["name"]})
            keys[row["key"]] = ("person", person.pk)
            for number, held in enumerate(row.get("posts", [])):
                Membership.objects.create(
                    person=person,
                    post=posts[held["post"]],
                    slug=f"{_slug(row['key'])}-{number}",
                    is_sole_holder=True,
                    **_dated("start_date", held.get("start")),
                    **_dated("end_date", held.get("end"), end=True),
                    **PUBLISHED,
                )
        for row in by_kind.get("initiative", []):
            initiative = Initiative.objects.create(
                name=row["name"],
                slug=_slug(row["key"]),
                responsible_organization=organizations.get(row.get("operator") or ""),
                **PUBLISHED,
            )
            aliases(InitiativeAlias, initiative, row, {row["name"]})
            keys[row["key"]] = ("initiative", initiative.pk)
        meetings: dict[str, Meeting] = {}
        for row in by_kind.get("meeting", []):
            meeting = Meeting.objects.create(
                name=row["name"],
                slug=_slug(row["key"]),
                kind=MeetingKind.MEETING,
                locality=(row.get("location") or "")[:200],
                **_dated("start_date", row.get("date")),
                **_dated("end_date", row.get("end_date"), end=True),
                **PUBLISHED,
            )
            aliases(MeetingAlias, meeting, row, {row["name"]})
            meetings[row["key"]] = meeting
            keys[row["key"]] = ("meeting", meeting.pk)
        for row in by_kind.get("meeting", []):
            meetings[row["key"]].parents.set([meetings[key] for key in row.get("parents", []) if key in meetings])
    return keys


def _slug(key: str) -> str:
    return key.replace(":", "-")[:200]


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0
    gold_plain: int = 0  # without descriptive_only entities
    found_plain: int = 0
    beyond: int = 0  # needs_beyond_alias entities
    found_beyond: int = 0
    negative_links: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def add(self, name: str, annotation: dict, linked: set[str]) -> None:
        if annotation["kind"] == "negative":
            self.negative_links.extend(f"{name}: {key}" for key in sorted(linked))
            return
        gold = set(annotation["mentions"])
        descriptive = set(annotation.get("descriptive_only", []))
        beyond = set(annotation.get("needs_beyond_alias", []))
        self.true_positives += len(gold & linked)
        self.predicted += len(linked)
        self.gold += len(gold)
        self.gold_plain += len(gold - descriptive)
        self.found_plain += len((gold - descriptive) & linked)
        self.beyond += len(beyond)
        self.found_beyond += len(beyond & linked)
        self.misses.extend(f"{name}: {key} {annotation['mentions'][key]}" for key in sorted(gold - linked))
        self.wrong.extend(f"{name}: {key}" for key in sorted(linked - gold))

    def report(self) -> str:
        lines = [
            f"linking development set: precision {self.precision:.3f}, recall {self.recall:.3f}, F1 {self.f1:.3f} "
            f"({self.true_positives} of {self.gold} annotated, {self.predicted} linked); recall without "
            f"description-only {self.found_plain / max(self.gold_plain, 1):.3f}; beyond aliases "
            f"{self.found_beyond}/{self.beyond}; links on negative articles {len(self.negative_links)}",
        ]
        lines += [f"  missed {miss}" for miss in self.misses]
        lines += [f"  wrong  {wrong}" for wrong in self.wrong]
        lines += [f"  NEGATIVE {link}" for link in self.negative_links]
        return "\n".join(lines)


def page(article: SetArticle) -> bytes:
    """The article as a news page: its body in paragraphs, its date in the page's metadata.

    The headline, where the excerpt has one, is its first line already: the page's title is a
    description only, kept out of the text the linker reads.
    """
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in article.body.split("\n") if line.strip())
    return (
        f"<!doctype html><html lang='{article.language}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(article.title)}</title>"
        f"<meta property='article:published_time' content='{article.published.isoformat()}'></head>"
        f"<body><article>{paragraphs}</article></body></html>"
    ).encode()
