from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.formats import number_format
from django.utils.translation import get_language
from wagtail.models import Page, Site

from cms import chrome

register = template.Library()


def host(request) -> str:
    return request.get_host() if request is not None else ""


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[LanguageLink]:
    """Links to this page in every site language: the page's translation when it has one, else the same URL."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translated_urls: dict[str, str] = {}
    if isinstance(page, Page) and page.pk:

        def urls() -> dict[str, str]:
            found = {}
            for translation in page.get_translations(inclusive=True).live().select_related("locale"):
                url = translation.get_url(request=request)
                if url:
                    found[translation.locale.language_code] = url
            return found

        translated_urls = chrome.cached(request, "translations", (page.pk, host(request)), urls)
    path = request.get_full_path() if request else "/"
    return [
        LanguageLink(
            code=code,
            name=name,
            url=translated_urls.get(code) or translate_url(path, code),
            is_current=code == current,
        )
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def help_lines(context: template.Context) -> list:
    """The help lines for the help strip; never empty (SAPA 129 when the site has none configured)."""
    from cms.models import HelpLineSettings

    request = context.get("request")
    return chrome.cached(request, "help-lines", (host(request),), lambda: HelpLineSettings.lines_for_request(request))


@register.simple_tag
def emergency_numbers() -> tuple:
    """The national emergency numbers (112, 110), for the screens a child in danger may open."""
    from cms.models import EMERGENCY_NUMBERS

    return EMERGENCY_NUMBERS


@dataclass(frozen=True)
class MenuLink:
    pk: int
    title: str
    url: str


@register.simple_tag(takes_context=True)
def menu_pages(context: template.Context) -> list[MenuLink]:
    """The site's sections marked "show in menus", in the visitor's language."""
    request = context.get("request")

    def links() -> list[MenuLink]:
        site = Site.find_for_request(request) if request else None
        if site is None:
            return []
        pages = site.root_page.localized.get_children().live().public().in_menu().specific()
        return [MenuLink(pk=page.pk, title=page.title, url=page.get_url(request=request) or "") for page in pages]

    return chrome.cached(request, "menu", (host(request), get_language()), links)


@register.filter
def count(cell) -> str:
    """A number as the page's language writes it ("1.234" in Indonesian, "1,234" in English).

    Takes a plain number or a :class:`~surveys.results.suppression.SuppressedCell`; a hidden cell shows its label ("< 5").
    """
    value = getattr(cell, "value", cell)
    if value is None:
        return getattr(cell, "label", "")
    return number_format(value, force_grouping=True)


@register.filter
def percent(value) -> str:
    """A share with one decimal in the page's language ("1,6 %" / "1.6 %")."""
    return f"{number_format(value, decimal_pos=1, force_grouping=True)} %"
