"""Aggregate tables of survey answers and the one place where small groups are hidden.

Every number anyone sees about children's answers (dashboards, the public results page, exports, evidence
reports, charts) passes through :func:`suppress` first. A :class:`CountTable` holds counts of respondents; a
:class:`SuppressedTable` is what may be displayed.

The rule, in plain words (quoted in the README and on every results page): a number of respondents under k
(5 unless a survey raises it, never under 3), zero included, is shown as "< k". Then further numbers, cells or
totals, are hidden (shown as "≥ k") until no hidden number can be worked out exactly from the numbers shown.
A tiny table where even that is not enough is withheld whole: every number reads "x".

How the second step is checked. The displayed numbers and the known structure of a table form a flow
network: the grand total flows to the row totals, each row total to its cells, each cell to its column total,
and the column totals back to the grand total. Anyone who knows the shown numbers and that a "< k" number lies
in 0..k−1 and a "≥ k" number is at least k knows exactly the flows that fit. A hidden number cannot be worked
out exactly when a cycle of hidden numbers runs through it along which every number can move by one and stay
in its range: then a second table fits every shown number. For an additive table (a single-choice question,
where cells add up to their row total) this test is exact. A multiple-choice table is not additive (one child
may tick several choices), so it is treated conservatively: only moves that keep each row's sum of cells tied
to its total are counted, and every move must keep each cell at most its row total and the cells at least the
total; a number counts as protected only when such a move exists. Hidden numbers are added, cheapest first
(cells before totals, small before large), along the cheapest cycle that frees a pinned number.

Many tables, not one. A reader who may ask for any filter can subtract one view from another (a kecamatan
and an age band minus the same with each sex), and suppression one table at a time cannot see that. So every
number that is shown is also rounded, by fixed random rounding to a multiple of 5 (the cell-key idea of the
Australian Bureau of Statistics' TableBuilder and Statistics New Zealand's fixed random rounding): a count
between two multiples of 5 goes up or down with a probability that makes it right on average, decided by a
hash of the count keyed with the site's secret key, so the same count always rounds the same way on every page,
file and indicator (asking again teaches nothing, and one figure reached by two routes is one number). Sums and differences of shown numbers are then multiples
of 5 away from the truth by up to 4 per number, so subtracting views can no longer pin a group under k: a
difference lands only on multiples of 5 and leaves at least two values of 0..k−1 possible. Totals are rounded
on their own, so a table's shown cells need not add up to its shown total (said under every table).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from cms.vocabulary import DEFAULT_K, MINIMUM_K, ROUNDING_BASE

#: Every number of a table that cannot be protected otherwise; says nothing about its size.
WITHHELD_LABEL = "x"
#: The key of the one row of a table that is not broken down.
ALL_KEY = "all"

Variable = tuple  # ("cell", i, j) | ("row", i) | ("column", j) | ("grand",)
Node = tuple  # ("source",) | ("row", i) | ("column", j) | ("sink",)
Edge = tuple[Variable, int]  # a variable and a direction of change: +1 or -1

_UNBOUNDED = 10**12
#: Rounding is chosen so that no sum or difference of this many shown numbers can pin a count under k.
PINNING_TERMS = (2, 3)
_CELL_COST = 1
_TOTAL_COST = 10_000
_GRAND_COST = 10**8


def rounding_base(k: int) -> int:
    """The multiple shown numbers are rounded to: 5, or the multiple of 5 at or above a survey's larger k (10
    for k = 6..10), so that a difference of shown numbers can never land on a count between 1 and k − 1."""
    return ROUNDING_BASE * -(-k // ROUNDING_BASE)


def rounded(value: int, k: int) -> int:
    """``value`` (at least k) by fixed random rounding to a multiple of :func:`rounding_base`.

    A count ``r`` above a multiple goes up with probability ``r / base`` and down otherwise, so rounding is right
    on average. The draw is a hash of the count keyed with the site's secret key, so the same count always
    rounds the same way, on every page, file and indicator (the cell-key idea: asking again gives the same
    answer, and one figure reached by two routes is one number), and nobody without the secret key can tell
    which way a count went. A shown count is never below the base: a count of at least k never reads as less.
    """
    base = rounding_base(k)
    rest = value % base
    if rest == 0:
        return value
    reach = largest_move(k)
    if base - rest > reach:
        goes_up = False
    elif rest > reach:
        goes_up = True
    else:
        draw = int.from_bytes(salted_hmac("suara_anak.results.rounding", f"{base}:{value}").digest()[:8], "big")
        goes_up = draw < (rest * 2**64) // base
    return max(base, value - rest + (base if goes_up else 0))


def largest_move(k: int) -> int:
    """How far rounding may move a count: the largest distance, at most base − 1, at which no sum or difference of
    two or three shown numbers, each moved that far, can pin a count of 0..k − 1 (base − 1 for most k; 3 for k = 3
    and 4, where moves of 4 would let three numbers land exactly on k − 1)."""
    base = rounding_base(k)
    for reach in range(base - 1, 0, -1):
        if all((k - 1 + terms * reach) % base and (terms * reach) % base for terms in PINNING_TERMS):
            return reach
    raise ValueError(f"No rounding protects k = {k}")


def validate_k(k: int | None = None) -> int:
    """The k to use: 5 when none is given; a survey may raise it but never below 3."""
    if k is None:
        return DEFAULT_K
    if isinstance(k, bool) or not isinstance(k, int):
        raise ValueError(_("Ambang kelompok kecil (k) harus berupa bilangan bulat."))
    if k < MINIMUM_K:
        raise ValueError(
            _("Ambang kelompok kecil (k) tidak boleh kurang dari %(minimum)s agar jawaban anak tidak dapat dikenali.")
            % {"minimum": MINIMUM_K}
        )
    return k


@dataclass(frozen=True)
class CountTable:
    """Counts of respondents: rows are disjoint groups (kecamatan, age band, or one "all" row), columns are choices.

    ``cells[i][j]`` is the number of respondents of row ``i`` who chose ``columns[j]``; ``row_totals[i]`` the
    respondents of row ``i`` who answered; ``column_totals[j]`` the respondents who chose ``columns[j]``;
    ``grand_total`` everyone who answered. Rows never overlap, so columns and row totals always add up. In an
    additive table (single choice) each row's cells add up to its total; in a non-additive one (multiple choice)
    a cell is at most its row total and the cells add up to at least the total (each counted respondent chose
    something). ``row_labels`` and ``column_labels`` are what readers see; they default to the keys.
    """

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int, ...], ...]
    row_totals: tuple[int, ...]
    column_totals: tuple[int, ...]
    grand_total: int
    is_additive: bool = True
    row_labels: tuple[str, ...] = ()
    column_labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.row_labels:
            object.__setattr__(self, "row_labels", tuple(str(key) for key in self.rows))
        if not self.column_labels:
            object.__setattr__(self, "column_labels", tuple(str(key) for key in self.columns))
        shape_ok = (
            len(self.cells) == len(self.rows) == len(self.row_totals) == len(self.row_labels)
            and len(self.columns) == len(self.column_totals) == len(self.column_labels)
            and all(len(row) == len(self.columns) for row in self.cells)
        )
        if not shape_ok:
            raise ValueError("A CountTable needs one cell per row and column, and one total and label per row/column.")
        numbers = [self.grand_total, *self.row_totals, *self.column_totals, *(n for row in self.cells for n in row)]
        if any(isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in numbers):
            raise ValueError("Counts of respondents are whole numbers, never negative.")
        if sum(self.row_totals) != self.grand_total:
            raise ValueError("Rows are disjoint groups: their totals must add up to the grand total.")
        for j, total in enumerate(self.column_totals):
            if sum(row[j] for row in self.cells) != total:
                raise ValueError(f"The cells of column {self.columns[j]!r} do not add up to its total.")
        for i, row in enumerate(self.cells):
            if self.is_additive and sum(row) != self.row_totals[i]:
                raise ValueError(f"The cells of row {self.rows[i]!r} do not add up to its total.")
            if not self.is_additive and (max(row, default=0) > self.row_totals[i] or sum(row) < self.row_totals[i]):
                raise ValueError(f"Row {self.rows[i]!r}: a cell exceeds the total, or the cells add up to less.")

    @classmethod
    def from_counts(
        cls,
        counts: Iterable[Mapping[str, object]],
        *,
        columns: Sequence[str],
        rows: Sequence[str] = ("all",),
        row_totals: Mapping[str, int] | None = None,
        is_additive: bool = True,
        row_field: str | None = "row",
        column_field: str = "choice",
        count_field: str = "n",
        row_labels: Sequence[str] = (),
        column_labels: Sequence[str] = (),
    ) -> CountTable:
        """Build a table from the rows of a ``values(...).annotate(n=Count(...))`` GROUP BY query.

        ``counts`` looks like ``[{"row": "64.71.01", "choice": "A", "n": 12}, ...]``; a missing combination
        counts 0. With ``row_field=None`` every count goes to the single row ``rows[0]``. ``row_totals`` (the
        respondents per row) is required for a non-additive table; an additive table's totals are its sums.
        """
        row_index = {key: i for i, key in enumerate(rows)}
        column_index = {key: j for j, key in enumerate(columns)}
        grid = [[0] * len(columns) for _row in rows]
        for count in counts:
            row_key = rows[0] if row_field is None else count[row_field]
            if row_key not in row_index or count[column_field] not in column_index:
                raise ValueError(f"A count names an unknown row or column: {dict(count)!r}")
            grid[row_index[row_key]][column_index[count[column_field]]] += int(count[count_field])
        if row_totals is None:
            if not is_additive:
                raise ValueError("A non-additive table needs the number of respondents per row.")
            totals = tuple(sum(row) for row in grid)
        else:
            totals = tuple(int(row_totals.get(key, 0)) for key in rows)
        return cls(
            rows=tuple(rows),
            columns=tuple(columns),
            cells=tuple(tuple(row) for row in grid),
            row_totals=totals,
            column_totals=tuple(sum(row[j] for row in grid) for j in range(len(columns))),
            grand_total=sum(totals),
            is_additive=is_additive,
            row_labels=tuple(row_labels),
            column_labels=tuple(column_labels),
        )

    @classmethod
    def part_and_rest(
        cls,
        part: CountTable,
        whole: CountTable,
        *,
        part_key: str,
        rest_key: str,
        part_label: str = "",
        rest_label: str = "",
    ) -> CountTable:
        """One table of a group (a school, a filtered view) and the rest of the whole it belongs to.

        Suppressing the group and the whole separately is not safe: the whole minus the group gives the rest,
        where a small number may then show. As two rows of one table they are suppressed together, and the
        whole is still there as the column totals. ``part`` and ``whole`` are single-row tables of the same
        choices.
        """
        if part.columns != whole.columns or len(part.rows) != 1 or len(whole.rows) != 1:
            raise ValueError("part_and_rest needs two single-row tables of the same choices.")
        rest_cells = tuple(w - p for w, p in zip(whole.cells[0], part.cells[0], strict=True))
        return cls(
            rows=(part_key, rest_key),
            columns=whole.columns,
            cells=(part.cells[0], rest_cells),
            row_totals=(part.grand_total, whole.grand_total - part.grand_total),
            column_totals=whole.column_totals,
            grand_total=whole.grand_total,
            is_additive=whole.is_additive and part.is_additive,
            row_labels=(part_label or part_key, rest_label or rest_key),
            column_labels=whole.column_labels,
        )

    def value(self, variable: Variable) -> int:
        kind = variable[0]
        if kind == "cell":
            return self.cells[variable[1]][variable[2]]
        if kind == "row":
            return self.row_totals[variable[1]]
        if kind == "column":
            return self.column_totals[variable[1]]
        return self.grand_total

    def variables(self) -> list[Variable]:
        cells = [("cell", i, j) for i in range(len(self.rows)) for j in range(len(self.columns))]
        totals = [("row", i) for i in range(len(self.rows))] + [("column", j) for j in range(len(self.columns))]
        return [*cells, *totals, ("grand",)]


@dataclass(frozen=True)
class SuppressedCell:
    """One displayable number: its value, or ``None`` with a label saying why it is hidden."""

    value: int | None
    label: str
    is_suppressed: bool = False
    is_small: bool = False

    def __str__(self) -> str:
        return self.label

    @property
    def in_file(self) -> int | str:
        """What a spreadsheet cell holds: the number itself, so sums work, or the label saying why it is hidden."""
        return self.label if self.value is None else self.value


@dataclass(frozen=True)
class SuppressedRow:
    key: str
    label: str
    cells: tuple[SuppressedCell, ...]
    total: SuppressedCell


@dataclass(frozen=True)
class SuppressedTable:
    """What may be shown of a :class:`CountTable`: the same shape, each number possibly hidden.

    ``is_withheld`` means no number could be shown safely, so every one reads "x", small or not.
    """

    k: int
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    cells: tuple[tuple[SuppressedCell, ...], ...]
    row_totals: tuple[SuppressedCell, ...]
    column_totals: tuple[SuppressedCell, ...]
    grand_total: SuppressedCell
    is_additive: bool = True
    hidden_count: int = field(default=0)
    is_withheld: bool = False

    @property
    def body(self) -> tuple[SuppressedRow, ...]:
        """The rows as the table component renders them."""
        return tuple(
            SuppressedRow(key, label, cells, total)
            for key, label, cells, total in zip(self.rows, self.row_labels, self.cells, self.row_totals, strict=True)
        )

    @property
    def has_suppression(self) -> bool:
        return self.hidden_count > 0

    @property
    def has_several_rows(self) -> bool:
        """Whether a "Semua" line of column totals says more than the only row already does."""
        return len(self.rows) > 1

    def row(self, key: str) -> SuppressedRow:
        return self.body[self.rows.index(key)]


def suppress(
    table: CountTable, k: int | None = None, *, known: SuppressedTable | None = None, rounding: bool = True
) -> SuppressedTable:
    """Hide every number under k, then enough other numbers that none of the hidden ones can be worked out.

    ``known`` is the display of the whole this table splits (a single row of the same choices, suppressed on its
    own and shown elsewhere, e.g. the unfiltered dashboard). The table's column totals and grand total are that
    whole, so they are pinned to it: a total the whole shows stays shown (a reader has it anyway, and the
    protection must hold with it known), and a total the whole hides stays hidden. Without pinning, the other
    page's totals minus this table's visible cells could reveal a hidden one.

    Every number left shown is then rounded (:func:`rounded`); ``rounding=False`` only lets the tests of the
    complementary suppression read the exact numbers it left shown.
    """
    k = validate_k(k)
    small = {v for v in table.variables() if table.value(v) < k}
    if table.grand_total < k:
        small = set(table.variables())
    fixed: set[Variable] = set()
    hidden_elsewhere: set[Variable] = set()
    if known is not None:
        for variable, shown in _known_totals(table, known):
            if shown and variable not in small:
                fixed.add(variable)
            elif not shown:
                hidden_elsewhere.add(variable)
    hidden = _Protection(table, k, small, fixed=fixed, also_hidden=hidden_elsewhere).run()
    if hidden is None:
        return _display(table, k, set(), set(table.variables()), is_withheld=True)
    return _display(table, k, small, hidden, rounding=rounding)


def _known_totals(table: CountTable, known: SuppressedTable) -> list[tuple[Variable, bool]]:
    """Each total of ``table`` with whether the whole's display gives it away (as a cell or as a total)."""
    if known.columns != table.columns or len(known.rows) != 1:
        raise ValueError("A table is pinned to a single-row display of the same choices.")
    if known.is_withheld:
        return [(("column", j), False) for j in range(len(table.columns))] + [(("grand",), False)]
    pairs = [
        (("column", j), not (known.cells[0][j].is_suppressed and known.column_totals[j].is_suppressed))
        for j in range(len(table.columns))
    ]
    grand_shown = not (known.row_totals[0].is_suppressed and known.grand_total.is_suppressed)
    return [*pairs, (("grand",), grand_shown)]


