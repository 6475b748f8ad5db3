"""Every fact the founding article states, as records, each citing the passage that says it.

The founding article (data/apec-incheon-joint-session.txt) gives no outlet, author, URL or
publication date, so the article record leaves them empty. Related records are named by slug;
dates are written as precisely as the source gives them ("2024", "2025-10-22"); `cite` lists
passages copied exactly from the article (a passage that is not in the text fails the load), or
`(field, passage)` to cite one attribute, or a dict for a source we do not store.
"""

from pathlib import Path

ARTICLE_PATH = Path(__file__).resolve().parent / "data" / "apec-incheon-joint-session.txt"
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

JURISDICTIONS = [
    {"slug": "china", "name": "China", "code": "CN", "kind": "country"},
    {"slug": "hong-kong", "name": "Hong Kong SAR", "code": "HK", "kind": "special_region", "parent": "china"},
    {"slug": "korea", "name": "Republic of Korea", "code": "KR", "kind": "country"},
    {"slug": "asia-pacific", "name": "Asia-Pacific (APEC economies)", "code": "", "kind": "region"},
]

ORGANIZATIONS = [
    {
        "slug": "hksar-government",
        "name": "Government of the Hong Kong Special Administrative Region",
        "kind": "government",
        "jurisdiction": "hong-kong",
        "aliases": [("HKSAR Government", "short"), ("Hong Kong SAR Government", "alternate")],
        "cite": ["The HKSAR government has set up an “AI Efficacy Enhancement Team”"],
    },
    {
        "slug": "apec",
        "name": "Asia-Pacific Economic Cooperation",
        "kind": "international_forum",
        "aliases": [("APEC", "acronym")],
        "cite": ["collaboration with the Asia-Pacific Economic Cooperation economies"],
    },
]

POSTS = [
    {
        "slug": "financial-secretary-hksar",
        "title": "Financial Secretary",
        "organization": "hksar-government",
        "is_sole_holder": True,
        "aliases": [("the financial secretary", "role"), ("the finance chief", "role"), ("FS", "acronym")],
        "cite": ["Financial Secretary Paul Chan Mo-po"],
    },
    {
        "slug": "secretary-for-justice-hksar",
        "title": "Secretary for Justice",
        "organization": "hksar-government",
        "is_sole_holder": True,
        "aliases": [("the justice secretary", "role"), ("SJ", "acronym")],
        "cite": ["Secretary for Justice Paul Lam Ting-kwok"],
    },
]

PEOPLE = [
    {
        "slug": "paul-chan-mo-po",
        "full_name": "Paul Chan Mo-po",
        "given_name": "Paul",
        "family_name": "Chan",
        "original_script_name": "陳茂波",
        "bio": "Financial Secretary of the Hong Kong SAR Government.",
        "aliases": [("Paul Chan", "short"), ("Chan Mo-po", "alternate"), ("陳茂波", "original_script", "zh-Hant")],
        "cite": ["Financial Secretary Paul Chan Mo-po"],
    },
    {
        "slug": "paul-lam-ting-kwok",
        "full_name": "Paul Lam Ting-kwok",
        "given_name": "Paul",
        "family_name": "Lam",
        "original_script_name": "林定國",
        "bio": "Secretary for Justice of the Hong Kong SAR Government.",
        "aliases": [("Paul Lam", "short"), ("Lam Ting-kwok", "alternate"), ("林定國", "original_script", "zh-Hant")],
        "cite": ["Secretary for Justice Paul Lam Ting-kwok"],
    },
]

# Neither start date is in the article: "store only what is known" leaves them empty.
MEMBERSHIPS = [
    {
        "slug": "paul-chan-mo-po-financial-secretary",
        "person": "paul-chan-mo-po",
        "post": "financial-secretary-hksar",
        "cite": ["Financial Secretary Paul Chan Mo-po"],
    },
    {
        "slug": "paul-lam-ting-kwok-secretary-for-justice",
        "person": "paul-lam-ting-kwok",
        "post": "secretary-for-justice-hksar",
        "cite": ["Secretary for Justice Paul Lam Ting-kwok"],
    },
]

