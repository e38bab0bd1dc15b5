"""Bad input, end to end: the README's build command on a broken copy of the fixture site.

Each case builds a good site once, breaks one input, runs ``scripts/build_site.py``
(what ``make build`` runs) again and checks what an author would see: exactly one
list of problems naming file, line and what is wrong, a non-zero exit, no Python
traceback, and the previously built site left byte-for-byte as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE, ROOT

HEADER = "ERROR   -  the texts or glossary have problems:"
FOOTER = "build failed; site/ was left as it was"

# The demo article gets every optional file, so each one can be broken.
DEMO_FILES = {
    "texts/demo/en.yaml": """\
title: The future of large models
paragraphs:
  p1: OpenAl released a new large model. The industry is long.
  p2: Deepfakes are a double-edged sword.
""",
    "texts/demo/notes.yaml": """\
- paragraph: p2
  anchor: 双刃剑
  type: language
  text: A double-edged sword, as in English.
""",
    "texts/demo/quotes.yaml": """\
- id: double-edged
  zh: 深度伪造是双刃剑。
  en: Deepfakes are a double-edged sword.
  speaker: Someone
  date: "2024-02-16"
  occasion: A test
  why: It is short.
""",
    "texts/demo/meta.yaml": """\
title_en: The future of large models
speaker: Someone
date: "2024-02-16"
source: Test source
""",
}


def build(src: Path, site: Path) -> subprocess.CompletedProcess:
    """Run the README's build command (``make build`` = ``scripts/build_site.py``) in ``src``."""
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir", str(site)],
                          cwd=src, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def copy_source(dest: Path) -> Path:
    shutil.copytree(FIXTURE, dest)
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "../../../scripts/hook.py", str(ROOT / "scripts" / "hook.py")), encoding="utf-8")
    for name, text in DEMO_FILES.items():
        (dest / name).write_text(text, encoding="utf-8")
    return dest


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """A good source tree and the site built from it."""
    root = tmp_path_factory.mktemp("good")
    src = copy_source(root / "src")
    result = build(src, root / "site")
    assert result.returncode == 0, result.stderr
    return src, root / "site"


@pytest.fixture
def project(good, tmp_path):
    """A private copy of the good source and of its built site."""
    src, site = good
    shutil.copytree(src, tmp_path / "src")
    shutil.copytree(site, tmp_path / "site")
    return tmp_path / "src", tmp_path / "site"


# -- the catalogue -------------------------------------------------------------

