"""StreamField blocks for campaigns, stories and help pages.

Every page body is a :class:`BaseStreamBlock`, so an editor meets the same blocks everywhere. Each block
names its own template under ``templates/blocks/`` and gives a preview, so the admin's block picker shows
what the block looks like before a facilitator (or a child editor) chooses it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from cms.vocabulary import AgeBand

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


class ChildQuoteValue(blocks.StructValue):
    def age_band_label(self) -> str:
        return dict(AgeBand.choices).get(self.get("age_band"), "")


class HeadingBlock(blocks.StructBlock):
    heading_text = blocks.CharBlock(label=_("judul"), max_length=120)
    size = blocks.ChoiceBlock(
        label=_("tingkat"),
        choices=[("h2", _("Judul bagian")), ("h3", _("Subjudul"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Judul")
        preview_value = {"heading_text": "Sekolah tanpa perundungan", "size": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Teks")
        preview_value = "<p>Setiap anak berhak merasa aman di sekolah, di rumah dan di jalan.</p>"


class FigureBlock(blocks.StructBlock):
    """An image with the text a screen reader speaks; the alt text is required, not optional."""

    image = ImageChooserBlock(label=_("gambar"))
    alt_text = blocks.CharBlock(
        label=_("teks alternatif"),
        max_length=200,
        help_text=_("Jelaskan isi gambar untuk yang tidak bisa melihatnya. Jangan tulis nama anak."),
    )
    caption = blocks.CharBlock(label=_("keterangan"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"
        label = _("Gambar")
        preview_value = {"alt_text": "Anak-anak bermain di taman", "caption": "Ruang bermain ramah anak"}


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("alamat video"), help_text=_("Misalnya tautan YouTube."))
    title = blocks.CharBlock(label=_("judul video"), max_length=150)
    transcript = blocks.TextBlock(
        label=_("transkrip"),
        required=False,
        help_text=_("Isi video dalam tulisan, untuk yang tidak bisa mendengar atau memutar video."),
    )

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        label = _("Video")
        preview_value = {"title": "Apa itu perundungan?", "transcript": "Perundungan adalah …"}


class ChildQuoteBlock(blocks.StructBlock):
    """What a child said, shown with an age band only: never a name, school or photo."""

    quote = blocks.TextBlock(label=_("kutipan"), max_length=600)
    age_band = blocks.ChoiceBlock(
        label=_("kelompok usia"),
        choices=AgeBand.choices,
        help_text=_("Hanya kelompok usia: jangan tulis nama, sekolah atau kelas anak."),
    )

    class Meta:
        icon = "openquote"
        template = "blocks/child_quote_block.html"
        label = _("Kutipan anak")
        value_class = ChildQuoteValue
        preview_value = {"quote": "Aku senang kalau teman-teman mau mendengarkan.", "age_band": "13-15"}


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("ajakan"), max_length=200)
    page = blocks.PageChooserBlock(label=_("halaman tujuan"))
    button_label = blocks.CharBlock(label=_("tulisan tombol"), max_length=60)

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        label = _("Ajakan bertindak")
        preview_value = {"text": "Ceritakan pengalamanmu di sekolah.", "button_label": "Isi survei"}


class FactCardBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("angka"), max_length=30, help_text=_("Misalnya: 1 dari 3"))
    text = blocks.CharBlock(label=_("penjelasan"), max_length=200)
    source = blocks.CharBlock(label=_("sumber"), max_length=200, required=False)

    class Meta:
        icon = "info-circle"
        template = "blocks/fact_card_block.html"
        label = _("Kartu fakta")
        preview_value = {"figure": "129", "text": "Nomor SAPA untuk melapor kekerasan pada anak.", "source": ""}


class HelpLineListBlock(blocks.StructBlock):
    """The site's help lines, read from the help-line setting at render time so numbers change in one place."""

    heading = blocks.CharBlock(label=_("judul"), max_length=120, required=False)

    class Meta:
        icon = "help"
        template = "blocks/help_line_list_block.html"
        label = _("Daftar layanan bantuan")
        preview_value = {"heading": "Kamu tidak sendiri"}


#: The Wagtail hook through which the results app draws a chart block: ``(survey_page, question_code) -> Chart | None``.
#: The site's pages sit below the results app, so they ask for the chart through a hook instead of importing it.
CHART_HOOK = "draw_published_chart"


class ChartBlock(blocks.StructBlock):
    """A chart of one survey question's results.

    It stores only which survey and which question; the chart (with small-cell suppression and a table of the
    same numbers) is drawn by the results app through :data:`CHART_HOOK`, which draws only questions a facilitator
    chose to publish.
    """

    survey_page = blocks.PageChooserBlock(label=_("halaman survei"), page_type="surveys.SurveyPage")
    question_code = blocks.CharBlock(label=_("kode pertanyaan"), max_length=50)
    caption = blocks.CharBlock(label=_("keterangan"), max_length=200, required=False)

    def get_context(self, value, parent_context=None):
        """Adds the suppressed public chart when the question is one the survey publishes, else nothing."""
        context = super().get_context(value, parent_context=parent_context)
        page = value.get("survey_page")
        charts = (draw(page.specific, value.get("question_code", "")) for draw in hooks.get_hooks(CHART_HOOK))
        context["chart"] = next((chart for chart in charts if chart is not None), None) if page else None
        return context

    class Meta:
        icon = "table"
        template = "blocks/chart_block.html"
        label = _("Grafik hasil survei")
        preview_value = {"question_code": "B1", "caption": "Pernah dirundung di sekolah (12 bulan terakhir)"}


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = FigureBlock()
    video = VideoBlock()
    child_quote = ChildQuoteBlock()
    call_to_action = CallToActionBlock()
    fact_card = FactCardBlock()
    help_lines = HelpLineListBlock()
    chart = ChartBlock()
