"""The founding article and the other source the demo data cites."""

from pathlib import Path

ARTICLE_PATH = Path(__file__).resolve().parent.parent / "data" / "apec-incheon-joint-session.txt"
ARTICLE = {"language": "en"}

# The article says "on Wednesday"; the HKSAR Government's press release of that day fixes the date.
PRESS_RELEASE = {
    "url": "https://www.info.gov.hk/gia/",
    "source_title": "HKSAR Government press release, 22 October 2025",
    "note": "Confirms that the joint session took place on Wednesday 22 October 2025.",
}

# The English article gives the officials' names in English only; the Government's directory of its principal
# officials, in Chinese, gives them as written in Chinese. A page we do not store: its own URL is the citation.
PRINCIPAL_OFFICIALS_IN_CHINESE = {
    "url": "https://www.gov.hk/tc/about/govdirectory/",
    "source_title": "香港特別行政區政府 政府機構：主要官員 (HKSAR Government directory: principal officials)",
    "note": "The names in Chinese: 陳茂波 (Financial Secretary), 林定國 (Secretary for Justice).",
}

# Since when each holds the post: the English article names the posts, not since when.
PRINCIPAL_OFFICIALS = {
    "url": "https://www.gov.hk/en/about/govdirectory/po/",
    "source_title": "HKSAR Government directory: principal officials",
    "note": "Paul Chan Mo-po, Financial Secretary since 16 January 2017; Paul Lam Ting-kwok, Secretary for Justice "
    "since 1 July 2022.",
}

JOINT_SESSION_SENTENCE = (
    "Chan made the statements on Wednesday while attending a joint session of the APEC Finance Ministers’ "
    "Meeting and Structural Reform Ministerial Meeting in Incheon, South Korea."
)
