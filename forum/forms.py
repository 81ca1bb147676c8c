"""The children's input form. It asks for nothing that identifies a child and keeps what was typed on error."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cms.vocabulary import AgeBand, FeltHeard, HeardReason

INPUT_MAX_LENGTH = 1000
HONEYPOT_FIELD = "website"


class InputForm(forms.Form):
    text = forms.CharField(
        label=_("Masukanmu"),
        max_length=INPUT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Jangan tulis nama, nomor HP, atau alamat."),
        error_messages={
            "required": _("Tulis dulu masukanmu."),
            "max_length": _("Masukanmu terlalu panjang: paling banyak %(limit_value)d huruf, sekarang %(show_value)d."),
        },
    )
    age_band = forms.ChoiceField(
        label=_("Umurmu (boleh tidak diisi)"),
        choices=[("", _("Tidak ingin menyebutkan"))] + AgeBand.choices,
        required=False,
    )
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahanmu (boleh tidak diisi)"),
        queryset=None,
        required=False,
        empty_label=_("Tidak ingin menyebutkan"),
    )
    website = forms.CharField(
        label=_("Jangan isi kolom ini"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, kelurahan: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = kelurahan

    def clean(self) -> dict:
        """A filled honeypot means a bot; the form is refused as a whole and shows why, keeping the text."""
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                _("Masukan belum terkirim. Kosongkan kolom “Jangan isi kolom ini”, lalu kirim lagi."),
                code="honeypot",
            )
        return cleaned


class TrackingCodeForm(forms.Form):
    """The kode jejak a child typed; case, spaces, dashes and look-alike characters are forgiven later."""

    kode = forms.CharField(
        label=_("Kode jejakmu"),
        max_length=40,
        help_text=_("12 huruf dan angka, seperti ABCD-1234-EFGH. Huruf besar atau kecil sama saja."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": _("Tulis dulu kode jejakmu."), "max_length": _("Kode jejak terlalu panjang.")},
    )


class HeardQuestionForm(forms.Form):
    """ "Apakah suaramu didengar?": the one standard question, the same whether a child reaches it with her kode
    jejak or in class with a class code."""

    felt_heard = forms.ChoiceField(
        label=_("Apakah suaramu didengar?"),
        choices=FeltHeard.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih salah satu jawaban.")},
    )
    why = forms.ChoiceField(
        label=_("Mengapa?"),
        choices=HeardReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih alasanmu.")},
    )


class HeardForm(HeardQuestionForm, TrackingCodeForm):
    """The standard question answered through a kode jejak, which travels along hidden."""

    kode = forms.CharField(widget=forms.HiddenInput, max_length=40)