def _display(
    table: CountTable,
    k: int,
    small: set[Variable],
    hidden: set[Variable],
    *,
    is_withheld: bool = False,
    rounding: bool = True,
) -> SuppressedTable:
    below = f"< {k}"
    at_least = f"≥ {k}"

    def shown(variable: Variable) -> SuppressedCell:
        if is_withheld:
            return SuppressedCell(None, WITHHELD_LABEL, is_suppressed=True)
        if variable in small:
            return SuppressedCell(None, below, is_suppressed=True, is_small=True)
        if variable in hidden:
            return SuppressedCell(None, at_least, is_suppressed=True)
        value = rounded(table.value(variable), k) if rounding else table.value(variable)
        return SuppressedCell(value, str(value))

    n_rows, n_columns = len(table.rows), len(table.columns)
    return SuppressedTable(
        k=k,
        rows=table.rows,
        columns=table.columns,
        row_labels=table.row_labels,
        column_labels=table.column_labels,
        cells=tuple(tuple(shown(("cell", i, j)) for j in range(n_columns)) for i in range(n_rows)),
        row_totals=tuple(shown(("row", i)) for i in range(n_rows)),
        column_totals=tuple(shown(("column", j)) for j in range(n_columns)),
        grand_total=shown(("grand",)),
        is_additive=table.is_additive,
        hidden_count=len(hidden),
        is_withheld=is_withheld,
    )


