"""SQL that keeps InitiativeFacetCount exact: triggers on the initiatives table, and a rebuild from scratch.

Used by migration 0005 (which creates the triggers) and by `initiatives.facets` (the recount, and
bulk loads that turn the triggers off). The migration runs what this module says when it runs: a
change to the triggers needs a new migration that creates them again.
"""

# Every (key, other) a published initiative's keys give: `*` alone, each key alone, each ordered pair.
PAIRS = {
    "postgresql": """
        SELECT '*' AS key, '' AS other WHERE {keys} IS NOT NULL
        UNION ALL SELECT a, '' FROM jsonb_object_keys({keys}) a
        UNION ALL SELECT a, b FROM jsonb_object_keys({keys}) a, jsonb_object_keys({keys}) b WHERE a <> b
    """,
    "sqlite": """
        SELECT '*' AS key, '' AS other WHERE {keys} IS NOT NULL
        UNION ALL SELECT a.key, '' FROM json_each({keys}) a
        UNION ALL SELECT a.key, b.key FROM json_each({keys}) a, json_each({keys}) b WHERE a.key <> b.key
    """,
}
# A fall is applied only to a row that exists: when the counts were emptied first (SQLite's flush deletes
# table by table, in its own order), the initiatives deleted after them leave nothing behind.
UPSERT = (
    "INSERT INTO initiatives_initiativefacetcount (key, other, total) "
    "SELECT key, other, SUM(delta) FROM ({changes}) changes GROUP BY key, other "
    "HAVING SUM(delta) > 0 OR (SUM(delta) < 0 AND EXISTS (SELECT 1 FROM initiatives_initiativefacetcount counted "
    "WHERE counted.key = changes.key AND counted.other = changes.other)) "
    "ORDER BY key, other "  # row locks always taken in the same order: two writers cannot deadlock here
    "ON CONFLICT (key, other) DO UPDATE SET total = initiatives_initiativefacetcount.total + excluded.total"
)


def _changes(vendor: str, old: str, new: str) -> str:
    """-1 for each pair of the old keys, +1 for each of the new (NULL keys: not published, nothing)."""
    pairs = PAIRS[vendor]
    return (
        f"SELECT key, other, -1 AS delta FROM ({pairs.format(keys=old)}) old_pairs "
        f"UNION ALL SELECT key, other, 1 FROM ({pairs.format(keys=new)}) new_pairs"
    )


def _published(row: str) -> str:
    return f"CASE WHEN {row}.editorial_status = 'published' THEN {row}.facet_keys END"


POSTGRESQL_TRIGGER = f"""
CREATE OR REPLACE FUNCTION initiatives_facet_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_keys jsonb;
    new_keys jsonb;
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.editorial_status = 'published' THEN old_keys := OLD.facet_keys; END IF;
    IF TG_OP <> 'DELETE' AND NEW.editorial_status = 'published' THEN new_keys := NEW.facet_keys; END IF;
    IF old_keys IS DISTINCT FROM new_keys THEN
        {UPSERT.format(changes=_changes("postgresql", "old_keys", "new_keys"))};
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER initiatives_facet_counts
    AFTER INSERT OR DELETE OR UPDATE OF facet_keys, editorial_status ON initiatives_initiative
    FOR EACH ROW EXECUTE FUNCTION initiatives_facet_counts();
"""

# SQLite: one trigger per event, the SQL inline; `WHERE true` lets SQLite read ON CONFLICT after a SELECT.
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER initiatives_facet_counts_{event.split()[0].lower()} AFTER {event} ON initiatives_initiative
    BEGIN
        {UPSERT.replace("GROUP BY", "WHERE true GROUP BY").format(changes=_changes("sqlite", old, new))};
    END"""
    for event, old, new in (
        ("INSERT", "NULL", _published("NEW")),
        ("DELETE", _published("OLD"), "NULL"),
        ("UPDATE OF facet_keys, editorial_status", _published("OLD"), _published("NEW")),
    )
]

KEYS = {"postgresql": "jsonb_object_keys({keys}) {alias}", "sqlite": "json_each({keys}) {alias}"}
KEY = {"postgresql": "{alias}", "sqlite": "{alias}.key"}


def rebuild_statements(vendor: str) -> tuple[str, str]:
    """Empty the counts, then count every published initiative's keys again."""
    keys, key = KEYS[vendor], KEY[vendor]
    a, b = key.format(alias="a"), key.format(alias="b")
    initiatives = "initiatives_initiative initiative"
    published = "initiative.editorial_status = 'published'"
    first, second = (keys.format(keys="initiative.facet_keys", alias=alias) for alias in ("a", "b"))
    return (
        "DELETE FROM initiatives_initiativefacetcount",
        "INSERT INTO initiatives_initiativefacetcount (key, other, total) SELECT key, other, COUNT(*) FROM ("
        f"SELECT '*' AS key, '' AS other FROM {initiatives} WHERE {published} "
        f"UNION ALL SELECT {a}, '' FROM {initiatives}, {first} WHERE {published} "
        f"UNION ALL SELECT {a}, {b} FROM {initiatives}, {first}, {second} WHERE {published} AND {a} <> {b}"
        ") pairs GROUP BY key, other",
    )


def create_statements(vendor: str) -> list[str]:
    return [POSTGRESQL_TRIGGER] if vendor == "postgresql" else SQLITE_TRIGGERS


def drop_statements(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            "DROP TRIGGER IF EXISTS initiatives_facet_counts ON initiatives_initiative",
            "DROP FUNCTION IF EXISTS initiatives_facet_counts()",
        ]
    return [f"DROP TRIGGER IF EXISTS initiatives_facet_counts_{event}" for event in ("insert", "delete", "update")]
