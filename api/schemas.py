"""The shapes the API answers with. Every count is a suppressed cell: a number, or ``null`` with the label saying
why it is hidden ("< 5", "≥ 5", "x"); no shape has room for a single child's answer."""

from __future__ import annotations

import datetime

from ninja import Schema

from surveys.results.suppression import SuppressedCell, SuppressedTable


class Cell(Schema):
    value: int | None
    label: str
    is_suppressed: bool
    is_small: bool

    @classmethod
    def of(cls, cell: SuppressedCell) -> Cell:
        return cls(value=cell.value, label=str(cell.label), is_suppressed=cell.is_suppressed, is_small=cell.is_small)


class Column(Schema):
    code: str
    label: str


class Row(Schema):
    key: str
    label: str
    cells: list[Cell]
    total: Cell


class Table(Schema):
    k: int
    columns: list[Column]
    rows: list[Row]
    column_totals: list[Cell]
    grand_total: Cell
    has_suppression: bool
    is_withheld: bool

    @classmethod
    def of(cls, table: SuppressedTable) -> Table:
        return cls(
            k=table.k,
            columns=[
                Column(code=code, label=str(label))
                for code, label in zip(table.columns, table.column_labels, strict=True)
            ],
            rows=[
                Row(key=row.key, label=str(row.label), cells=[Cell.of(c) for c in row.cells], total=Cell.of(row.total))
                for row in table.body
            ],
            column_totals=[Cell.of(cell) for cell in table.column_totals],
            grand_total=Cell.of(table.grand_total),
            has_suppression=table.has_suppression,
            is_withheld=table.is_withheld,
        )


class Choice(Schema):
    code: str
    label: str


class Question(Schema):
    code: str
    type: str
    label: str
    choices: list[Choice]
    has_public_results: bool


class Survey(Schema):
    id: int
    title: str
    url: str
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    k: int
    has_public_results: bool
    open_data_url: str | None


class SurveyDetail(Survey):
    questions: list[Question]


class QuestionResult(Schema):
    code: str
    label: str
    caption: str
    table: Table


class Results(Schema):
    survey: Survey
    period: str
    filters: str
    breakdown: str | None
    rule: str
    respondents: Table
    blank: Cell
    questions: list[QuestionResult]


class Indicator(Schema):
    id: int
    formula: str
    name: str
    cluster: str
    period_start: datetime.date
    period_end: datetime.date
    area: str
    numerator: Cell
    denominator: int | None
    rate: float | None
    respondents: Cell | None
    method: str


class Indicators(Schema):
    period_start: datetime.date
    period_end: datetime.date
    area: str
    rule: str
    indicators: list[Indicator]


class Theme(Schema):
    code: str
    name: str


class Campaign(Schema):
    id: int
    title: str
    url: str
    theme: Theme
    start_date: datetime.date
    end_date: datetime.date | None
    goal: str


class Summary(Schema):
    text: str
    delivered_on: datetime.date
    delivered_to: str


class Answer(Schema):
    decision: str
    decision_label: str
    reasons: str
    next_steps: str
    answered_on: datetime.date


class Consultation(Schema):
    id: int
    title: str
    url: str
    subject_name: str
    subject_type: str
    agency: str
    question: str
    opens_on: datetime.date
    closes_on: datetime.date
    target_kecamatan: str | None
    summary: Summary | None
    answer: Answer | None


class Error(Schema):
    detail: str | dict | list


class TokenOwner(Schema):
    token: str
    name: str
    username: str
