"""Joining a batch's entities to the library's, in bulk, inside the batch's transaction.

The entity engine resolves names within the articles it is given; a library grows in batches, so
"Putin" in today's import must land on yesterday's "Vladimir Putin". Order of trust: the same
stable id (or an id merged earlier); then a shared name or alias key of the same kind; then, for a
lone surname, the one person in the library with that surname. A new full-name person absorbs an
earlier lone-surname entity when nobody else has that surname. Every merge keeps its reason.

Work is done with a handful of set-based queries per batch, not several per entity, because a
batch of 500 articles names thousands of entities.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache

from briefreader.library.resolve import SURNAME_PREFIX, name_key, terms
from briefreader.model import Entity

_CHUNK = 900  # below SQLite's default limit of bound parameters


def _chunks(items: Sequence, size: int = _CHUNK) -> Iterable[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def lookup(db: sqlite3.Connection, sql: str, keys: Sequence) -> list[tuple]:
    """Run ``sql`` (with one ``{marks}`` placeholder) over ``keys`` in chunks."""
    rows: list[tuple] = []
    for chunk in _chunks(list(keys)):
        rows.extend(db.execute(sql.format(marks=",".join("?" * len(chunk))), list(chunk)))
    return rows


class KnownNames:
    """Names (with aliases) and descriptors of library entities, as the linker last wrote them.

    Kept across the batches of an import: the same entities come back every batch, and reading
    all their aliases again cost ~0.05 ms an article. Only valid while nothing else writes
    entities; drop it when a write is rolled back.
    """

    def __init__(self) -> None:
        self.names: dict[int, set[str]] = {}
        self.descriptors: dict[int, list[str]] = {}

    #: entities kept at most (then the cache starts again: memory stays flat at 100,000 articles)
    LIMIT = 50_000

    def forget(self, *rowids: int) -> None:
        for rowid in rowids:
            self.names.pop(rowid, None)
            self.descriptors.pop(rowid, None)


class EntityLinker:
    """Maps a batch's entity ids to library entity rowids, creating and merging as needed."""

    def __init__(self, db: sqlite3.Connection, known: KnownNames | None = None) -> None:
        self.db = db
        self._keys: dict[tuple[str, str], set[int]] = {}
        self._new_keys: list[tuple[str, str, int]] = []
        self._new_terms: list[tuple[str, int]] = []
        self._new_aliases: list[tuple[int, str, str]] = []
        self._known = known or KnownNames()
        self._descriptors = self._known.descriptors

    def link(self, ents: Sequence[Entity]) -> dict[str, int]:
        """Library rowids of a batch's entities, by their ids in the batch."""
        db = self.db
        if len(self._known.names) > KnownNames.LIMIT:  # between batches only
            self._known.names.clear()
            self._known.descriptors.clear()
        out: dict[str, int] = dict(
            lookup(
                db, "SELECT id, rowid FROM entities WHERE id IN ({marks})", [e.id for e in ents]
            ),
        )
        missing = [e.id for e in ents if e.id not in out]
        out.update(
            lookup(db, "SELECT id, entity FROM entity_redirects WHERE id IN ({marks})", missing)
        )
        self._load_keys([e for e in ents if e.id not in out])
        known_names = self._known_names([out[e.id] for e in ents if e.id in out])
        created: list[tuple[int, Entity]] = []
        for ent in ents:
            rowid = out.get(ent.id)
            if rowid is None:
                rowid = self._match(ent)
                if rowid is not None:
                    self._adopt_id(rowid, ent)
                    known_names.update(self._known_names([rowid]))
            if rowid is None:
                rowid = self._create(ent)
                created.append((rowid, ent))
            else:
                self._extend(rowid, ent, known_names)
            out[ent.id] = rowid
        self._flush()
        for rowid, ent in created:
            self._absorb_lone_surname(rowid, ent)
        return out

    # -- lookups -------------------------------------------------------------------------------

    def _load_keys(self, ents: Sequence[Entity]) -> None:
        wanted: set[str] = set()
        for ent in ents:
            wanted.update(_keys_of(ent))
            if ent.kind == "person" and not _local(ent):
                key = _name_key(ent.name)
                if key and " " not in key:
                    wanted.add(SURNAME_PREFIX + key)
        sql = "SELECT key, kind, entity FROM entity_keys WHERE key IN ({marks})"
        for key, kind, entity in lookup(self.db, sql, list(wanted)):
            self._keys.setdefault((key, kind), set()).add(entity)

    def _known_names(self, rowids: Sequence[int]) -> dict[int, set[str]]:
        """Names and aliases of library entities (and, on the side, their descriptors); the
        sets are the cache's own, so that ``_extend`` keeps them up to date."""
        names = self._known.names
        wanted = {r for r in rowids if r not in names}
        for chunk in _chunks(list(wanted), _CHUNK // 2):
            marks = ",".join("?" * len(chunk))
            for entity, name, descriptors in self.db.execute(
                f"SELECT rowid, name, descriptors FROM entities WHERE rowid IN ({marks})"
                f" UNION ALL SELECT entity, alias, NULL FROM aliases WHERE entity IN ({marks})",
                [*chunk, *chunk],
            ):
                names.setdefault(entity, set()).add(name)
                if descriptors is not None and descriptors != "[]":
                    self._descriptors[entity] = json.loads(descriptors)
        return names

    def _match(self, ent: Entity) -> int | None:
        if _local(ent):
            return None  # "the Secretary" of one article is nobody else's
        votes: dict[int, int] = {}
        for key in _keys_of(ent):
            for entity in self._keys.get((key, ent.kind), ()):
                votes[entity] = votes.get(entity, 0) + 1
        if votes:
            return min(votes, key=lambda e: (-votes[e], e))
        if ent.kind == "person":
            key = _name_key(ent.name)
            if key and " " not in key:
                cands = self._keys.get((SURNAME_PREFIX + key, "person"), set())
                if len(cands) == 1:
                    (rowid,) = cands
                    self._alias(rowid, ent.kind, ent.name, "surname of")
                    return rowid
                if cands and ent.descriptors:
                    rowid = self._same_title(ent, cands)
                    if rowid is not None:
                        self._alias(rowid, ent.kind, ent.name, "surname of")
                        return rowid
        return None

    def _same_title(self, ent: Entity, cands: set[int]) -> int | None:
        """Of the people sharing a surname, the one given the title this bare surname carries
        ("President Obama": Barack, not Michelle Obama), if only one is; as the engine does
        within a batch."""
        # Imported here: reading a library (the app's start) never loads the entity engine.
        from briefreader.entities.resolve import person_titles

        self._known_names(list(cands))  # loads their descriptors too
        want = set().union(*(person_titles(d) for d in ent.descriptors))
        fits = [
            r
            for r in sorted(cands)
            if want & set().union(*(person_titles(d) for d in self._descriptors.get(r, ())))
        ]
        return fits[0] if len(fits) == 1 else None

    # -- writes --------------------------------------------------------------------------------

    def _adopt_id(self, rowid: int, ent: Entity) -> None:
        """The batch named a library entity under another id: keep that id working, and let a
        full name replace a lone surname as the entity's name ("Putin" -> "Vladimir Putin")."""
        db = self.db
        old_id, old_name, kind = db.execute(
            "SELECT id, name, kind FROM entities WHERE rowid = ?", (rowid,)
        ).fetchone()
        if old_id == ent.id:
            return
        fuller = (
            kind == "person"
            and " " not in _name_key(old_name)
            and _surname_key(ent.name) == SURNAME_PREFIX + _name_key(old_name)
        )
        if fuller:
            db.execute(
                "UPDATE entities SET id = ?, name = ? WHERE rowid = ?", (ent.id, ent.name, rowid)
            )
            db.execute(
                "INSERT OR REPLACE INTO entity_redirects(id, entity) VALUES (?, ?)",
                (old_id, rowid),
            )
            self._alias(rowid, kind, old_name, "surname of")
            self._index(rowid, kind, ent.name)
            cached = self._known.names.get(rowid)
            if cached is not None:
                cached.add(ent.name)  # the name now, not an alias to add
        else:
            db.execute(
                "INSERT OR IGNORE INTO entity_redirects(id, entity) VALUES (?, ?)", (ent.id, rowid)
            )

    def _create(self, ent: Entity) -> int:
        cur = self.db.execute(
            "INSERT INTO entities(id, name, kind, descriptors) VALUES (?, ?, ?, ?)",
            (ent.id, ent.name, ent.kind, json.dumps(list(ent.descriptors))),
        )
        rowid = cur.lastrowid
        assert rowid is not None
        local = _local(ent)
        self._index(rowid, ent.kind, ent.name, join=not local)
        reasons = {m.alias: m.reason for m in ent.merges}
        for alias in ent.aliases:
            if alias != ent.name:
                reason = reasons.get(alias, "")
                self._alias(rowid, ent.kind, alias, reason, join=not local and _joins(reason))
        return rowid

    def _extend(self, rowid: int, ent: Entity, known: dict[int, set[str]]) -> None:
        names = known.setdefault(rowid, set())
        # Most entities a batch names are known by all their names already: one set test.
        if ent.name not in names or not names.issuperset(ent.aliases):
            reasons = {m.alias: m.reason for m in ent.merges}
            local = _local(ent)
            for alias in (ent.name, *ent.aliases):
                if alias not in names:
                    names.add(alias)
                    reason = reasons.get(alias, "")
                    self._alias(rowid, ent.kind, alias, reason, join=not local and _joins(reason))
        if ent.descriptors:
            have = self._descriptors.get(rowid, [])
            more = [d for d in ent.descriptors if d not in have]
            if more:
                have = self._descriptors[rowid] = have + more
                self.db.execute(
                    "UPDATE entities SET descriptors = ? WHERE rowid = ?", (json.dumps(have), rowid)
                )

    def _alias(self, rowid: int, kind: str, alias: str, reason: str, *, join: bool = True) -> None:
        self._new_aliases.append((rowid, alias, reason))
        self._index(rowid, kind, alias, join=join)

    def _index(self, rowid: int, kind: str, name: str, *, join: bool = True) -> None:
        """Make ``name`` searchable for the entity and, if ``join``, a key later batches join
        on (not a title such as "President", which many people share)."""
        self._new_terms.extend((w, rowid) for w in _terms(name))
        if not join:
            return
        keys = [_name_key(name)]
        if kind == "person":
            keys.append(_surname_key(name) or "")
        for key in keys:
            if key:
                self._new_keys.append((key, kind, rowid))
                self._keys.setdefault((key, kind), set()).add(rowid)

    def _flush(self) -> None:
        db = self.db
        db.executemany(
            "INSERT OR IGNORE INTO entity_keys(key, kind, entity) VALUES (?, ?, ?)", self._new_keys
        )
        db.executemany(
            "INSERT OR IGNORE INTO entity_terms(term, entity) VALUES (?, ?)", self._new_terms
        )
        db.executemany(
            "INSERT OR IGNORE INTO aliases(entity, alias, reason) VALUES (?, ?, ?)",
            self._new_aliases,
        )
        self._new_keys.clear()
        self._new_terms.clear()
        self._new_aliases.clear()

    def _absorb_lone_surname(self, rowid: int, ent: Entity) -> None:
        """A new "Vladimir Putin" takes over an earlier lone "Putin" if no other Putin exists."""
        if ent.kind != "person" or _local(ent):
            return
        sk = _surname_key(ent.name)
        if sk is None:
            return
        db = self.db
        others = db.execute(
            "SELECT 1 FROM entity_keys WHERE key = ? AND kind = 'person' AND entity != ? LIMIT 1",
            (sk, rowid),
        ).fetchone()
        if others:
            return  # another full name shares the surname: a lone surname stays ambiguous
        lone = db.execute(
            "SELECT e.rowid FROM entity_keys k JOIN entities e ON e.rowid = k.entity"
            " WHERE k.key = ? AND k.kind = 'person' AND e.rowid != ? AND instr(e.name, ' ') = 0",
            (sk[len(SURNAME_PREFIX) :], rowid),
        ).fetchall()
        if len(lone) == 1:
            merge_entities(db, lone[0][0], rowid, reason="surname of")
            self._known.forget(lone[0][0], rowid)


# The same names come back batch after batch ("United States"): their keys are computed once.
_name_key = lru_cache(maxsize=1 << 16)(name_key)


@lru_cache(maxsize=1 << 16)
def _terms(name: str) -> tuple[str, ...]:
    return tuple(terms(name))


def _surname_key(name: str) -> str | None:
    """``resolve.surname_key`` from the cached name key (both are the same folded words)."""
    words = _name_key(name).split(" ")
    return SURNAME_PREFIX + words[-1] if len(words) >= 2 else None


def _local(ent: Entity) -> bool:
    """An entity the engine keeps to one article ("the Secretary": ``person:secretary@<article>``):
    it joins nothing by name, or every article's "President" would become one person."""
    return "@" in ent.id


def _joins(reason: str) -> bool:
    """Whether an alias may join entities across batches: a title ("title of X") may not."""
    return not reason.startswith("title of")


def _keys_of(ent: Entity) -> set[str]:
    """The keys an entity of a new batch is looked up by (its name, and aliases that join)."""
    if _local(ent):
        return set()
    reasons = {m.alias: m.reason for m in ent.merges}
    names = [ent.name, *(a for a in ent.aliases if _joins(reasons.get(a, "")))]
    return {_name_key(n) for n in names} - {""}


def merge_entities(db: sqlite3.Connection, old: int, new: int, *, reason: str) -> None:
    """Fold entity ``old`` into ``new``: its mentions, names and id now lead to ``new``.

    Must run inside a transaction.
    """
    old_id, old_name = db.execute(
        "SELECT id, name FROM entities WHERE rowid = ?", (old,)
    ).fetchone()
    rows = db.execute(
        "SELECT sort_key, article, first_start, first_end, count FROM article_entities"
        " WHERE entity = ?",
        (old,),
    ).fetchall()
    for key, article, start, end, count in rows:
        mine = db.execute(
            "SELECT first_start FROM article_entities WHERE entity = ? AND sort_key = ?"
            " AND article = ?",
            (new, key, article),
        ).fetchone()
        if mine is None:
            db.execute(
                "INSERT INTO article_entities VALUES (?, ?, ?, ?, ?, ?)",
                (new, key, article, start, end, count),
            )
        else:
            db.execute(
                "UPDATE article_entities SET count = count + ?,"
                " first_end = CASE WHEN ? < first_start THEN ? ELSE first_end END,"
                " first_start = min(first_start, ?)"
                " WHERE entity = ? AND sort_key = ? AND article = ?",
                (count, start, end, start, new, key, article),
            )
        db.execute(
            "UPDATE mentions SET entity = ? WHERE article = ? AND entity = ?", (new, article, old)
        )
    db.execute("DELETE FROM article_entities WHERE entity = ?", (old,))
    db.execute(
        "UPDATE entities SET n_articles ="
        " (SELECT count(*) FROM article_entities WHERE entity = ?) WHERE rowid = ?",
        (new, new),
    )
    for table, cols in (("entity_keys", "key, kind"), ("entity_terms", "term")):
        db.execute(
            f"INSERT OR IGNORE INTO {table}({cols}, entity)"
            f" SELECT {cols}, ? FROM {table} WHERE entity = ?",
            (new, old),
        )
        db.execute(f"DELETE FROM {table} WHERE entity = ?", (old,))
    db.execute(
        "INSERT OR IGNORE INTO aliases(entity, alias, reason)"
        " SELECT ?, alias, reason FROM aliases WHERE entity = ?",
        (new, old),
    )
    db.execute("DELETE FROM aliases WHERE entity = ?", (old,))
    db.execute(
        "INSERT OR IGNORE INTO aliases(entity, alias, reason) VALUES (?, ?, ?)",
        (new, old_name, reason),
    )
    db.execute("UPDATE entity_redirects SET entity = ? WHERE entity = ?", (new, old))
    db.execute("INSERT OR REPLACE INTO entity_redirects(id, entity) VALUES (?, ?)", (old_id, new))
    db.execute("DELETE FROM entities WHERE rowid = ?", (old,))
