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
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from briefreader.library.linking import EntityLinker, lookup, merge_entities
from briefreader.library.schema import DAY_SHIFT, UNDATED_SORT_KEY, LibraryError, connect
from briefreader.model import Analysis, Article, Entity, Mention, Merge, Paragraph

DB_NAME = "library.sqlite3"
#: page cache of a connection, and of the one importing (KiB)
CACHE_KB = 32768
BULK_CACHE_KB = 131072


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


def sort_key_of(date: dt.date | dt.datetime | None) -> int:
    """Integer key, ascending = newest first, undated last (as ``sort_key_newest_first``)."""
    if date is None:
        return UNDATED_SORT_KEY
    if not isinstance(date, dt.datetime):
        date = dt.datetime.combine(date, dt.time.min)
    return -(date.toordinal() * 86400 + date.hour * 3600 + date.minute * 60 + date.second)


def _paragraphs_json(paragraphs: Sequence[Paragraph]) -> str:
    """``[[kind, start, end], ...]`` as JSON (kinds are plain words: no escaping needed)."""
    return "[" + ",".join(f'["{p.kind}",{p.start},{p.end}]' for p in paragraphs) + "]"


def day_of(date: dt.date | dt.datetime | None) -> int | None:
    return None if date is None else date.toordinal()


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
    def bulk_import(self) -> Iterator[None]:
        """Settings for writing many batches: a larger page cache, and checkpoints of the
        write-ahead log every ~80 MB instead of every 4 MB.

        At 100,000 articles a batch dirties thousands of pages of the cross-reference index;
        with the defaults, each commit copied them back into the database file again (commits
        took 0.9 ms an article). Durability is unchanged: commits still land in the log.
        """
        db = self.db
        db.execute(f"PRAGMA cache_size=-{BULK_CACHE_KB}")
        db.execute("PRAGMA wal_autocheckpoint=20000")
        try:
            yield
        finally:
            db.execute(f"PRAGMA cache_size=-{CACHE_KB}")
            db.execute("PRAGMA wal_autocheckpoint=1000")
            db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction: all of it lands, or none (also on kill -9, thanks to WAL)."""
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise LibraryError(
                f"the library at {self.directory} is busy ({exc}); is another briefreader"
                " importing into it?"
            ) from exc
        try:
            yield
            db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            db.execute("ROLLBACK")
            raise LibraryError(f"cannot write to the library at {self.directory}: {exc}") from exc
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def store_batch(
        self,
        articles: Sequence[Article],
        analysis: Analysis,
        files: Iterable[FileRecord] = (),
        replaced: Iterable[str] = (),
    ) -> int:
        """Write a batch in one transaction; returns how many articles were new.

        ``replaced`` are ids of articles whose file changed: they leave the library in the same
        transaction as their new version arrives. Rows are prepared in Python and written with
        one ``executemany`` per table, each sorted by its key: the search index in particular
        writes one segment per batch only when rowids arrive in ascending order.
        """
        db = self.db
        with self._writing():
            for article_id in replaced:
                self._delete_article(article_id)
            entity_rows = EntityLinker(db).link(analysis)
            rowids, new = self._insert_articles(articles)
            self._insert_mentions(new, analysis, entity_rows)
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

    def _insert_articles(
        self, articles: Sequence[Article]
    ) -> tuple[dict[str, int], list[tuple[int, Article]]]:
        """Insert the articles not in the library yet; returns every article's rowid, and the
        new ones as (rowid, article) in rowid order."""
        db = self.db
        rowids: dict[str, int] = dict(
            lookup(
                db, "SELECT id, rowid FROM articles WHERE id IN ({marks})", [a.id for a in articles]
            )
        )
        fresh: list[Article] = []
        for art in articles:
            if art.id not in rowids:
                rowids[art.id] = 0  # claimed: a repeated id in the batch is not new twice
                fresh.append(art)
        # Rowids are day << DAY_SHIFT | n: one max() per day the batch holds.
        next_n: dict[int, int] = {}
        new: list[tuple[int, Article]] = []
        for art in fresh:
            day = day_of(art.date) or 0
            rowid = next_n.get(day)
            if rowid is None:
                base = day << DAY_SHIFT
                last = db.execute(
                    "SELECT max(rowid) FROM articles WHERE rowid BETWEEN ? AND ?",
                    (base, base + (1 << DAY_SHIFT) - 1),
                ).fetchone()[0]
                rowid = base + 1 if last is None else last + 1
            if rowid >> DAY_SHIFT != day:
                raise LibraryError(f"more than {1 << DAY_SHIFT} articles dated {art.date_iso}")
            next_n[day] = rowid + 1
            rowids[art.id] = rowid
            new.append((rowid, art))
        new.sort(key=lambda pair: pair[0])
        now = time.time()
        db.executemany(
            "INSERT INTO articles(rowid, id, title, date, day, sort_key, source, words, path,"
            " dateline, title_derived, notices, added_at, paragraphs, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    rowid,
                    art.id,
                    art.title,
                    art.date_iso,
                    day_of(art.date),
                    sort_key_of(art.date),
                    art.source,
                    art.words,
                    art.path,
                    art.dateline,
                    int(art.title_derived),
                    json.dumps(list(art.notices)) if art.notices else "[]",
                    now,
                    _paragraphs_json(art.paragraphs),
                    art.text,
                )
                for rowid, art in new
            ],
        )
        db.executemany(
            "INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
            [(rowid, art.title, art.text) for rowid, art in new],
        )
        return rowids, new

    def _insert_mentions(
        self, new: Sequence[tuple[int, Article]], analysis: Analysis, entity_rows: dict[str, int]
    ) -> None:
        """Mentions, cross-references and per-entity article counts of the new articles."""
        mention_rows: list[tuple[int, int, int, int, str]] = []
        xref_rows: list[tuple[int, int, int, int, int, int]] = []
        counts: dict[int, int] = {}
        found = analysis.mentions
        for rowid, art in new:
            first: dict[int, list[int]] = {}
            seen_starts: set[int] = set()
            for m in found.get(art.id, ()):
                entity = entity_rows.get(m.entity_id)
                if entity is None or m.start in seen_starts:
                    continue
                seen_starts.add(m.start)
                mention_rows.append((rowid, m.start, m.end, entity, m.kind))
                slot = first.get(entity)
                if slot is None:
                    first[entity] = [m.start, m.end, 1]
                else:
                    slot[2] += 1
                    if m.start < slot[0]:
                        slot[0], slot[1] = m.start, m.end
            key = sort_key_of(art.date)
            for e, (s, en, n) in first.items():
                xref_rows.append((e, key, rowid, s, en, n))
                counts[e] = counts.get(e, 0) + 1
        db = self.db
        mention_rows.sort()
        db.executemany(
            'INSERT INTO mentions(article, start, "end", entity, kind) VALUES (?, ?, ?, ?, ?)',
            mention_rows,
        )
        xref_rows.sort()
        db.executemany(
            "INSERT INTO article_entities(entity, sort_key, article, first_start, first_end, count)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            xref_rows,
        )
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

    def has_content(self, article_id: str) -> bool:
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
                " JOIN entities e ON e.rowid = m.entity WHERE m.article = ? ORDER BY m.start",
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
