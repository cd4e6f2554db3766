"""Forms of the import screens: upload, column mapping, confirmation."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.models import ImportPolicy, MappingPreset
from imports.resources import RESOURCES

IGNORE = ""


class UploadForm(forms.Form):
    resource = forms.ChoiceField(
        label=gettext_lazy("What the list contains"),
        choices=lambda: [(key, resource.label) for key, resource in RESOURCES.items()],
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        allow_empty_file=True,  # refused by the pipeline instead, so the failed job is in the history
        help_text=gettext_lazy(
            "CSV (any separator, UTF-8 or Windows), Excel (.xlsx), LibreOffice (.ods) "
            "or an HSDS tabular package (.zip)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.ods,.zip"}),
    )
    preset = forms.ModelChoiceField(
        label=gettext_lazy("Column mapping preset"),
        queryset=MappingPreset.objects.all(),
        required=False,
        help_text=gettext_lazy(
            "For files from a source you have imported before. Leave empty to guess from the headers."
        ),
    )


class MappingForm(forms.Form):
    """One choice per column of the file: the field it goes to, or nothing."""

    preset_name = forms.CharField(
        label=gettext_lazy("Save this mapping as a preset named"),
        max_length=120,
        required=False,
        help_text=gettext_lazy(
            "Optional: e.g. “Camera di commercio”. The next file from that source is mapped for you."
        ),
    )

    def __init__(self, *args, job, samples: list[list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job
        self.resource = RESOURCES[job.resource]
        choices = [(IGNORE, _("— do not import —")), *self.resource.targets()]
        self.columns = []
        for index, header in enumerate(job.headers):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header or _("Column %(number)d") % {"number": index + 1},
                choices=choices,
                required=False,
                initial=job.mapping.get(str(index), IGNORE),
            )
            self.columns.append(
                {
                    "field": name,
                    "header": header,
                    "samples": [row[index] for row in samples if index < len(row) and row[index]],
                }
            )

    def column_rows(self):
        return [(column, self[column["field"]]) for column in self.columns]

    def clean(self):
        cleaned = super().clean()
        mapping: dict[int, str] = {}
        used: dict[str, str] = {}
        labels = dict(self.resource.targets())
        for index, header in enumerate(self.job.headers):
            target = cleaned.get(f"column_{index}")
            if not target:
                continue
            if target in used:
                self.add_error(
                    f"column_{index}",
                    _("“%(field)s” is already chosen for column “%(other)s”.")
                    % {"field": labels[target], "other": used[target]},
                )
            used[target] = header
            mapping[index] = target
        missing = [labels[name] for name in self.resource.required if name not in mapping.values()]
        if missing:
            raise forms.ValidationError(_("Choose a column for: %(fields)s.") % {"fields": ", ".join(missing)})
        cleaned["mapping"] = mapping
        return cleaned


class ConfirmForm(forms.Form):
    policy = forms.ChoiceField(
        label=gettext_lazy("If some rows are invalid"),
        choices=ImportPolicy.choices,
        initial=ImportPolicy.ALL_OR_NOTHING,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, to_confirm: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.to_confirm = []
        for item in to_confirm:
            name = f"same_{item['row']}"
            self.fields[name] = forms.BooleanField(
                required=False,
                label=_("Row %(row)d “%(name)s” is “%(candidate)s” already in the network: update it")
                % {"row": item["row"], "name": item["name"], "candidate": item.get("candidate_name", "")},
            )
            self.to_confirm.append((name, item))

    def confirmed_matches(self) -> dict[str, int]:
        return {str(item["row"]): item["candidate_id"] for name, item in self.to_confirm if self.cleaned_data.get(name)}
