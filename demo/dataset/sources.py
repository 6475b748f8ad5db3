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

JOINT_SESSION_SENTENCE = (
    "Chan made the statements on Wednesday while attending a joint session of the APEC Finance Ministers’ "
    "Meeting and Structural Reform Ministerial Meeting in Incheon, South Korea."
)
