"""Data errors: collect every problem, then fail once.

A ``SourceError`` carries a list of human messages, each naming the file,
the line (or entry) and what is wrong.  Callers print them and exit non-zero;
nobody sees a traceback for a mistake in the data.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml


class SourceError(Exception):
    """One or more problems in the project's data files."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class Problems:
    """Accumulate messages of the form ``file:line: text``."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, path: str | Path, line: int | None, text: str) -> None:
        where = f"{display_path(path)}:{line}" if line else f"{display_path(path)}"
        # One message is one line a terminal shows as written: a newline, a control or a
        # bidirectional character in a file name or an excerpt is spelled out (\n, \u202e).
        self.messages.append(printable(f"{where}: {text}"))

    def raise_if_any(self) -> None:
        if self.messages:
            raise SourceError(self.messages)


def printable(text: str) -> str:
    """``text`` with every character a terminal would not show as itself written as an escape."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or unicodedata.category(c) == "Zs" else c.encode("unicode_escape").decode("ascii")
                   for c in text)


def display_path(path: str | Path) -> str:
    """Show a path relative to the working directory when it is inside it."""
    path = Path(path)
    try:   # the folder resolved, not the file: a link is shown as itself, not as its target
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):   # outside, or a link loop
        return str(path)


MAX_FILE_BYTES = 4_000_000   # a data file (an article of ~1.3 million characters) at most
# glossary.yaml, which cannot be split: 6,500 entries are 3.3 MB; this allows about 40,000.
MAX_GLOSSARY_BYTES = 20_000_000


def read_text(path: Path, problems: Problems, limit: int | None = None) -> str | None:
    """Read a UTF-8 file (BOM and CRLF tolerated); report anything else.

    ``limit``: its largest size in bytes, ``MAX_GLOSSARY_BYTES`` for the glossary (one file
    by design); any other file may be at most ``MAX_FILE_BYTES``, and is told to split."""
    try:
        size = path.stat().st_size
        if size > (limit or MAX_FILE_BYTES):
            advice = "" if limit else " (split it)"
            problems.add(path, None, f"is {size / 1e6:.1f} MB; {'it' if limit else 'a data file'} may be at most {(limit or MAX_FILE_BYTES) // 1_000_000} MB{advice}")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(path, None, f"cannot be read ({exc.strerror or exc})")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(path, line, f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _BAD.search(text):
        return text
    for number, line in enumerate(text.split("\n"), start=1):
        bad = bad_character(line)
        if bad:
            problems.add(path, number, f"contains {bad}; remove it")
    return None


# Unicode category Cc is exactly U+0000–U+001F and U+007F–U+009F (tab and newline are fine).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters that show nothing but change the text: category Cf (zero-width spaces and joiners,
# bidirectional overrides such as U+202E, soft hyphen, word joiner, a BOM inside the text …) and
# the line/paragraph separators U+2028/U+2029, as in Unicode 14.  A zero-width space inside a
# term stops glossary linking; U+202E shows the text after it reversed.
_INVISIBLE = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
                        "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
                        "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")
# Half of a UTF-16 pair: no file decodes to one, but a YAML escape ("\ud800") can write it.
_SURROGATE = re.compile("[\ud800-\udfff]")
_BAD = re.compile(f"{_CONTROL.pattern}|{_INVISIBLE.pattern}|{_SURROGATE.pattern}")


def control_char(text: str) -> str | None:
    """Name the first control character in ``text`` (tab and newline are fine), or None."""
    found = _CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def bad_character(text: str) -> str | None:
    """Describe the first character of ``text`` no data file should hold, or None:
    a control character, an invisible or bidirectional formatting character, a lone surrogate."""
    found = _BAD.search(text)
    if found is None:
        return None
    char = found.group()
    if _CONTROL.match(char):
        return f"the control character U+{ord(char):04X}"
    if _SURROGATE.match(char):
        return f"a lone surrogate U+{ord(char):04X} (half of a UTF-16 pair, not a character)"
    return f"the invisible character U+{ord(char):04X} ({unicodedata.name(char, 'format character')})"


