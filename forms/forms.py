"""The Django form of a form page: fixed core fields, then the editors' questions.

Built per page by ``build_form_class``. Attachment fields come from ``uploads`` and
repeatable groups from django-form-builder's formsets; both are validated here, so the
HTML form and the API (which feeds the same form) accept exactly the same data.
"""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django_form_builder.formsets import build_formset
from django_form_builder.utils import format_field_name
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from forms.core_fields import GROUPS, core_field_names
from forms.uploads import ATTACHMENT_FIELDS

GROUP_EXTRA_ROWS = 3  # empty rows shown without JavaScript; the API may send up to GROUP_MAX_ROWS
GROUP_MAX_ROWS = 20


class RepeatableGroupField(forms.Field):
    """Placeholder for a repeatable group; the rows are a formset validated by ``IntakeForm.clean``."""

    def __init__(self, *, columns: list[str], **kwargs):
        self.columns = columns
        super().__init__(**kwargs)
        self.group_required = self.required
        self.required = False

    def clean(self, value):
        return value


def group_columns(choices: str) -> list[str]:
    return [line.strip() for line in choices.replace(",", "\n").splitlines() if line.strip()][:10]


def column_key(column: str) -> str:
    return format_field_name(column)


class IntakeForm(BaseForm):
    """Base of every built form: validates repeatable groups and names each field's fieldset."""

    groups: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.formsets = {}
        for name, field in self.fields.items():
            if isinstance(field, RepeatableGroupField):
                self.formsets[name] = self._formset(name, field)

    def _formset(self, name: str, field: RepeatableGroupField):
        formset = build_formset(
            choices=field.columns,
            extra=GROUP_EXTRA_ROWS,
            prefix=name,
            # No management form sent (e.g. an API client that skips the group): the group is empty.
            data=self.data if self.is_bound and f"{name}-TOTAL_FORMS" in self.data else {},
        )
        for column in field.columns:
            column_field = formset.form.base_fields[column_key(column)]
            column_field.label = column
            column_field.required = False
            column_field.validators.append(MaxLengthValidator(200))
        formset.max_num = GROUP_MAX_ROWS
        formset.validate_max = True
        return formset

    def clean(self):
        cleaned = super().clean()
        for name, formset in self.formsets.items():
            field = self.fields[name]
            if not formset.is_bound:
                cleaned[name] = []
                if field.group_required:
                    self.add_error(name, _("Fill in at least one row."))
                continue
            if not formset.is_valid():
                messages = [error for row in formset.errors for errors in row.values() for error in errors]
                messages += list(formset.non_form_errors())
                self.add_error(name, messages or [_("Check the rows of this group.")])
                continue
            rows = [
                {column: row.cleaned_data.get(column_key(column), "") for column in field.columns}
                for row in formset.forms
                if any(row.cleaned_data.get(column_key(column)) for column in field.columns)
            ]
            if field.group_required and not rows:
                self.add_error(name, _("Fill in at least one row."))
            cleaned[name] = rows
        return cleaned

    def prepare_widgets(self) -> None:
        """Bootstrap Italia classes, and ARIA links from each input to its help text and errors."""
        for name, field in self.fields.items():
            bound = self[name]
            widget = field.widget
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_help")
            if self.is_bound and name in self.errors:
                described.append(f"{bound.auto_id}_error")
                widget.attrs["aria-invalid"] = "true"
            if described and not isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                widget.attrs["aria-describedby"] = " ".join(described)
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            elif isinstance(widget, forms.FileInput):
                widget.attrs["class"] = "form-control"
                widget.attrs["accept"] = getattr(field, "accept", "")
            else:
                widget.attrs["class"] = "form-control"

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(anchor, label, message) for each error, in the order of the form."""
        items = [("", "", str(message)) for message in self.non_field_errors()]
        for name, field in self.fields.items():
            for message in self.errors.get(name, []):
                items.append(
                    (
                        self[name].auto_id if not isinstance(field, RepeatableGroupField) else f"group_{name}",
                        str(field.label),
                        str(message),
                    )
                )
        return items

    def fieldsets(self):
        """(legend, [bound fields]) in order, for the template: core groups, then further questions."""
        result: list[tuple[str, list]] = []
        for name in self.fields:
            legend = self.groups.get(name, str(_("Further questions")))
            if not result or result[-1][0] != legend:
                result.append((legend, []))
            result[-1][1].append(self[name])
        return result


class PageFormBuilder(FormBuilder):
    """Wagtail's builder, plus attachments and repeatable groups."""

    def get_create_field_function(self, type):
        if type in ATTACHMENT_FIELDS:
            return lambda field, options: ATTACHMENT_FIELDS[type](**options)
        if type == "group":
            return lambda field, options: RepeatableGroupField(
                columns=group_columns(field.choices),
                label=options["label"],
                help_text=options["help_text"],
                required=options["required"],
            )
        return super().get_create_field_function(type)

    def get_field_options(self, field):
        options = super().get_field_options(field)
        if field.field_type in ATTACHMENT_FIELDS or field.field_type == "group":
            options.pop("initial", None)
        return options


def editor_field_name(clean_name: str) -> str:
    """Editors' fields never overwrite a fixed one: a clashing name gets a prefix."""
    return f"extra_{clean_name}" if clean_name in core_field_names() else clean_name


def build_form_class(page) -> type[IntakeForm]:
    texts = page.core_texts() if page.pk else {}
    attrs: dict = {}
    groups: dict[str, str] = {}
    for core in page.core_fields():
        text = texts.get(core.name)
        attrs[core.name] = core.form_field(
            label=(text and text.label) or core.label, help_text=(text and text.help_text) or core.help_text
        )
        groups[core.name] = str(GROUPS[core.group])
    consent = attrs.pop("consent")
    consent_legend = groups.pop("consent")
    builder = PageFormBuilder(page.get_form_fields())
    for name, field in builder.formfields.items():
        attrs[editor_field_name(name)] = field
    attrs["consent"] = consent
    groups["consent"] = consent_legend
    attrs["groups"] = groups
    return type("IntakeFormForPage", (IntakeForm,), attrs)
