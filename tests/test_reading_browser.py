"""Reading on a phone and by keyboard (issue 13 #6–#9): the text on the first screen, controls at
hand while reading, the popup as a bottom sheet that never covers the word's sentence, 44 px
targets, clear on/off buttons, words that never break, copying that gives only the Chinese,
arrow keys that move the popup, Tab that never strands it, and words read as text by screen
readers.  Phone 390×844 (touch) and desktop, light and dark."""

from __future__ import annotations

import pytest

from conftest import page_factory

pytestmark = pytest.mark.browser
ARTICLE = "articles/zhou-hongyi-sora/"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
BG = "getComputedStyle(document.querySelector(%r)).backgroundColor"


@pytest.fixture(scope="module")
def open_page(chromium):
    yield from page_factory(chromium)


def rect(page, selector):
    return page.evaluate("s => { const r = document.querySelector(s).getBoundingClientRect();"
                         " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height}; }",
                         selector)


def small_targets(page, selector):
    return page.evaluate("""s => [...document.querySelectorAll(s)].filter(n => n.offsetParent !== null)
        .map(n => [n.textContent.trim() || n.getAttribute('aria-label'), n.getBoundingClientRect()])
        .filter(([, r]) => r.width < 44 || r.height < 44).map(([t, r]) => [t, Math.round(r.width), Math.round(r.height)])""",
                         selector)


# -- 6: phone first -------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_text_on_first_screen_controls_at_hand_and_popup_sheet(open_page, site_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(color_scheme=scheme, **PHONE)
    page.goto(site_url + ARTICLE)
    assert page.locator("details.about").get_attribute("open") is None
    first = rect(page, "#p1-s1")
    assert first["top"] + 40 < 844, first                             # the first Chinese line is on screen
    # Controls while reading: a round "Aa" button stays on screen; it opens the settings as a sheet.
    page.locator("#p20").scroll_into_view_if_needed()
    toggle = page.get_by_role("button", name="Aa: display settings")
    assert toggle.is_visible() and rect(page, ".zh-controls-toggle")["bottom"] <= 844
    assert page.locator(".zh-controls").is_hidden()
    toggle.tap()
    assert toggle.get_attribute("aria-expanded") == "true"
    sheet = rect(page, ".reader-controls")
    assert sheet["bottom"] == pytest.approx(844, abs=1) and sheet["width"] == pytest.approx(390, abs=1)
    assert small_targets(page, ".zh-controls button, .zh-controls select, .zh-controls-toggle") == []
    page.get_by_label("English", exact=False).and_(page.locator("select")).select_option("sentence")
    assert page.evaluate("document.documentElement.dataset.zhLayout") == "sentence"
    page.touchscreen.tap(150, 24)                                      # a tap outside (the header) closes the sheet
    assert page.locator(".zh-controls").is_hidden()
    # The popup is a bottom sheet and the word's sentence stays above it, for a word near the
    # bottom of the screen, a long sentence and the last paragraph; its text follows the text size.
    for word in ("#p14-s3 .w >> nth=-1", "#p1-s1 .w >> nth=-1", "#p43 .w >> nth=0", "#p23-s2 .w >> nth=3"):
        page.locator(word).scroll_into_view_if_needed()
        page.locator(word).tap()
        page.locator("#zh-pop").wait_for(state="visible")
        pop = rect(page, "#zh-pop")
        assert pop["bottom"] == pytest.approx(844, abs=1) and pop["width"] == pytest.approx(390, abs=1), word
        w = page.locator(word).bounding_box()
        assert w["y"] + w["height"] <= pop["top"] and w["y"] >= 48, word
        sentence = page.locator(word).evaluate("w => { const r = w.closest('.s').getBoundingClientRect(); return [r.top, r.bottom]; }")
        if sentence[1] - sentence[0] < pop["top"] - 56:
            assert sentence[0] >= 48 and sentence[1] <= pop["top"] + 1, (word, sentence, pop)
        assert small_targets(page, "#zh-pop button, #zh-pop a") == [], word
        page.locator("#zh-pop .zh-pop-close").tap()
    if scheme == "dark":
        return
    axe = Axe()
    page.locator("#p14-s2 .w").first.tap()
    page.locator("#zh-pop").wait_for(state="visible")
    violations = axe.run(page).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.querySelector('#zh-pop .zh-pop-word')).fontSize)")
    before = size()
    page.locator("#zh-pop .zh-pop-close").tap()
    toggle.tap()
    violations = axe.run(page).response["violations"]                 # the settings sheet, open
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    page.get_by_role("button", name="A+ larger text").tap()
    page.get_by_role("button", name="A+ larger text").tap()
    page.touchscreen.tap(150, 24)
    page.locator("#p14-s2 .w").first.tap()
    page.locator("#zh-pop").wait_for(state="visible")
    assert size() == pytest.approx(before * 1.25, rel=0.02)


