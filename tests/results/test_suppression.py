"""Small-cell suppression: no set of displayed numbers, totals included, reveals a hidden number.

The checker below is written independently of ``surveys.results.suppression``: it reads only what a table displays
("< k", "≥ k" or a number) and searches every table of counts that fits it.
"""

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.results import suppression
from surveys.results.suppression import WITHHELD_LABEL, CountTable, SuppressedTable, validate_k

#: The complementary suppression is checked on the exact numbers it leaves shown; the rounding of those numbers,
#: which guards against subtracting views, is checked in test_many_queries.
suppress = functools.partial(suppression.suppress, rounding=False)


class OutOfBudget(Exception):
    """The search took more steps than allowed this round; it is tried again with a larger budget."""


def _domain(cell, k: int, cap: int) -> range:
    if not cell.is_suppressed:
        return range(cell.value, cell.value + 1)
    if cell.label == WITHHELD_LABEL:
        return range(0, cap + 1)
    if cell.label == f"< {k}":
        return range(0, k)
    assert cell.label == f"≥ {k}"
    return range(k, cap + 1)


def _fits(shown: SuppressedTable, forced: dict, order_hint: CountTable, budget: int | None = None) -> bool:
    """Whether some table of counts displays exactly like ``shown``, with the ``forced`` numbers fixed.

    Depth-first over the cells in reading order, pruned with the least and most the remaining cells can add to
    each row, column and the whole table. ``order_hint`` (the true table) only orders the values tried.
    Raises :class:`OutOfBudget` after ``budget`` steps.
    """
    steps = [0]
    k = shown.k
    n_rows, n_columns = len(shown.rows), len(shown.columns)
    cap = (shown.grand_total.value or 0) + 4 * k + sum(map(sum, order_hint.cells))

    def total_range(key, cell) -> range:
        if key in forced:
            return range(forced[key], forced[key] + 1)
        return _domain(cell, k, cap)

    row_ranges = [total_range(("row", i), shown.row_totals[i]) for i in range(n_rows)]
    column_ranges = [total_range(("column", j), shown.column_totals[j]) for j in range(n_columns)]
    grand_range = total_range(("grand",), shown.grand_total)
    domains = {}
    for i in range(n_rows):
        for j in range(n_columns):
            if ("cell", i, j) in forced:
                domains[i, j] = [forced["cell", i, j]]
                continue
            upper = min(cap, column_ranges[j][-1], row_ranges[i][-1])
            values = [v for v in _domain(shown.cells[i][j], k, cap) if v <= upper]
            true = order_hint.cells[i][j]
            domains[i, j] = sorted(values, key=lambda v, true=true: abs(v - true))
    positions = [(i, j) for i in range(n_rows) for j in range(n_columns)]
    low = {p: min(domains[p], default=0) for p in positions}
    high = {p: max(domains[p], default=-1) for p in positions}
    if any(not domains[p] for p in positions):
        return False
    row_rest_low = [[sum(low[i, b] for b in range(j + 1, n_columns)) for j in range(n_columns)] for i in range(n_rows)]
    row_rest_high = [
        [sum(high[i, b] for b in range(j + 1, n_columns)) for j in range(n_columns)] for i in range(n_rows)
    ]
    column_rest_low = [[sum(low[a, j] for a in range(i + 1, n_rows)) for j in range(n_columns)] for i in range(n_rows)]
    column_rest_high = [
        [sum(high[a, j] for a in range(i + 1, n_rows)) for j in range(n_columns)] for i in range(n_rows)
    ]
    all_rest_low = [sum(low[p] for p in positions[index + 1 :]) for index in range(len(positions))]
    all_rest_high = [sum(high[p] for p in positions[index + 1 :]) for index in range(len(positions))]
    grid = [[0] * n_columns for _ in range(n_rows)]
    row_sums = [0] * n_rows
    column_sums = [0] * n_columns

    rest_rows_low = [sum(row_ranges[a][0] for a in range(i + 1, n_rows)) for i in range(n_rows)]
    rest_rows_high = [sum(row_ranges[a][-1] for a in range(i + 1, n_rows)) for i in range(n_rows)]

    def respondents_fit(i: int, least: int, most: int) -> tuple[int, int] | None:
        """A non-additive row just filled: the least and most its total and those before can add up to."""
        row = grid[i]
        low, high = max(row_ranges[i][0], max(row)), min(row_ranges[i][-1], sum(row))
        if low > high:
            return None
        least, most = least + low, most + high
        if least + rest_rows_low[i] > grand_range[-1] or most + rest_rows_high[i] < grand_range[0]:
            return None
        return least, most

    def search(index: int, running: int, least: int = 0, most: int = 0) -> bool:
        steps[0] += 1
        if budget is not None and steps[0] > budget:
            raise OutOfBudget
        if index == len(positions):
            return running in grand_range if shown.is_additive else True
        i, j = positions[index]
        for value in domains[i, j]:
            row_sum, column_sum, total = row_sums[i] + value, column_sums[j] + value, running + value
            if not shown.is_additive and value > row_ranges[i][-1]:
                continue
            if not (
                column_sum + column_rest_low[i][j] <= column_ranges[j][-1]
                and column_sum + column_rest_high[i][j] >= column_ranges[j][0]
            ):
                continue
            if i == n_rows - 1 and column_sum not in column_ranges[j]:
                continue
            if shown.is_additive:
                if not (
                    row_sum + row_rest_low[i][j] <= row_ranges[i][-1]
                    and row_sum + row_rest_high[i][j] >= row_ranges[i][0]
                ):
                    continue
                if j == n_columns - 1 and row_sum not in row_ranges[i]:
                    continue
                if not (
                    total + all_rest_low[index] <= grand_range[-1] and total + all_rest_high[index] >= grand_range[0]
                ):
                    continue
            grid[i][j], row_sums[i], column_sums[j] = value, row_sum, column_sum
            bounds = (least, most)
            if not shown.is_additive and j == n_columns - 1:
                bounds = respondents_fit(i, least, most)
            if bounds is not None and search(index + 1, total, *bounds):
                return True
            row_sums[i], column_sums[j] = row_sum - value, column_sum - value
        return False

    return search(0, 0)


