from django import forms
from django.utils.translation import gettext_lazy as _

SEARCH_QUERY_MAX_LENGTH = 100


class SearchForm(forms.Form):
    """``?q=`` of the site search. A CharField refuses NUL bytes, which the database cannot search for."""

    q = forms.CharField(label=_("Cari"), required=False)

    def query(self) -> str:
        """The words to search for, cut to a length the search backend handles quickly; empty when invalid."""
        return self.cleaned_data["q"][:SEARCH_QUERY_MAX_LENGTH] if self.is_valid() else ""
