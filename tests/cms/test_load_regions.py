import csv
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from cms.models import Region
from cms.national_regions import SOURCE, SOURCE_DIR, TABLES, read_level, region_tree
from cms.services import DEFAULT_REGIONS_CSV
from cms.vocabulary import RegionLevel, lies_within

#: Where the project's Balikpapan list and idn-area-data spell a name differently: ``code: (ours, theirs)``.
#: Perda Kota Balikpapan 7/2012 and Kemendagri write the kelurahan "Sungainangka" (our ``name_official`` keeps
#: SUNGAINANGKA); its people and the city's press write "Sungai Nangka", which is the name the project shows.
BALIKPAPAN_SPELLINGS = {"64.71.05.1010": ("Sungai Nangka", "Sungainangka")}

REGION_FIELDS = ("code", "level", "parent__code", "name", "name_official")


def shipped_balikpapan() -> dict[str, dict[str, str]]:
    with DEFAULT_REGIONS_CSV.open(encoding="utf-8", newline="") as file:
        return {row["code"]: row for row in csv.DictReader(file)}


def snapshot() -> list[tuple]:
    return list(Region.objects.order_by("code").values_list(*REGION_FIELDS))


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_regions", *args, stdout=out)
    return out.getvalue()


def test_idn_area_data_has_balikpapan_with_the_codes_levels_and_parents_the_project_ships():
    ours = shipped_balikpapan()
    theirs = {row.code: row for row in region_tree("64.71", RegionLevel.CITY)}
    assert set(theirs) == set(ours)
    assert len(ours) == 1 + 1 + 6 + 34
    for code, row in theirs.items():
        assert (row.level, row.parent_code) == (ours[code]["level"], ours[code]["parent_code"]), code


def test_idn_area_data_spells_one_balikpapan_name_differently_and_every_official_name_alike():
    ours = shipped_balikpapan()
    theirs = {row.code: row.name for row in region_tree("64.71", RegionLevel.CITY)}
    differing = {code: (ours[code]["name"], name) for code, name in theirs.items() if ours[code]["name"] != name}
    assert differing == BALIKPAPAN_SPELLINGS
    for code, name in theirs.items():
        assert ours[code]["name_official"].replace(" ", "") == name.upper().replace(" ", ""), code


def test_every_shipped_region_lies_within_a_shipped_parent_one_level_up():
    codes: dict[RegionLevel, set[str]] = {}
    parent_level = None
    for level, _table, _parent in TABLES:
        rows = list(read_level(level))
        codes[level] = {row.code for row in rows}
        assert len(codes[level]) == len(rows), f"{level}: a code appears twice"
        for row in rows:
            if parent_level is None:
                assert row.parent_code == ""
            else:
                assert row.parent_code in codes[parent_level], row
                assert lies_within(row.code, row.parent_code), row
        parent_level = level
    assert len(codes[RegionLevel.PROVINCE]) == 38
    assert len(codes[RegionLevel.CITY]) == 514


def test_the_licences_and_the_version_ship_beside_the_data():
    assert "MIT License" in (SOURCE_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "Open Database License" in (SOURCE_DIR / "LICENSE-data.md").read_text(encoding="utf-8")
    assert SOURCE in (SOURCE_DIR / "README.md").read_text(encoding="utf-8")
    assert "idn-area-data" in SOURCE


def test_a_city_loads_its_province_kecamatan_and_kelurahan(db):
    output = load("--city", "64.72")
    tree = region_tree("64.72", RegionLevel.CITY)
    assert f"{len(tree)} created" in output
    assert Counter(Region.objects.values_list("level", flat=True)) == Counter(row.level for row in tree)
    city = Region.objects.get(code="64.72")
    assert (city.level, city.parent.code, city.name) == (RegionLevel.CITY, "64", "Kota Samarinda")
    assert Region.objects.kecamatan().count() == 10
    assert Region.objects.kelurahan().within(city).count() == Region.objects.kelurahan().count() == 59
    for region in Region.objects.exclude(level=RegionLevel.PROVINCE).select_related("parent"):
        assert lies_within(region.code, region.parent.code)
        region.clean()


def test_a_province_loads_every_city_in_it(db):
    load("--province", "64")
    assert Region.objects.filter(level=RegionLevel.CITY).count() == 10
    assert not Region.objects.exclude(code="64").exclude(code__startswith="64.").exists()


def test_loading_a_city_twice_changes_nothing(db):
    load("--city", "64.72")
    before = snapshot()
    assert "0 created, 0 renamed, 0 names kept" in load("--city", "64.72")
    assert snapshot() == before


def test_loading_balikpapan_over_the_demo_list_keeps_it_as_shipped(regions):
    before = snapshot()
    output = load("--city", "64.71")
    assert snapshot() == before
    assert "0 created" in output
    assert "64.71.05.1010" in output


def test_rename_takes_the_sources_names_and_keeps_the_official_ones(regions):
    load("--city", "64.71", "--rename")
    region = Region.objects.get(code="64.71.05.1010")
    assert (region.name, region.name_official) == ("Sungainangka", "SUNGAINANGKA")
    assert Region.objects.filter(name="Sungai Nangka").count() == 0


def test_a_second_city_beside_balikpapan_shares_the_province(regions):
    load("--city", "64.72")
    assert Region.objects.filter(level=RegionLevel.PROVINCE).count() == 1
    assert set(Region.objects.filter(level=RegionLevel.CITY).values_list("code", flat=True)) == {"64.71", "64.72"}


@pytest.mark.parametrize(
    ("option", "code", "message"),
    [
        ("--city", "99.99", "Tidak ada Kabupaten/Kota dengan kode '99.99' di idn-area-data"),
        ("--city", "64", "Kode 64 adalah Kalimantan Timur (Provinsi)."),
        ("--city", "64.71.05", "Kode 64.71.05 adalah Balikpapan Selatan (Kecamatan)."),
        ("--province", "64.71", "Tidak ada Provinsi dengan kode '64.71'"),
        ("--province", "", "Tidak ada Provinsi dengan kode ''"),
        ("--city", "64.71'; DROP TABLE cms_region; --", "Tidak ada Kabupaten/Kota"),
    ],
)
def test_an_unknown_code_is_refused_by_name_and_loads_nothing(db, option, code, message):
    with translation.override("id"), pytest.raises(CommandError) as error:
        load(option, code)
    assert message in str(error.value)
    assert not Region.objects.exists()


def test_an_unknown_code_is_refused_in_english_for_an_english_reader(db):
    with translation.override("en"), pytest.raises(CommandError, match="There is no Regency/City with code '99.99'"):
        load("--city", "99.99")


def test_a_region_filed_under_another_parent_refuses_the_whole_load(db):
    other = Region.objects.create(code="65", level=RegionLevel.PROVINCE, name="Kalimantan Utara")
    Region.objects.create(code="64.72", level=RegionLevel.CITY, parent=other, name="Kota Samarinda")
    before = snapshot()
    with translation.override("id"), pytest.raises(CommandError, match="Wilayah 64.72 sudah ada sebagai"):
        load("--city", "64.72")
    assert snapshot() == before


def test_a_city_and_a_csv_cannot_be_loaded_at_once(db):
    with pytest.raises(CommandError, match="not allowed with"):
        load(str(DEFAULT_REGIONS_CSV), "--city", "64.71")
    assert not Region.objects.exists()