def revealed(shown: SuppressedTable, table: CountTable) -> list[tuple]:
    """Every hidden number that takes a single value across all tables fitting the display.

    Alternatives are tried nearest first, each with a step budget that grows round by round, so that one hard
    proof that a value does not fit never holds up an easy one that does; the last round has no budget.
    """
    k = shown.k
    hidden = []
    for i, row in enumerate(shown.cells):
        hidden += [(("cell", i, j), cell, table.cells[i][j]) for j, cell in enumerate(row)]
    hidden += [(("row", i), cell, table.row_totals[i]) for i, cell in enumerate(shown.row_totals)]
    hidden += [(("column", j), cell, table.column_totals[j]) for j, cell in enumerate(shown.column_totals)]
    hidden.append((("grand",), shown.grand_total, table.grand_total))
    pinned = []
    for key, cell, true in hidden:
        if not cell.is_suppressed:
            continue
        domain = _domain(cell, k, true + 2 * k)
        alternatives = []
        for value in [true + 1, true - 1, true + 2, true - 2, *range(0, true + 2 * k)]:
            if value != true and value in domain and value not in alternatives:
                alternatives.append(value)
        if not _some_alternative_fits(shown, key, alternatives, table):
            pinned.append(key)
    return pinned


def _some_alternative_fits(shown: SuppressedTable, key: tuple, alternatives: list[int], table: CountTable) -> bool:
    undecided = list(alternatives)
    for budget in (200, 5_000, 100_000, None):
        for value in list(undecided):
            try:
                if _fits(shown, {key: value}, table, budget):
                    return True
                undecided.remove(value)
            except OutOfBudget:
                continue
    return False


def displayed_numbers(shown: SuppressedTable) -> list[int]:
    cells = [cell for row in shown.cells for cell in row]
    everything = [*cells, *shown.row_totals, *shown.column_totals, shown.grand_total]
    return [cell.value for cell in everything if not cell.is_suppressed]


def assert_safe(table: CountTable, k: int) -> SuppressedTable:
    shown = suppress(table, k)
    assert all(value >= k for value in displayed_numbers(shown)), "a number under k is displayed"
    assert _fits(shown, {}, table), "the true table must fit its own display"
    assert revealed(shown, table) == []
    return shown


def test_a_tiny_table_that_cannot_be_protected_is_withheld_whole():
    """Rows of 3 with k = 3: every number hidden still leaves "< 3" and "≥ 3" pinning them all."""
    table = CountTable(
        rows=("a", "b"),
        columns=("x", "y"),
        cells=((1, 2), (1, 2)),
        row_totals=(3, 3),
        column_totals=(2, 4),
        grand_total=6,
    )
    shown = assert_safe(table, 3)
    assert shown.is_withheld
    everything = [*shown.cells[0], *shown.cells[1], *shown.row_totals, *shown.column_totals, shown.grand_total]
    assert {cell.label for cell in everything} == {WITHHELD_LABEL}
    assert all(cell.value is None for cell in everything)


