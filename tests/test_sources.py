"""Validation: every data mistake is reported with file, line and reason — exact messages."""

import shutil
from pathlib import Path

import pytest

from zhreader.errors import SourceError
from zhreader.sources import load_articles, load_glossary, pinyin_problem

GOOD_ENTRY = """\
- id: large-model
  term: 大模型
  pinyin: dà móxíng
  en: large model
  category: concept
  definition: A model.
  note: Usual rendering.
"""


def glossary_errors(tmp_path, text: str) -> list[str]:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_glossary(path)
    return [m.replace(str(tmp_path) + "/", "") for m in info.value.problems]


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("text, expected", [
    ("- [unclosed\n", ["glossary.yaml:2: is not valid YAML: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence started on line 1); check the quotes, brackets and indentation on this line or the one before"]),
    ("term: 大模型\n", ["glossary.yaml:1: the top level must be a list of entries (found a mapping)"]),
    (GOOD_ENTRY.replace("  en: large model\n", ""), ["glossary.yaml:1: entry '大模型': missing 'en'"]),
    (GOOD_ENTRY.replace("en: large model", "en: ''"), ["glossary.yaml:1: entry '大模型': missing 'en'"]),
    (GOOD_ENTRY.replace("definition:", "defintion:"),
     ["glossary.yaml:6: entry '大模型': unknown field 'defintion' (did you mean 'definition'?)",
      "glossary.yaml:1: entry '大模型': missing 'definition'"]),
    (GOOD_ENTRY + GOOD_ENTRY.replace("id: large-model", "id: big-model"),
     ["glossary.yaml:8: entry '大模型': term '大模型' is already used by entry '大模型' (line 1)"]),
    (GOOD_ENTRY + GOOD_ENTRY.replace("term: 大模型", "term: 模型").replace("pinyin: dà móxíng", "pinyin: móxíng"),
     ["glossary.yaml:8: entry '模型': id 'large-model' is already used by the entry on line 1"]),
    (GOOD_ENTRY + GOOD_ENTRY.replace("id: large-model", "id: model").replace("term: 大模型", "term: 模型")
     .replace("pinyin: dà móxíng", "pinyin: móxíng\n  aliases: [大模型]"),
     ["glossary.yaml:8: entry '模型': alias '大模型' is already used by entry '大模型' (line 1)"]),
    (GOOD_ENTRY.replace("dà móxíng", "da4 mo2 xing2"),
     ["glossary.yaml:3: entry '大模型': pinyin 'da4 mo2 xing2' uses tone numbers; write tone marks (e.g. 'dà móxíng', not 'da4 mo2 xing2')"]),
    (GOOD_ENTRY.replace("dà móxíng", "da moxing"), ["glossary.yaml:3: entry '大模型': pinyin 'da moxing' has no tone marks"]),
    (GOOD_ENTRY.replace("dà móxíng", "dá móxíng"), ["glossary.yaml:3: entry '大模型': pinyin 'dá móxíng' has a wrong tone for '大模型'"]),
    (GOOD_ENTRY.replace("dà móxíng", "dà mòxíng"), ["glossary.yaml:3: entry '大模型': pinyin 'dà mòxíng' has a wrong tone for '大模型'"]),
    (GOOD_ENTRY.replace("dà móxíng", "xiǎo móxíng"), ["glossary.yaml:3: entry '大模型': pinyin 'xiǎo móxíng' does not match the characters of '大模型'"]),
    (GOOD_ENTRY.replace("  pinyin: dà móxíng\n", ""), ["glossary.yaml:1: entry '大模型': missing 'pinyin' (required for a Chinese term)"]),
    (GOOD_ENTRY.replace("category: concept", "category: concpt"),
     ["glossary.yaml:5: entry '大模型': category 'concpt' is not one of: concept, technique, model, product, company, organization, person, event, hardware, security, policy, business"]),
    (GOOD_ENTRY.replace("id: large-model", "id: Large Model"),
     ["glossary.yaml:1: entry '大模型': id 'Large Model' must use only lowercase ASCII letters, digits and single hyphens"]),
    ("- just text\n", ["glossary.yaml:1: entry 1: must be a mapping of fields (found text)"]),
    (GOOD_ENTRY.replace("aliases", "x") + "  aliases: 大型模型\n", ["glossary.yaml:8: entry '大模型': 'aliases' must be a list of non-empty strings, {form, articles} or {form, with_version: true} mappings"]),
    (GOOD_ENTRY + "  aliases: [大型模型, 大型模型]\n" .replace("大型模型, 大型模型", "大模型, 大語言模型"),
     ["glossary.yaml:8: entry '大模型': the term is repeated among its aliases"]),
    (GOOD_ENTRY.replace("term: 大模型", "term: 芯片").replace("dà móxíng", "xīnpiàn") + "  aliases: [晶片]\n",
     ["glossary.yaml:8: entry '芯片': alias '晶片' is the traditional spelling of '芯片', which the build derives; remove it"]),
    (GOOD_ENTRY + "  aliases: [{form: Al}]\n",
     ["glossary.yaml:8: entry '大模型': an alias mapping needs exactly 'form' (text) and 'articles' (a list of article slugs), e.g. {form: Al, articles: [zhou-hongyi-sora]}, or 'form' and 'with_version: true'"]),
    (GOOD_ENTRY + "  aliases: [{form: Spark, with_version: true}]\n",
     ["glossary.yaml:8: entry '大模型': an alias with_version is a Chinese name and 'with_version: true', e.g. {form: 星火, with_version: true} (星火X1, never 星火 alone)"]),
    (GOOD_ENTRY + "  aliases: [{form: 星火, with_version: true}]\n",
     ["glossary.yaml:8: entry '大模型': an alias with_version needs a model or product entry (category 'concept')"]),
    (GOOD_ENTRY + "  senses: [{en: inference, definition: Running a model.}]\n",
     ["glossary.yaml:8: entry '大模型': 'senses' lists 2 to 4 meanings (found 1); a term with one meaning needs only 'en' and 'definition'"]),
    (GOOD_ENTRY + "  senses:\n  - {en: a, definition: b, cues: 模型}\n  - {en: c, defintion: d}\n",
     ["glossary.yaml:9: entry '大模型': sense 1: 'cues' must be a list of non-empty strings",
      "glossary.yaml:10: entry '大模型': sense 2: unknown field 'defintion' (did you mean 'definition'?)",
      "glossary.yaml:10: entry '大模型': sense 2: missing 'definition'"]),
    ("[]\n", ["glossary.yaml:1: has no entries; the glossary is a list of entries (see README: Add a glossary term)"]),
])
def test_glossary_errors(tmp_path, text, expected):
    assert glossary_errors(tmp_path, text) == expected


