"""The SQLite library: articles, entities and mentions written in batches, read one at a time.

Everything a batch brings (articles, their mentions, the entities they join or create, the files
they came from) is written in one transaction, so a crash (even ``kill -9``) leaves the library as
it was after the last whole batch. Reads never load the whole library: the app asks for one
article, one entity, one page of a list.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from briefreader.library.linking import EntityLinker, KnownNames, lookup, merge_entities
from briefreader.library.rows import (
    ARTICLE_COLUMNS,
    BatchRows,
    entities_of,
    prepare,
)
from briefreader.library.schema import DAY_SHIFT, LibraryError, connect
from briefreader.model import Analysis, Article, Entity, Mention, Merge, Paragraph

DB_NAME = "library.sqlite3"
#: page cache of a connection, and of the one importing (KiB)
CACHE_KB = 32768
BULK_CACHE_KB = 131072
#: batches written per transaction while importing (see ``Library.bulk_import``)
BATCHES_PER_COMMIT = 8
#: ... or after this many seconds, whichever comes first (what a crash can cost)
COMMIT_SECONDS = 10.0
#: The search index while importing: up to 8 MB of new terms in memory before a segment is
#: written (default 1 MB), and segments merged 8 at a time (default 4); FTS5 keeps both in the
#: index, so they are set back afterwards.
FTS_BULK = {"hashsize": 8 << 20, "automerge": 8}
FTS_DEFAULTS = {"hashsize": 1 << 20, "automerge": 4}


@dataclass(frozen=True, slots=True)
class FileRecord:
    """A file `add` looked at: where it is, how it looked, which content it held."""

    path: str
    mtime_ns: int
    size: int
    hash: str
    article_id: str | None


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity with how much the library says about it (for `briefreader entities`)."""

    entity: Entity
    articles: int
    mentions: int


def date_from_iso(value: str | None) -> dt.date | dt.datetime | None:
    if not value:
        return None
    if "T" in value:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)


