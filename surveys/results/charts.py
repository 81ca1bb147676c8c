"""Plotly figures of suppressed aggregate tables: pure functions, no ORM, no request.

Each builder takes a :class:`.suppression.SuppressedTable` (never raw counts, so a chart cannot show what
the table hides) and the words the reader sees, and returns a figure dict for ``{{ figure|json_script }}``.
A hidden number is left out of the chart, not drawn as zero; the table beside the chart says "< k" for it.
Percentages are of the respondents of the same row (or of everyone, for the city), and only when that total
is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import plotly.graph_objects as go
from django.utils.formats import get_format

from surveys.results.suppression import SuppressedCell, SuppressedTable

Figure = dict[str, Any]

#: Okabe–Ito: told apart by readers with colour-blindness, and in greyscale print.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: From "strongly disagree" to "strongly agree"; the middle one is neutral.
LIKERT_COLOURS = ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac", "#053061")
NOT_SAYING_COLOUR = "#9e9e9e"
CATEGORIES = {"type": "category"}
CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}
#: Plotly checks every property it is given, which costs most of a dashboard's time (about 30 ms a chart). The
#: builders pass fixed property names, so production skips the check; tests build every chart both ways and
#: compare (tests/results/test_charts.py).
VALIDATE = False


@dataclass(frozen=True)
class Chart:
    """One chart and the table of the same numbers, as ``components/chart.html`` renders them.

    ``id`` must be unique on the page; ``caption`` names what is counted, for which period and area;
    ``row_heading`` heads the column of row labels (e.g. "Kecamatan"); ``title`` is the question's text.
    """

    id: str
    figure: Figure
    table: SuppressedTable
    caption: str
    row_heading: str = ""
    title: str = ""

    @property
    def figure_id(self) -> str:
        return f"{self.id}-figure"

    @cached_property
    def bars(self) -> Bars:
        """The same numbers as bars the server draws, for pages that must stay light on a phone (``/hasil/``)."""
        return drawn_bars(self.table)


@dataclass(frozen=True)
class Bar:
    """One coloured stretch of a bar, ``start`` and ``width`` in percent of the bar's length."""

    label: str
    colour: str
    start: float
    width: float

    @property
    def x(self) -> str:
        """``start`` as SVG writes it: a dot for decimals whatever the page's language."""
        return f"{self.start:.2f}"

    @property
    def length(self) -> str:
        return f"{self.width:.2f}"


@dataclass(frozen=True)
class BarRow:
    """One line of a server-drawn chart: a choice (one group), its number and share; or a group, its number of
    respondents and each choice's number (``cells``, labelled, so a table can name every number on a phone)."""

    label: str
    bars: tuple[Bar, ...]
    cell: SuppressedCell
    share: float | None = None
    cells: tuple[tuple[str, SuppressedCell], ...] = ()


@dataclass(frozen=True)
class Bars:
    """A chart drawn as SVG by the server, with every word in HTML beside it, so that on a narrow phone a title,
    a label or a legend wraps instead of being cut, and no chart library is downloaded.

    With ``legend`` each row is one group's answers stacked to 100% (when one child gives one answer) or one bar
    per choice (when ``is_stacked`` is false); without it each row is one choice of the only group.
    """

    rows: tuple[BarRow, ...]
    legend: tuple[tuple[str, str], ...] = ()
    is_stacked: bool = True
    totals: tuple[tuple[str, SuppressedCell], ...] = ()


def drawn_bars(table: SuppressedTable) -> Bars:
    """Bars of the shares of a suppressed table; a hidden number draws nothing (the table beside says "< k").

    One row: a bar per choice, as long as its share of the respondents. Several rows: per row, each choice's
    share of that row's respondents, in the legend's colours.
    """
    if len(table.rows) == 1:
        shown = table.body[0]
        rows = []
        for label, cell in zip(table.column_labels, shown.cells, strict=True):
            share = _percent(cell, shown.total)
            drawn = (Bar(label, COLOURS[0], 0.0, share),) if share else ()
            rows.append(BarRow(label, drawn, cell, share))
        return Bars(rows=tuple(rows))
    colours = [COLOURS[j % len(COLOURS)] for j in range(len(table.columns))]
    rows = []
    for shown in table.body:
        start, drawn = 0.0, []
        for label, colour, cell in zip(table.column_labels, colours, shown.cells, strict=True):
            share = _percent(cell, shown.total)
            if share:
                drawn.append(Bar(label, colour, start if table.is_additive else 0.0, share))
                start += share
        cells = tuple(zip(table.column_labels, shown.cells, strict=True))
        rows.append(BarRow(shown.label, tuple(drawn), shown.total, cells=cells))
    legend = tuple(zip(table.column_labels, colours, strict=True))
    totals = tuple(zip(table.column_labels, table.column_totals, strict=True))
    return Bars(rows=tuple(rows), legend=legend, is_stacked=table.is_additive, totals=totals)


