"""Product names in Latin letters built on a name the glossary knows: Claude Design, Gemini 2.5
Flash Image, Google Vids, Samsung One UI 7.

Chinese AI news names each month's new products in English, and most are an old name with new
words after it. No glossary can hold them all (Claude alone has Code, Design, Console, Max,
Team, Enterprise …), yet a reader who taps "Claude" in "Claude Design" learns only half of what
is named. A glossary name of a company, organization, model or product written in Latin letters,
followed by up to ``MAX_WORDS`` capitalised English words or version numbers (and, after such a
word, capitals: Samsung One UI 7), none of them a glossary term, is one tappable word (``FAMILY`` in its ``sense``), shown by its parts: the known
name with its link and gloss, and the rest as written. Nothing is invented: the popup says it is a
name built on one in our glossary, and the glossary counts the name's occurrence there.

Not joined: a lower-case or all-capital word after the name (Claude routines, OpenAI CEO: a
word of the sentence, a title, an acronym), a word that is itself a glossary term (OpenAI Codex,
Claude AI: each keeps its own link), a person's name in the glossary, or anything past
punctuation or Chinese.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .glossary import Glossary

FAMILY = -4           # a token's ``sense`` when it is such a name (``parts``: the known name, each word after it)
MAX_WORDS = 4
CATEGORIES = ("company", "organization", "model", "product")

_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9.+-]*(?: [A-Za-z0-9][A-Za-z0-9.+-]*)*$")   # Claude, Gemini 2.5 Flash
_WORD = re.compile(r"^(?:[A-Z][a-z][A-Za-z]*|[0-9]+(?:\.[0-9]+)*)$")     # Design, PowerPoint, 2.5; not CEO, not routines
_CAPITALS = re.compile(r"^[A-Z]{2,}[0-9]*$")    # UI in Samsung One UI 7: only after a capitalised word
# English words a headline capitalises that name nothing (Google Says It Will …): they end the name.
_PROSE = frozenset("The And Or Of In On For To With Is Are Was Were Will Would Has Have Had Says Said It Its "
                   "At By From As This That Be Can May Not".split())


def joined(tokens: list, glossary: Glossary) -> list:
    """``tokens`` with each such name made one token (``FAMILY``, its parts the name and its words)."""
    out, i, n = [], 0, len(tokens)
    while i < n:
        token = tokens[i]
        entry = glossary.by_id.get(token.entry_id or "")
        words, j = [], i + 1
        if entry is not None and entry.category in CATEGORIES and _LATIN_NAME.match(token.text):
            while len(words) < MAX_WORDS and j + 1 < n and tokens[j].text == " " \
                    and not tokens[j + 1].entry_id and not tokens[j + 1].parts and tokens[j + 1].text not in _PROSE \
                    and (_WORD.match(tokens[j + 1].text)
                         or (_CAPITALS.match(tokens[j + 1].text) and any(w[0].isalpha() for w in words))):
                words.append(tokens[j + 1].text)
                j += 2
        if words and not all(w[0].isdigit() for w in words):     # a version alone is the model's (Claude 4)
            end = i + 2 * len(words)
            out.append(replace(token, text="".join(t.text for t in tokens[i:end + 1]), entry_id=None, reading=None,
                               sense=FAMILY, parts=(token.text, *words), name=False))
            i = end + 1
        else:
            out.append(token)
            i += 1
    return out
