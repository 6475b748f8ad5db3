"""Counts of stored keys: how many of a table's rows carry a key, two keys together, or three.

The counts table has (key, other, third, total): `other` and `third` empty for one key, every ordered pair
with `third` empty, and each pair in one order (the bytewise lesser key first) with each third key. The key
`*` counts every row. Only rows in the counted state (`status_column = status`) count. Triggers on the
source table keep it exact, whoever writes; a rebuild counts from scratch.
"""

from dataclasses import dataclass

from django.db import connection

from editorial.derived import Derived

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


def _changes(vendor: str, old: str, new: str) -> str:
    """-1 for each combination of the old keys, +1 for each of the new (NULL keys: not counted, nothing)."""
    return (
        f"SELECT key, other, third, -1 AS delta FROM ({_combinations(vendor, old)}) old_pairs "
        f"UNION ALL SELECT key, other, third, 1 FROM ({_combinations(vendor, new)}) new_pairs"
    )


@dataclass(frozen=True)
class KeyCounts(Derived):
    """Declared on the counts model: `source` is the table whose rows' `keys` column is counted."""

    source: str = ""  # the counted table
    keys: str = ""  # its stored keys column
    trigger: str = ""  # the name of the triggers (and PostgreSQL function) that keep the counts
    status_column: str = "editorial_status"
    status: str = "published"

    @property
    def name(self) -> str:
        return f"{self.table} (counts of {self.source}.{self.keys})"

    def _upsert(self, changes: str, *, sqlite: bool = False) -> str:
        # A fall is applied only to a row that exists: when the counts were emptied first (SQLite's flush deletes
        # table by table, in its own order), the rows deleted after them leave nothing behind. Looked up with a
        # scalar subquery, one index probe per falling row: PostgreSQL hashes an EXISTS instead, reading the
        # whole table for every row written. `WHERE true` lets SQLite read ON CONFLICT after a SELECT.
        return (
            f"INSERT INTO {self.table} (key, other, third, total) "
            f"SELECT key, other, third, SUM(delta) FROM ({changes}) changes {'WHERE true ' if sqlite else ''}"
            "GROUP BY key, other, third "
            f"HAVING SUM(delta) > 0 OR (SUM(delta) < 0 AND (SELECT counted.total FROM {self.table} counted "
            "WHERE counted.key = changes.key AND counted.other = changes.other AND counted.third = changes.third) "
            "IS NOT NULL) "
            "ORDER BY key, other, third "  # row locks always taken in the same order: two writers cannot deadlock
            f"ON CONFLICT (key, other, third) DO UPDATE SET total = {self.table}.total + excluded.total"
        )

    def _counted(self, row: str) -> str:
        return f"CASE WHEN {row}.{self.status_column} = '{self.status}' THEN {row}.{self.keys} END"

    def create(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            return [
                f"""CREATE OR REPLACE FUNCTION {self.trigger}() RETURNS trigger LANGUAGE plpgsql
-- The planner guesses 100 keys per jsonb_object_keys, so a million combinations: JIT would compile
-- the statement for each row written (30 ms) to combine its 7 keys (2.6 ms without).
SET jit = off AS $$
DECLARE
    old_keys jsonb;
    new_keys jsonb;
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.{self.status_column} = '{self.status}' THEN old_keys := OLD.{self.keys}; END IF;
    IF TG_OP <> 'DELETE' AND NEW.{self.status_column} = '{self.status}' THEN new_keys := NEW.{self.keys}; END IF;
    IF old_keys IS DISTINCT FROM new_keys THEN
        {self._upsert(_changes("postgresql", "old_keys", "new_keys"))};
    END IF;
    RETURN NULL;
END $$;
-- Any update: keys computed by a BEFORE trigger from other columns are not "UPDATE OF" the keys.
CREATE TRIGGER {self.trigger}
    AFTER INSERT OR DELETE OR UPDATE ON {self.source}
    FOR EACH ROW EXECUTE FUNCTION {self.trigger}();
"""
            ]
        # SQLite: one trigger per event, the SQL inline.
        return [
            f"""CREATE TRIGGER {self.trigger}_{event.split()[0].lower()} AFTER {event} ON {self.source}
    BEGIN
        {self._upsert(_changes("sqlite", old, new), sqlite=True)};
    END"""
            for event, old, new in (
                ("INSERT", "NULL", self._counted("NEW")),
                ("DELETE", self._counted("OLD"), "NULL"),
                (f"UPDATE OF {self.keys}, {self.status_column}", self._counted("OLD"), self._counted("NEW")),
            )
        ]

    def drop(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            return [
                f"DROP TRIGGER IF EXISTS {self.trigger} ON {self.source}",
                f"DROP FUNCTION IF EXISTS {self.trigger}()",
            ]
        return [f"DROP TRIGGER IF EXISTS {self.trigger}_{event}" for event in ("insert", "delete", "update")]

    def rebuild(self, vendor: str) -> list[str]:
        """Empty the counts, then count every counted row's keys again."""
        combinations = _combinations(
            vendor,
            f"counted.{self.keys}",
            rows=f"{self.source} counted",
            where=f"counted.{self.status_column} = '{self.status}'",
        )
        return [
            f"DELETE FROM {self.table}",
            f"INSERT INTO {self.table} (key, other, third, total) "
            f"SELECT key, other, third, COUNT(*) FROM ({combinations}) combinations GROUP BY key, other, third",
        ]

    def state(self) -> object:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT key, other, third, total FROM {self.table} WHERE total > 0")
            return set(cursor.fetchall())