@st.composite
def count_tables(draw) -> CountTable:
    n_rows = draw(st.integers(1, 4))
    n_columns = draw(st.integers(1, 4))
    is_additive = draw(st.booleans())
    counts = st.one_of(st.integers(0, 15), st.integers(0, 6))
    cells = [[draw(counts) for _ in range(n_columns)] for _ in range(n_rows)]
    if is_additive:
        row_totals = [sum(row) for row in cells]
    else:
        row_totals = [draw(st.integers(max(row), sum(row))) for row in cells]
    return CountTable(
        rows=tuple(f"r{i}" for i in range(n_rows)),
        columns=tuple(f"c{j}" for j in range(n_columns)),
        cells=tuple(map(tuple, cells)),
        row_totals=tuple(row_totals),
        column_totals=tuple(sum(row[j] for row in cells) for j in range(n_columns)),
        grand_total=sum(row_totals),
        is_additive=is_additive,
    )


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=count_tables(), k=st.integers(3, 6))
def test_no_displayed_number_reveals_a_hidden_one(table, k):
    assert_safe(table, k)


def single_row(*counts: int, k: int = 5) -> SuppressedTable:
    table = CountTable.from_counts(
        [{"choice": f"c{j}", "n": n} for j, n in enumerate(counts)],
        columns=[f"c{j}" for j in range(len(counts))],
        row_field=None,
    )
    return assert_safe(table, k)


def labels(cells) -> list[str]:
    return [cell.label for cell in cells]


def test_one_small_cell_in_a_row_hides_a_second_cell_not_the_total():
    shown = single_row(12, 3, 20)
    assert labels(shown.cells[0]) == ["≥ 5", "< 5", "20"]
    assert shown.row_totals[0].value == 35
    assert shown.grand_total.value == 35


def test_two_small_cells_adding_up_to_zero_are_not_enough():
    shown = single_row(0, 0, 9, 30)
    assert labels(shown.cells[0])[:2] == ["< 5", "< 5"]
    assert shown.cells[0][2].is_suppressed, "0 + 0 would pin both zeros"


def test_two_small_cells_at_k_minus_one_are_not_enough():
    shown = single_row(4, 4, 9, 30)
    assert shown.cells[0][2].is_suppressed, "4 + 4 = 2 × (k − 1) would pin both"


def test_a_partner_of_exactly_k_cannot_protect_a_zero():
    shown = single_row(0, 5, 30, 40)
    hidden = [cell.is_suppressed for cell in shown.cells[0]]
    assert hidden[0]
    assert sum(hidden) >= 3 or not hidden[1], "0 + 5 with the 5 shown as ≥ 5 pins both"


def test_small_cells_are_labelled_under_k_and_have_no_value():
    cell = single_row(2, 10, 11, k=5).cells[0][0]
    assert (cell.value, cell.label, cell.is_suppressed, cell.is_small) == (None, "< 5", True, True)
    assert str(cell) == "< 5"


def test_a_raised_k_hides_more():
    assert labels(single_row(6, 7, 30, k=8).cells[0])[:2] == ["< 8", "< 8"]


def test_a_row_total_under_k_is_hidden_with_its_cells_and_another_row_total():
    table = CountTable.from_counts(
        [
            {"row": "64.71.01", "choice": "A", "n": 1},
            {"row": "64.71.01", "choice": "B", "n": 2},
            {"row": "64.71.02", "choice": "A", "n": 10},
            {"row": "64.71.02", "choice": "B", "n": 12},
            {"row": "64.71.03", "choice": "A", "n": 14},
            {"row": "64.71.03", "choice": "B", "n": 20},
        ],
        rows=["64.71.01", "64.71.02", "64.71.03"],
        columns=["A", "B"],
    )
    shown = assert_safe(table, 5)
    assert shown.row_totals[0].label == "< 5"
    assert labels(shown.cells[0]) == ["< 5", "< 5"]
    assert sum(total.is_suppressed for total in shown.row_totals) + shown.grand_total.is_suppressed >= 2


def test_a_grand_total_under_k_hides_everything():
    shown = single_row(1, 2, 0)
    assert shown.grand_total.label == "< 5"
    assert all(cell.is_suppressed for cell in (*shown.cells[0], *shown.row_totals, *shown.column_totals))


def test_a_table_without_small_numbers_is_shown_whole():
    shown = single_row(10, 20, 30)
    assert not shown.has_suppression
    assert [cell.value for cell in shown.cells[0]] == [10, 20, 30]


def test_multiple_choice_rows_keep_their_totals_and_are_protected_conservatively():
    table = CountTable(
        rows=("SD", "SMP"),
        columns=("ejek", "pukul", "daring"),
        cells=((3, 12, 9), (11, 14, 2)),
        row_totals=(15, 20),
        column_totals=(14, 26, 11),
        grand_total=35,
        is_additive=False,
    )
    shown = assert_safe(table, 5)
    assert labels(shown.cells[0])[0] == "< 5"
    assert labels(shown.cells[1])[2] == "< 5"


