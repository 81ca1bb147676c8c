from http import HTTPStatus

from wagtail.models import PageLogEntry

from cms.roles import Role


def test_publishing_a_survey_is_in_the_audit_log_administrators_read(client, survey, make_user):
    revision = survey.save_revision(user=make_user(Role.FACILITATOR, email="penerbit@example.test"))
    revision.publish(user=revision.user)
    entry = PageLogEntry.objects.filter(page=survey, action="wagtail.publish").latest("timestamp")
    assert entry.user.email == "penerbit@example.test"
    client.force_login(make_user(superuser=True, email="admin@example.test"))
    history = client.get("/admin/reports/site-history/")
    assert history.status_code == HTTPStatus.OK
    assert survey.title in history.content.decode()