def test_desktop_controls_stick_under_the_header_and_popup_leaves_the_sentence(open_page, site_url):
    page = open_page()
    page.goto(site_url + ARTICLE)
    page.locator("#p25").scroll_into_view_if_needed()
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(200)
    bar = rect(page, ".zh-controls")
    assert 40 <= bar["top"] <= 120 and page.locator(".zh-controls").is_visible()
    page.locator("#p25-s2 .w").first.click()
    pop, sentence = rect(page, "#zh-pop"), rect(page, "#p25-s2")
    assert pop["top"] >= sentence["bottom"] or pop["bottom"] <= sentence["top"]
    # A sentence link scrolls its sentence clear of the sticky bar.
    page.keyboard.press("Escape")
    page.evaluate("document.getElementById('p30-s2').scrollIntoView()")   # what following #p30-s2 does
    assert rect(page, "#p30-s2")["top"] >= rect(page, ".reader-controls")["bottom"] - 1


# -- 7: clear controls --------------------------------------------------------------------

def test_on_and_off_look_different_under_hover_focus_and_touch(open_page, site_url):
    page = open_page()
    page.goto(site_url + ARTICLE)
    primary = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-primary-fg-color').trim()")
    on = page.get_by_role("button", name="English translation")
    off = page.get_by_role("button", name="Word boundaries")
    assert on.get_attribute("aria-pressed") == "true" and off.get_attribute("aria-pressed") == "false"
    on_bg = page.evaluate(BG % ".zh-toggle[data-setting=english]")
    off.hover()
    assert page.evaluate(BG % ".zh-toggle[data-setting=boundaries]") in ("rgba(0, 0, 0, 0)", "transparent")
    off.focus()
    assert page.evaluate(BG % ".zh-toggle[data-setting=boundaries]") in ("rgba(0, 0, 0, 0)", "transparent")
    assert on_bg not in ("rgba(0, 0, 0, 0)", "transparent") and primary
    tick = "(b => getComputedStyle(b, '::before').content)"
    assert on.evaluate(tick).startswith('"✓') and off.evaluate(tick) in ("none", "normal")
    # On a phone, a tapped-off button looks off at once (it keeps focus and "hover").
    phone = open_page(**PHONE)
    phone.goto(site_url + ARTICLE)
    phone.get_by_role("button", name="Aa: display settings").tap()
    english = phone.get_by_role("button", name="English translation")
    english.tap()
    assert english.get_attribute("aria-pressed") == "false"
    assert phone.evaluate(BG % ".zh-toggle[data-setting=english]") in ("rgba(0, 0, 0, 0)", "transparent")
    assert english.evaluate("(b => getComputedStyle(b, '::before').content)") in ("none", "normal")


