"""On PostgreSQL the lists a row carries come with the row: one correlated JSON aggregate per list in the page's query.

A separate query per list (aliases, each many-to-many relation, citations) costs a round trip and,
more, Django building and compiling one more query for every page. Folded into the page's query,
a page costs one query whatever lists its rows carry. SQLite keeps the query per list (readers.py).
"""

from django.db.models import Expression, F, QuerySet, TextField


class JSONRows(Expression):
    """The rows of `queryset` that belong to the outer row, as JSON text: `[[value, ...], ...]` in `ordering`.

    The inner query is the ORM's (its joins, its `published()` rule), compiled once: a page only
    compiles the outer row's primary key into it.
    """

    output_field = TextField()

    def __init__(self, queryset: QuerySet, owner: str, values: tuple[str, ...], ordering: tuple[str, ...]):
        super().__init__()
        # Underscored names: `values()` refuses a name that a field of the model already has.
        selected = {"_owner": F(owner)}
        selected |= {f"_value{n}": F(name) for n, name in enumerate(values)}
        selected |= {f"_order{n}": F(name) for n, name in enumerate(ordering)}
        inner_queryset = queryset.order_by().values(**selected)
        inner, self.params = inner_queryset.query.get_compiler(using=inner_queryset.db).as_sql()
        items = ", ".join(f'_rows."_value{n}"' for n in range(len(values)))
        order = ", ".join(f'_rows."_order{n}"' for n in range(len(ordering)))
        # The derived table is pulled up by the planner: the owner condition reaches the inner table's index.
        self.template = (
            f"(SELECT coalesce(json_agg(json_build_array({items}) ORDER BY {order}), '[]')::text "
            f'FROM ({inner}) _rows WHERE _rows."_owner" = {{outer}})'
        )
        self.outer = F("pk")
        # What makes two of them equal (Django hashes annotations): the compiled SQL, not the queryset it came from.
        self.identity = (JSONRows, self.template, *self.params)

    def get_source_expressions(self):
        return [self.outer]

    def set_source_expressions(self, expressions):
        (self.outer,) = expressions

    def as_sql(self, compiler, connection):
        outer, outer_params = compiler.compile(self.outer)
        return self.template.replace("{outer}", outer), (*self.params, *outer_params)
