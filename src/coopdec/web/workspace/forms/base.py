"""Forms that edit named paths of a project file, and lists of items (formsets).

A form declares ``paths`` (field name -> typed :class:`FieldPath` of the project file, from
``coopdec.projectfile.paths``); it fills itself from the file and writes its cleaned values
back, so a step touches only its own keys.
"""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms
from django.forms.formsets import BaseFormSet, formset_factory

from coopdec.projectfile.model import MAX_ITEMS
from coopdec.projectfile.paths import FieldPath
from coopdec.web.workspace.fields import initial_of, to_file_value

_WIDGET_CLASSES = {
    "select": "fr-select",
    "selectmultiple": "fr-select",
    "text": "fr-input",
    "textarea": "fr-input",
    "date": "fr-input",
    "number": "fr-input",
}


class ProjectForm(forms.Form):
    """A form bound to some paths of the project file."""

    paths: ClassVar[dict[str, FieldPath]] = {}

    def __init__(
        self, data: Any = None, *, project: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        if project is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(project)
        super().__init__(data, **kwargs)
        for name, field in self.fields.items():
            css = _WIDGET_CLASSES.get(self[name].widget_type)
            if css:
                field.widget.attrs.setdefault("class", css)

    @classmethod
    def initial_from(cls, project: dict[str, Any]) -> dict[str, Any]:
        return {
            name: initial_of(cls.base_fields[name], path.get(project))
            for name, path in cls.paths.items()
        }

    def file_values(self) -> dict[FieldPath, Any]:
        """The cleaned values keyed by their project-file path (None: leave out)."""
        return {
            path: to_file_value(self.cleaned_data.get(name)) for name, path in self.paths.items()
        }

    def apply(self, project: dict[str, Any]) -> None:
        for path, value in self.file_values().items():
            path.set(project, value)

    def field_for_path(self, path: str) -> str | None:
        """The form field that edits ``path`` (the dotted form of a parser error)."""
        return next((name for name, p in self.paths.items() if str(p) == path), None)

    def mark_errors(self) -> None:
        """Point each invalid input at its message (``aria-describedby``) for screen readers."""
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-describedby"] = f"{self[name].auto_id}-errors"
                attrs["aria-invalid"] = "true"


class ItemForm(ProjectForm):
    """One item of a list of the project file (a partner, a financing line)."""

    def item(self) -> dict[str, Any] | None:
        """The item as the file stores it, or None for a blank row."""
        item: dict[str, Any] = {}
        for path, value in self.file_values().items():
            path.set(item, value)
        return item or None


class ItemFormSet(BaseFormSet):  # type: ignore[type-arg]
    """The rows of one list; blank and deleted rows are dropped when written back."""

    path: FieldPath = FieldPath(("",))
    key: str = ""  # str(path): the key of the list in the file and in parser errors

    def items(self) -> list[tuple[int, dict[str, Any]]]:
        """(row number, item) for each row kept, in order: the item's index is its position."""
        kept = []
        deleted = self.deleted_forms if self.can_delete else []
        for number, form in enumerate(self.forms):
            if form in deleted:
                continue
            item = form.item() if hasattr(form, "cleaned_data") else None
            if item is not None:
                kept.append((number, item))
        return kept

    def apply(self, project: dict[str, Any]) -> list[int]:
        """Write the list; return the row number of each written item (to place errors)."""
        kept = self.items()
        self.path.set(project, [item for _number, item in kept] or None)
        return [number for number, _item in kept]


def list_formset(
    form: type[ItemForm], path: FieldPath, *, max_num: int = MAX_ITEMS
) -> type[ItemFormSet]:
    formset = cast(
        type[ItemFormSet],
        formset_factory(
            form,
            formset=ItemFormSet,
            extra=1,
            can_delete=True,
            max_num=max_num,
            validate_max=True,
            absolute_max=max_num,
        ),
    )
    formset.path = path
    formset.key = str(path)
    return formset


def make_list(
    formset_class: type[ItemFormSet],
    project: dict[str, Any],
    data: Any = None,
) -> ItemFormSet:
    rows = formset_class.path.get(project)
    form_class: type[ItemForm] = formset_class.form
    initial = [form_class.initial_from(row) for row in (rows if isinstance(rows, list) else [])]
    prefix = formset_class.key.replace("_", "-").replace(".", "-")
    return formset_class(data, initial=initial, prefix=prefix)