def distribution_chart(
    table: SuppressedTable, *, title: str, x_title: str, y_title: str, row: str | None = None
) -> Figure:
    """How many respondents chose each choice, for one row of the table (its only row by default)."""
    shown = table.row(row) if row is not None else table.body[0]
    labels, counts = _visible(table.column_labels, shown.cells)
    bar = go.Bar(
        _validate=VALIDATE,
        x=labels,
        y=counts,
        text=counts,
        textposition="auto",
        marker_color=COLOURS[0],
        name=shown.label,
    )
    return _figure([bar], title=title, x_title=x_title, y_title=y_title, show_legend=False, xaxis=CATEGORIES)


def likert_chart(
    table: SuppressedTable,
    *,
    title: str,
    x_title: str,
    y_title: str,
    order: Sequence[str] | None = None,
    last: Sequence[str] = (),
) -> Figure:
    """One horizontal bar per row (an item or a group) stacked to 100%, categories in their scale's order.

    ``order`` lists the column keys from one end of the scale to the other (the table's order by default);
    the keys in ``last`` (e.g. "prefer not to say") are drawn after the scale, in grey.
    """
    keys = [key for key in (order or table.columns) if key not in last] + [key for key in last]
    scale_colours = _spread(LIKERT_COLOURS, len(keys) - len(last))
    traces = []
    for position, key in enumerate(keys):
        j = table.columns.index(key)
        names, shares = [], []
        for shown in table.body:
            share = _percent(shown.cells[j], shown.total)
            if share is not None:
                names.append(shown.label)
                shares.append(share)
        colour = NOT_SAYING_COLOUR if key in last else scale_colours[position]
        traces.append(
            go.Bar(
                _validate=VALIDATE,
                x=shares,
                y=names,
                name=table.column_labels[j],
                orientation="h",
                marker_color=colour,
                hovertemplate="%{y}: %{x:.1f}%<extra>%{fullData.name}</extra>",
            )
        )
    return _figure(
        traces,
        title=title,
        x_title=x_title,
        y_title=y_title,
        barmode="stack",
        xaxis={"range": [0, 100], "ticksuffix": "%"},
        yaxis={"autorange": "reversed"},
    )


def breakdown_chart(
    table: SuppressedTable, *, title: str, x_title: str, y_title: str, as_percent: bool = False
) -> Figure:
    """Choices side by side for each group (kecamatan, age band, sex): one bar colour per choice."""
    traces = []
    for j, choice in enumerate(table.column_labels):
        groups, values = [], []
        for shown in table.body:
            value = _percent(shown.cells[j], shown.total) if as_percent else shown.cells[j].value
            if value is not None:
                groups.append(shown.label)
                values.append(value)
        traces.append(
            go.Bar(_validate=VALIDATE, x=groups, y=values, name=choice, marker_color=COLOURS[j % len(COLOURS)])
        )
    yaxis = {"ticksuffix": "%"} if as_percent else {}
    return _figure(
        traces, title=title, x_title=x_title, y_title=y_title, barmode="group", xaxis=CATEGORIES, yaxis=yaxis
    )


