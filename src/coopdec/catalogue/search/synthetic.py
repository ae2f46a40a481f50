"""A deterministic synthetic catalogue for benchmarks: real authorities, countries and themes.

``load(size, seed)`` adds ``size`` projects (six in ten with a partnership of their own) pointing to
the real French authorities (communes weighted by population, EPCI, départements, régions),
real countries (Africa weighted as in the Atlas) and the catalogue's themes, with French text
of realistic length (a title of 5–12 words, a summary of 1–2 sentences, a description of 3–6)
written from each theme's vocabulary. Same size and seed, same catalogue. ``generate`` writes
the catalogue to a file first (two processes), ``load_file`` inserts it with plain
``executemany`` (``COPY`` on PostgreSQL) in one transaction: the benchmark times the two apart.
"""

from __future__ import annotations

import datetime as dt
import marshal
import multiprocessing
import random
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any

from django.core.management.color import no_style
from django.db import connection, transaction

from coopdec.catalogue.models import ForeignAuthority, FrenchAuthority, Partnership, Project
from coopdec.catalogue.search import bulk
from coopdec.catalogue.search.synthetic_words import ACTIONS, PLACES_SUFFIX, SENTENCES, THEME_WORDS
from coopdec.reference.models import Country, SdgTarget, Theme

STATUSES = (("active", 35), ("ended", 45), ("planned", 10), ("unknown", 10))
RELATIONS = (("jumelage", 30), ("cooperation", 45), ("convention_cadre", 15), ("pacte_amitie", 5),
             ("other", 5))  # fmt: skip
ZONE_WEIGHT = {"afrique_subsaharienne": 6, "afrique_nord": 4, "proche_moyen_orient": 2}
BATCH = 20_000
# What ``load_file`` writes to.
TABLES = (
    "catalogue_foreignauthority", "catalogue_partnership",
    "catalogue_partnership_french_authorities", "catalogue_partnership_foreign_authorities",
    "catalogue_partnership_themes", "catalogue_project", "catalogue_project_french_authorities",
    "catalogue_project_foreign_authorities", "catalogue_project_countries",
    "catalogue_project_themes", "catalogue_project_sdg_targets",
)  # fmt: skip


_CONTRACTIONS = (
    (" à le ", " au "), (" à les ", " aux "), (" de le ", " du "), (" de les ", " des "),
    (" le l'", " l'"), (" le la ", " la "), (" le le ", " le "), (" le les ", " les "),
)  # fmt: skip


def _contract(text: str) -> str:
    """French elision and contraction the templates leave out ("de les" -> "des")."""
    for wrong, right in _CONTRACTIONS:
        text = text.replace(wrong, right)
    return text