def test_glossary_reports_every_bad_entry_at_once(tmp_path):
    bad = GOOD_ENTRY.replace("en: large model", "en: ''")
    errors = glossary_errors(tmp_path, bad + bad.replace("id: large-model", "id: other").replace("大模型", "模型").replace("dà móxíng", "móxíng"))
    assert errors == ["glossary.yaml:1: entry '大模型': missing 'en'", "glossary.yaml:8: entry '模型': missing 'en'"]


def test_glossary_non_utf8(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_bytes(GOOD_ENTRY.encode("gb18030"))
    with pytest.raises(SourceError) as info:
        load_glossary(path)
    assert info.value.problems == ["glossary.yaml:2: is not valid UTF-8 (byte 0xb4); save the file as UTF-8"]


def test_glossary_bom_and_crlf_simply_work(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD_ENTRY.replace("\n", "\r\n").encode("utf-8"))
    assert load_glossary(path).entries[0].term == "大模型"


@pytest.mark.parametrize("term, given, ok", [
    ("大模型", "dà móxíng", True), ("行业", "hángyè", True), ("人工智能", "réngōng zhìnéng", True),
    ("的", "de", True), ("吗", "ma", True), ("东西", "dōngxi", True), ("模型", "moxing", False),
    ("的", "dí", True), ("的", "dè", False), ("GPT-4", "x", False), ("人工智能+", "réngōng zhìnéng jiā", False),
    ("人工智能+", "réngōng zhìnéng", True),
])
def test_pinyin_problem(term, given, ok):
    assert (pinyin_problem(term, given) is None) == ok


# -- articles -------------------------------------------------------------------

def make_article(root: Path, slug: str, zh: str | bytes, **files) -> Path:
    folder = root / "texts" / slug
    folder.mkdir(parents=True)
    (folder / "zh.txt").write_bytes(zh if isinstance(zh, bytes) else zh.encode("utf-8"))
    for name, text in files.items():
        (folder / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return folder


def article_errors(root: Path) -> list[str]:
    with pytest.raises(SourceError) as info:
        load_articles(root / "texts")
    return info.value.problems


@pytest.mark.parametrize("slug, zh, files, expected", [
    ("empty", "", {}, ["texts/empty/zh.txt: is empty; the first line must be the article's title"]),
    ("title-only", "标题\n", {}, ["texts/title-only/zh.txt:1: has a title but no paragraphs; add paragraphs after a blank line"]),
    ("My Article", "标题\n\n正文。\n", {}, ["texts/My Article: folder name 'My Article' is not a valid slug; use lowercase ASCII letters, digits and hyphens (e.g. 'zhou-hongyi-sora')"]),
    ("文章", "标题\n\n正文。\n", {}, ["texts/文章: folder name '文章' is not a valid slug; use lowercase ASCII letters, digits and hyphens (e.g. 'zhou-hongyi-sora')"]),
    ("ctrl", "标题\n\n正\x07文。\n", {}, ["texts/ctrl/zh.txt:3: contains the control character U+0007; remove it"]),
    ("huge", "标题\n\n" + "字" * 100_000 + "\n", {}, ["texts/huge/zh.txt:3: paragraph p1 is 100,000 characters long; split it with blank lines (at most 20,000)"]),
    ("tr", "标题\n\n第一段。\n\n第二段。\n", {"en_yaml": "title: T\nparagraphs:\n  p1: One.\n"},
     ["texts/tr/en.yaml:3: paragraph 'p2' has no translation (zh.txt line 5: 第二段。)"]),
    ("tr2", "标题\n\n第一段。\n", {"en_yaml": "title: T\nparagraphs:\n  p1: One.\n  p2: Two.\n"},
     ["texts/tr2/en.yaml:4: paragraph 'p2' does not exist in zh.txt (it has p1–p1)"]),
    ("qu", "标题\n\n第一段。\n", {"quotes_yaml": "- id: q\n  zh: 第二段\n  en: x\n  speaker: s\n  date: d\n  occasion: o\n  why: w\n"},
     ["texts/qu/quotes.yaml:1: quote 'q': its Chinese is not a verbatim part of any paragraph of zh.txt: 第二段"]),
    ("no", "标题\n\n第一段。\n", {"notes_yaml": "- paragraph: p1\n  anchor: 第二\n  type: language\n  text: x\n"},
     ["texts/no/notes.yaml:1: note 1: anchor '第二' does not occur in paragraph p1"]),
    ("me", "标题\n\n第一段。\n", {"meta_yaml": "titel: x\n"},
     ["texts/me/meta.yaml:1: unknown field 'titel' (did you mean 'title_en'?)"]),
    # pasted one paragraph a line: it would be read as one paragraph
    ("lines", "标题\n\n第一段说完了。\n一、小标题\n第二段也说完了！\n“第三段是引语。”\n", {},
     ["texts/lines/zh.txt:3: lines 3–6 have no blank line between them and 3 of them end a sentence: if they are "
      "paragraphs, put a blank line between them (the lines of one paragraph are joined into one)"]),
])
def test_article_errors(tmp_path, slug, zh, files, expected):
    make_article(tmp_path, slug, zh, **files)
    assert article_errors(tmp_path) == expected


QUOTE = "- id: q\n  zh: 甲说\n{extra}  en: x\n  speaker: s\n  date: '2024'\n  occasion: o\n  why: w\n"
HEADLINE_AND_SUMMARY = "标题\n\n甲说\n\n记者称,甲说。\n"   # the same words as a headline (p1) and reported (p2)


@pytest.mark.parametrize("extra, expected", [
    ("", "texts/qa/quotes.yaml:1: quote 'q': its Chinese occurs in p1, p2; add 'paragraph:' naming the one where the speaker says it"),
    ("  paragraph: p3\n", "texts/qa/quotes.yaml:3: quote 'q': paragraph 'p3' does not exist in zh.txt (write p1–p2)"),
    ("  paragraph: 1\n", "texts/qa/quotes.yaml:3: quote 'q': paragraph '1' does not exist in zh.txt (write p1–p2)"),
    ("  reported: 'yes please'\n", "texts/qa/quotes.yaml:3: quote 'q': 'reported' must be true or false (found text)"),
    ("  paragraph: p1\n  reportd: true\n", "texts/qa/quotes.yaml:1: quote 1: unknown field 'reportd' (did you mean 'reported'?)"),
])
def test_quote_paragraph_and_reported_errors(tmp_path, extra, expected):
    make_article(tmp_path, "qa", HEADLINE_AND_SUMMARY, quotes_yaml=QUOTE.format(extra=extra))
    assert article_errors(tmp_path) == [expected]


def test_quote_named_paragraph_must_hold_its_words(tmp_path):
    make_article(tmp_path, "qb", "标题\n\n甲说\n\n乙。\n", quotes_yaml=QUOTE.format(extra="  paragraph: p2\n"))
    assert article_errors(tmp_path) == ["texts/qb/quotes.yaml:3: quote 'q': paragraph 'p2' does not contain its Chinese (it occurs in p1)"]


def test_quote_keeps_its_paragraph_and_reported_speech(tmp_path):
    make_article(tmp_path, "qc", HEADLINE_AND_SUMMARY, quotes_yaml=QUOTE.format(extra="  paragraph: p1\n")
                 + QUOTE.replace("id: q", "id: r").format(extra="  paragraph: p2\n  reported: true\n"))
    [article] = load_articles(tmp_path / "texts")
    assert [(q["id"], q["paragraph"], q["reported"]) for q in article.quotes] == [("q", "p1", False), ("r", "p2", True)]


def test_seed_quotes_come_from_the_speakers_own_words():
    root = Path(__file__).resolve().parent.parent
    [article] = [a for a in load_articles(root / "texts") if a.slug == "zhou-hongyi-sora"]
    by_id = {q["id"]: q for q in article.quotes}
    assert by_id["agi-in-one-year"]["paragraph"] == "p8"           # Zhou's headline, not the news item's 周鸿祎称 (p3)
    assert [q["id"] for q in article.quotes if q["reported"]] == ["hallucination-double-edged"]   # p37 has no quotation marks


def test_article_folder_without_zh_txt(tmp_path):
    (tmp_path / "texts" / "draft").mkdir(parents=True)
    assert article_errors(tmp_path) == ["texts/draft: has no zh.txt; every article folder needs one (first line: title, then paragraphs separated by blank lines)"]


def test_two_articles_with_the_same_title(tmp_path):
    make_article(tmp_path, "a", "同一个标题\n\n甲。\n")
    make_article(tmp_path, "b", "同一个标题\n\n乙。\n")
    assert article_errors(tmp_path) == ["texts/b/zh.txt:1: title '同一个标题' is already used by texts/a/zh.txt"]


def test_crlf_bom_and_traditional_articles_simply_work(tmp_path):
    make_article(tmp_path, "trad", b"\xef\xbb\xbf" + "深度偽造的問題\r\n\r\n現在深度偽造很容易。\r\n".encode("utf-8"))
    [article] = load_articles(tmp_path / "texts")
    assert article.title == "深度偽造的問題"
    assert [p.text for p in article.paragraphs] == ["現在深度偽造很容易。"]


def test_a_paragraph_wrapped_by_hand_is_one_paragraph(tmp_path):
    make_article(tmp_path, "wrapped", "标题\n\n现在深度伪造很容易，\n大家都要小心。第二句从这里\n开始，到这里结束。\n\n另一段。\n")
    [article] = load_articles(tmp_path / "texts")
    assert [p.text for p in article.paragraphs] == ["现在深度伪造很容易，大家都要小心。第二句从这里开始，到这里结束。", "另一段。"]


def test_the_real_article_loads_with_43_paragraphs():
    root = Path(__file__).resolve().parent.parent
    [article] = [a for a in load_articles(root / "texts") if a.slug == "zhou-hongyi-sora"]
    assert article.title == "周鸿祎谈OpenAI大模型Sora"
    assert len(article.paragraphs) == 43
    assert article.paragraphs[-1].text == "来源:中国基金报"
    assert "OpenAl" in article.paragraphs[5].text  # the source's typo is kept


def test_decomposed_tone_marks_are_read_as_pinyin(tmp_path):
    import unicodedata
    path = tmp_path / "glossary.yaml"
    path.write_text(GOOD_ENTRY.replace("dà móxíng", unicodedata.normalize("NFD", "dà móxíng")), encoding="utf-8")
    assert load_glossary(path).entries[0].pinyin == "dà móxíng"


def test_the_glossary_may_be_larger_than_other_data_files(tmp_path, monkeypatch):
    # glossary.yaml is one file by design (it cannot be split), so it has a limit of its own.
    from zhreader import errors

    fixture = (Path(__file__).parent / "fixtures" / "site" / "glossary.yaml").read_text(encoding="utf-8")
    path = tmp_path / "glossary.yaml"
    path.write_text(fixture, encoding="utf-8")
    monkeypatch.setattr(errors, "MAX_FILE_BYTES", len(fixture.encode()) // 2)
    assert [e.id for e in load_glossary(path).entries] == ["large-model", "openai", "deepfake"]
    article = tmp_path / "texts" / "big" / "zh.txt"
    article.parent.mkdir(parents=True)
    article.write_text("标题\n\n" + "字" * len(fixture) + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_articles(tmp_path / "texts")
    assert info.value.problems == ["texts/big/zh.txt: is 0.0 MB; a data file may be at most 0 MB (split it)"]


def test_a_glossary_over_its_limit_is_reported(tmp_path, monkeypatch):
    from zhreader import errors, glossary

    monkeypatch.setattr(errors, "MAX_GLOSSARY_BYTES", 2_000_000)
    monkeypatch.setattr(glossary, "MAX_GLOSSARY_BYTES", 2_000_000)
    path = tmp_path / "glossary.yaml"
    path.write_text(GOOD_ENTRY + "# " + "x" * 2_500_000 + "\n", encoding="utf-8")
    assert glossary_errors(tmp_path, path.read_text(encoding="utf-8")) == ["glossary.yaml: is 2.5 MB; it may be at most 2 MB"]
