"""The initiatives the founding article names, with their timelines."""

from demo.dataset.sources import JOINT_SESSION_SENTENCE, PRESS_RELEASE

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
            ("budget_as_of", PRESS_RELEASE),
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
