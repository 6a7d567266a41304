"""USWDS form fields: label, hint, error next to the field, the typed value kept.

{% load mhap_forms %}
{% form_errors form %}
{% field form.email %}
"""

from django import forms, template

register = template.Library()

WIDGET_CLASSES = {
    forms.Select: "usa-select",
    forms.SelectMultiple: "usa-select",
    forms.Textarea: "usa-textarea",
    # Not USWDS's usa-file-input: its script replaces the field's label with
    # "Drag file here or choose from folder" for screen readers.
    forms.ClearableFileInput: "mhap-file-input",
    forms.FileInput: "mhap-file-input",
}
CHOICE_LISTS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def _widget_class(widget) -> str:
    for widget_type, css in WIDGET_CLASSES.items():
        if isinstance(widget, widget_type):
            return css
    if isinstance(widget, forms.CheckboxInput):
        return "usa-checkbox__input"
    return "usa-input"


@register.inclusion_tag("includes/field.html")
def field(bound_field, hint_extra=""):
    widget = bound_field.field.widget
    errors = bound_field.errors
    field_id = bound_field.auto_id
    described_by = []
    if bound_field.help_text or hint_extra:
        described_by.append(f"{field_id}-hint")
    if errors:
        described_by.append(f"{field_id}-error")
    kind = "input"
    if isinstance(widget, CHOICE_LISTS):
        # CheckboxSelectMultiple is a subclass of RadioSelect: ask for it first.
        kind = "checkboxes" if isinstance(widget, forms.CheckboxSelectMultiple) else "radio"
    elif isinstance(widget, forms.CheckboxInput):
        kind = "checkbox"
    attrs = {}
    if kind in {"input", "checkbox"}:
        css = _widget_class(widget)
        if errors and kind == "input":
            css += " usa-input--error"
        attrs["class"] = css
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        if errors:
            attrs["aria-invalid"] = "true"
    return {
        "field": bound_field,
        "kind": kind,
        "widget_html": bound_field.as_widget(attrs=attrs) if kind in {"input", "checkbox"} else "",
        "errors": errors,
        "field_id": field_id,
        "hint_extra": hint_extra,
        "input_type": getattr(widget, "input_type", ""),
    }


def _error_links(form, prefix=""):
    """(field's id, its label, its first error) of each visible field with one:
    the id of its first box, for a list of boxes."""
    links = []
    for bound_field in form.visible_fields():
        if bound_field.errors:
            widget, field_id = bound_field.field.widget, bound_field.auto_id
            target = f"{field_id}_0" if isinstance(widget, CHOICE_LISTS) else field_id
            links.append((target, f"{prefix}{bound_field.label}", bound_field.errors[0]))
    return links


def _unplaced_errors(form):
    # A hidden field's error (a page opened long ago) has no field to point at.
    return [*form.non_field_errors(), *(e for f in form.hidden_fields() for e in f.errors)]


@register.inclusion_tag("includes/form_errors.html")
def form_errors(form, rows=None, rows_label=""):
    """The summary at the top of a form sent back: its errors that belong to
    no field, then a link to each field with an error (to its first box, for
    a list of boxes), the form's and then those of its `rows` (a formset,
    each row named "{rows_label} {n}: "). It takes the focus as the page
    opens."""
    if not form.is_bound:
        return {"shown": False}
    errors, links = _unplaced_errors(form), _error_links(form)
    if rows is not None:
        errors += rows.non_form_errors()
        for number, row in enumerate(rows, start=1):
            errors += _unplaced_errors(row)
            links += _error_links(row, prefix=f"{rows_label} {number}: ")
    return {"shown": bool(errors or links), "errors": errors, "links": links}
