"""Region boundaries: GeoJSON checked on upload with Indonesian errors, managed by officials in the admin, and
drawn as a choropleth instead of the tile grid."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.models import Region
from cms.roles import Role
from surveys.results import boundaries, maps
from surveys.results.dashboard import MEASURES
from surveys.results.forms import RegionBoundaryForm
from surveys.results.models import RegionBoundary
from tests.results.test_maps import SPREAD, answer_spread


def square(west: float, south: float, size: float = 0.02) -> dict:
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


VALID = [
    square(116.8, -1.3),
    {"type": "MultiPolygon", "coordinates": [square(116.8, -1.3)["coordinates"], square(116.9, -1.3)["coordinates"]]},
    {"type": "Feature", "properties": {"nama": "Manggar"}, "geometry": square(116.8, -1.3)},
    {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": square(116.8, -1.3)}]},
    {"type": "Polygon", "crs": {"type": "name", "properties": {"name": "EPSG:4326"}}, **square(116.8, -1.3)},
]


@pytest.mark.parametrize("data", VALID)
def test_a_polygon_in_wgs84_is_kept_as_its_geometry_alone(data):
    geometry = boundaries.parse(json.dumps(data).encode())
    assert set(geometry) == {"type", "coordinates"} and geometry["type"] in ("Polygon", "MultiPolygon")


UTM = {"type": "Polygon", "coordinates": [[[500000, 9850000], [501000, 9850000], [501000, 9851000], [500000, 9850000]]]}
INVALID = {
    "not_json": b"{bukan json",
    "not_json_bytes": b"\xff\xfe\x00",
    "not_object": b"[1, 2]",
    "wrong_type": json.dumps({"type": "Point", "coordinates": [116.8, -1.2]}).encode(),
    "no_geometry": json.dumps({"type": "Feature", "geometry": None}).encode(),
    "several_features": json.dumps({"type": "FeatureCollection", "features": []}).encode(),
    "out_of_range": json.dumps(UTM).encode(),
    "short_ring": json.dumps(
        {"type": "Polygon", "coordinates": [[[116.8, -1.2], [116.9, -1.2], [116.8, -1.2]]]}
    ).encode(),
    "open_ring": json.dumps(
        {"type": "Polygon", "coordinates": [[[116.8, -1.2], [116.9, -1.2], [116.9, -1.1], [116.8, -1.1]]]}
    ).encode(),
    "bad_position": json.dumps({"type": "Polygon", "coordinates": [[["a", 1], [1, 1], [1, 2], ["a", 1]]]}).encode(),
    "bool_position": json.dumps({"type": "Polygon", "coordinates": [[[True, 1], [1, 1], [1, 2], [True, 1]]]}).encode(),
    "not_wgs84": json.dumps(
        {**square(116.8, -1.3), "crs": {"type": "name", "properties": {"name": "EPSG:32750"}}}
    ).encode(),
    "no_coordinates": json.dumps({"type": "MultiPolygon", "coordinates": []}).encode(),
    "too_large": b" " * (boundaries.MAX_BYTES + 1),
    "deep": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("name", INVALID)
def test_every_bad_upload_gets_a_clear_error(name):
    with pytest.raises(ValidationError) as raised:
        boundaries.parse(INVALID[name])
    message = " ".join(raised.value.messages)
    assert message and "Traceback" not in message
    expected = name.removesuffix("_bytes").replace("bool_position", "bad_position").replace("deep", "not_json")
    assert raised.value.code == expected


def test_the_model_refuses_a_geometry_that_is_not_a_polygon(regions):
    region = Region.objects.kecamatan().first()
    boundary = RegionBoundary(region=region, geometry={"type": "Point", "coordinates": [116.8, -1.2]})
    with pytest.raises(ValidationError):
        boundary.full_clean()


def upload(data) -> SimpleUploadedFile:
    content = data if isinstance(data, bytes) else json.dumps(data).encode()
    return SimpleUploadedFile("batas.geojson", content, content_type="application/geo+json")


def test_the_admin_form_stores_the_checked_geometry(regions, make_user):
    region = Region.objects.kecamatan().first()
    form = RegionBoundaryForm(
        data={"region": region.pk, "source": "BPS 2020"},
        files={"berkas": upload(VALID[2])},
        for_user=make_user(Role.OFFICIAL),
    )
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.geometry == square(116.8, -1.3)


def test_the_admin_form_shows_the_error_in_indonesian(regions, make_user):
    region = Region.objects.kecamatan().first()
    form = RegionBoundaryForm(
        data={"region": region.pk}, files={"berkas": upload(UTM)}, for_user=make_user(Role.OFFICIAL)
    )
    assert not form.is_valid()
    assert "di luar jangkauan WGS84" in " ".join(form.errors["berkas"])


@pytest.mark.parametrize(
    ("role", "status"), [(Role.OFFICIAL, 200), (Role.FACILITATOR, 302), (Role.SCHOOL_COORDINATOR, 302)]
)
def test_officials_manage_boundaries_in_the_admin(client, make_user, regions, role, status):
    client.force_login(make_user(role))
    for path in ("/admin/batas-wilayah/", "/admin/batas-wilayah/new/"):
        assert client.get(path).status_code == status


def test_an_official_uploads_a_boundary_and_a_bad_file_is_refused_in_place(client, make_user, regions):
    client.force_login(make_user(Role.OFFICIAL))
    region = Region.objects.kecamatan().first()
    refused = client.post("/admin/batas-wilayah/new/", {"region": region.pk, "berkas": upload(b"{rusak")})
    assert refused.status_code == 200 and "bukan JSON yang sah" in refused.content.decode()
    assert not RegionBoundary.objects.exists()
    client.post("/admin/batas-wilayah/new/", {"region": region.pk, "berkas": upload(square(116.8, -1.3))})
    assert RegionBoundary.objects.get().region == region


def test_projection_fits_the_width_and_keeps_north_up():
    paths, width, height = maps.project({"a": square(116.8, -1.3), "b": square(116.9, -1.2)})
    assert max(width, height) == pytest.approx(maps.CHOROPLETH_WIDTH)
    assert 0 < width <= maps.CHOROPLETH_WIDTH and 0 < height <= maps.CHOROPLETH_WIDTH
    assert paths["a"].startswith("M") and paths["a"].endswith("Z")
    first_point_b = paths["b"][1:].split("L")[0]
    assert float(first_point_b.split(",")[1]) < height / 2, "the northern square is drawn near the top"


def test_a_level_with_boundaries_is_drawn_as_a_choropleth_hiding_small_areas(survey, answer_survey, regions):
    kecamatan = list(Region.objects.kecamatan().order_by("code"))
    for region in kecamatan[:-1]:
        answer_spread(answer_survey, survey, SPREAD, kecamatan=region)
    answer_survey(survey, 3, {"safe_school": "4", "bullied": "yes"}, kecamatan=kecamatan[-1])
    for position, region in enumerate(kecamatan[:-1] + kecamatan[-1:]):
        RegionBoundary.objects.create(region=region, geometry=square(116.8 + 0.03 * position, -1.3), source="Uji")
    kecamatan_map, kelurahan_map = maps.maps(survey, MEASURES[0].key)
    assert kecamatan_map.is_choropleth and not kelurahan_map.is_choropleth
    assert all(area.path for area in kecamatan_map.areas)
    assert next(area for area in kecamatan_map.areas if area.code == kecamatan[-1].code).is_hidden
    assert kecamatan_map.sources == ("Uji",) and kecamatan_map.missing == ()