def _ends(variable: Variable) -> tuple[Node, Node]:
    """The arc of the flow network a variable is: source → row → column → sink → source."""
    kind = variable[0]
    if kind == "cell":
        return ("row", variable[1]), ("column", variable[2])
    if kind == "row":
        return ("source",), ("row", variable[1])
    if kind == "column":
        return ("column", variable[1]), ("sink",)
    return ("sink",), ("source",)


class _Protection:
    """Complementary suppression on one table: add hidden numbers until every hidden number can move."""

    def __init__(
        self,
        table: CountTable,
        k: int,
        small: set[Variable],
        *,
        fixed: set[Variable] = frozenset(),
        also_hidden: set[Variable] = frozenset(),
    ) -> None:
        self.table = table
        self.k = k
        self.small = small
        self.fixed = fixed
        self.hidden = set(small) | set(also_hidden)
        self.out_edges: dict[Node, list[tuple[Edge, Node]]] = {}
        for variable in table.variables():
            tail, head = _ends(variable)
            self.out_edges.setdefault(tail, []).append(((variable, +1), head))
            self.out_edges.setdefault(head, []).append(((variable, -1), tail))

    def run(self) -> set[Variable] | None:
        """The numbers to hide, or None when even hiding every number leaves one pinned.

        That happens in tiny tables, where "< k" and "≥ k" alone pin the numbers (two rows of 3 children with
        k = 3, say). Hiding more only ever frees hidden numbers, so every number a found cycle moves stays safe.
        """
        safe: set[Variable] = set()
        while True:
            pinned = None
            for variable in sorted(self.hidden - safe):
                if variable in safe:
                    continue
                moved = self._moves(variable)
                if not moved:
                    pinned = variable
                    break
                safe |= moved
            if pinned is None:
                return self.hidden
            opened = self._cheapest_opening(pinned)
            if not opened:
                visible = sorted(set(self.table.variables()) - self.hidden - self.fixed, key=self._cost)
                if not visible:
                    return None
                opened = {visible[0]}
            self.hidden |= opened

    def _bounds(self, variable: Variable) -> tuple[int, int]:
        """What a reader of the displayed table knows of a hidden number (a shown one is hidden here as "≥ k")."""
        if variable in self.small:
            return 0, self.k - 1
        return self.k, _UNBOUNDED

    def _edge_allowed(self, edge: Edge) -> bool:
        variable, step = edge
        low, high = self._bounds(variable)
        return low <= self.table.value(variable) + step <= high

    def _turn_allowed(self, node: Node, arrived: Edge, leaving: Edge) -> bool:
        """Whether a move may pass through ``node`` this way; only a non-additive table's rows restrict it."""
        if arrived[0] == leaving[0]:
            return False
        if self.table.is_additive or node[0] != "row":
            return True
        i = node[1]
        total = self.table.row_totals[i]
        row = self.table.cells[i]
        if arrived[0][0] == "row":
            return True
        lowered = arrived[0][2]
        if leaving[0][0] == "row":
            return all(n <= total - 1 for j, n in enumerate(row) if j != lowered)
        return row[leaving[0][2]] + 1 <= total

    def _cost(self, variable: Variable) -> int:
        kind = variable[0]
        base = {"cell": _CELL_COST, "row": _TOTAL_COST, "column": _TOTAL_COST, "grand": _GRAND_COST}[kind]
        return base + self.table.value(variable)

    def _moves(self, variable: Variable) -> set[Variable]:
        """The hidden numbers a consistent cycle through ``variable`` changes; empty when the variable is pinned."""
        for step in (+1, -1):
            found = self._cycle(variable, step, opening=False)
            if found is not None and self._is_consistent(found[2]):
                change: dict[Variable, int] = {}
                for moved, moved_step in found[2]:
                    change[moved] = change.get(moved, 0) + moved_step
                return {moved for moved, total in change.items() if total}
        return set()

    def _cheapest_opening(self, variable: Variable) -> set[Variable]:
        best: tuple[int, set[Variable], tuple[Edge, ...]] | None = None
        for step in (+1, -1):
            found = self._cycle(variable, step, opening=True)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        return best[1] if best else set()

    def _is_consistent(self, path: tuple[Edge, ...]) -> bool:
        """Whether the table moved along ``path`` still fits every shown number and the table's structure."""
        table = self.table
        moved = {}
        for variable, step in path:
            moved[variable] = moved.get(variable, table.value(variable)) + step
        for variable, value in moved.items():
            low, high = self._bounds(variable)
            if variable not in self.hidden or not low <= value <= high:
                return False

        def value(variable: Variable) -> int:
            return moved.get(variable, table.value(variable))

        n_rows, n_columns = len(table.rows), len(table.columns)
        if sum(value(("row", i)) for i in range(n_rows)) != value(("grand",)):
            return False
        for j in range(n_columns):
            if sum(value(("cell", i, j)) for i in range(n_rows)) != value(("column", j)):
                return False
        for i in range(n_rows):
            row = [value(("cell", i, j)) for j in range(n_columns)]
            total = value(("row", i))
            if table.is_additive and sum(row) != total:
                return False
            if not table.is_additive and (max(row, default=0) > total or sum(row) < total):
                return False
        return True

    def _cycle(
        self, variable: Variable, step: int, *, opening: bool
    ) -> tuple[int, set[Variable], tuple[Edge, ...]] | None:
        """The cheapest cycle moving ``variable`` by ``step``: its cost, the shown numbers it hides, its edges.

        Without ``opening`` only hidden numbers may move, so a (consistent) result means the variable is safe.
        The search runs over edges, so each pass through a node is checked against the edge it came by.
        """
        start: Edge = (variable, step)
        if not self._edge_allowed(start):
            return None
        tail, head = _ends(variable)
        if step < 0:
            tail, head = head, tail
        queue: list[tuple[int, int, Edge, Node, frozenset, tuple[Edge, ...]]] = [
            (0, 0, start, head, frozenset(), (start,))
        ]
        settled: set[Edge] = set()
        counter = 0
        while queue:
            cost, _order, arrived, node, opened, path = heapq.heappop(queue)
            if node == tail and self._turn_allowed(node, arrived, start):
                return cost, set(opened), path
            if arrived in settled:
                continue
            settled.add(arrived)
            for edge, next_node in self.out_edges.get(node, ()):
                edge_variable = edge[0]
                if edge_variable == variable or edge in settled:
                    continue
                is_hidden = edge_variable in self.hidden
                if not is_hidden and (not opening or edge_variable in self.fixed):
                    continue
                if not self._turn_allowed(node, arrived, edge) or not self._edge_allowed(edge):
                    continue
                extra = 0 if is_hidden or edge_variable in opened else self._cost(edge_variable)
                counter += 1
                next_opened = opened if is_hidden else opened | {edge_variable}
                heapq.heappush(queue, (cost + extra, counter, edge, next_node, next_opened, (*path, edge)))
        return None


