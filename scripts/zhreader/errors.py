"""Data errors: collect every problem, then fail once.

A ``SourceError`` carries a list of human messages, each naming the file,
the line (or entry) and what is wrong.  Callers print them and exit non-zero;
nobody sees a traceback for a mistake in the data.
"""

from __future__ import annotations

import re
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
        self.messages.append(f"{where}: {text}")

    def raise_if_any(self) -> None:
        if self.messages:
            raise SourceError(self.messages)


def display_path(path: str | Path) -> str:
    """Show a path relative to the working directory when it is inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_text(path: Path, problems: Problems) -> str | None:
    """Read a UTF-8 file (BOM and CRLF tolerated); report anything else."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(path, None, f"cannot be read ({exc.strerror})")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(path, line, f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad_lines = [(number, bad) for number, line in enumerate(text.split("\n"), start=1)
                 if (bad := control_char(line))]
    for number, bad in bad_lines:
        problems.add(path, number, f"contains the control character {bad}; remove it")
    return None if bad_lines else text


# Unicode category Cc is exactly U+0000–U+001F and U+007F–U+009F.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_char(text: str) -> str | None:
    """Name the first control character in ``text`` (tab and newline are fine), or None."""
    found = _CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


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


def _parse_yaml(text: str):
    """``(node, data)`` as ``yaml.compose`` and ``yaml.safe_load`` give them.

    libyaml's parser (when PyYAML has it) is ~20× faster and yields the same nodes and
    data; only its error wording differs, so a broken file is re-read by the pure-Python
    parser and authors see the same messages either way.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast), yaml.load(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader), yaml.safe_load(text)


def load_yaml(path: Path, problems: Problems):
    """Load YAML with ``safe_load`` semantics; return ``(data, LineMap)`` or ``(None, None)``."""
    text = read_text(path, problems)
    if text is None:
        return None, None
    try:
        node, data = _parse_yaml(text)
    except yaml.YAMLError as exc:
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
        return None, None
    _check_nodes(node, path, problems)
    return data, LineMap(node)


def _check_nodes(node, path: Path, problems: Problems) -> None:
    """Report what ``safe_load`` lets through silently: repeated keys (the last
    one would win and the first be lost) and escaped control characters."""
    if isinstance(node, yaml.ScalarNode):
        bad = control_char(str(node.value))
        if bad:
            problems.add(path, node.start_mark.line + 1, f"contains the control character {bad}; remove it")
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _check_nodes(child, path, problems)
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    problems.add(path, line, f"field '{key.value}' is given twice (first on line {seen[key.value]}); keep one")
                seen.setdefault(key.value, line)
            _check_nodes(key, path, problems)
            _check_nodes(value, path, problems)
