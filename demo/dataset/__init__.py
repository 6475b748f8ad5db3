"""Every fact the founding article states, as records, each citing the passage that says it.

The founding article (data/apec-incheon-joint-session.txt) gives no outlet, author, URL or
publication date, so the article record leaves them empty. Related records are named by slug;
dates are written as precisely as the source gives them ("2024", "2025-10-22"); `cite` lists
passages copied exactly from the article (a passage that is not in the text fails the load), or
`(field, passage)` to cite one attribute, or a dict for a source we do not store. A passage cited for a
name, an amount or a date states it (`Citation.clean` checks): a date the article gives only as "on
Wednesday", or a name it gives only in English, is cited to a page that states it.
"""

from demo.dataset.initiatives import INITIATIVES, THEMES
from demo.dataset.meetings import MEETINGS, PARTICIPATIONS
from demo.dataset.people import JURISDICTIONS, MEMBERSHIPS, ORGANIZATIONS, PEOPLE, POSTS
from demo.dataset.sources import (
    ARTICLE,
    ARTICLE_PATH,
    JOINT_SESSION_SENTENCE,
    PRESS_RELEASE,
    PRINCIPAL_OFFICIALS_IN_CHINESE,
)
from demo.dataset.statements import STATEMENTS

__all__ = [
    "ARTICLE",
    "ARTICLE_PATH",
    "INITIATIVES",
    "JOINT_SESSION_SENTENCE",
    "JURISDICTIONS",
    "MEETINGS",
    "MEMBERSHIPS",
    "ORGANIZATIONS",
    "PARTICIPATIONS",
    "PEOPLE",
    "POSTS",
    "PRESS_RELEASE",
    "PRINCIPAL_OFFICIALS_IN_CHINESE",
    "STATEMENTS",
    "THEMES",
]