def check_form_characters(entry, label: str, line_of, path: Path, problems: Problems) -> None:
    """A glossary term or alias needs a letter, digit or Chinese character: a form of punctuation
    alone ('。') would turn every one of them in the texts into a glossary link.  (Invisible and
    control characters, lone surrogates: ``bad_character``, for every value of every file.)"""
    for key, forms in (("term", [entry.term]), ("aliases", [*entry.aliases, *getattr(entry, "restricted", ())])):
        for form in forms:
            if form and not any(unicodedata.category(c)[0] in "LN" for c in form):
                problems.add(path, line_of(key), f"entry {label}: {'term' if key == 'term' else 'alias'} '{form}' has no letter, digit "
                             "or Chinese character; a form of punctuation alone would link every one of them in the texts")


class LineMap:
    """Line numbers of a YAML document's sequence items and mapping keys."""

    def __init__(self, node: yaml.Node | None):
        self.node = node

    def line(self, *path: int | str) -> int | None:
        """Return the 1-based line of the value at ``path`` (ints index lists, strs key maps)."""
        node = self.node
        line = node.start_mark.line + 1 if node is not None else None
        for step in path:
            node = _child(node, step)
            if node is None:
                return line
            line = node.start_mark.line + 1
        return line


def _child(node, step):
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int):
        return node.value[step] if 0 <= step < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == step:
                return value
    return None


MAX_YAML_DEPTH = 50   # lists and mappings inside each other; our files need four


def _plain_loader(base):
    """``base`` reading every unquoted value as PyYAML does, except dates and ``=``:
    ``date: 2024-02-16`` stays the text the author wrote (an impossible one such as
    2024-02-30 is then reported where it is used, instead of failing inside PyYAML)."""
    dropped = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value")
    return type(f"Plain{base.__name__}", (base,), {"yaml_implicit_resolvers": {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in dropped]
        for first, resolvers in base.yaml_implicit_resolvers.items()}})


# libyaml's parser (when PyYAML has it) is ~20× faster and yields the same nodes and data;
# only its error wording differs, so a broken file is re-read by the pure-Python parser and
# authors see the same messages either way.
_LOADERS = [_plain_loader(cls) for cls in (getattr(yaml, "CSafeLoader", None), yaml.SafeLoader) if cls is not None]


def _compose(text: str):
    """``(loader, node)``: the document's node graph (``node`` is None for an empty file)."""
    for number, cls in enumerate(_LOADERS, start=1):
        loader = cls(text)
        try:
            return loader, loader.get_single_node()
        except yaml.YAMLError:
            loader.dispose()
            if number == len(_LOADERS):
                raise


def load_yaml(path: Path, problems: Problems, limit: int | None = None):
    """Load YAML with ``safe_load`` semantics; return ``(data, LineMap)`` or ``(None, None)``.

    Nothing in a file makes PyYAML crash or hang: explicit tags (``!!int``, ``!!python/…``),
    aliases of lists or mappings (a self-reference, an "alias bomb") and nesting deeper than
    ``MAX_YAML_DEPTH`` are reported with their line instead of being built. ``limit``: as
    ``read_text``'s.
    """
    text = read_text(path, problems, limit)
    if text is None:
        return None, None
    return parse_yaml(text, path, problems)


def parse_yaml(text: str, path: Path, problems: Problems):
    """``load_yaml`` of a file's text (``path`` names it in the messages)."""
    try:
        loader, node = _compose(text)
    except yaml.YAMLError as exc:
        _report_yaml_error(exc, path, problems)
        return None, None
    except RecursionError:
        problems.add(path, _too_deep_line(text), f"nests lists and mappings more than {MAX_YAML_DEPTH} levels deep; a data file needs a few")
        return None, None
    try:
        before = len(problems.messages)
        buildable = _check_nodes(loader, node, path, problems)
        if node is None or not buildable:
            return None, (LineMap(None) if len(problems.messages) == before else None)
        try:
            data = loader.construct_document(node)
        except yaml.YAMLError as exc:
            _report_yaml_error(exc, path, problems)
            return None, None
        except (ValueError, TypeError, OverflowError):
            bad = _unreadable_value(node)
            value = f" '{bad.value}'" if bad is not None else ""
            problems.add(path, bad.start_mark.line + 1 if bad is not None else None,
                         f"has a value{value} that looks like a number but is not one; put it in quotes to keep it as text")
            return None, None
    finally:
        loader.dispose()
    return data, LineMap(node)


