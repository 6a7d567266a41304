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
    pairs = [("Title", old.title, new.title)]
    for section in Section:
        if section == Section.RECOMMENDATIONS:
            pairs.append((section.label, recommendations_text(old), recommendations_text(new)))
        else:
            pairs.append((section.label, getattr(old, section.value), getattr(new, section.value)))
    return [SectionDiff(label, word_diff(a, b)) for label, a, b in pairs]
