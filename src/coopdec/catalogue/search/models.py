"""The search index tables: one denormalised document per partnership or project.

``title_terms`` and ``body_terms`` hold the index terms computed in Python (``text``), the
same on both backends; SQLite indexes them with FTS5 (table ``search_fts``, kept in step by
triggers) and PostgreSQL with a generated ``tsvector`` column under a GIN index (see the
migrations). Facet values are arrays of 32-bit integers (database ids) stored as bytes, so
that loading a million documents into the in-memory column store stays fast.
"""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    kind = models.CharField(max_length=12)  # "project" | "partnership"
    object_id = models.BigIntegerField()
    title = models.TextField()
    summary = models.TextField(blank=True)
    sort_title = models.CharField(max_length=200)
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    start_year = models.SmallIntegerField(null=True)
    end_year = models.SmallIntegerField(null=True)
    values = models.BinaryField()  # facet values, see ``documents.encode_values``
    payload = models.JSONField(default=dict)  # what a result shows (names, codes)
    generation = models.BigIntegerField(db_index=True)
    deleted = models.BooleanField(default=False)

    class Meta:
        db_table = "search_document"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_record")
        ]
        indexes = [models.Index(fields=["sort_title", "kind", "object_id"], name="search_title")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class SearchWord(models.Model):
    """A folded word of the indexed text and its term: the type-ahead prefix expands on it."""

    word = models.CharField(max_length=100, primary_key=True)
    term = models.CharField(max_length=100)
    df = models.PositiveIntegerField(default=0)  # documents at indexing time (not decremented)
    # The index generation that last added or counted this word: a process applying a diff
    # reads only the words written since its own generation (``memory.Vocabulary.updated``).
    generation = models.BigIntegerField(default=0, db_index=True)

    class Meta:
        db_table = "search_word"

    def __str__(self) -> str:
        return self.word


class SearchState(models.Model):
    """One row: the index generation, bumped on each change so every process reloads."""

    generation = models.BigIntegerField(default=0)
    # A random token per change: a rolled-back change can reuse a generation number, never a
    # token. ``previous_token`` is the token the last change started from ("" after a rebuild).
    token = models.CharField(max_length=32, default="")
    previous_token = models.CharField(max_length=32, default="")
    # The tokens of the changes since the last full rebuild (at most ``RECENT`` of them, oldest
    # first, space-separated): a process whose index has one of them applies the documents
    # written since as a diff instead of reloading everything. Tokens, not generation numbers,
    # because a rolled-back change or a restored database reuses numbers.
    recent_tokens = models.TextField(default="", blank=True)

    class Meta:
        db_table = "search_state"

    def __str__(self) -> str:
        return f"generation {self.generation}"


class SearchPending(models.Model):
    """A catalogue change committed but not yet indexed: the journal of ``catalogue.changes``.

    Written inside the transaction of the change itself, deleted inside the transaction that
    indexes it; a row that outlives its request means the indexing was interrupted (a process
    killed after the commit). ``consistency`` reads and applies what is left.
    """

    partnerships = models.JSONField(default=list)
    projects = models.JSONField(default=list)
    full = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "search_pending"

    def __str__(self) -> str:
        return f"pending {self.pk}"