class Library:
    """One library folder holding ``library.sqlite3``.

    Each thread gets its own connection (WAL lets readers run beside a writer), so the app can
    search from a worker while the reader pane loads an article.
    """

    def __init__(self, directory: Path, *, create: bool = True) -> None:
        self.directory = Path(directory)
        self.path = self.directory / DB_NAME
        self._create = create
        self._local = threading.local()
        self._connections: dict[threading.Thread, sqlite3.Connection] = {}
        self._guard = threading.Lock()
        self._articles: OrderedDict[str, tuple[int, Article]] = OrderedDict()
        self._entities: OrderedDict[str, Entity] = OrderedDict()
        _ = self.db  # open now, so that errors surface at open time

    # -- connections -------------------------------------------------------------------------

    @property
    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path, create=self._create)
            self._local.conn = conn
            with self._guard:
                # Thread workers come and go (one per search as the user types): close the
                # connections of threads that have ended instead of leaking them.
                for thread, old in list(self._connections.items()):
                    if not thread.is_alive():
                        old.close()
                        del self._connections[thread]
                self._connections[threading.current_thread()] = conn
        return conn

    def close(self) -> None:
        with self._guard:
            for conn in self._connections.values():
                try:
                    conn.close()
                except sqlite3.ProgrammingError:
                    pass  # closed from its own thread already
            self._connections.clear()
        self._local = threading.local()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    @contextmanager
    def bulk_import(self, batches_per_commit: int = BATCHES_PER_COMMIT) -> Iterator[None]:
        """Settings for writing many batches: batches share a transaction, a larger page cache,
        and checkpoints of the write-ahead log every ~80 MB instead of every 4 MB.

        Batches share a transaction committed every ``batches_per_commit`` batches or
        ``COMMIT_SECONDS``, and on the way out (e.g. after Ctrl-C while waiting for the
        workers); an error while writing a batch rolls back the uncommitted batches with it,
        which the next `add` imports again. A commit writes every page the transaction dirtied
        to the log, and at 100,000 articles a batch dirties thousands of pages of the
        cross-reference and mention indexes that the next batches dirty again: commits took
        0.2 ms an article at 50,000 articles, 0.08 with eight batches each. ``kill -9`` loses at
        most the uncommitted batches, never consistency (WAL). The search index gets
        ``FTS_BULK``: each segment it writes is merged again later, and the defaults made it
        cost 0.42 ms an article at 50,000 articles, these ~0.29 (search p95 at 50,000 not
        worse: 21.8 ms before, 16.5 after, on a loaded machine).
        """
        db = self.db
        db.execute(f"PRAGMA cache_size=-{BULK_CACHE_KB}")
        db.execute("PRAGMA wal_autocheckpoint=20000")
        self._fts_config(FTS_BULK)
        self._local.bulk = [0, max(1, batches_per_commit), time.monotonic()]
        self._local.known = KnownNames()
        try:
            yield
        finally:
            del self._local.bulk, self._local.known
            try:
                if db.in_transaction:
                    self._commit()
            finally:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                db.execute(f"PRAGMA cache_size=-{CACHE_KB}")
                db.execute("PRAGMA wal_autocheckpoint=1000")
                self._fts_config(FTS_DEFAULTS)
                db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def _fts_config(self, settings: dict[str, int]) -> None:
        for name, value in settings.items():
            self.db.execute(
                "INSERT INTO articles_fts(articles_fts, rank) VALUES (?, ?)", (name, value)
            )

    def _begin(self) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise LibraryError(
                f"the library at {self.directory} is busy ({exc}); is another briefreader"
                " importing into it?"
            ) from exc

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction: all of it lands, or none (also on kill -9, thanks to WAL).

        Within ``bulk_import``, part of the shared transaction instead.
        """
        db = self.db
        bulk = getattr(self._local, "bulk", None)
        if bulk is not None:
            if not db.in_transaction:
                self._begin()
            try:
                yield
            except BaseException as exc:
                # The open transaction goes: this batch and the uncommitted ones before it (a
                # savepoint per batch would keep those, but held a copy of every page the batch
                # changed in memory: +50 MB peak and +0.05 ms an article at 50,000 articles).
                db.execute("ROLLBACK")
                bulk[0], bulk[2] = 0, time.monotonic()
                self._local.known = KnownNames()  # it may hold names the rollback took back
                if isinstance(exc, sqlite3.OperationalError):
                    raise self._cannot_write(exc) from exc
                raise
            bulk[0] += 1
            if bulk[0] >= bulk[1] or time.monotonic() - bulk[2] > COMMIT_SECONDS:
                bulk[0], bulk[2] = 0, time.monotonic()
                self._commit()
            return
        self._begin()
        try:
            yield
        except BaseException as exc:
            db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise self._cannot_write(exc) from exc
            raise
        self._commit()

    def _commit(self) -> None:
        db = self.db
        try:
            db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise self._cannot_write(exc) from exc

    def _cannot_write(self, exc: Exception) -> LibraryError:
        return LibraryError(f"cannot write to the library at {self.directory}: {exc}")

    def store_batch(
        self,
        articles: Sequence[Article],
        analysis: Analysis,
        files: Iterable[FileRecord] = (),
        replaced: Iterable[str] = (),
        hashes: Sequence[str] | None = None,
    ) -> int:
        """Write a batch in one transaction; returns how many articles were new.

        ``hashes`` are the articles' content hashes (the key that keeps content from being
        stored twice; by default the ids). See ``store_rows``.
        """
        return self.store_rows(prepare(articles, analysis, hashes), files, replaced)

    def store_rows(
        self, batch: BatchRows, files: Iterable[FileRecord] = (), replaced: Iterable[str] = ()
    ) -> int:
        """Write a prepared batch (``rows.prepare``) in one transaction; returns how many
        articles were new.

        ``replaced`` are ids of articles whose file changed: they leave the library in the same
        transaction as their new version arrives. Rows are written with one ``executemany`` per
        table, each sorted by its key: the search index in particular writes one segment per
        batch only when rowids arrive in ascending order. Within ``bulk_import`` several batches
        may share a transaction (see there).
        """
        db = self.db
        with self._writing():
            for article_id in replaced:
                self._delete_article(article_id)
            known = getattr(self._local, "known", None)
            linked = EntityLinker(db, known).link(entities_of(batch))
            numbers = [linked[e[0]] for e in batch.entities]
            rowids, new = self._insert_articles(batch)
            self._insert_mentions(batch, new, numbers)
            db.executemany(
                "INSERT OR REPLACE INTO files(path, mtime_ns, size, hash, article)"
                " VALUES (?, ?, ?, ?, ?)",
                [
                    (f.path, f.mtime_ns, f.size, f.hash, self._rowid_for(f.article_id, rowids))
                    for f in files
                ],
            )
        self._forget_cached()
        return len(new)

    def _forget_cached(self) -> None:
        with self._guard:
            self._articles.clear()
            self._entities.clear()

    def _rowid_for(self, article_id: str | None, known: dict[str, int]) -> int | None:
        if article_id is None:
            return None
        if article_id in known:
            return known[article_id]
        row = self.db.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def _insert_articles(self, batch: BatchRows) -> tuple[dict[str, int], list[tuple[int, int]]]:
        """Insert the articles whose content is not in the library yet; returns every
        article's rowid by id, and the new ones as (rowid, index in the batch) in rowid order."""
        db = self.db
        rows = batch.articles
        have: dict[str, int] = dict(
            lookup(
                db, "SELECT hash, rowid FROM articles WHERE hash IN ({marks})", [r[1] for r in rows]
            )
        )
        rowids: dict[str, int] = {}
        fresh: list[int] = []
        for i, row in enumerate(rows):
            known = have.get(row[1])
            if known is None:
                have[row[1]] = 0  # claimed: repeated content in the batch is not new twice
                fresh.append(i)
            elif known:
                rowids[row[0]] = known
        # An id taken meanwhile (a file's old version kept after all) gets the next free one.
        taken = {
            r[0]
            for r in lookup(
                db, "SELECT id FROM articles WHERE id IN ({marks})", [rows[i][0] for i in fresh]
            )
        }
        # Rowids are day << DAY_SHIFT | n: one max() per day the batch holds.
        next_n: dict[int, int] = {}
        new: list[tuple[int, int]] = []
        for i in fresh:
            row = rows[i]
            reserved = row[0]
            if reserved in taken:
                n = 2
                while self.has_article(f"{row[0]}~{n}"):
                    n += 1
                rows[i] = row = (f"{row[0]}~{n}", *row[1:])  # type: ignore[assignment]
            day = row[4] or 0
            rowid = next_n.get(day)
            if rowid is None:
                base = day << DAY_SHIFT
                last = db.execute(
                    "SELECT max(rowid) FROM articles WHERE rowid BETWEEN ? AND ?",
                    (base, base + (1 << DAY_SHIFT) - 1),
                ).fetchone()[0]
                rowid = base + 1 if last is None else last + 1
            if rowid >> DAY_SHIFT != day:
                raise LibraryError(f"more than {1 << DAY_SHIFT} articles dated {row[3]}")
            next_n[day] = rowid + 1
            rowids[reserved] = rowid
            new.append((rowid, i))
        new.sort()
        now = time.time()
        db.executemany(
            f"INSERT INTO articles(rowid, {ARTICLE_COLUMNS}, added_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(rowid, *rows[i], now) for rowid, i in new],
        )
        db.executemany(
            "INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
            [(rowid, rows[i][2], rows[i][13]) for rowid, i in new],
        )
        return rowids, new

    def _insert_mentions(
        self, batch: BatchRows, new: Sequence[tuple[int, int]], numbers: Sequence[int]
    ) -> None:
        """Mentions, cross-references and per-entity article counts of the new articles.

        ``numbers`` maps the batch's entity numbers to library rowids. When two of the batch's
        entities became one library entity, their cross-references in an article are summed.
        """
        mention_rows: list[tuple[int, int, int, int, str]] = []
        xref_rows: list[tuple[int, int, int, int, int, int]] = []
        mentions, xrefs, rows = batch.mentions, batch.xrefs, batch.articles
        for rowid, i in new:
            mention_rows += [(rowid, s, e, numbers[x], k) for s, e, x, k in mentions[i]]
            key = rows[i][5]
            xref_rows += [(numbers[x], key, rowid, s, e, n) for x, s, e, n in xrefs[i]]
        xref_rows.sort()
        if len(set(numbers)) != len(numbers):
            xref_rows = _merged(xref_rows)
        db = self.db
        db.executemany(
            'INSERT INTO mentions(article, start, "end", entity, kind) VALUES (?, ?, ?, ?, ?)',
            mention_rows,
        )
        db.executemany(
            "INSERT INTO article_entities(entity, sort_key, article, first_start, first_end, count)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            xref_rows,
        )
        counts = Counter(map(itemgetter(0), xref_rows))
        db.executemany(
            "UPDATE entities SET n_articles = n_articles + ? WHERE rowid = ?",
            [(n, e) for e, n in sorted(counts.items())],
        )

    def _delete_article(self, article_id: str) -> None:
        db = self.db
        row = db.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return
        (rowid,) = row
        title, text = db.execute(
            "SELECT title, text FROM articles WHERE rowid = ?", (rowid,)
        ).fetchone()
        db.execute(
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
            (rowid, title, text),
        )
        # No index on article_entities(article) (it would cost 6% of the file): the article's
        # own mentions name its entities, and (entity, sort_key, article) is the primary key.
        db.execute(
            "UPDATE entities SET n_articles = n_articles - 1 WHERE rowid IN"
            " (SELECT DISTINCT entity FROM mentions WHERE article = ?)",
            (rowid,),
        )
        db.execute(
            "DELETE FROM article_entities WHERE entity IN"
            " (SELECT DISTINCT entity FROM mentions WHERE article = ?)"
            " AND sort_key = (SELECT sort_key FROM articles WHERE rowid = ?) AND article = ?",
            (rowid, rowid, rowid),
        )
        db.execute("DELETE FROM mentions WHERE article = ?", (rowid,))
        for table in ("read_state", "bookmarks", "history"):
            db.execute(f"DELETE FROM {table} WHERE article = ?", (rowid,))
        db.execute("DELETE FROM articles WHERE rowid = ?", (rowid,))
        db.execute("UPDATE files SET article = NULL WHERE article = ?", (rowid,))

    def merge_entities(self, old_id: str, new_id: str, *, reason: str) -> None:
        """Fold one entity into another (a user's correction, or a late resolution)."""
        db = self.db
        old, new = self.entity_rowid(old_id), self.entity_rowid(new_id)
        if old == new:
            return
        with self._writing():
            merge_entities(db, old, new, reason=reason)
        known = getattr(self._local, "known", None)
        if known is not None:
            known.forget(old, new)
        self._forget_cached()

    # -- files ---------------------------------------------------------------------------------

    def file_record(self, path: str) -> FileRecord | None:
        row = self.db.execute(
            "SELECT f.path, f.mtime_ns, f.size, f.hash, a.id FROM files f"
            " LEFT JOIN articles a ON a.rowid = f.article WHERE f.path = ?",
            (path,),
        ).fetchone()
        return FileRecord(*row) if row else None

    def files_under(self, root: str) -> list[str]:
        """Known file paths at or below ``root`` (a resolved path)."""
        prefix = root.rstrip("/") + "/"
        return [
            r[0]
            for r in self.db.execute(
                "SELECT path FROM files WHERE path = ? OR substr(path, 1, ?) = ?",
                (root, len(prefix), prefix),
            )
        ]

    def forget_files(self, paths: Iterable[str]) -> None:
        """Drop files that no longer exist; their articles stay (a library keeps what it read)."""
        with self._writing():
            self.db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in paths])

    def other_files_with(self, article_id: str, path: str) -> int:
        """How many files besides ``path`` hold this article's content."""
        return self.db.execute(
            "SELECT count(*) FROM files f JOIN articles a ON a.rowid = f.article"
            " WHERE a.id = ? AND f.path != ?",
            (article_id, path),
        ).fetchone()[0]

    def has_content(self, content_hash: str) -> bool:
        return self.article_with_content(content_hash) is not None

    def article_with_content(self, content_hash: str) -> str | None:
        """The id of the article holding this content (by its hash), if any."""
        row = self.db.execute("SELECT id FROM articles WHERE hash = ?", (content_hash,)).fetchone()
        return row[0] if row else None

    def has_article(self, article_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    # -- reading -------------------------------------------------------------------------------

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def is_empty(self) -> bool:
        return self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    def article_rowid(self, article_id: str) -> int:
        return self._load_article(article_id)[0]

    def article(self, article_id: str) -> Article:
        return self._load_article(article_id)[1]

    def _load_article(self, article_id: str) -> tuple[int, Article]:
        with self._guard:
            cached = self._articles.get(article_id)
            if cached is not None:
                self._articles.move_to_end(article_id)
                return cached
        row = self.db.execute(
            "SELECT rowid, id, title, text, paragraphs, date, source, path, dateline,"
            " title_derived, notices FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        rowid, aid, title, text, paras, date, source, path, dateline, derived, notices = row
        paragraphs = tuple(Paragraph(k, s, e, text[s:e]) for k, s, e in json.loads(paras))
        art = Article(
            id=aid,
            title=title,
            text=text,
            paragraphs=paragraphs,
            date=date_from_iso(date),
            source=source,
            path=path,
            dateline=dateline,
            title_derived=bool(derived),
            notices=tuple(json.loads(notices)),
        )
        with self._guard:
            self._articles[article_id] = (rowid, art)
            if len(self._articles) > 64:
                self._articles.popitem(last=False)
        return rowid, art

    def mentions(self, article_id: str) -> tuple[Mention, ...]:
        rowid, art = self._load_article(article_id)
        text = art.text
        return tuple(
            Mention(art.id, s, e, kind, text[s:e], eid)
            for s, e, kind, eid in self.db.execute(
                'SELECT m.start, m."end", m.kind, e.id FROM mentions m'
                " JOIN entities e ON e.rowid = m.entity WHERE m.article = ?"
                ' ORDER BY m.start, m."end" DESC',  # a name before the names inside it
                (rowid,),
            )
        )

    def entity_rowid(self, entity_id: str) -> int:
        db = self.db
        row = db.execute("SELECT rowid FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            row = db.execute(
                "SELECT entity FROM entity_redirects WHERE id = ?", (entity_id,)
            ).fetchone()
        if row is None:
            raise KeyError(entity_id)
        return row[0]

    def entity(self, entity_id: str) -> Entity:
        """The entity with every article naming it (newest first).

        Cached: the sidebar asks for each entity of every article opened, and an entity named
        in 70,000 articles takes tens of milliseconds to list. For a count, ``article_count``
        answers from the index in a few.
        """
        with self._guard:
            cached = self._entities.get(entity_id)
            if cached is not None:
                self._entities.move_to_end(entity_id)
                return cached
        ent = self._load_entity(entity_id)
        with self._guard:
            self._entities[entity_id] = ent
            if len(self._entities) > 512:
                self._entities.popitem(last=False)
        return ent

    def article_count(self, entity_id: str) -> int:
        """How many articles name the entity (kept on import: one row read)."""
        return self.db.execute(
            "SELECT n_articles FROM entities WHERE rowid = ?", (self.entity_rowid(entity_id),)
        ).fetchone()[0]

    def _load_entity(self, entity_id: str) -> Entity:
        db = self.db
        rowid = self.entity_rowid(entity_id)
        eid, name, kind, descriptors = db.execute(
            "SELECT id, name, kind, descriptors FROM entities WHERE rowid = ?", (rowid,)
        ).fetchone()
        alias_rows = db.execute(
            "SELECT alias, reason FROM aliases WHERE entity = ? ORDER BY alias", (rowid,)
        ).fetchall()
        articles = tuple(
            r[0]
            for r in db.execute(
                "SELECT a.id FROM article_entities x JOIN articles a ON a.rowid = x.article"
                " WHERE x.entity = ? ORDER BY x.sort_key, x.article",
                (rowid,),
            )
        )
        return Entity(
            id=eid,
            name=name,
            kind=kind,
            aliases=tuple(a for a, _ in alias_rows),
            descriptors=tuple(json.loads(descriptors)),
            articles=articles,
            merges=tuple(Merge(a, r) for a, r in alias_rows if r),
        )

    def entity_rows(self, *, kind: str | None = None, limit: int | None = None) -> list[EntityRow]:
        """Entities by how many articles name them (most first), hidden ones left out."""
        db = self.db
        sql = "SELECT rowid, id, n_articles FROM entities WHERE hidden = 0 AND n_articles > 0"
        params: list[object] = []
        if kind:
            sql += " AND kind = ?"
            params.append(kind)
        sql += " ORDER BY n_articles DESC, rowid"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        out = []
        for rowid, eid, n in db.execute(sql, params).fetchall():
            total = db.execute(
                "SELECT sum(count) FROM article_entities WHERE entity = ?", (rowid,)
            ).fetchone()[0]
            out.append(EntityRow(self.entity(eid), n, total or 0))
        return out

    # -- read state, bookmarks, history --------------------------------------------------------

    def mark_read(self, article_id: str, read: bool = True) -> None:
        rowid = self.article_rowid(article_id)
        if read:
            self.db.execute(
                "INSERT OR REPLACE INTO read_state(article, read_at) VALUES (?, ?)",
                (rowid, time.time()),
            )
        else:
            self.db.execute("DELETE FROM read_state WHERE article = ?", (rowid,))

    def is_read(self, article_id: str) -> bool:
        rowid = self.article_rowid(article_id)
        return (
            self.db.execute("SELECT 1 FROM read_state WHERE article = ?", (rowid,)).fetchone()
            is not None
        )

    def set_bookmark(self, article_id: str, on: bool = True, note: str | None = None) -> None:
        rowid = self.article_rowid(article_id)
        if on:
            self.db.execute(
                "INSERT OR REPLACE INTO bookmarks(article, created_at, note) VALUES (?, ?, ?)",
                (rowid, time.time(), note),
            )
        else:
            self.db.execute("DELETE FROM bookmarks WHERE article = ?", (rowid,))

    def bookmarks(self) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT a.id FROM bookmarks b JOIN articles a ON a.rowid = b.article"
                " ORDER BY b.created_at DESC"
            )
        ]

    def record_opened(self, article_id: str) -> None:
        rowid = self.article_rowid(article_id)
        self.db.execute(
            "INSERT INTO history(article, opened_at) VALUES (?, ?)", (rowid, time.time())
        )

    def history(self, limit: int = 50) -> list[tuple[str, float]]:
        """Recently opened articles, most recent first, each once."""
        return [
            (r[0], r[1])
            for r in self.db.execute(
                "SELECT a.id, max(h.opened_at) AS t FROM history h"
                " JOIN articles a ON a.rowid = h.article GROUP BY h.article"
                " ORDER BY t DESC LIMIT ?",
                (limit,),
            )
        ]

    def check(self) -> list[str]:
        """Problems found by SQLite's and FTS5's own integrity checks (empty when sound)."""
        db = self.db
        problems = [r[0] for r in db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        try:
            db.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            problems.append(f"search index: {exc}")
        return problems


def _merged(rows: list[tuple[int, int, int, int, int, int]]) -> list[tuple[int, ...]]:
    """Sorted cross-reference rows with each (entity, sort key, article) once: the first
    mention is the earliest, the counts add up (two of a batch's entities that are one)."""
    out: list[tuple[int, ...]] = []
    last: tuple[int, ...] = ()
    for row in rows:
        if row[:3] == last[:3]:
            s, e = (row[3], row[4]) if row[3] < last[3] else (last[3], last[4])
            last = out[-1] = (*row[:3], s, e, last[5] + row[5])
        else:
            out.append(row)
            last = row
    return out


def existing_library(directory: Path | str | None = None) -> Library | None:
    """The library in ``directory`` if it exists and holds articles, else None (never creates).

    What `list`, `entities` and the app use to choose between the library and the seeds.
    """
    from briefreader.library.paths import library_dir

    folder = library_dir(directory)
    if not (folder / DB_NAME).exists():
        return None
    library = Library(folder, create=False)
    if library.is_empty():
        library.close()
        return None
    return library


def open_library(directory: Path | str | None = None, *, create: bool = True) -> Library:
    """Open the library in ``directory`` (default: ``library_dir()``)."""
    from briefreader.library.paths import library_dir

    try:
        return Library(library_dir(directory), create=create)
    except sqlite3.Error as exc:  # pragma: no cover - connect() already translates most
        raise LibraryError(str(exc)) from exc