def test_words_and_note_numbers_never_break_and_copy_gives_only_chinese(open_page, site_url):
    page = open_page(viewport={"width": 390, "height": 844})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + ARTICLE)
    page.evaluate("localStorage.setItem('zh-reader', JSON.stringify({boundaries: true, pinyin: 'all'}))")
    page.reload()
    page.wait_for_function("document.querySelector('#p3 rt')")
    broken = page.evaluate("""[...document.querySelectorAll('.reader .w, .reader .nw')]
        .filter(n => { const lines = new Set([...n.getClientRects()].map(r => Math.round(r.bottom))); return lines.size > 1; })
        .map(n => n.textContent)""")
    assert broken == []
    assert page.locator(".reader .nw .nref").count() == page.locator(".reader .nref").count() > 10
    # Copy the whole of ¶11 (note numbers 17 and 18, pinyin, permalink, citation button inside).
    page.evaluate("""() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('#p11 .zh'));
        const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""")
    page.keyboard.press("Control+C")
    copied = page.evaluate("navigator.clipboard.readText()")
    expected = page.evaluate("""(() => { const c = document.querySelector('#p11 .zh').cloneNode(true);
        c.querySelectorAll('rt, .nref, .pl, button, .zh-copied').forEach(n => n.remove()); return c.textContent.trim(); })()""")
    assert copied == expected
    assert "17" not in copied and "¶" not in copied and "Copy citation" not in copied and "rén" not in copied


# -- 8, 9: keyboard and screen readers ------------------------------------------------------

def test_arrows_move_the_popup_tab_never_strands_it_and_words_read_as_text(open_page, site_url):
    page = open_page()
    page.goto(site_url + ARTICLE)
    # One tab stop for the whole text; words carry no role (a screen reader reads them as text).
    page.wait_for_function("document.querySelectorAll('.reader .zh[data-zh-ready]').length === document.querySelectorAll('.reader .zh').length")
    assert page.locator(".reader [tabindex='0']").count() == 1
    assert page.locator(".reader .w[role], .reader .w[aria-haspopup], .reader .w[aria-expanded]").count() == 0
    tree = page.locator("#p3 .zh").aria_snapshot()
    assert "今日下午" in tree.replace(" ", "") or "今日" in tree
    assert tree.count("button") == 1                                # only "Copy citation"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('#p1')"):
            break
    focused = lambda: page.evaluate("document.activeElement.textContent")
    word = lambda: page.locator("#zh-pop .zh-pop-word").inner_text()
    assert focused() == "OpenAI"
    page.keyboard.press("Enter")
    page.locator("#zh-pop").wait_for(state="visible")
    assert focused() == "OpenAI" and word() == "OpenAI"               # focus stays on the word
    live = page.locator("#zh-pop-live")
    assert live.get_attribute("role") == "status" and live.inner_text().startswith("OpenAI")
    page.keyboard.press("ArrowRight")
    assert focused() == "于" and word() == "于" and "yú" in live.inner_text()
    page.keyboard.press("ArrowDown")                                  # next sentence: ¶2's first
    assert page.evaluate("document.activeElement.closest('.s').id") == "p2-s1"
    assert word() == focused()
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.closest('.s').id") == "p1-s1" and focused() == "OpenAI"
    page.keyboard.press("End")
    last = focused()
    page.keyboard.press("ArrowRight")                                 # across the paragraph's end
    assert page.evaluate("document.activeElement.closest('.pair').id") == "p2" and word() == focused() != last
    # Tab goes into the popup, and past its last control back to the word with the popup closed.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('zh-pop').contains(document.activeElement)")
    here = page.evaluate("document.querySelector('.w.is-open').textContent")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.locator("#zh-pop").is_hidden():
            break
    assert page.locator("#zh-pop").is_hidden() and focused() == here
    # Escape from inside the popup returns to the word; focus leaving by Shift+Tab closes it.
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")                                 # arrows work from inside the popup too
    moved = focused()
    assert word() == moved
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert page.locator("#zh-pop").is_hidden() and focused() == moved
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert page.locator("#zh-pop").is_hidden()