THEMES = [
    {"slug": "artificial-intelligence", "name": "Artificial intelligence"},
    {"slug": "digital-transformation", "name": "Digital transformation"},
    {"slug": "innovation-and-technology", "name": "Innovation and technology"},
    {"slug": "digital-government", "name": "Digital government and public services"},
    {"slug": "education-and-skills", "name": "Education and skills"},
    {"slug": "small-and-medium-enterprises", "name": "Small and medium-sized enterprises"},
    {"slug": "trade-facilitation", "name": "Trade facilitation"},
    {"slug": "ai-governance", "name": "AI regulation and governance"},
    {"slug": "international-cooperation", "name": "International cooperation"},
    {"slug": "computing-infrastructure", "name": "Computing infrastructure"},
    {"slug": "research-and-development", "name": "Research and development"},
]

INITIATIVES = [
    {
        "slug": "hong-kong-ai-research-and-development-institute",
        "name": "Hong Kong AI Research and Development Institute",
        "summary": "An institute that promotes upstream innovation and cross-sectoral applications of AI.",
        "status": "announced",
        "instrument": "institution",
        "jurisdiction": "hong-kong",
        "themes": ["artificial-intelligence", "research-and-development"],
        "aliases": [("AI Research and Development Institute", "short")],
        "cite": [
            "the establishment of the Hong Kong AI Research and Development Institute, which promotes upstream "
            "innovation and cross-sectoral applications of AI"
        ],
    },
    {
        "slug": "ai-supercomputing-centre",
        "name": "AI Supercomputing Centre",
        "summary": "Provides computing resources to universities, research institutions and enterprises.",
        "status": "launched",
        "instrument": "facility",
        "jurisdiction": "hong-kong",
        "start_date": "2024",
        "themes": ["artificial-intelligence", "computing-infrastructure"],
        "cite": [
            "the launch of the AI Supercomputing Centre, which provides computing resources to universities, "
            "research institutions, and enterprises in 2024",
        ],
        "milestones": [
            {
                "slug": "ai-supercomputing-centre-launched",
                "kind": "launched",
                "date": "2024",
                "description": "The AI Supercomputing Centre was launched.",
                "cite": [
                    "the launch of the AI Supercomputing Centre, which provides computing resources to "
                    "universities, research institutions, and enterprises in 2024"
                ],
            }
        ],
    },
    {
        "slug": "ai-efficacy-enhancement-team",
        "name": "AI Efficacy Enhancement Team",
        "summary": "A government team that streamlines workflows through the application of AI technologies.",
        "status": "launched",
        "instrument": "task_force",
        "jurisdiction": "hong-kong",
        "responsible_organization": "hksar-government",
        "themes": ["artificial-intelligence", "digital-government"],
        "cite": [
            "The HKSAR government has set up an “AI Efficacy Enhancement Team” to streamline workflows through "
            "the application of AI technologies"
        ],
    },
    {
        "slug": "digital-corporate-identity-platform",
        "name": "Digital Corporate Identity platform",
        "summary": "A platform being developed to enhance the delivery of public services.",
        "status": "in_preparation",
        "instrument": "digital_service",
        "jurisdiction": "hong-kong",
        "responsible_organization": "hksar-government",
        "themes": ["digital-government", "digital-transformation"],
        "cite": ["is also developing a Digital Corporate Identity platform to enhance the delivery of public services"],
    },
    {
        "slug": "ai-in-education-at-all-levels",
        "name": "AI in education at all levels",
        "summary": (
            "Incorporating AI into all levels of education and expanding professional training programmes to "
            "strengthen the workforce's readiness for AI."
        ),
        "status": "launched",
        "instrument": "education",
        "jurisdiction": "hong-kong",
        "themes": ["artificial-intelligence", "education-and-skills"],
        "aliases": [("incorporating AI into all levels of education", "alternate")],
        "cite": [
            "Hong Kong is incorporating AI into all levels of education and expanding professional training "
            "programs to strengthen the readiness of the city’s workforce with regard to AI"
        ],
    },
    {
        "slug": "sme-digital-transformation-support",
        "name": "Support for the digital transformation of SMEs",
        "summary": (
            "Funding schemes and support measures that help businesses, small and medium-sized enterprises "
            "above all, adopt emerging technologies."
        ),
        "status": "operational",
        "instrument": "programme",
        "jurisdiction": "hong-kong",
        "themes": ["small-and-medium-enterprises", "digital-transformation"],
        "cite": [
            "Having put in place various funding schemes and support measures to help businesses adopt emerging "
            "technologies and enhance their competitiveness",
            "places strong emphasis on supporting the digital transformation of small and medium-sized enterprises",
        ],
    },
    {
        "slug": "digitalisation-of-trade-documents",
        "name": "Digitalisation of trade documents",
        "summary": "Hong Kong facilitates the digitalisation of trade documents.",
        "status": "launched",
        "instrument": "programme",
        "jurisdiction": "hong-kong",
        "themes": ["trade-facilitation", "digital-transformation"],
        "aliases": [("digitalization of trade documents", "alternate")],
        "cite": ["Hong Kong has been facilitating the digitalization of trade documents"],
    },
    {
        "slug": "review-of-legislation-for-ai",
        "name": "Review of legislation to support the wider application of AI",
        "summary": "Relevant legislation will be reviewed to support the wider application of artificial intelligence.",
        "status": "announced",
        "instrument": "regulation",
        "jurisdiction": "hong-kong",
        "themes": ["ai-governance", "artificial-intelligence"],
        "cite": ["Relevant legislation will be reviewed to support the wider application of artificial intelligence"],
    },
    {
        "slug": "framework-for-responsible-use-of-ai",
        "name": "Framework for the responsible use of AI",
        "summary": "Hong Kong is developing a framework for the responsible use of AI.",
        "status": "in_preparation",
        "instrument": "strategy",
        "jurisdiction": "hong-kong",
        "themes": ["ai-governance", "artificial-intelligence"],
        "cite": ["Hong Kong is committed to developing a framework for the responsible use of AI"],
    },
    {
        "slug": "dual-strategy-for-ai",
        "name": "Dual strategy for AI development",
        "summary": (
            "Developing AI as a core industry and empowering other industries through AI, with efforts on "
            "computing power, algorithms, application scenarios, data and funding support."
        ),
        "status": "launched",
        "instrument": "strategy",
        "jurisdiction": "hong-kong",
        "responsible_organization": "hksar-government",
        "themes": ["artificial-intelligence", "innovation-and-technology"],
        "cite": [
            "The SAR has adopted a dual strategy of developing AI as a core industry and empowering other "
            "industries through AI"
        ],
    },
    {
        "slug": "innovation-and-technology-investment",
        "name": "Investment in innovation and technology",
        "summary": "Hong Kong has invested more than HK$200 billion in innovation and technology, AI above all.",
        "status": "operational",
        "instrument": "funding",
        "jurisdiction": "hong-kong",
        "themes": ["innovation-and-technology", "artificial-intelligence"],
        "budget_amount": "200000000000",
        "budget_currency": "HKD",
        "budget_qualifier": "more_than",
        "budget_as_of": "2025-10-22",
        "cite": [
            "Hong Kong has invested more than HK$200 billion in innovation and technology, with AI development "
            "being a key focus",
            ("budget", "more than HK$200 billion in innovation and technology"),
            ("budget_as_of", JOINT_SESSION_SENTENCE),
        ],
    },
    {
        "slug": "apec-cooperation-to-bridge-the-digital-divide",
        "name": "APEC cooperation to bridge the digital divide",
        "summary": (
            "Proposed by Hong Kong: APEC to strengthen cooperation through capacity building, knowledge and "
            "experience sharing, and technical support, helping emerging and developing economies bridge the "
            "digital divide."
        ),
        "status": "proposed",
        "instrument": "cooperation",
        "jurisdiction": "asia-pacific",
        "responsible_organization": "apec",
        "themes": ["international-cooperation", "digital-transformation"],
        "cite": [
            "He also proposed that APEC should strengthen cooperation through capacity building, knowledge and "
            "experience sharing, and technical support in order to assist emerging and developing economies in "
            "bridging the digital divide."
        ],
        "milestones": [
            {
                "slug": "apec-cooperation-to-bridge-the-digital-divide-proposed",
                "kind": "proposed",
                "date": "2025-10-22",
                "description": "Proposed by Financial Secretary Paul Chan at the APEC FMM-SRMM joint session.",
                "cite": ["He also proposed that APEC should strengthen cooperation", JOINT_SESSION_SENTENCE],
            }
        ],
    },
    {
        "slug": "apec-policy-dialogue-on-ai-and-digital-trade",
        "name": "APEC policy dialogue on AI regulation, data flows and digital trade",
        "summary": (
            "Advocated by Hong Kong: enhanced APEC policy dialogue on AI regulatory frameworks, cross-border data "
            "flows and digital trade, and a stronger regional innovation and technology ecosystem for startups "
            "and cross-border research."
        ),
        "status": "proposed",
        "instrument": "cooperation",
        "jurisdiction": "asia-pacific",
        "responsible_organization": "apec",
        "themes": ["international-cooperation", "ai-governance"],
        "cite": [
            "The financial secretary advocated enhancing policy dialogue on AI regulatory frameworks, cross-border "
            "data flows, and digital trade, and bolstering the regional innovation and technology ecosystem to "
            "support startups and cross-border research and collaboration."
        ],
        "milestones": [
            {
                "slug": "apec-policy-dialogue-on-ai-and-digital-trade-proposed",
                "kind": "proposed",
                "date": "2025-10-22",
                "description": "Advocated by Financial Secretary Paul Chan at the APEC FMM-SRMM joint session.",
                "cite": ["The financial secretary advocated enhancing policy dialogue", JOINT_SESSION_SENTENCE],
            }
        ],
    },
]

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
            ("start_date", "Chan made the statements on Wednesday"),
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


