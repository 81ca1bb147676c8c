"""``refresh_results --queue``: the rollup refresh runs as a job on the worker, not in the command or a request."""

from django.core.management import call_command

from surveys.models import Response
from surveys.results.models import RollupWatermark


def test_refresh_results_with_queue_leaves_the_counting_to_the_worker(
    real_job_queue, survey, answer_survey, capsys, db
):
    answer_survey(survey, 12, {"bullied": "no"})
    call_command("refresh_results", queue=True)
    assert "queued for the job worker" in capsys.readouterr().out
    assert not RollupWatermark.objects.filter(survey_id=survey.pk, response_id__gt=0).exists()
    real_job_queue.run()
    newest = Response.objects.filter(survey=survey).order_by("-pk").first().pk
    assert RollupWatermark.objects.get(survey_id=survey.pk).response_id == newest
