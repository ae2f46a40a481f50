"""Documents, export and import of the project file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from coopdec import documents
from coopdec import projectfile_service as services
from coopdec.projectfile import FieldError, ProjectFileError
from coopdec.web.workspace import panel, storage
from coopdec.web.workspace.context import date_query, page_context
from coopdec.web.workspace.steps import step_for_path


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Fichier de projet (YAML ou JSON)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        # Built here, not at import time, so it speaks the visitor's language.
        field.help_text = _(
            "Extensions .yaml, .yml ou .json, encodé en UTF-8, au plus %(size)d Kio."
        ) % {"size": services.MAX_UPLOAD_BYTES // 1024}
        field.widget.attrs.update({"class": "fr-upload", "accept": ".yaml,.yml,.json"})


def _problem_link(request: HttpRequest, path: str) -> str | None:
    step = step_for_path(path)
    if step is None:
        return None
    return reverse("workspace:step", args=[step.slug]) + date_query(request)


def _plain(request: HttpRequest, error: FieldError) -> dict[str, Any]:
    """An error as the page shows it: the field's label, a message without paths, a link."""
    return {
        "path": error.path,
        "label": services.field_label(error.path),
        "message": services.plain(error.message),
        "url": _problem_link(request, error.path),
    }


def _documents_context(
    request: HttpRequest,
    import_errors: list[FieldError] | None = None,
    form: ImportForm | None = None,
) -> dict[str, Any]:
    project = storage.current_project(request)
    on, date_error = panel.parse_date(request.GET.get("date"))
    context = page_context(request, project, current=None, on=on, date_error=date_error)
    project_file = context["project_file"]
    if project_file is not None:
        problems = {
            kind: [_plain(request, p) for p in found]
            for kind, found in services.document_problems(project_file, on).items()
        }
    else:  # a stored file the parser now refuses: its errors stand for every document
        shown = [
            {**e, "url": _problem_link(request, e["path"])} for e in context["panel"]["errors"]
        ]
        problems = dict.fromkeys(documents.DOCUMENT_KINDS, shown)
    context["documents"] = [
        {
            "kind": kind,
            # The document is written in French; its name follows the page's language.
            "label": _(documents.DOCUMENT_LABELS[kind]),
            "problems": problems[kind],
            "links": {
                fmt: reverse("workspace:download", args=[kind, fmt]) + date_query(request)
                for fmt in documents.FORMATS
            },
            # The convention may also be produced in French and English, article by article.
            "bilingual_links": {
                fmt: _with_bilingual(
                    reverse("workspace:download", args=[kind, fmt]) + date_query(request)
                )
                for fmt in documents.FORMATS
            }
            if kind in documents.BILINGUAL_KINDS
            else None,
        }
        for kind in documents.DOCUMENT_KINDS
    ]
    context["import_form"] = form or ImportForm()
    context["import_errors"] = [_plain(request, e) for e in import_errors or []]
    return context


def _with_bilingual(url: str) -> str:
    return url + ("&" if "?" in url else "?") + "bilingual=1"


@require_GET
def documents_page(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/documents.html", _documents_context(request))


@require_GET
def download(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    if kind not in documents.DOCUMENT_KINDS or fmt not in documents.FORMATS:
        raise Http404(kind)
    on, _error = panel.parse_date(request.GET.get("date"))
    try:
        project = services.parse(storage.current_project(request))
        bilingual = request.GET.get("bilingual") == "1"
        rendered = services.document(kind, project, fmt, on, bilingual=bilingual)
    except (
        ProjectFileError,
        documents.MissingFieldsError,
        documents.DeadlineExceeded,
        documents.UnknownDocumentKindError,
    ) as exc:
        messages.error(request, str(exc))
        return redirect(reverse("workspace:documents") + date_query(request))
    return _attachment(rendered)


@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in services.EXPORT_MEDIA_TYPES:
        raise Http404(fmt)
    try:
        project = services.parse(storage.current_project(request))
    except ProjectFileError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("workspace:documents") + date_query(request))
    return _attachment(services.export_project(project, fmt))


def _attachment(rendered: services.RenderedDocument) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.media_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


class _BoundedUpload(FileUploadHandler):
    """Stops reading an upload past the limit: an oversized file never reaches memory or disk."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.stopped: str | None = None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > services.MAX_UPLOAD_BYTES:
            self.stopped = str(self.file_name or "projet")
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


@csrf_exempt  # the token is checked below, once the size limit is in place (Django docs)
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest) -> HttpResponse:
    """Replace the workspace by an uploaded project file; on any error nothing changes."""
    if request.method == "GET":
        return redirect(reverse("workspace:documents") + date_query(request))
    bound = _BoundedUpload(request)
    request.upload_handlers.insert(0, bound)
    return _import(request, bound)


@csrf_protect
def _import(request: HttpRequest, bound: _BoundedUpload) -> HttpResponse:
    files = request.FILES  # reading the body runs the size limit
    # An upload stopped at the limit left no file behind: say why, not "field required".
    form = ImportForm(request.POST, files) if bound.stopped is None else ImportForm()
    errors: list[FieldError] = []
    try:
        if bound.stopped is not None:
            services.check_upload_size(None, bound.stopped)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            name = upload.name or "projet"
            services.check_upload_size(upload.size, name)
            project = services.read_project_upload(upload.read(), name)
            storage.store_project(request, project)
            messages.success(
                request, _("Fichier « %(name)s » importé : il remplace le projet.") % {"name": name}
            )
            url = reverse("workspace:step", args=["identification"]) + date_query(request)
            return redirect(url)
    except ProjectFileError as exc:
        errors = exc.errors
    context = _documents_context(request, errors, form)
    return render(request, "workspace/documents.html", context, status=400 if errors else 200)