def _chan(slug: str, summary: str, text: str, **extra) -> dict:
    """A statement Paul Chan made at the joint session on 22 October 2025, as the article reports it."""
    cite = [text, ("date", JOINT_SESSION_SENTENCE), *extra.pop("cite", [])]
    return {
        "slug": slug,
        "speaker": "paul-chan-mo-po",
        "post": "financial-secretary-hksar",
        "meeting": "apec-2025-fmm-srmm-joint-session",
        "date": "2025-10-22",
        "rendering": "paraphrased",
        "summary": summary,
        "text": text,
        "cite": cite,
        **extra,
    }


def _lam(slug: str, summary: str, text: str, **extra) -> dict:
    """A statement Paul Lam made at the SRMM's thematic session (the article gives no date for it)."""
    return {
        "slug": slug,
        "speaker": "paul-lam-ting-kwok",
        "post": "secretary-for-justice-hksar",
        "meeting": "apec-srmm-2025-thematic-session",
        "rendering": "paraphrased",
        "summary": summary,
        "text": text,
        "cite": [text],
        **extra,
    }


STATEMENTS = [
    _chan(
        "paul-chan-2025-10-22-collaboration-on-emerging-technologies",
        "Hong Kong is ready to strengthen collaboration with APEC economies on emerging technologies",
        "Financial Secretary Paul Chan Mo-po has emphasized Hong Kong’s readiness to strengthen collaboration with "
        "the Asia-Pacific Economic Cooperation economies to harness emerging technologies for the benefit of people "
        "and the economic development of the region.",
        themes=["international-cooperation", "innovation-and-technology"],
    ),
    _chan(
        "paul-chan-2025-10-22-proposal-digital-divide",
        "APEC should help emerging and developing economies bridge the digital divide",
        "He also proposed that APEC should strengthen cooperation through capacity building, knowledge and "
        "experience sharing, and technical support in order to assist emerging and developing economies in "
        "bridging the digital divide.",
        speech_act="proposed",
        initiatives=["apec-cooperation-to-bridge-the-digital-divide"],
        themes=["international-cooperation"],
    ),
    _chan(
        "paul-chan-2025-10-22-dual-strategy",
        "Hong Kong develops AI as a core industry and empowers other industries through AI",
        "The SAR has adopted a dual strategy of developing AI as a core industry and empowering other industries "
        "through AI, through efforts focused on computing power, algorithms, application scenarios, data and "
        "funding support, he said.",
        initiatives=["dual-strategy-for-ai"],
        themes=["artificial-intelligence"],
    ),
    _chan(
        "paul-chan-2025-10-22-hk200-billion-in-innovation-and-technology",
        "Hong Kong has invested more than HK$200 billion in innovation and technology",
        "Hong Kong has invested more than HK$200 billion in innovation and technology, with AI development being a "
        "key focus, he added.",
        initiatives=["innovation-and-technology-investment"],
        themes=["innovation-and-technology"],
        amounts=[
            {
                "value": "200000000000",
                "currency": "HKD",
                "qualifier": "more_than",
                "surface": "more than HK$200 billion",
                "purpose": "innovation and technology",
                "initiative": "innovation-and-technology-investment",
                "cite": ["Hong Kong has invested more than HK$200 billion in innovation and technology"],
            }
        ],
    ),
    _chan(
        "paul-chan-2025-10-22-ai-institute-and-supercomputing-centre",
        "The Hong Kong AI Research and Development Institute and the AI Supercomputing Centre",
        "Talking on major initiatives, he mentioned the establishment of the Hong Kong AI Research and Development "
        "Institute, which promotes upstream innovation and cross-sectoral applications of AI, and the launch of the "
        "AI Supercomputing Centre, which provides computing resources to universities, research institutions, and "
        "enterprises in 2024.",
        initiatives=["hong-kong-ai-research-and-development-institute", "ai-supercomputing-centre"],
        themes=["artificial-intelligence", "research-and-development", "computing-infrastructure"],
    ),
    _chan(
        "paul-chan-2025-10-22-responsible-ai-framework",
        "Hong Kong is committed to a framework for the responsible use of AI",
        "Hong Kong is committed to developing a framework for the responsible use of AI, the finance chief said "
        "while speaking about related regulation and governance.",
        initiatives=["framework-for-responsible-use-of-ai"],
        themes=["ai-governance"],
    ),
    _chan(
        "paul-chan-2025-10-22-ai-in-government",
        "An AI Efficacy Enhancement Team and a Digital Corporate Identity platform for public services",
        "The HKSAR government has set up an “AI Efficacy Enhancement Team” to streamline workflows through the "
        "application of AI technologies and is also developing a Digital Corporate Identity platform to enhance the "
        "delivery of public services, he added.",
        initiatives=["ai-efficacy-enhancement-team", "digital-corporate-identity-platform"],
        themes=["digital-government"],
    ),
    _chan(
        "paul-chan-2025-10-22-ai-in-education",
        "Hong Kong is incorporating AI into all levels of education",
        "Chan said Hong Kong is incorporating AI into all levels of education and expanding professional training "
        "programs to strengthen the readiness of the city’s workforce with regard to AI.",
        initiatives=["ai-in-education-at-all-levels"],
        themes=["education-and-skills"],
    ),
    _chan(
        "paul-chan-2025-10-22-sme-digital-transformation",
        "Hong Kong supports businesses, and SMEs above all, in adopting emerging technologies",
        "Having put in place various funding schemes and support measures to help businesses adopt emerging "
        "technologies and enhance their competitiveness, the SAR is striving to attract top global talent in "
        "relevant fields and places strong emphasis on supporting the digital transformation of small and "
        "medium-sized enterprises, he said.",
        initiatives=["sme-digital-transformation-support"],
        themes=["small-and-medium-enterprises", "digital-transformation"],
    ),
    _chan(
        "paul-chan-2025-10-22-policy-dialogue",
        "APEC should enhance policy dialogue on AI regulation, data flows and digital trade",
        "The financial secretary advocated enhancing policy dialogue on AI regulatory frameworks, cross-border data "
        "flows, and digital trade, and bolstering the regional innovation and technology ecosystem to support "
        "startups and cross-border research and collaboration.",
        speech_act="advocated",
        initiatives=["apec-policy-dialogue-on-ai-and-digital-trade"],
        themes=["international-cooperation", "ai-governance"],
    ),
    _lam(
        "paul-lam-srmm-2025-rules-based-order",
        "Hong Kong stands firm in supporting a rules-based international economic order",
        "Speaking at a thematic session during the Structural Reform Ministerial Meeting, Secretary for Justice Paul "
        "Lam said Hong Kong stands firm in supporting a rules-based international economic order and is eager to "
        "build stronger ties with various economies and international organizations.",
        themes=["international-cooperation"],
    ),
    _lam(
        "paul-lam-srmm-2025-trade-documents",
        "Hong Kong has been facilitating the digitalisation of trade documents",
        "On innovation, he iterated that Hong Kong has been facilitating the digitalization of trade documents.",
        initiatives=["digitalisation-of-trade-documents"],
        themes=["trade-facilitation"],
    ),
    _lam(
        "paul-lam-srmm-2025-legislation-review",
        "Legislation will be reviewed to support the wider application of AI",
        "Relevant legislation will be reviewed to support the wider application of artificial intelligence, he added.",
        speech_act="announced",
        initiatives=["review-of-legislation-for-ai"],
        themes=["ai-governance"],
    ),
]