def trend_chart(
    table: SuppressedTable, *, title: str, x_title: str, y_title: str, as_percent: bool = True, as_lines: bool = True
) -> Figure:
    """Each choice across survey rounds; the table's rows are the rounds, oldest first."""
    traces = []
    for j, choice in enumerate(table.column_labels):
        rounds, values = [], []
        for shown in table.body:
            value = _percent(shown.cells[j], shown.total) if as_percent else shown.cells[j].value
            if value is not None:
                rounds.append(shown.label)
                values.append(value)
        colour = COLOURS[j % len(COLOURS)]
        if as_lines:
            traces.append(
                go.Scatter(_validate=VALIDATE, x=rounds, y=values, name=choice, mode="lines+markers", line_color=colour)
            )
        else:
            traces.append(go.Bar(_validate=VALIDATE, x=rounds, y=values, name=choice, marker_color=colour))
    yaxis = {"ticksuffix": "%", "rangemode": "tozero"} if as_percent else {"rangemode": "tozero"}
    return _figure(
        traces, title=title, x_title=x_title, y_title=y_title, barmode="group", xaxis=CATEGORIES, yaxis=yaxis
    )


def school_versus_city_chart(
    table: SuppressedTable,
    *,
    title: str,
    x_title: str,
    y_title: str,
    school_row: str,
    school_name: str,
    city_name: str,
) -> Figure:
    """Two bars per choice: the school's share of its respondents beside the city's share of all respondents.

    ``table`` must hold the school as one row and the rest of the city as the other rows, suppressed together
    (``CountTable.part_and_rest``), so that the city's numbers minus the school's cannot reveal a small group.
    """
    school = table.row(school_row)
    school_labels, school_shares = [], []
    city_labels, city_shares = [], []
    for j, choice in enumerate(table.column_labels):
        share = _percent(school.cells[j], school.total)
        if share is not None:
            school_labels.append(choice)
            school_shares.append(share)
        share = _percent(table.column_totals[j], table.grand_total)
        if share is not None:
            city_labels.append(choice)
            city_shares.append(share)
    traces = [
        go.Bar(_validate=VALIDATE, x=school_labels, y=school_shares, name=school_name, marker_color=COLOURS[0]),
        go.Bar(_validate=VALIDATE, x=city_labels, y=city_shares, name=city_name, marker_color=COLOURS[1]),
    ]
    return _figure(
        traces,
        title=title,
        x_title=x_title,
        y_title=y_title,
        barmode="group",
        xaxis={**CATEGORIES, "categoryorder": "array", "categoryarray": list(table.column_labels)},
        yaxis={"ticksuffix": "%"},
    )


def _visible(labels: Sequence[str], cells: Sequence[SuppressedCell]) -> tuple[list[str], list[int]]:
    pairs = [(label, cell.value) for label, cell in zip(labels, cells, strict=True) if cell.value is not None]
    return [label for label, _value in pairs], [value for _label, value in pairs]


def _percent(part: SuppressedCell, whole: SuppressedCell) -> float | None:
    if part.value is None or not whole.value:
        return None
    return round(100 * part.value / whole.value, 1)


def _spread(colours: Sequence[str], count: int) -> list[str]:
    """``count`` colours taken evenly from a diverging scale, keeping both ends."""
    if count <= 1:
        return list(colours[-1:]) * count
    step = (len(colours) - 1) / (count - 1)
    return [colours[round(index * step)] for index in range(count)]


def _figure(
    traces: list[go.BaseTraceType],
    *,
    title: str,
    x_title: str,
    y_title: str,
    show_legend: bool = True,
    barmode: str | None = None,
    xaxis: dict | None = None,
    yaxis: dict | None = None,
) -> Figure:
    """The shared look: readable on a 360 px phone, legend under the plot, the active language's number separators."""
    layout = go.Layout(
        _validate=VALIDATE,
        template="none",
        title={"text": str(title), "x": 0, "xanchor": "left", "font": {"size": 16}},
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13},
        separators=f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}",
        autosize=True,
        height=380,
        margin={"l": 8, "r": 8, "t": 48, "b": 8, "pad": 2},
        showlegend=show_legend,
        legend={"orientation": "h", "x": 0, "y": -0.25, "yanchor": "top"},
        barmode=barmode,
        xaxis={"title": {"text": str(x_title)}, "automargin": True, **(xaxis or {})},
        yaxis={"title": {"text": str(y_title)}, "automargin": True, **(yaxis or {})},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
    )
    figure = go.Figure(data=traces, layout=layout, _validate=VALIDATE).to_plotly_json()
    figure["config"] = dict(CONFIG)
    return figure