def put(path: str, content: str | bytes | None):
    """Replace a file (``None`` deletes it; a path ending in / makes an empty folder)."""
    def apply(src: Path) -> None:
        target = src / path
        if content is None:
            target.unlink()
        elif path.endswith("/"):
            target.mkdir(parents=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            target.write_bytes(data)
    return apply


def link(path: str, target: str):
    """Make ``path`` a symbolic link to ``target`` (replacing a file there)."""
    def apply(src: Path) -> None:
        where = src / path
        if where.exists() or where.is_symlink():
            where.unlink()
        where.symlink_to(target)
    return apply


def edit(path: str, old: str, new: str):
    """Replace ``old`` (which must occur) by ``new`` in one file."""
    def apply(src: Path) -> None:
        target = src / path
        text = target.read_text(encoding="utf-8")
        assert old in text, (path, old)
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


GLOSSARY_ENTRY = """\
- id: model
  term: 模型
  pinyin: móxíng
  en: model
  category: concept
  definition: A trained network.
  note: Usual rendering.
"""

CASES = {
    # glossary.yaml
    "yaml-syntax-error": (edit("glossary.yaml", "aliases: [大型模型]", "aliases: [大型模型"),
                          ["glossary.yaml:4: is not valid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence started on line 3); check the quotes, brackets and indentation on this line or the one before"]),
    "yaml-unclosed-quote": (edit("glossary.yaml", "definition: Synthetic media", 'definition: "Synthetic media'),
                            ["glossary.yaml:25: is not valid YAML: found unexpected end of stream (while scanning a quoted scalar started on line 23); check the quotes, brackets and indentation on this line or the one before"]),
    "yaml-tab-indent": (edit("texts/demo/en.yaml", "  p2: Deepfakes", "\tp2: Deepfakes"),
                        ["texts/demo/en.yaml:4: is not valid YAML: a tab character; indent with spaces, not tabs"]),
    "glossary-not-a-list": (put("glossary.yaml", "term: 大模型\nen: large model\n"),
                            ["glossary.yaml:1: the top level must be a list of entries (found a mapping)"]),
    "glossary-missing": (put("glossary.yaml", None),
                         ["glossary.yaml: not found; the glossary is a list of entries (see README: Add a glossary term)"]),
    "entry-not-a-mapping": (edit("glossary.yaml", "- id: deepfake", "- 深度伪造\n- id: deepfake"),
                            ["glossary.yaml:17: entry 3: must be a mapping of fields (found text)"]),
    "missing-field": (edit("glossary.yaml", "  en: deepfake\n", ""),
                      ["glossary.yaml:17: entry '深度伪造': missing 'en'"]),
    "empty-field": (edit("glossary.yaml", "en: deepfake", "en: ''"),
                    ["glossary.yaml:17: entry '深度伪造': missing 'en'"]),
    "field-of-wrong-type": (edit("glossary.yaml", "en: deepfake", "en: [deep, fake]"),
                            ["glossary.yaml:21: entry '深度伪造': 'en' must be text (found a list)"]),
    "unknown-field": (edit("glossary.yaml", "  definition: Synthetic", "  defintion: Synthetic"),
                      ["glossary.yaml:23: entry '深度伪造': unknown field 'defintion' (did you mean 'definition'?)",
                       "glossary.yaml:17: entry '深度伪造': missing 'definition'"]),
    "field-given-twice": (edit("glossary.yaml", "  en: deepfake\n", "  en: deepfake\n  en: deep fake\n"),
                          ["glossary.yaml:22: field 'en' is given twice (first on line 21); keep one"]),
    "duplicate-term": (put("glossary.yaml", (FIXTURE / "glossary.yaml").read_text(encoding="utf-8")
                           + GLOSSARY_ENTRY.replace("model\n", "big-model\n", 1).replace("模型", "大模型").replace("móxíng", "dà móxíng")),
                       ["glossary.yaml:25: entry '大模型': term '大模型' is already used by entry '大模型' (line 1)"]),
    "duplicate-id": (put("glossary.yaml", (FIXTURE / "glossary.yaml").read_text(encoding="utf-8")
                         + GLOSSARY_ENTRY.replace("id: model", "id: deepfake")),
                     ["glossary.yaml:25: entry '模型': id 'deepfake' is already used by the entry on line 17"]),
    "alias-collides-with-term": (put("glossary.yaml", (FIXTURE / "glossary.yaml").read_text(encoding="utf-8")
                                     + GLOSSARY_ENTRY.replace("  pinyin:", "  aliases: [深度伪造]\n  pinyin:")),
                                 ["glossary.yaml:25: entry '模型': alias '深度伪造' is already used by entry '深度伪造' (line 17)"]),
    "pinyin-tone-numbers": (edit("glossary.yaml", "shēndù wěizào", "shen1 du4 wei3 zao4"),
                            ["glossary.yaml:20: entry '深度伪造': pinyin 'shen1 du4 wei3 zao4' uses tone numbers; write tone marks (e.g. 'dà móxíng', not 'da4 mo2 xing2')"]),
    "pinyin-without-tones": (edit("glossary.yaml", "shēndù wěizào", "shendu weizao"),
                             ["glossary.yaml:20: entry '深度伪造': pinyin 'shendu weizao' has no tone marks"]),
    "pinyin-wrong-tone": (edit("glossary.yaml", "shēndù wěizào", "shēndù wèizào"),
                          ["glossary.yaml:20: entry '深度伪造': pinyin 'shēndù wèizào' has a wrong tone for '深度伪造'"]),
    "pinyin-malformed": (edit("glossary.yaml", "shēndù wěizào", "shēndù/wěizào"),
                         ["glossary.yaml:20: entry '深度伪造': pinyin 'shēndù/wěizào' contains characters that are not pinyin letters"]),
    "pinyin-missing": (edit("glossary.yaml", "  pinyin: shēndù wěizào\n", ""),
                       ["glossary.yaml:17: entry '深度伪造': missing 'pinyin' (required for a Chinese term)"]),
    "bad-category": (edit("glossary.yaml", "category: security", "category: securty"),
                     ["glossary.yaml:22: entry '深度伪造': category 'securty' is not one of: concept, technique, model, product, company, organization, person, event, hardware, security, policy, business"]),
    "very-long-definition": (edit("glossary.yaml", "definition: Synthetic media that imitates a real person.",
                                  "definition: " + "Synthetic media. " * 60),
                             ["glossary.yaml:23: entry '深度伪造': definition is 1,019 characters long; keep it to 1–3 sentences (at most 600)"]),
    "glossary-control-character": (edit("glossary.yaml", "en: deepfake", 'en: "deep\\bfake"'),
                                   ["glossary.yaml:21: contains the control character U+0008; remove it"]),
    "glossary-not-utf8": (put("glossary.yaml", (FIXTURE / "glossary.yaml").read_text(encoding="utf-8").encode("gb18030")),
                          ["glossary.yaml:2: is not valid UTF-8 (byte 0xb4); save the file as UTF-8"]),
    "yaml-python-tag": (edit("glossary.yaml", "en: deepfake", "en: !!python/object/apply:os.system [echo pwned]"),
                        ["glossary.yaml:21: uses the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system', which is not allowed; write plain text, lists and mappings"]),
    # YAML that PyYAML cannot build, or would build forever
    "yaml-int-tag-on-text": (edit("glossary.yaml", "en: deepfake", "en: !!int deepfake"),
                             ["glossary.yaml:21: uses the YAML tag 'tag:yaml.org,2002:int', which is not allowed; write plain text, lists and mappings"]),
    "yaml-not-a-number": (edit("glossary.yaml", "en: deepfake", "en: 0x_"),
                          ["glossary.yaml:21: has a value '0x_' that looks like a number but is not one; put it in quotes to keep it as text"]),
    "yaml-lone-surrogate": (edit("glossary.yaml", "en: deepfake", 'en: "deep\\ud800fake"'),
                            ["glossary.yaml:21: contains a lone surrogate U+D800 (half of a UTF-16 pair, not a character); remove it"]),
    "yaml-self-reference": (edit("glossary.yaml", "aliases: [Deepfake]", "aliases: &a [*a]"),
                            ["glossary.yaml:19: a list or mapping here is repeated through a YAML alias (*name); write it out instead (aliases may repeat plain values only)"]),
    "yaml-deep-nesting": (edit("glossary.yaml", "aliases: [Deepfake]", "aliases: " + "[" * 5000 + "]" * 5000),
                          ["glossary.yaml:19: nests lists and mappings more than 50 levels deep; a data file needs a few"]),
    "yaml-alias-bomb": (put("glossary.yaml", "- &a0 [x, x, x, x, x, x, x, x, x, x]\n"
                            + "".join(f"- &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 12))),
                        ["glossary.yaml:1: a list or mapping here is repeated through a YAML alias (*name); write it out instead (aliases may repeat plain values only)"]),
    "glossary-empty-file": (put("glossary.yaml", "# no entries yet\n"),
                            ["glossary.yaml:1: has no entries; the glossary is a list of entries (see README: Add a glossary term)"]),
    "glossary-empty-list": (put("glossary.yaml", "[]\n"),
                            ["glossary.yaml:1: has no entries; the glossary is a list of entries (see README: Add a glossary term)"]),
    "term-only-punctuation": (put("glossary.yaml", (FIXTURE / "glossary.yaml").read_text(encoding="utf-8")
                                  + GLOSSARY_ENTRY.replace("id: model", "id: full-stop").replace("term: 模型", "term: '。'").replace("  pinyin: móxíng\n", "")),
                              ["glossary.yaml:26: entry '。': term '。' has no letter, digit or Chinese character; a form of punctuation alone would link every one of them in the texts"]),
    "term-with-word-joiner": (edit("glossary.yaml", "term: 深度伪造", 'term: "深度\\u2060伪造"'),
                              ["glossary.yaml:18: contains the invisible character U+2060 (WORD JOINER); remove it"]),
    "unused-term-with-lone-surrogate": (put("glossary.yaml", (FIXTURE / "glossary.yaml").read_text(encoding="utf-8")
                                            + GLOSSARY_ENTRY.replace("term: 模型", 'term: "模型\\udfff"')),
                                        ["glossary.yaml:26: contains a lone surrogate U+DFFF (half of a UTF-16 pair, not a character); remove it"]),
    # texts/<slug>/zh.txt
    "zh-zero-width-space": (put("texts/trad/zh.txt", "深度偽造的問題\n\n現在深度\u200b偽造很容易。\n"),
                            ["texts/trad/zh.txt:3: contains the invisible character U+200B (ZERO WIDTH SPACE); remove it"]),
    "zh-right-to-left-override": (put("texts/trad/zh.txt", "深度偽造的問題\u202e\n\n現在深度偽造很容易。\n"),
                                  ["texts/trad/zh.txt:1: contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE); remove it"]),
    "translation-bidi-isolate": (edit("texts/demo/en.yaml", "double-edged sword", "double-edged \u2067sword"),
                                 ["texts/demo/en.yaml:4: contains the invisible character U+2067 (RIGHT-TO-LEFT ISOLATE); remove it"]),
    "zh-title-runs-into-paragraph": (put("texts/trad/zh.txt", "深度偽造的問題\n現在深度偽造很容易。\n\n第二段。\n"),
                                     ["texts/trad/zh.txt:2: follows the title (line 1) without a blank line; the title is one line, then a blank line, then the paragraphs"]),
    "zh-title-too-long": (put("texts/trad/zh.txt", "深" * 201 + "\n\n現在深度偽造很容易。\n"),
                          ["texts/trad/zh.txt:1: the title is 201 characters long; a title may have at most 200 (it is one line of the page, the navigation and the browser tab)"]),
    "zh-article-too-long": (put("texts/trad/zh.txt", "深度偽造的問題\n\n" + ("很容易。" * 4_000 + "\n\n") * 13),
                            ["texts/trad/zh.txt: is 208,035 characters long; an article may have at most 200,000 (split it into several articles)"]),
    "zh-file-too-large": (put("texts/trad/zh.txt", "深度偽造的問題\n\n" + ("很容易。" * 4_000 + "\n\n") * 110),
                          ["texts/trad/zh.txt: is 5.3 MB; a data file may be at most 4 MB (split it)"]),
    "slug-ending-in-newline": (put("texts/demo2\n/zh.txt", "标题\n\n正文。\n"),
                               ["texts/demo2\\n: folder name 'demo2\\n' is not a valid slug; use lowercase ASCII letters, digits and hyphens (e.g. 'zhou-hongyi-sora')"]),
    "zh-linked-outside-the-project": (link("texts/trad/zh.txt", "/dev/null"),
                                      ["texts/trad/zh.txt: is a link to /dev/null, outside the project, whose content would be published; copy the file into the project instead"]),
    "translation-dangling-link": (link("texts/demo/en.yaml", "en-old.yaml"),
                                  ["texts/demo/en.yaml: is a link to en-old.yaml, which does not exist; remove the link or restore the file"]),
    "article-folder-link-loop": (link("texts/loop", "loop"),
                                 ["texts/loop: is a link that leads back to itself (a loop); remove it"]),
    "zh-empty": (put("texts/demo/zh.txt", ""),
                 ["texts/demo/zh.txt: is empty; the first line must be the article's title"]),
    "zh-blank-lines-only": (put("texts/demo/zh.txt", "\n  \n\n"),
                            ["texts/demo/zh.txt: is empty; the first line must be the article's title"]),
    "zh-title-only": (put("texts/trad/zh.txt", "深度偽造的問題\n"),
                      ["texts/trad/zh.txt:1: has a title but no paragraphs; add paragraphs after a blank line"]),
    "folder-without-zh": (put("texts/draft/", ""),
                          ["texts/draft: has no zh.txt; every article folder needs one (first line: title, then paragraphs separated by blank lines)"]),
    "zh-not-utf8": (put("texts/trad/zh.txt", "深度偽造的問題\n\n現在深度偽造很容易。\n".encode("big5")),
                    ["texts/trad/zh.txt:1: is not valid UTF-8 (byte 0xb2); save the file as UTF-8"]),
    "zh-control-character": (put("texts/trad/zh.txt", "深度偽造的問題\n\n現在深度\x1b偽造很容易。\n"),
                             ["texts/trad/zh.txt:3: contains the control character U+001B; remove it"]),
    "zh-huge-paragraph": (put("texts/trad/zh.txt", "深度偽造的問題\n\n" + "很容易。" * 25_600 + "\n"),
                          ["texts/trad/zh.txt:3: paragraph p1 is 102,400 characters long; split it with blank lines (at most 20,000)"]),
    "slug-with-spaces": (put("texts/My Article/zh.txt", "标题\n\n正文。\n"),
                         ["texts/My Article: folder name 'My Article' is not a valid slug; use lowercase ASCII letters, digits and hyphens (e.g. 'zhou-hongyi-sora')"]),
    "slug-non-ascii": (put("texts/文章/zh.txt", "标题\n\n正文。\n"),
                       ["texts/文章: folder name '文章' is not a valid slug; use lowercase ASCII letters, digits and hyphens (e.g. 'zhou-hongyi-sora')"]),
    "same-title-twice": (put("texts/trad/zh.txt", "大模型的未来\n\n現在深度偽造很容易。\n"),
                         ["texts/trad/zh.txt:1: title '大模型的未来' is already used by texts/demo/zh.txt"]),
    "file-outside-article-folder": (put("texts/zh.txt", "标题\n\n正文。\n"),
                                    ["texts/zh.txt: is not inside an article folder; put it in texts/<slug>/ (it would be ignored)"]),
    "misnamed-optional-file": (put("texts/trad/en.yml", "title: x\nparagraphs:\n  p1: y\n"),
                               ["texts/trad/en.yml: unknown file; an article folder holds zh.txt, en.yaml, notes.yaml, quotes.yaml, meta.yaml (did you mean 'en.yaml'?)"]),
    # en.yaml
    "translation-missing-paragraph": (edit("texts/demo/en.yaml", "  p2: Deepfakes are a double-edged sword.\n", ""),
                                      ["texts/demo/en.yaml:3: paragraph 'p2' has no translation (zh.txt line 5: 深度伪造是双刃剑。)"]),
    "translation-extra-paragraph": (edit("texts/demo/en.yaml", "sword.\n", "sword.\n  p3: And more.\n"),
                                    ["texts/demo/en.yaml:5: paragraph 'p3' does not exist in zh.txt (it has p1–p2)"]),
    "translation-not-a-mapping": (put("texts/demo/en.yaml", "- One.\n- Two.\n"),
                                  ["texts/demo/en.yaml:1: must be a mapping with 'title' and 'paragraphs' (a mapping p1, p2, … → English)"]),
    "translation-sentence-count": (edit("texts/demo/en.yaml", "  p1: OpenAl released a new large model. The industry is long.\n",
                                        "  p1:\n    - OpenAl released a new large model.\n    - The industry\n      is long.\n    - And more.\n"),
                                   ["texts/demo/en.yaml:4: paragraph 'p1' has 3 English sentences but its Chinese has 2 "
                                    "(cut at 。！？: 1. OpenAl发布了新的大…; 2. 行业很大。); give one item per Chinese sentence, "
                                    "or the paragraph as one text"]),
    "translation-sentence-not-text": (edit("texts/demo/en.yaml", "  p1: OpenAl released a new large model. The industry is long.\n",
                                           "  p1:\n    - OpenAl released a new large model.\n    - {industry: long}\n"),
                                      ["texts/demo/en.yaml:5: paragraph 'p1', sentence 2: must be text (found a mapping)"]),
    # notes.yaml
    "note-anchor-not-in-paragraph": (edit("texts/demo/notes.yaml", "anchor: 双刃剑", "anchor: 大模型"),
                                     ["texts/demo/notes.yaml:1: note 1: anchor '大模型' does not occur in paragraph p2"]),
    "note-unknown-paragraph": (edit("texts/demo/notes.yaml", "paragraph: p2", "paragraph: 2"),
                               ["texts/demo/notes.yaml:1: note 1: paragraph '2' does not exist in zh.txt (write p1–p2)"]),
    "note-bad-type": (edit("texts/demo/notes.yaml", "type: language", "type: grammar"),
                      ["texts/demo/notes.yaml:1: note 1: type 'grammar' must be 'language' or 'context'"]),
    "note-missing-text": (edit("texts/demo/notes.yaml", "  text: A double-edged sword, as in English.\n", ""),
                          ["texts/demo/notes.yaml:1: note 1: missing 'text'"]),
    # quotes.yaml
    "quote-not-in-article": (edit("texts/demo/quotes.yaml", "zh: 深度伪造是双刃剑。", "zh: 深度伪造是三刃剑。"),
                             ["texts/demo/quotes.yaml:1: quote 'double-edged': its Chinese is not a verbatim part of any paragraph of zh.txt: 深度伪造是三刃剑。"]),
    "quote-field-of-wrong-type": (edit("texts/demo/quotes.yaml", "speaker: Someone", "speaker: [Someone, Else]"),
                                  ["texts/demo/quotes.yaml:1: quote 1: 'speaker' must be text (found a list)"]),
    "quote-date-not-iso": (edit("texts/demo/quotes.yaml", 'date: "2024-02-16"', "date: 16 February 2024"),
                           ["texts/demo/quotes.yaml:5: quote 'double-edged': date '16 February 2024' must be written YYYY-MM-DD (or YYYY-MM, or YYYY)"]),
    "quote-wrong-paragraph": (edit("texts/demo/quotes.yaml", "  en: Deepfakes", "  paragraph: p1\n  en: Deepfakes"),
                              ["texts/demo/quotes.yaml:3: quote 'double-edged': paragraph 'p1' does not contain its Chinese (it occurs in p2)"]),
    "quote-in-two-paragraphs": (edit("texts/demo/quotes.yaml", "zh: 深度伪造是双刃剑。", "zh: 。"),
                                ["texts/demo/quotes.yaml:1: quote 'double-edged': its Chinese occurs in p1, p2; add 'paragraph:' naming the one where the speaker says it"]),
    "quote-reported-not-true-or-false": (edit("texts/demo/quotes.yaml", "  speaker: Someone", "  speaker: Someone\n  reported: as reported by the paper"),
                                         ["texts/demo/quotes.yaml:5: quote 'double-edged': 'reported' must be true or false (found text)"]),
    "quote-impossible-date": (edit("texts/demo/quotes.yaml", 'date: "2024-02-16"', 'date: "2024-02-30"'),
                              ["texts/demo/quotes.yaml:5: quote 'double-edged': date '2024-02-30' does not exist in the calendar"]),
    "quote-impossible-date-unquoted": (edit("texts/demo/quotes.yaml", 'date: "2024-02-16"', "date: 2024-02-30"),
                                       ["texts/demo/quotes.yaml:5: quote 'double-edged': date '2024-02-30' does not exist in the calendar"]),
    "quote-month-13": (edit("texts/demo/quotes.yaml", 'date: "2024-02-16"', 'date: "2024-13"'),
                       ["texts/demo/quotes.yaml:5: quote 'double-edged': date '2024-13' does not exist in the calendar"]),
    "quote-id-in-two-articles": (put("texts/trad/quotes.yaml", "- id: double-edged\n  zh: 現在深度偽造很容易。\n  en: Deepfakes are easy now.\n"
                                     "  speaker: Someone\n  date: '2024'\n  occasion: A test\n  why: It is short.\n"),
                                 ["texts/trad/quotes.yaml:1: quote 'double-edged': id is already used by texts/demo/quotes.yaml (line 1); quote ids must be unique across articles"]),
    # meta.yaml
    "meta-title-zh": (edit("texts/demo/meta.yaml", "speaker:", "title_zh: 大模型的未来\nspeaker:"),
                      ["texts/demo/meta.yaml:2: unknown field 'title_zh' (the Chinese title is the first line of zh.txt)"]),
    "meta-unknown-field": (edit("texts/demo/meta.yaml", "speaker:", "speakr:"),
                           ["texts/demo/meta.yaml:2: unknown field 'speakr' (did you mean 'speaker'?)"]),
    "meta-script-url": (edit("texts/demo/meta.yaml", "source: Test source", "source: Test source\nsource_url: javascript:alert(1)"),
                        ["texts/demo/meta.yaml:5: 'source_url' must be an http:// or https:// address"]),
    "meta-url-breaking-out": (edit("texts/demo/meta.yaml", "source: Test source", 'source: Test source\nsource_url: \'https://x.org/"><svg/onload=alert(1)>\''),
                              ["texts/demo/meta.yaml:5: 'source_url' must be an http:// or https:// address"]),
}


@pytest.mark.parametrize("breakage, expected", CASES.values(), ids=CASES.keys())
def test_bad_input_fails_clearly_and_keeps_the_old_site(project, breakage, expected):
    src, site = project
    before = snapshot(site)
    breakage(src)
    result = build(src, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output and 'File "' not in output, output
    lines = result.stderr.splitlines()
    assert lines[0] == HEADER and lines[-1] == FOOTER, output
    assert [line.strip() for line in lines[1:] if line.startswith("  ")] == expected
    assert snapshot(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site", "src"]   # no staging left behind


def test_catalogue_is_large():
    assert len(CASES) >= 70


# -- inputs that must simply work -------------------------------------------------

def test_bom_and_crlf_simply_work(project):
    src, site = project
    for path in [src / "glossary.yaml", *sorted((src / "texts").rglob("*.*"))]:
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = build(src, site)
    assert result.returncode == 0, result.stderr
    html = (site / "articles" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "Deepfakes are a double-edged sword." in html
    assert "\ufeff" not in html and "\r" not in html
    assert 'id="p2"' in html and 'id="p3"' not in html


def test_an_unquoted_yaml_date_is_kept_as_written(project):
    src, site = project
    edit("texts/demo/meta.yaml", 'date: "2024-02-16"', "date: 2024-02-16")(src)
    edit("texts/demo/quotes.yaml", 'date: "2024-02-16"', "date: 2024-02-16")(src)
    result = build(src, site)
    assert result.returncode == 0, result.stderr
    assert "<dd>2024-02-16</dd>" in (site / "articles" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "<time>2024-02-16</time>" in (site / "quotes" / "index.html").read_text(encoding="utf-8")


def test_a_crash_in_the_build_is_one_plain_line_not_a_traceback(project):
    src, site = project
    before = snapshot(site)
    (src / "crash.py").write_text("def on_files(files, config):\n    raise RuntimeError('boom')\n", encoding="utf-8")
    edit("mkdocs.yml", "hooks:\n", "hooks:\n  - crash.py\n")(src)
    result = build(src, site)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        "ERROR   -  the build crashed: RuntimeError: boom",
        "  this is a bug in the build, not in your texts; run `mkdocs build --strict` for the details",
        FOOTER]
    assert snapshot(site) == before


@pytest.mark.parametrize("title", ["P1", "Note 1", "Title"])
def test_a_title_like_an_anchor_leaves_paragraph_and_note_links_alone(project, title):
    src, site = project
    zh = src / "texts" / "demo" / "zh.txt"
    zh.write_text(zh.read_text(encoding="utf-8").replace("大模型的未来", title, 1), encoding="utf-8")
    result = build(src, site)
    assert result.returncode == 0, result.stderr
    html = (site / "articles" / "demo" / "index.html").read_text(encoding="utf-8")
    assert f'<h1 id="title" lang="zh">{title}' in html
    for anchor in ("title", "p1", "note-1"):
        assert html.count(f'id="{anchor}"') == 1, anchor
