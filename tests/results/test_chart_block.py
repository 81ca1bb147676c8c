from cms.blocks import ChartBlock


def render(survey, code: str) -> str:
    block = ChartBlock()
    return block.render(block.to_python({"survey_page": survey.pk, "question_code": code, "caption": "Grafik uji"}))


def test_the_campaign_chart_block_draws_a_published_question_with_its_table(survey, answer_survey):
    answer_survey(survey, 12, {"bullied": "no", "safe_school": "4"})
    answer_survey(survey, 2, {"bullied": "yes", "safe_school": "1"})
    survey.published_results = ["bullied"]
    survey.save()
    html = render(survey, "bullied")
    assert 'type="application/json"' in html and "chart__table" in html
    assert "&lt; 5" in html or "< 5" in html, "two children who said yes are hidden"
    assert "plotly-basic.min.js" in html
    assert "Grafik uji" in html


def test_the_chart_block_shows_nothing_of_an_unpublished_question(survey, answer_survey):
    answer_survey(survey, 12, {"bullied": "no", "safe_school": "4"})
    html = render(survey, "safe_school")
    assert "chart__table" not in html
    assert "belum dipublikasikan" in html
