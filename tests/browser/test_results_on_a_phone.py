"""The public results on a child's phone, 320 and 360 px wide, in Indonesian and English: nothing of a chart (title,
legend, bars, table) is cut or drawn over another part, and the first view costs at most 150 KB on the wire."""

import gzip

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIRE_BUDGET = 150 * 1000
RESULTS_PAGES = ("/hasil/", "/en/hasil/")

#: Every part of every chart that holds words or bars, and the pairs of boxes that must not cross.
LAYOUT_PROBLEMS = """(width) => {
  const problems = [];
  const box = (el) => el.getBoundingClientRect();
  const name = (el) => `${el.closest("figure").id} ${el.tagName.toLowerCase()}.${el.className || ""} "${el.textContent.trim().slice(0, 40)}"`;
  const crosses = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const parts = "h3, .chart__legend li, .chart__bar-label, .chart__bar, .chart__table-wrap, caption, th, td, .chart__note";
  document.querySelectorAll("figure.chart").forEach((figure) => {
    figure.querySelectorAll(parts).forEach((el) => {
      const head = el.closest("thead");
      if (head && box(head).width <= 1) return;  // a table's column heads kept for screen readers only (narrow phones)
      const b = box(el);
      if (b.width < 1 || b.height < 1) problems.push(`${name(el)} is not shown`);
      if (b.left < -0.5 || b.right > width + 0.5) problems.push(`${name(el)} is cut at the screen's edge (${b.left}..${b.right})`);
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} is cut inside its box (${el.scrollWidth} > ${el.clientWidth})`);
    });
    const groups = [
      figure.querySelectorAll(":scope > h3, :scope > .chart__legend, :scope > .chart__bars, :scope > .chart__table-wrap, :scope > .chart__note"),
      figure.querySelectorAll(".chart__legend li"),
      figure.querySelectorAll(".chart__bar-label, .chart__bar"),
      figure.querySelectorAll("caption, tr"),
    ];
    groups.forEach((group) => {
      const items = Array.from(group);
      items.forEach((a, i) => items.slice(i + 1).forEach((b) => {
        if (crosses(box(a), box(b))) problems.push(`${name(a)} overlaps ${name(b)}`);
      }));
    });
    figure.querySelectorAll("tr").forEach((row) => {
      const cells = Array.from(row.children);
      cells.forEach((a, i) => cells.slice(i + 1).forEach((b) => {
        if (crosses(box(a), box(b))) problems.push(`${name(a)} overlaps ${name(b)}`);
      }));
    });
  });
  return problems;
}"""


@pytest.fixture(params=[320, 360])
def phone_of_width(request, browser):
    context = browser.new_context(viewport={"width": request.param, "height": 740}, locale="id-ID", is_mobile=True)
    page = context.new_page()
    page.width = request.param
    yield page
    context.close()


@pytest.mark.parametrize("path", RESULTS_PAGES)
def test_no_chart_title_legend_or_table_is_cut_or_overlapping(live_server, published_results, phone_of_width, path):
    phone = phone_of_width
    phone.goto(live_server.url + path)
    assert phone.locator("figure.chart").count() == 6
    assert phone.locator("figure.chart .chart__legend li").count() == 5 + 3 + 3
    assert phone.evaluate("document.documentElement.scrollWidth") <= phone.width, "the page scrolls sideways"
    problems = phone.evaluate(LAYOUT_PROBLEMS, phone.width)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("path", RESULTS_PAGES)
def test_the_first_view_weighs_at_most_150_kb_on_the_wire(live_server, published_results, phone, path):
    """Every request the phone makes to show the page: headers as sent, bodies as gzip (level 6) would send them."""
    responses = []
    phone.on("requestfinished", lambda request: responses.append(request))
    phone.goto(live_server.url + path, wait_until="networkidle")
    wire = {}
    for request in responses:
        response = request.response()
        body = response.body() if response is not None else b""
        wire[request.url] = request.sizes()["responseHeadersSize"] + len(gzip.compress(body, compresslevel=6))
    assert any(url.endswith(path) for url in wire)
    assert not any("plotly" in url for url in wire)
    print(path, sum(wire.values()), wire)
    assert sum(wire.values()) <= WIRE_BUDGET, wire


@pytest.mark.parametrize("path", RESULTS_PAGES)
def test_the_results_have_no_accessibility_violation_at_the_enhanced_contrast(
    live_server, published_results, path, browser
):
    """axe-core, the AAA contrast rule included, on the results as drawn: a child's screen."""
    from tests.browser.test_accessibility import child_screen_violations, phone

    page = phone(browser, 360)
    try:
        page.goto(live_server.url + path)
        assert page.locator("figure.chart").count() == 6
        assert child_screen_violations(page) == []
    finally:
        page.context.close()
