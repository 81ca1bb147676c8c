"""A filtered view pinned to the unfiltered display: together, the two displays reveal no hidden number.

The adversary here knows both displays (the unfiltered page and the filtered one) and tries every table of
counts that fits them; every hidden number must still have at least two possible values.
"""

import functools
import itertools

from hypothesis import example, given, settings
from hypothesis import strategies as st

from surveys.results import suppression
from surveys.results.suppression import WITHHELD_LABEL, CountTable

#: The complementary suppression is checked on the exact numbers it leaves shown; the rounding of those numbers,
#: which guards against subtracting views, is checked in test_many_queries.
suppress = functools.partial(suppression.suppress, rounding=False)

K = 3
CAP = 9
#: Candidate tables may hold more than the generated numbers: a "≥ k" number has no upper bound.
SEARCH = 2 * CAP + 2


def fits(cell, value: int) -> bool:
    if not cell.is_suppressed:
        return cell.value == value
    if cell.label == WITHHELD_LABEL:
        return True
    if cell.label == f"< {K}":
        return value < K
    return value >= K


def candidates(view, whole):
    for a, b, c, d in itertools.product(range(SEARCH + 1), repeat=4):
        cells = ((a, b), (c, d))
        rows = (a + b, c + d)
        columns = (a + c, b + d)
        grand = sum(rows)
        if not all(fits(view.cells[i][j], cells[i][j]) for i in range(2) for j in range(2)):
            continue
        if not all(fits(view.row_totals[i], rows[i]) for i in range(2)):
            continue
        if not all(fits(view.column_totals[j], columns[j]) for j in range(2)) or not fits(view.grand_total, grand):
            continue
        if not all(fits(whole.cells[0][j], columns[j]) and fits(whole.column_totals[j], columns[j]) for j in range(2)):
            continue
        if not (fits(whole.row_totals[0], grand) and fits(whole.grand_total, grand)):
            continue
        yield cells


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, CAP), min_size=4, max_size=4))
@example([0, 2, 2, 9])
def test_a_filtered_view_and_the_unfiltered_one_together_reveal_no_small_cell(values):
    a, b, c, d = values
    view = CountTable.from_counts(
        [
            {"row": "part", "choice": "x", "n": a},
            {"row": "part", "choice": "y", "n": b},
            {"row": "rest", "choice": "x", "n": c},
            {"row": "rest", "choice": "y", "n": d},
        ],
        columns=["x", "y"],
        rows=["part", "rest"],
    )
    whole = CountTable.from_counts(
        [{"choice": "x", "n": a + c}, {"choice": "y", "n": b + d}], columns=["x", "y"], row_field=None
    )
    shown_whole = suppress(whole, K)
    shown_view = suppress(view, K, known=shown_whole)
    possible = list(candidates(shown_view, shown_whole))
    assert ((a, b), (c, d)) in possible
    for i, j in itertools.product(range(2), range(2)):
        if shown_view.cells[i][j].is_small:
            assert len({cells[i][j] for cells in possible}) >= 2, (values, i, j)
