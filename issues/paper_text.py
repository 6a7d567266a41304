"""A paper's text as the templates show it, whether it comes from a saved
revision or from what an author is typing (the live preview)."""

from dataclasses import dataclass, field

from issues.enums import TEXT_SECTIONS, Section


@dataclass(frozen=True)
class RecommendationView:
    number: int
    text: str
    legislative: bool = False
    implementers: tuple[str, ...] = ()
    levers: tuple[str, ...] = ()


@dataclass(frozen=True)
class PaperText:
    title: str
    summary: str = ""
    background: str = ""
    problem: str = ""
    fiscal_note: str = ""
    references: str = ""
    recommendations: tuple[RecommendationView, ...] = field(default_factory=tuple)

    @property
    def legislative(self) -> bool:
        return any(item.legislative for item in self.recommendations)

    @property
    def sections(self) -> list[tuple[str, str, str]]:
        """(anchor, heading, Markdown) of each written section, in reading order,
        with the recommendations in their place (Markdown None)."""
        result = []
        for section in Section:
            if section == Section.RECOMMENDATIONS:
                if self.recommendations:
                    result.append((section.value, section.label, None))
            elif text := getattr(self, section.value).strip():
                result.append((section.value, section.label, text))
        return result


def from_revision(revision) -> PaperText:
    """Prefetch `recommendations__implementers` and `recommendations__levers`."""
    return PaperText(
        title=revision.title,
        **{name: getattr(revision, name) for name in TEXT_SECTIONS},
        recommendations=tuple(
            RecommendationView(
                number=item.number,
                text=item.text,
                legislative=item.legislative,
                implementers=tuple(str(row) for row in item.implementers.all()),
                levers=tuple(str(row) for row in item.levers.all()),
            )
            for item in revision.recommendations.all()
        ),
    )


def from_forms(form, formset) -> PaperText:
    """What the author has typed so far, valid or not: the preview shows it as it is."""
    items = []
    for index, sub in enumerate(formset.forms):
        text = (sub["text"].value() or "").strip()
        if not text or sub["DELETE"].value():
            continue
        implementers = set(map(str, sub["implementers"].value() or ()))
        levers = set(map(str, sub["levers"].value() or ()))
        items.append(
            (
                position_key(sub["ORDER"].value(), index),
                text,
                bool(sub["legislative"].value()),
                tuple(str(row) for pk, row in formset.implementers.items() if pk in implementers),
                tuple(str(row) for pk, row in formset.levers.items() if pk in levers),
            )
        )
    items.sort(key=lambda item: item[0])
    return PaperText(
        title=(form["title"].value() or "").strip(),
        **{name: form[name].value() or "" for name in TEXT_SECTIONS},
        recommendations=tuple(
            RecommendationView(n, text, legislative, implementers, levers)
            for n, (_, text, legislative, implementers, levers) in enumerate(items, start=1)
        ),
    )


def position_key(value, index: int) -> tuple[int, int, int]:
    """Where a recommendation goes when its "position" box says `value` and it
    is the `index`th on the page. Typing 1 on the third puts it first; typing 3
    on the first puts it after the one already third; no number, at the end."""
    try:
        wanted = int(value)
    except (TypeError, ValueError):
        return (10_000, 0, index)
    moved = (wanted > index + 1) - (wanted < index + 1)  # -1 up, +1 down, 0 stayed
    return (wanted, moved, index)
