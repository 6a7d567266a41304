"""Word-level comparison of two paper revisions.

The Markdown source is compared, not the rendered HTML: authors see exactly
which words they changed, and nothing a diff shows can carry markup (the
templates escape every chunk).
"""

import difflib
import re
from dataclasses import dataclass, field

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
    """What a conflict resolved to, field by field.

    `taken`: fields where the other person's changes were brought in (alone, or
    woven into this person's where they touched different words);
    `clashes`: fields both changed in the same place, kept as this person typed;
    `values`: the merged value of every field in `taken`."""

    taken: tuple[str, ...]
    clashes: tuple[str, ...]
    values: dict = field(default_factory=dict)

    @property
    def taken_labels(self) -> list[str]:
        return [LABELS[name] for name in self.taken]

    @property
    def clash_labels(self) -> list[tuple[str, str]]:
        return [(name, LABELS[name]) for name in self.clashes]


LABELS = {"title": "Title", **{section.value: section.label for section in Section}}
CLASH = object()


def _clean(value: str) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def merge_text(base: str, mine: str, theirs: str):
    """A three-way merge of words: both people's changes applied where they
    touch different words of the common base; CLASH where they touch the same."""
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    tokens = TOKENS.findall(base)
    edits = []
    for side in (mine, theirs):
        other = TOKENS.findall(side)
        matcher = difflib.SequenceMatcher(a=tokens, b=other, autojunk=False)
        edits.append(
            [
                (i1, i2, other[j1:j2])
                for op, i1, i2, j1, j2 in matcher.get_opcodes()
                if op != "equal"
            ]
        )
    for a1, a2, a_new in edits[0]:
        for b1, b2, b_new in edits[1]:
            same_edit = (a1, a2, a_new) == (b1, b2, b_new)
            touching = (
                max(a1, b1) < min(a2, b2)
                or a1 == b1
                or (a1 == a2 and b1 < a1 < b2)
                or (b1 == b2 and a1 < b1 < a2)
            )
            if touching and not same_edit:
                return CLASH
    merged = {(e[0], e[1]): e for e in edits[0] + edits[1]}
    result, position = [], 0
    for i1, i2, new in sorted(merged.values(), key=lambda e: (e[0], e[1])):
        result.extend(tokens[position:i1])
        result.extend(new)
        position = i2
    result.extend(tokens[position:])
    return "".join(result)


def _merge_value(base, mine, theirs):
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    return CLASH


def _merge_recommendations(base, mine, theirs):
    """Recommendation by recommendation when neither side added or removed one
    in the middle: each item's text merged by words, its flag and tags whole;
    items only one side appended are kept."""
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    common = len(base)
    if len(mine) < common or len(theirs) < common or (len(mine) > common and len(theirs) > common):
        return CLASH
    items = []
    for old, mine_item, theirs_item in zip(base, mine, theirs, strict=False):
        text = merge_text(old[0], mine_item[0], theirs_item[0])
        rest = [
            _merge_value(o, m, t)
            for o, m, t in zip(old[1:], mine_item[1:], theirs_item[1:], strict=True)
        ]
        if text is CLASH or CLASH in rest:
            return CLASH
        items.append((text, *rest))
    return tuple(items) + mine[common:] + theirs[common:]


def _value(text, name: str):
    """A field of a PaperText, comparable across typing and saving."""
    if name == "recommendations":
        return tuple(
            (_clean(item.text), item.legislative, item.implementers, item.levers)
            for item in text.recommendations
        )
    return _clean(getattr(text, name))


def three_way(*, base, mine, theirs) -> Merge:
    """Field by field, as `merge_text` does for words. Without the common base
    every difference is a clash."""
    taken, clashes, values = [], [], {}
    for name in LABELS:
        mine_value, theirs_value = _value(mine, name), _value(theirs, name)
        if mine_value == theirs_value:
            continue
        if base is None:
            clashes.append(name)
            continue
        base_value = _value(base, name)
        merge = _merge_recommendations if name == "recommendations" else merge_text
        merged = merge(base_value, mine_value, theirs_value)
        if merged is CLASH:
            clashes.append(name)
        elif merged != mine_value:
            taken.append(name)
            values[name] = merged
    return Merge(tuple(taken), tuple(clashes), values)
