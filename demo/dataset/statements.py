"""What Paul Chan and Paul Lam said, as the founding article reports it."""

from demo.dataset.sources import JOINT_SESSION_SENTENCE, PRESS_RELEASE


def _chan(slug: str, summary: str, text: str, **extra) -> dict:
    """A statement Paul Chan made at the joint session on 22 October 2025, as the article reports it.

    The article says he spoke "on Wednesday" at the joint session; the press release of that day gives the date.
    """
    cite = [text, JOINT_SESSION_SENTENCE, ("date", PRESS_RELEASE), *extra.pop("cite", [])]
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
