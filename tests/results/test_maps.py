"""Maps by kecamatan and kelurahan drawn on the server: a tile grid from the region tree, hidden areas hatched."""

import pytest
from django.urls import reverse

from cms.models import Region, School, SchoolLevel, SchoolStatus
from cms.roles import Role
from surveys.results import maps
from surveys.results.dashboard import MEASURES
from surveys.results.suppression import rounded
from tests.results.test_glance import NOT_SAYING, answer_spread

SPREAD = {("4", "no"): 30, ("3", "no"): 14, ("2", "yes"): 6, ("1", "yes"): 8, (NOT_SAYING, NOT_SAYING): 9}


def shown_safe_percent(spread, k=5):
    """The share feeling safe ("4" or "3") as a reader works it out from the shown (rounded) numbers of an area
    answered as ``spread``: 44 of 67 children for SPREAD."""
    safe = sum(rounded(n, k) for (answer, _bullied), n in spread.items() if answer in ("4", "3"))
    return round(100 * safe / rounded(sum(spread.values()), k), 1)


@pytest.fixture
def city(survey, answer_survey, regions):
    """Every kecamatan answered by many children through a school in its first kelurahan, but the last kecamatan:
    3 children there."""
    kecamatan = list(Region.objects.kecamatan().order_by("code"))
    for region in kecamatan[:-1]:
        kelurahan = region.children.order_by("code").first()
        school = School.objects.create(
            name=f"SMP {region.name}", level=SchoolLevel.SMP, status=SchoolStatus.PUBLIC, kelurahan=kelurahan
        )
        answer_spread(answer_survey, survey, SPREAD, kecamatan=region, school=school)
    answer_survey(survey, 3, {"safe_school": "4", "bullied": "yes"}, kecamatan=kecamatan[-1])
    return survey


def test_short_names_drop_the_words_every_name_shares():
    assert maps.short_names(["Balikpapan Timur", "Balikpapan Kota"]) == ["Timur", "Kota"]
    assert maps.short_names(["Kota", "Kota Baru"]) == ["Kota", "Kota Baru"]


def test_the_kecamatan_tile_grid_has_a_tile_per_kecamatan_and_hatches_the_small_one(city):
    drawn = maps.tile_grid(city, MEASURES[0], "kecamatan")
    codes = [area.code for area in drawn.areas]
    assert codes == list(Region.objects.kecamatan().order_by("code").values_list("code", flat=True))
    last = drawn.areas[-1]
    assert last.is_hidden and last.fill == ""
    shown = [area for area in drawn.areas if not area.is_hidden]
    assert shown and all(area.fill and area.share.percent == shown_safe_percent(SPREAD) for area in shown)
    assert drawn.has_hidden


def test_kelurahan_are_hidden_all_or_nothing_per_kecamatan(city):
    drawn = maps.tile_grid(city, MEASURES[0], "kelurahan")
    assert {area.code for area in drawn.areas} == set(Region.objects.kelurahan().values_list("code", flat=True))
    by_kecamatan = {}
    for area in drawn.areas:
        by_kecamatan.setdefault(area.group, []).append(area.is_hidden)
    # Each answering kecamatan has children only in its first kelurahan: the others are empty (< k), so all hide.
    assert all(all(hidden) for hidden in by_kecamatan.values())


def test_kelurahan_show_when_every_one_of_their_kecamatan_is_shown(survey, answer_survey, regions):
    first, second, *others = list(Region.objects.kecamatan().order_by("code"))
    twice = {answers: 2 * n for answers, n in SPREAD.items()}
    for kelurahan in first.children.all():
        school = School.objects.create(
            name=f"SD {kelurahan.name}", level=SchoolLevel.SD, status=SchoolStatus.PUBLIC, kelurahan=kelurahan
        )
        answer_spread(answer_survey, survey, twice, kecamatan=first, school=school)
    # Empty kelurahan elsewhere make one more kelurahan hide with them: the cheapest, here in the second kecamatan.
    school = School.objects.create(
        name="SD Lain", level=SchoolLevel.SD, status=SchoolStatus.PUBLIC, kelurahan=second.children.first()
    )
    answer_spread(answer_survey, survey, SPREAD, kecamatan=second, school=school)
    for other in others:
        answer_spread(answer_survey, survey, SPREAD, kecamatan=other)
    drawn = maps.tile_grid(survey, MEASURES[0], "kelurahan")
    inside = [area for area in drawn.areas if area.code.startswith(first.code + ".")]
    assert inside and not any(area.is_hidden for area in inside)
    assert all(area.share.percent == shown_safe_percent(twice) for area in inside)
    assert all(area.is_hidden for area in drawn.areas if area.code.startswith(second.code + "."))


@pytest.mark.parametrize("name", ["results:official", "results:report"])
def test_the_dashboard_and_report_draw_the_maps_as_svg_with_a_legend_that_explains_hatching(
    client, make_user, city, name
):
    client.force_login(make_user(Role.OFFICIAL))
    for key in [measure.key for measure in MEASURES] + ["bukan-ukuran", ""]:
        response = client.get(reverse(name), {"peta": key})
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count('<svg class="map__svg"') == 2
        assert "Wilayah berarsir tidak ditampilkan" in html
        assert "-hatch)" in html
        assert 'x="0,0"' not in html, "coordinates are never localised"
