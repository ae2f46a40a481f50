"""One project file per visitor, found through a random token kept in the visitor's session.

The session itself is a signed cookie (stateless app servers): a project with a few partners
and financing lines would pass the 4 KB a browser keeps in a cookie, and the browser would
drop it without a word. The cookie therefore carries only the token; the project file lives
here, in the format v1 mapping that the export writes.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Workspace(models.Model):
    token = models.CharField(_("jeton"), max_length=64, unique=True)
    project = models.JSONField(_("fichier de projet"), default=dict)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("espace projet")
        verbose_name_plural = _("espaces projet")

    def __str__(self) -> str:
        title = self.project.get("title") if isinstance(self.project, dict) else None
        return str(title or _("projet sans titre"))
