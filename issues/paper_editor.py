"""The paper editor's form data: what a revision looks like as the editor's
fields, a kept draft as a request, and a conflict resolved field by field.

The editor posts one form plus a formset of recommendations (prefix "rec");
everything here speaks that shape, so the views stay short."""

from django.http import QueryDict

from issues import diff, paper_text
from issues.enums import TEXT_SECTIONS
from issues.forms import PaperForm, RecommendationFormSet

PREFIX = "rec"
MAX_RECOMMENDATIONS = 60


def bound(data) -> tuple[PaperForm, RecommendationFormSet]:
    return PaperForm(data), RecommendationFormSet(data, prefix=PREFIX)


def unbound(revision, version: int) -> tuple[PaperForm, RecommendationFormSet]:
    form, recommendations = initial(revision, version)
    return PaperForm(initial=form), RecommendationFormSet(initial=recommendations, prefix=PREFIX)


def initial(revision, version: int) -> tuple[dict, list[dict]]:
    """`revision`'s text as the editor's starting values, typed over `version`."""
    form = {
        "expected_version": version,
        "title": revision.title,
        **{name: getattr(revision, name) for name in TEXT_SECTIONS},
    }
    recommendations = [
        {
            "text": item.text,
            "legislative": item.legislative,
            "implementers": [str(row.pk) for row in item.implementers.all()],
            "levers": [str(row.pk) for row in item.levers.all()],
            "ORDER": item.number,
        }
        for item in revision.recommendations.all()
    ]
    return form, recommendations


def from_draft(data: dict[str, list[str]]) -> tuple[PaperForm, RecommendationFormSet]:
    """A kept draft as the editor's starting values: shown as typed, without
    the errors a half-written draft would raise before the person saves."""
    form = {name: values[0] for name, values in data.items() if name in PaperForm.base_fields}
    count = _number(data.get(f"{PREFIX}-TOTAL_FORMS", ["0"])[0])
    recommendations = []
    for index in range(min(count, MAX_RECOMMENDATIONS)):
        prefix = f"{PREFIX}-{index}-"

        def value(name, prefix=prefix):
            return data.get(prefix + name, [""])[0]

        if not value("text").strip() or value("DELETE"):
            continue
        recommendations.append(
            {
                "text": value("text"),
                "legislative": bool(value("legislative")),
                "implementers": data.get(prefix + "implementers", []),
                "levers": data.get(prefix + "levers", []),
                "ORDER": value("ORDER"),
            }
        )
    return PaperForm(initial=form), RecommendationFormSet(initial=recommendations, prefix=PREFIX)


def _number(value) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def typed(request) -> dict[str, list[str]]:
    """The fields as the person typed them, to keep as their draft."""
    return {key: values for key, values in request.POST.lists() if key != "csrfmiddlewaretoken"}


def as_query(data: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    return query


def with_one_more_recommendation(data: QueryDict) -> QueryDict:
    """The no-JavaScript "Add a recommendation": one more blank form."""
    data = data.copy()
    _, formset = bound(data)
    count = min(formset.total_form_count() + 1, MAX_RECOMMENDATIONS)
    data[f"{PREFIX}-TOTAL_FORMS"] = str(count)
    return data


def base_version(form: PaperForm, current: int) -> int:
    """The version the person typed over, as the editor posted it; anything
    unreadable or newer than the paper counts as the paper's own version."""
    try:
        version = int(form["expected_version"].value())
    except (TypeError, ValueError):
        return current
    return version if 0 <= version <= current else current


def resolve_conflict(data: QueryDict, *, base, newest, version: int):
    """Bring into the person's posted fields what the other person changed
    (from `base` to `newest`) wherever it does not touch their own changes,
    keep the rest as typed, and move the form onto `version`. Returns the new
    data and the diff.Merge saying what happened."""
    form, formset = bound(data)
    merge = diff.three_way(
        base=paper_text.from_revision(base) if base else None,
        mine=paper_text.from_forms(form, formset),
        theirs=paper_text.from_revision(newest),
    )
    data = data.copy()
    for name, value in merge.values.items():
        if name == "recommendations":
            for key in [key for key in data if key.startswith(f"{PREFIX}-")]:
                del data[key]
            for key, values in _formset_data(_as_initial(value, formset)).items():
                data.setlist(key, values)
        else:
            data[name] = value
    data["expected_version"] = str(version)
    return data, merge


def _as_initial(items, formset) -> list[dict]:
    """Merged recommendations (text, legislative, implementer names, lever
    names) as the editor's initial values."""
    implementers = {str(row): pk for pk, row in formset.implementers.items()}
    levers = {str(row): pk for pk, row in formset.levers.items()}
    return [
        {
            "text": text,
            "legislative": legislative,
            "implementers": [
                implementers[name] for name in implementer_names if name in implementers
            ],
            "levers": [levers[name] for name in lever_names if name in levers],
            "ORDER": number,
        }
        for number, (text, legislative, implementer_names, lever_names) in enumerate(items, 1)
    ]


def _formset_data(recommendations) -> dict[str, list[str]]:
    data = {
        f"{PREFIX}-TOTAL_FORMS": [str(len(recommendations))],
        f"{PREFIX}-INITIAL_FORMS": ["0"],
        f"{PREFIX}-MIN_NUM_FORMS": ["0"],
        f"{PREFIX}-MAX_NUM_FORMS": [str(MAX_RECOMMENDATIONS)],
    }
    for index, item in enumerate(recommendations):
        prefix = f"{PREFIX}-{index}-"
        data[prefix + "text"] = [item["text"]]
        data[prefix + "ORDER"] = [str(item["ORDER"])]
        data[prefix + "implementers"] = item["implementers"]
        data[prefix + "levers"] = item["levers"]
        if item["legislative"]:
            data[prefix + "legislative"] = ["on"]
    return data
