"""Jurisdictions, organizations, posts, people and who held which post, as the founding article names them."""

from demo.dataset.sources import PRINCIPAL_OFFICIALS, PRINCIPAL_OFFICIALS_IN_CHINESE

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
        "cite": ["Financial Secretary Paul Chan Mo-po", ("original_script_name", PRINCIPAL_OFFICIALS_IN_CHINESE)],
    },
    {
        "slug": "paul-lam-ting-kwok",
        "full_name": "Paul Lam Ting-kwok",
        "given_name": "Paul",
        "family_name": "Lam",
        "original_script_name": "林定國",
        "bio": "Secretary for Justice of the Hong Kong SAR Government.",
        "aliases": [("Paul Lam", "short"), ("Lam Ting-kwok", "alternate"), ("林定國", "original_script", "zh-Hant")],
        "cite": ["Secretary for Justice Paul Lam Ting-kwok", ("original_script_name", PRINCIPAL_OFFICIALS_IN_CHINESE)],
    },
]

# Neither start date is in the article: "store only what is known" leaves them empty.
MEMBERSHIPS = [
    {
        "slug": "paul-chan-mo-po-financial-secretary",
        "person": "paul-chan-mo-po",
        "post": "financial-secretary-hksar",
        "start_date": "2017-01-16",
        "cite": ["Financial Secretary Paul Chan Mo-po", ("start_date", PRINCIPAL_OFFICIALS)],
    },
    {
        "slug": "paul-lam-ting-kwok-secretary-for-justice",
        "person": "paul-lam-ting-kwok",
        "post": "secretary-for-justice-hksar",
        "start_date": "2022-07-01",
        "cite": ["Secretary for Justice Paul Lam Ting-kwok", ("start_date", PRINCIPAL_OFFICIALS)],
    },
]
