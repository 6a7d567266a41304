"""Word-level comparison of two paper revisions.

The Markdown source is compared, not the rendered HTML: authors see exactly
which words they changed, and nothing a diff shows can carry markup (the
templates escape every chunk).
"""

import difflib
import re
from dataclasses import dataclass

from issues.enums import Section

# Words, runs of whitespace, and single punctuation marks: a changed comma
# highlights the comma, not the whole sentence.
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Chunk:
    op: str  # "equal", "delete" or "insert"
    text: str


@dataclass(frozen=True)
class SectionDiff:
    field: str
    label: str
    chunks: tuple[Chunk, ...]

    @property
    def changed(self) -> bool:
        return any(chunk.op != "equal" for chunk in self.chunks)

    @property
    def old(self) -> tuple[Chunk, ...]:
        return tuple(chunk for chunk in self.chunks if chunk.op != "insert")

    @property
    def new(self) -> tuple[Chunk, ...]:
        return tuple(chunk for chunk in self.chunks if chunk.op != "delete")


def word_diff(old: str, new: str) -> tuple[Chunk, ...]:
    a, b = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    chunks: list[Chunk] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            chunks.append(Chunk("equal", "".join(a[a1:a2])))
            continue
        if op in ("delete", "replace"):
            chunks.append(Chunk("delete", "".join(a[a1:a2])))
        if op in ("insert", "replace"):
            chunks.append(Chunk("insert", "".join(b[b1:b2])))
    return _joined(chunks)


def _joined(chunks: list[Chunk]) -> tuple[Chunk, ...]:
    """Read as a person would: a lone space kept between two changes belongs to
    the change, and each run of changes shows as one removal then one addition."""
    result: list[Chunk] = []
    run: list[Chunk] = []

    def flush():
        deleted = "".join(c.text for c in run if c.op == "delete")
        inserted = "".join(c.text for c in run if c.op == "insert")
        result.extend(
            Chunk(op, text) for op, text in (("delete", deleted), ("insert", inserted)) if text
        )
        run.clear()

    for index, chunk in enumerate(chunks):
        between_changes = (
            chunk.op == "equal"
            and not chunk.text.strip()
            and run
            and index + 1 < len(chunks)
            and chunks[index + 1].op != "equal"
        )
        if chunk.op != "equal":
            run.append(chunk)
        elif between_changes:
            run.extend([Chunk("delete", chunk.text), Chunk("insert", chunk.text)])
        else:
            flush()
            result.append(chunk)
    flush()
    return tuple(result)


def recommendations_text(revision) -> str:
    """The numbered recommendations as plain lines, flags and tags included,
    so a changed lever or legislative flag shows up in the comparison."""
    lines = []
    for item in revision.recommendations.all():
        tags = []
        if item.legislative:
            tags.append("Needs legislative action")
        implementers = ", ".join(str(i) for i in item.implementers.all())
        if implementers:
            tags.append(f"Carried out by: {implementers}")
        levers = ", ".join(str(lever) for lever in item.levers.all())
        if levers:
            tags.append(f"Levers: {levers}")
        suffix = f" [{'; '.join(tags)}]" if tags else ""
        lines.append(f"{item.number}. {item.text}{suffix}")
    return "\n\n".join(lines)


def compare_revisions(old, new) -> list[SectionDiff]:
    """Title, every section and the recommendations of two revisions, in
    reading order. Prefetch `recommendations__implementers/levers` first."""
    pairs = [("title", "Title", old.title, new.title)]
    for section in Section:
        if section == Section.RECOMMENDATIONS:
            old_text, new_text = recommendations_text(old), recommendations_text(new)
        else:
            old_text, new_text = getattr(old, section.value), getattr(new, section.value)
        pairs.append((section.value, section.label, old_text, new_text))
    return [SectionDiff(name, label, word_diff(a, b)) for name, label, a, b in pairs]


@dataclass(frozen=True)
class Merge:
    taken: tuple[str, ...]  # fields only the other person changed: theirs taken in
    clashes: tuple[str, ...]  # fields both changed, differently: the person's kept

    def labels(self, fields) -> list[str]:
        return [LABELS[name] for name in fields]

    @property
    def taken_labels(self) -> list[str]:
        return self.labels(self.taken)

    @property
    def clash_labels(self) -> list[tuple[str, str]]:
        return [(name, LABELS[name]) for name in self.clashes]


LABELS = {"title": "Title", **{section.value: section.label for section in Section}}


def _value(text, name: str):
    """A field of a PaperText, comparable across typing and saving."""
    if name == "recommendations":
        return tuple(
            (_clean(item.text), item.legislative, item.implementers, item.levers)
            for item in text.recommendations
        )
    return _clean(getattr(text, name))


def _clean(value: str) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def three_way(*, base, mine, theirs) -> Merge:
    """Field by field: where only the other person changed a field, theirs is
    taken; where only this person did, theirs is kept; where both changed it
    differently, it is a clash for the person to merge by hand. Without the
    common base every difference is a clash."""
    taken, clashes = [], []
    for name in LABELS:
        mine_value, theirs_value = _value(mine, name), _value(theirs, name)
        if mine_value == theirs_value:
            continue
        base_value = _value(base, name) if base is not None else object()
        if theirs_value == base_value:
            continue
        if mine_value == base_value:
            taken.append(name)
        else:
            clashes.append(name)
    return Merge(tuple(taken), tuple(clashes))