def _weighted(pairs: Sequence[tuple[Any, int]]) -> tuple[list[Any], list[int]]:
    return [p[0] for p in pairs], [p[1] for p in pairs]


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (benchmark data, not secrets)
        authorities = list(
            FrenchAuthority.objects.filter(official=True).values_list("id", "kind", "population")
        )
        by_kind: dict[str, list[tuple[int, int]]] = {}
        for pk, kind, population in authorities:
            by_kind.setdefault(kind, []).append((pk, population or 0))
        communes = sorted(by_kind.get("commune", []), key=lambda c: -c[1])[:3000]
        # Cumulative weights once: ``choices`` would add up thousands of weights per call.
        self.authority_pools = [
            ([c[0] for c in communes], list(accumulate(max(1, c[1] // 1000) for c in communes))),
            ([e[0] for e in by_kind.get("epci", [])], None),
            ([d[0] for d in by_kind.get("departement", [])], None),
            ([r[0] for r in by_kind.get("region", [])], None),
        ]
        self.pool_weights = list(accumulate((50, 20, 15, 15)))
        countries = list(
            Country.objects.exclude(zone=None).values_list("id", "name_fr", "zone__code")
        )
        self.countries = [(c[0], c[1]) for c in countries]
        self.country_weights = list(accumulate(ZONE_WEIGHT.get(c[2], 1) for c in countries))
        self.themes = {t.code: t.id for t in Theme.objects.all()}
        self.theme_codes = [c for c in self.themes if c in THEME_WORDS]
        goals: dict[int, list[int]] = {}
        for target_id, number in SdgTarget.objects.values_list("id", "goal__number"):
            goals.setdefault(number, []).append(target_id)
        self.theme_targets = {
            t.code: [x for g in t.sdg_goals.all() for x in goals.get(g.number, [])]
            for t in Theme.objects.prefetch_related("sdg_goals")
        }

    def authorities(self) -> list[int]:
        pools = self.authority_pools
        out: set[int] = set()
        for _ in range(self.rng.choices((1, 2, 3), (60, 30, 10))[0]):
            ids, weights = self.rng.choices(pools, cum_weights=self.pool_weights)[0]
            if ids:
                out.add(
                    self.rng.choices(ids, cum_weights=weights)[0]
                    if weights
                    else self.rng.choice(ids)
                )
        return sorted(out)

    def country(self) -> tuple[int, str]:
        return self.rng.choices(self.countries, cum_weights=self.country_weights)[0]

    def place(self, country_name: str) -> str:
        syllables = ("ka", "ba", "lo", "ma", "ri", "so", "to", "na", "di", "ou", "ga", "ssa")
        name = "".join(self.rng.choice(syllables) for _ in range(self.rng.randint(2, 3)))
        return name.capitalize() + self.rng.choice(PLACES_SUFFIX)

    def pick(self, seq: Sequence[Any]) -> Any:
        # ``random()`` then an index: several times faster than ``choice`` in this hot loop.
        return seq[int(self.rng.random() * len(seq))]

    def text(self, themes: list[str], place: str, sentences: int) -> str:
        pick, r = self.pick, self.rng.random
        out = []
        for _ in range(sentences):
            words = THEME_WORDS[pick(themes)]
            out.append(pick(SENTENCES).format(
                action=pick(ACTIONS), objet=pick(words), autre=pick(words), lieu=place,
                annee=1995 + int(r() * 32), nombre=2 + int(r() * 400),
            ))  # fmt: skip
        return _contract(" ".join(out))

    def project(self, key: str) -> dict[str, Any]:
        rng = self.rng
        themes = rng.sample(self.theme_codes, rng.choices((1, 2, 3), (55, 35, 10))[0])
        country_id, country_name = self.country()
        place = self.place(country_name)
        objet = rng.choice(THEME_WORDS[themes[0]])
        title = _contract(f"{self.pick(ACTIONS).capitalize()} {objet} à {place}")
        if rng.random() < 0.4:
            title += f" ({country_name})"
        start = rng.randint(1990, 2026) if rng.random() < 0.9 else None
        end = start + rng.randint(1, 6) if start and rng.random() < 0.6 else None
        targets = self.theme_targets.get(themes[0], [])
        # Six projects in ten belong to a partnership of their own (when they have a French
        # authority): its relation type is drawn here, with the project.
        relation = rng.choices(*_weighted(RELATIONS))[0] if rng.random() < 0.6 else None
        return {
            "key": key, "title": title,
            "summary": self.text(themes, place, rng.randint(1, 2)),
            "description": self.text(themes, place, rng.randint(3, 6)),
            "status": rng.choices(*_weighted(STATUSES))[0],
            "open": rng.random() < 0.15,
            "start": f"{start}-{rng.randint(1, 12):02d}-01" if start else None,
            "end": f"{end}-12-31" if end else None,
            "relation": relation,
            "themes": [self.themes[t] for t in themes],
            "countries": [country_id], "place": place,
            "authorities": self.authorities(),
            "targets": sorted(set(rng.sample(targets, min(len(targets), rng.randint(0, 2))))),
        }  # fmt: skip


def _insert(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608 (constant names)
        cursor.executemany(sql, list(rows))


def _next_id(model: type[Any]) -> int:
    last = model.objects.order_by("-id").values_list("id", flat=True).first()
    return int(last or 0) + 1


_worker: Generator | None = None


def _start_worker(seed: int) -> None:
    global _worker
    from django.db import connections

    connections.close_all()  # the parent's connection is not the worker's to use
    _worker = Generator(seed)


def _batch(args: tuple[int, int, int]) -> list[dict[str, Any]]:
    """One batch of projects, from its own seed: the same whatever process makes it."""
    seed, start, count = args
    assert _worker is not None  # noqa: S101 (set by the pool initialiser)
    _worker.rng.seed(f"{seed}-{start}")
    return [_worker.project(f"syn-{seed}-{start + i}") for i in range(count)]


def generate(size: int, path: Path, seed: int = 0, workers: int = 2, batch: int = BATCH) -> Path:
    """Write ``size`` synthetic projects to ``path`` (marshal, one list per batch).

    Generating French text in Python is slow; doing it before loading lets the benchmark time
    the load alone, as if the catalogue came from a file. ``workers`` processes write batches.
    """
    batches = [(seed, start, min(batch, size - start)) for start in range(0, size, batch)]
    pool = None
    if workers > 1 and len(batches) > 1:
        connection.close()  # forked workers must not share this connection
        pool = multiprocessing.get_context("fork").Pool(workers, _start_worker, (seed,))
        produced: Iterable[list[dict[str, Any]]] = pool.imap(_batch, batches)
    else:
        global _worker
        _worker = Generator(seed)
        produced = map(_batch, batches)
    try:
        with path.open("wb") as out:
            for specs in produced:
                marshal.dump(specs, out)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return path


def batches(path: Path) -> Iterator[list[dict[str, Any]]]:
    """The batches ``generate`` wrote, one at a time."""
    with path.open("rb") as stream:
        while True:
            try:
                yield marshal.load(stream)  # noqa: S302 (our own file, just written)
            except EOFError:
                return


def load(
    size: int, seed: int = 0, on_progress: Callable[[int], None] = lambda n: None, workers: int = 2
) -> int:
    """Add ``size`` synthetic projects (keys ``syn-…``); returns the number added."""
    with tempfile.TemporaryDirectory(prefix="coopdec-synthetic-") as folder:
        path = generate(size, Path(folder) / "catalogue.marshal", seed=seed, workers=workers)
        return load_file(path, on_progress)


def load_file(path: Path, on_progress: Callable[[int], None] = lambda n: None) -> int:
    """Insert the projects of a ``generate`` file in one transaction; returns how many."""
    # Timestamps in the form the database stores them, once (adapting a datetime per row
    # costs more than the insert of a small row).
    now: Any = connection.ops.adapt_datetimefield_value(dt.datetime.now(dt.UTC))
    project_id, partnership_id = _next_id(Project), _next_id(Partnership)
    foreign_id = _next_id(ForeignAuthority)
    total = 0
    with transaction.atomic(), bulk.bulk_load(TABLES):
        for specs in batches(path):
            count = len(specs)
            total += count
            ids = range(project_id, project_id + count)
            project_id += count
            foreign = []
            partnerships = []
            p_rows: dict[str, list[tuple[int, int]]] = {"french": [], "foreign": [], "themes": []}
            parents: list[int | None] = []
            for spec in specs:
                fid = foreign_id
                foreign_id += 1
                # The place names are made up and may repeat: the id keeps them unique.
                foreign.append((fid, now, now, spec["place"], f"{spec['place'].lower()} {fid}",
                                spec["countries"][0], "municipality"))  # fmt: skip
                spec["foreign"] = [fid]
                if spec["relation"] and spec["authorities"]:
                    par = partnership_id
                    partnership_id += 1
                    partnerships.append((par, now, now, "", "", spec["key"] + "-p",
                                         spec["title"], spec["summary"], spec["relation"],
                                         int(spec["start"][:4]) if spec["start"] else None, None,
                                         spec["status"], spec["open"], ""))  # fmt: skip
                    p_rows["french"] += [(par, a) for a in spec["authorities"]]
                    p_rows["foreign"].append((par, fid))
                    p_rows["themes"] += [(par, t) for t in spec["themes"]]
                    parents.append(par)
                else:
                    parents.append(None)
            columns = (
                "id",
                "created_at",
                "updated_at",
                "name",
                "search_name",
                "country_id",
                "level",
            )
            _insert("catalogue_foreignauthority", columns, foreign)
            _insert("catalogue_partnership",
                    ("id", "created_at", "updated_at", "source_url", "source_date", "key", "title",
                     "summary", "relation_type", "start_year", "end_year", "status",
                     "open_to_new_members", "funders"), partnerships)  # fmt: skip
            for name, field, column in (
                ("french", "french_authorities", "frenchauthority_id"),
                ("foreign", "foreign_authorities", "foreignauthority_id"),
                ("themes", "themes", "theme_id"),
            ):
                _insert(f"catalogue_partnership_{field}", ("partnership_id", column), p_rows[name])
            _insert("catalogue_project",
                    ("id", "created_at", "updated_at", "source_url", "source_date", "key", "title",
                     "summary", "description", "narratives", "other_participants", "currency",
                     "funders", "start_date", "end_date", "status", "open_to_new_members",
                     "partnership_id"),
                    [(pid, now, now, "", "", s["key"], s["title"], s["summary"], s["description"],
                      "{}", "[]", "EUR", "", s["start"], s["end"], s["status"], s["open"], par)
                     for pid, s, par in zip(ids, specs, parents, strict=True)])  # fmt: skip
            for field, column, attr in (
                ("french_authorities", "frenchauthority_id", "authorities"),
                ("foreign_authorities", "foreignauthority_id", "foreign"),
                ("countries", "country_id", "countries"), ("themes", "theme_id", "themes"),
                ("sdg_targets", "sdgtarget_id", "targets"),
            ):  # fmt: skip
                links = [(pid, v) for pid, s in zip(ids, specs, strict=True) for v in s[attr]]
                _insert(f"catalogue_project_{field}", ("project_id", column), links)
            on_progress(count)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(
                no_style(), [Project, Partnership, ForeignAuthority]
            ):
                cursor.execute(sql)
    return total