def trend(rounds: Sequence[tuple[str, SuppressedTable]]) -> SuppressedTable:
    """One question across survey rounds: each round's row is exactly that round's own display.

    Rounds are separate surveys, each suppressed with its own k on its own page, so the rows are copied, not
    re-suppressed (a second suppression could hide different numbers and be compared with the first). Totals
    across rounds add nothing to a trend and could be subtracted, so they are not shown (read "–").
    """
    if not rounds:
        raise ValueError("A trend needs at least one round.")
    first = rounds[0][1]
    if any(table.columns != first.columns or len(table.rows) != 1 for _label, table in rounds):
        raise ValueError("Every round of a trend is a single-row display of the same choices.")
    not_shown = SuppressedCell(None, "–", is_suppressed=True)
    return SuppressedTable(
        k=max(table.k for _label, table in rounds),
        rows=tuple(f"round-{i}" for i in range(len(rounds))),
        columns=first.columns,
        row_labels=tuple(label for label, _table in rounds),
        column_labels=first.column_labels,
        cells=tuple(table.cells[0] for _label, table in rounds),
        row_totals=tuple(table.row_totals[0] for _label, table in rounds),
        column_totals=tuple(not_shown for _column in first.columns),
        grand_total=not_shown,
        is_additive=first.is_additive,
        hidden_count=sum(table.hidden_count for _label, table in rounds),
        is_withheld=any(table.is_withheld for _label, table in rounds),
    )


def suppress_count(value: int, k: int | None = None) -> SuppressedCell:
    """One count of children standing alone (an indicator's numerator): "< k" when it is under k, else rounded."""
    table = CountTable(
        rows=(ALL_KEY,),
        columns=("n",),
        cells=((value,),),
        row_totals=(value,),
        column_totals=(value,),
        grand_total=value,
    )
    return suppress(table, k).grand_total