def test_a_multiple_choice_row_of_zeros_is_protected():
    table = CountTable(
        rows=("a", "b", "c"),
        columns=("x", "y"),
        cells=((0, 0), (9, 8), (12, 6)),
        row_totals=(0, 10, 15),
        column_totals=(21, 14),
        grand_total=25,
        is_additive=False,
    )
    assert_safe(table, 5)


def test_from_counts_reads_a_group_by_query_and_fills_missing_cells_with_zero():
    table = CountTable.from_counts(
        [{"row": "64.71.01", "choice": "A", "n": 12}, {"row": "64.71.02", "choice": "B", "n": 7}],
        rows=["64.71.01", "64.71.02"],
        columns=["A", "B"],
        row_labels=["Balikpapan Selatan", "Balikpapan Kota"],
    )
    assert table.cells == ((12, 0), (0, 7))
    assert table.row_totals == (12, 7)
    assert table.column_totals == (12, 7)
    assert table.grand_total == 19
    assert table.row_labels == ("Balikpapan Selatan", "Balikpapan Kota")
    assert table.column_labels == ("A", "B")


def test_from_counts_of_a_multiple_choice_question_needs_respondents_per_row():
    with pytest.raises(ValueError):
        CountTable.from_counts([{"choice": "A", "n": 3}], columns=["A"], row_field=None, is_additive=False)
    table = CountTable.from_counts(
        [{"choice": "A", "n": 7}, {"choice": "B", "n": 6}],
        columns=["A", "B"],
        row_field=None,
        is_additive=False,
        row_totals={"all": 10},
    )
    assert (table.row_totals, table.grand_total) == ((10,), 10)


def test_from_counts_refuses_an_unknown_choice():
    with pytest.raises(ValueError):
        CountTable.from_counts([{"choice": "Z", "n": 3}], columns=["A"], row_field=None)


def test_a_table_whose_numbers_do_not_add_up_is_refused():
    with pytest.raises(ValueError):
        CountTable(rows=("a",), columns=("x",), cells=((3,),), row_totals=(4,), column_totals=(3,), grand_total=4)


@pytest.mark.parametrize(("given", "expected"), [(None, 5), (3, 3), (5, 5), (10, 10)])
def test_validate_k_defaults_to_five_and_accepts_raised_values(given, expected):
    assert validate_k(given) == expected


@pytest.mark.parametrize("given", [2, 0, -5])
def test_validate_k_refuses_anything_below_three_in_indonesian(given):
    with pytest.raises(ValueError, match="tidak boleh kurang dari 3"):
        validate_k(given)


@pytest.mark.parametrize("given", ["5", 4.5, True])
def test_validate_k_refuses_what_is_not_a_whole_number(given):
    with pytest.raises(ValueError, match="bilangan bulat"):
        validate_k(given)


def test_suppress_refuses_a_k_below_three():
    with pytest.raises(ValueError):
        suppress(CountTable.from_counts([], columns=["A"], row_field=None), 2)


def test_the_checker_finds_a_cell_that_its_row_total_reveals(monkeypatch):
    """The brute-force checker is only worth something if it can fail: hide the small cell alone."""
    from surveys.results import suppression as aggregates

    monkeypatch.setattr(aggregates._Protection, "run", lambda self: self.hidden)
    table = CountTable.from_counts(
        [{"choice": "a", "n": 12}, {"choice": "b", "n": 3}], columns=["a", "b"], row_field=None
    )
    shown = suppress(table, 5)
    assert revealed(shown, table) == [("cell", 0, 1), ("column", 1)]


def test_a_school_and_the_rest_of_the_city_are_suppressed_as_one_table():
    school = CountTable.from_counts(
        [{"choice": "ya", "n": 9}, {"choice": "tidak", "n": 30}], columns=["ya", "tidak"], row_field=None
    )
    city = CountTable.from_counts(
        [{"choice": "ya", "n": 12}, {"choice": "tidak", "n": 200}], columns=["ya", "tidak"], row_field=None
    )
    table = CountTable.part_and_rest(
        school, city, part_key="sekolah", rest_key="lainnya", part_label="SD Uji Coba", rest_label="Sekolah lain"
    )
    assert table.cells == ((9, 30), (3, 170))
    assert (table.row_totals, table.column_totals, table.grand_total) == ((39, 173), (12, 200), 212)
    shown = assert_safe(table, 5)
    assert shown.cells[1][0].label == "< 5"
    assert shown.cells[0][0].is_suppressed, "the school's 9 would give the rest's 3 from the city's 12"


def test_part_and_rest_refuses_tables_of_different_choices():
    one = CountTable.from_counts([{"choice": "a", "n": 1}], columns=["a"], row_field=None)
    other = CountTable.from_counts([{"choice": "b", "n": 1}], columns=["b"], row_field=None)
    with pytest.raises(ValueError):
        CountTable.part_and_rest(one, other, part_key="p", rest_key="r")
