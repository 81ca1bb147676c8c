import re
import xml.etree.ElementTree as ET
from http import HTTPStatus

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 (our own server's output)


def meta(body: str, prop: str) -> str | None:
    match = re.search(rf'<meta property="{prop}" content="([^"]*)">', body)
    return match.group(1) if match else None


def test_stories_feed_lists_published_stories_by_group(client, sections):
    response = client.get("/cerita/feed/")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Usulan Forum Anak Masuk Musrenbang Kelurahan",
        "Memetakan Asap Rokok di Sekitar Sekolah",
        "Kami Membuat Pojok Curhat di Sekolah",
    ]
    assert {entry.find(f"{ATOM}author").findtext(f"{ATOM}name") for entry in entries} == {
        "Forum Anak Kota Balikpapan",
        "Forum Anak Kecamatan Balikpapan Selatan",
        "Forum Anak Kecamatan Balikpapan Utara",
    }
    assert entries[0].find(f"{ATOM}link").get("href") == "http://testserver/cerita/usulan-forum-anak-musrenbang/"


def test_english_stories_have_their_own_feed(client, sections):
    feed = parse_xml(client.get("/en/stories/feed/").content)
    assert feed.findtext(f"{ATOM}title") == "Stories · Suara Anak"
    assert len(feed.findall(f"{ATOM}entry")) == 3


def test_story_list_announces_its_feed(client, sections):
    body = client.get("/cerita/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" title="Cerita" href="/cerita/feed/">' in body


def test_sitemap_lists_pages_in_both_languages(client, sections):
    response = client.get("/sitemap.xml")
    assert response.status_code == HTTPStatus.OK
    locations = {loc.text for loc in parse_xml(response.content).iter(f"{SITEMAP}loc")}
    assert "http://localhost/kampanye/sekolahku-tanpa-perundungan/" in locations
    assert "http://localhost/en/campaigns/my-school-without-bullying/" in locations
    assert "http://localhost/cerita/pojok-curhat-di-sekolah/" in locations
    assert "http://localhost/bantuan/" in locations and "http://localhost/en/help/" in locations
    assert 'hreflang="en" href="http://localhost/en/stories/"' in response.content.decode()


def test_campaign_page_has_open_graph_tags(client, campaign):
    body = client.get(campaign.url).content.decode()
    assert meta(body, "og:title") == "Sekolahku Tanpa Perundungan"
    assert meta(body, "og:type") == "article"
    assert meta(body, "og:url") == "http://localhost/kampanye/sekolahku-tanpa-perundungan/"
    assert meta(body, "og:description") == "Kampanye anti-perundungan Forum Anak Balikpapan di sekolah."
    assert meta(body, "og:site_name") == "Suara Anak"


def test_open_graph_image_is_the_hero_rendition(client, campaign, image):
    campaign.hero_image = image
    campaign.hero_image_alt = "Anak-anak bermain di taman"
    campaign.save_revision().publish()
    body = client.get(campaign.url).content.decode()
    assert re.fullmatch(r"http://.+/images/.+\.fill-1200x630\.format-jpeg\.jpe?g", meta(body, "og:image"))
    assert meta(body, "og:image:alt") == "Anak-anak bermain di taman"


def test_story_description_falls_back_to_its_summary(client, sections):
    body = client.get("/cerita/pojok-curhat-di-sekolah/").content.decode()
    assert meta(body, "og:description").startswith("Anggota Forum Anak membuat pojok curhat")
