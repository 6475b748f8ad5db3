"""APEC 2025, its meetings and sessions, and who took part."""

from demo.dataset.sources import JOINT_SESSION_SENTENCE, PRESS_RELEASE

MEETINGS = [
    {
        "slug": "apec-2025",
        "name": "APEC 2025",
        "kind": "series",
        "start_date": "2025",
        "host_economy": "korea",
        "organizer": "apec",
        "aliases": [("APEC 2025 Korea", "alternate")],
        "cite": ["This year’s joint session focused on how APEC member economies"],
    },
    {
        "slug": "apec-finance-ministers-meeting-2025",
        "name": "APEC Finance Ministers' Meeting 2025",
        "kind": "meeting",
        "parents": ["apec-2025"],
        "start_date": "2025",
        "locality": "Incheon",
        "country": "korea",
        "host_economy": "korea",
        "organizer": "apec",
        "aliases": [("APEC Finance Ministers' Meeting", "short"), ("FMM", "acronym")],
        "cite": [JOINT_SESSION_SENTENCE],
    },
    {
        "slug": "apec-structural-reform-ministerial-meeting-2025",
        "name": "APEC Structural Reform Ministerial Meeting 2025",
        "kind": "meeting",
        "parents": ["apec-2025"],
        "start_date": "2025",
        "locality": "Incheon",
        "country": "korea",
        "host_economy": "korea",
        "organizer": "apec",
        "aliases": [
            ("APEC Structural Reform Ministerial Meeting", "short"),
            ("Structural Reform Ministerial Meeting", "short"),
            ("SRMM", "acronym"),
        ],
        "cite": [JOINT_SESSION_SENTENCE],
    },
    {
        "slug": "apec-2025-fmm-srmm-joint-session",
        "name": "Joint session of the APEC Finance Ministers' Meeting and Structural Reform Ministerial Meeting",
        "kind": "session",
        "parents": ["apec-finance-ministers-meeting-2025", "apec-structural-reform-ministerial-meeting-2025"],
        "description": (
            "Focused on how APEC member economies can seize the opportunities and address the challenges brought "
            "about by artificial intelligence and digital transformation through policy coordination, regulatory "
            "reforms, capacity building, and regional cooperation."
        ),
        "start_date": "2025-10-22",
        "locality": "Incheon",
        "country": "korea",
        "host_economy": "korea",
        "organizer": "apec",
        "aliases": [("APEC FMM-SRMM joint session", "short")],
        "cite": [
            JOINT_SESSION_SENTENCE,
            ("start_date", PRESS_RELEASE),
            (
                "description",
                "This year’s joint session focused on how APEC member economies can seize the opportunities and "
                "address the challenges brought about by artificial intelligence and digital transformation "
                "through policy coordination, regulatory reforms, capacity building, and regional cooperation.",
            ),
        ],
    },
    {
        "slug": "apec-srmm-2025-thematic-session",
        "name": "Thematic session of the APEC Structural Reform Ministerial Meeting 2025",
        "kind": "session",
        "parents": ["apec-structural-reform-ministerial-meeting-2025"],
        "locality": "Incheon",
        "country": "korea",
        "host_economy": "korea",
        "organizer": "apec",
        "cite": ["Speaking at a thematic session during the Structural Reform Ministerial Meeting"],
    },
]

PARTICIPATIONS = [
    {
        "slug": "paul-chan-mo-po-attended-apec-2025-fmm-srmm-joint-session",
        "person": "paul-chan-mo-po",
        "meeting": "apec-2025-fmm-srmm-joint-session",
        "capacity": "attended",
        "post": "financial-secretary-hksar",
        "delegation": "hong-kong",
        "cite": [JOINT_SESSION_SENTENCE],
    },
    {
        "slug": "paul-chan-mo-po-spoke-apec-2025-fmm-srmm-joint-session",
        "person": "paul-chan-mo-po",
        "meeting": "apec-2025-fmm-srmm-joint-session",
        "capacity": "spoke",
        "post": "financial-secretary-hksar",
        "delegation": "hong-kong",
        "cite": [
            "Chan detailed the Hong Kong Special Administrative Region’s experience in developing AI and advancing "
            "digital transformation, offering suggestions on APEC’s work in this regard."
        ],
    },
    {
        "slug": "paul-lam-ting-kwok-attended-apec-2025-fmm-srmm-joint-session",
        "person": "paul-lam-ting-kwok",
        "meeting": "apec-2025-fmm-srmm-joint-session",
        "capacity": "attended",
        "post": "secretary-for-justice-hksar",
        "delegation": "hong-kong",
        "cite": ["Secretary for Justice Paul Lam Ting-kwok also attended the meeting."],
    },
    {
        "slug": "paul-lam-ting-kwok-spoke-apec-srmm-2025-thematic-session",
        "person": "paul-lam-ting-kwok",
        "meeting": "apec-srmm-2025-thematic-session",
        "capacity": "spoke",
        "post": "secretary-for-justice-hksar",
        "delegation": "hong-kong",
        "cite": [
            "Speaking at a thematic session during the Structural Reform Ministerial Meeting, "
            "Secretary for Justice Paul Lam said"
        ],
    },
]