def _report_yaml_error(exc: yaml.YAMLError, path: Path, problems: Problems) -> None:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in reason:
        tag = reason.rsplit(" ", 1)[-1]
        problems.add(path, line, f"uses the YAML tag {tag}, which is not allowed; write plain text, lists and mappings")
    elif "'\\t'" in reason:
        problems.add(path, line, "is not valid YAML: a tab character; indent with spaces, not tabs")
    else:
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start is not None and start.line + 1 != line:
            reason += f" ({context} started on line {start.line + 1})"
        problems.add(path, line, f"is not valid YAML: {reason}; check the quotes, brackets and indentation on this line or the one before")


_IMPLICIT = {yaml.SequenceNode: "tag:yaml.org,2002:seq", yaml.MappingNode: "tag:yaml.org,2002:map"}


def _check_nodes(loader, root, path: Path, problems: Problems) -> bool:
    """Report what ``safe_load`` lets through silently or cannot survive; return whether
    the document can be built.

    Silently: repeated keys (the last would win and the first be lost), escaped control,
    invisible and surrogate characters.  Not survivable: an explicit tag, a list or
    mapping used again through an alias (``*a`` inside ``&a`` never ends; nested aliases
    grow exponentially), nesting deeper than ``MAX_YAML_DEPTH``.  Each node is visited
    once, without recursion.
    """
    buildable = True
    seen_collections: set[int] = set()
    stack = [(root, 1)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            plain = node.style in (None, "")
            expected = loader.resolve(yaml.ScalarNode, node.value, (plain, not plain))
            bad = bad_character(str(node.value))
            if bad:
                problems.add(path, line, f"contains {bad}; remove it")
                if _SURROGATE.search(node.value):
                    buildable = False    # no file, page or cache key can hold it (UnicodeEncodeError)
        else:
            expected = _IMPLICIT[type(node)]
            if id(node) in seen_collections:   # the first one is enough: a bomb would list dozens
                problems.add(path, line, "a list or mapping here is repeated through a YAML alias (*name); write it out instead (aliases may repeat plain values only)")
                return False
            seen_collections.add(id(node))
            if depth > MAX_YAML_DEPTH:
                problems.add(path, line, f"nests lists and mappings more than {MAX_YAML_DEPTH} levels deep; a data file needs a few")
                return False
        if node.tag != expected and node.tag != "tag:yaml.org,2002:str":   # !!str is harmless
            problems.add(path, line, f"uses the YAML tag '{node.tag}', which is not allowed; write plain text, lists and mappings")
            buildable = False
            continue
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, _ in node.value:
                key_line = key.start_mark.line + 1
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        problems.add(path, key_line, f"field '{key.value}' is given twice (first on line {seen[key.value]}); keep one")
                    seen.setdefault(key.value, key_line)
            for key, value in reversed(node.value):
                stack.extend([(value, depth + 1), (key, depth + 1)])
    return buildable


def _unreadable_value(root) -> yaml.ScalarNode | None:
    """The first plain value PyYAML's constructors refuse (``0x_``, ``0b_``)."""
    constructor = yaml.constructor.SafeConstructor()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError):
                return node
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in reversed(node.value) for item in reversed(pair))
    return None


def _too_deep_line(text: str) -> int | None:
    """The line where lists and mappings first nest deeper than ``MAX_YAML_DEPTH`` (parser events need no recursion)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADERS[-1]):   # libyaml scans ahead and gives up at 1,000 levels
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return None
