"""The filters the API reads: the dashboards' own form (``ResultFilterForm``), so a filter means the same in both."""

from __future__ import annotations

from surveys.results.forms import BREAKDOWN_CHOICES, ResultFilterForm

#: What anyone may filter the published questions by: period and kecamatan, by city or by kecamatan, as on the
#: public results page. A school, a kelurahan, an age band or a sex is for officials with a token.
PUBLIC_FILTERS = ("survei", "dari", "sampai", "kecamatan", "rinci")
PUBLIC_BREAKDOWNS = ("", "kecamatan")


class PublicResultFilterForm(ResultFilterForm):
    """The dashboards' filter form with only the public filters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in PUBLIC_FILTERS:
                del self.fields[name]
        self.fields["rinci"].choices = [choice for choice in BREAKDOWN_CHOICES if choice[0] in PUBLIC_BREAKDOWNS]
