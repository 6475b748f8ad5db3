"""SQL that keeps InitiativeFacetCount exact: triggers on the initiatives table, and a rebuild from scratch.

Used by migration 0008 (which creates the triggers) and by `initiatives.facets` (the recount, and
bulk loads that turn the triggers off). The migration runs what this module says when it runs: a
change to the triggers needs a new migration that creates them again (and the one before it then
creates none: a fresh database would run today's SQL against yesterday's table).
"""

KEYS = {"postgresql": "jsonb_object_keys({keys}) {alias}", "sqlite": "json_each({keys}) {alias}"}
KEY = {"postgresql": "{alias}", "sqlite": "{alias}.key"}
LESS = {"postgresql": '{a} < {b} COLLATE "C"', "sqlite": "{a} < {b}"}  # bytewise, the same on both


def _combinations(vendor: str, keys: str, rows: str = "", where: str = "") -> str:
    """Every (key, other, third) the keys give: `*` alone, each key alone, each ordered pair of keys, and each
    pair in one order (the bytewise lesser key first) with each third key. `keys` is read from each of `rows`
    that pass `where` when given (the rebuild), else it is one value (a trigger's old or new keys)."""
    a, b, c = (KEY[vendor].format(alias=alias) for alias in "abc")

    def select(columns: str, aliases: str, *conditions: str) -> str:
        sources = ([rows] if rows else []) + [KEYS[vendor].format(keys=keys, alias=alias) for alias in aliases]
        condition = " AND ".join([*([where] if where else []), *conditions])
        sql = f"SELECT {columns}" + (f" FROM {', '.join(sources)}" if sources else "")
        return sql + (f" WHERE {condition}" if condition else "")

    return " UNION ALL ".join(
        [
            select("'*' AS key, '' AS other, '' AS third", "", f"{keys} IS NOT NULL"),
            select(f"{a}, '', ''", "a"),
            select(f"{a}, {b}, ''", "ab", f"{a} <> {b}"),
            select(f"{a}, {b}, {c}", "abc", LESS[vendor].format(a=a, b=b), f"{c} <> {a}", f"{c} <> {b}"),
        ]
    )


# A fall is applied only to a row that exists: when the counts were emptied first (SQLite's flush deletes
# table by table, in its own order), the initiatives deleted after them leave nothing behind. Looked up with a
# scalar subquery, one index probe per falling row: PostgreSQL hashes an EXISTS instead, reading the whole table
# for every initiative written.
UPSERT = (
    "INSERT INTO initiatives_initiativefacetcount (key, other, third, total) "
    "SELECT key, other, third, SUM(delta) FROM ({changes}) changes GROUP BY key, other, third "
    "HAVING SUM(delta) > 0 OR (SUM(delta) < 0 AND (SELECT counted.total FROM initiatives_initiativefacetcount counted "
    "WHERE counted.key = changes.key AND counted.other = changes.other AND counted.third = changes.third) IS NOT NULL) "
    "ORDER BY key, other, third "  # row locks always taken in the same order: two writers cannot deadlock here
    "ON CONFLICT (key, other, third) DO UPDATE SET total = initiatives_initiativefacetcount.total + excluded.total"
)


def _changes(vendor: str, old: str, new: str) -> str:
    """-1 for each combination of the old keys, +1 for each of the new (NULL keys: not published, nothing)."""
    return (
        f"SELECT key, other, third, -1 AS delta FROM ({_combinations(vendor, old)}) old_pairs "
        f"UNION ALL SELECT key, other, third, 1 FROM ({_combinations(vendor, new)}) new_pairs"
    )


def _published(row: str) -> str:
    return f"CASE WHEN {row}.editorial_status = 'published' THEN {row}.facet_keys END"


POSTGRESQL_TRIGGER = f"""
CREATE OR REPLACE FUNCTION initiatives_facet_counts() RETURNS trigger LANGUAGE plpgsql
-- The planner guesses 100 keys per jsonb_object_keys, so a million combinations: JIT would compile
-- the statement for each row written (30 ms) to combine its 7 keys (2.6 ms without).
SET jit = off AS $$
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


def rebuild_statements(vendor: str) -> tuple[str, str]:
    """Empty the counts, then count every published initiative's keys again."""
    combinations = _combinations(
        vendor,
        "initiative.facet_keys",
        rows="initiatives_initiative initiative",
        where="initiative.editorial_status = 'published'",
    )
    return (
        "DELETE FROM initiatives_initiativefacetcount",
        "INSERT INTO initiatives_initiativefacetcount (key, other, third, total) "
        f"SELECT key, other, third, COUNT(*) FROM ({combinations}) combinations GROUP BY key, other, third",
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
