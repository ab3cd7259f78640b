"""The library's tables, and the migrations that bring an older file up to date.

The schema version lives in ``PRAGMA user_version``: a library written by an older release is
migrated step by step inside one transaction, and a newer one is refused rather than damaged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path, PurePath

SCHEMA_VERSION = 4

#: Undated articles sort after every dated one.
UNDATED_SORT_KEY = 1 << 62
#: Article rowids are ``day << DAY_SHIFT | n``: up to 16 million articles a day.
DAY_SHIFT = 24


class LibraryError(Exception):
    """A library cannot be opened or used; the message is meant for the user."""


_V1 = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per distinct content (id = content hash): nothing is extracted twice.
-- The rowid encodes the date (day << 24 | n, undated: day 0), so that "newest first" is rowid
-- order in the search index too. Small columns come first and the body last: reading a date or
-- a source must not walk the body's overflow pages.
CREATE TABLE articles(
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    date TEXT,                         -- ISO 8601, date or date+time
    day INTEGER,                       -- proleptic ordinal of the date, for before:/after:/on:
    sort_key INTEGER NOT NULL,         -- ascending = newest first, undated last
    source TEXT NOT NULL DEFAULT '',
    words INTEGER NOT NULL,
    path TEXT,
    dateline TEXT,
    title_derived INTEGER NOT NULL DEFAULT 0,
    notices TEXT NOT NULL DEFAULT '[]',
    added_at REAL NOT NULL,
    paragraphs TEXT NOT NULL,          -- JSON [[kind, start, end], ...]
    text TEXT NOT NULL
);
CREATE INDEX articles_order ON articles(sort_key, rowid);
CREATE INDEX articles_day ON articles(day);
CREATE INDEX articles_source ON articles(source COLLATE NOCASE);

-- Contentless: the text lives once, in articles; the library writes and deletes index rows
-- itself, in the same transaction as the article.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content='',
    tokenize='unicode61 remove_diacritics 2',
    prefix='3'
);

-- Files seen by `add`: unchanged ones are skipped by (mtime, size), then by hash.
CREATE TABLE files(
    path TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    hash TEXT NOT NULL,
    article INTEGER                    -- NULL when the file could not be read as an article
);
CREATE INDEX files_article ON files(article);

CREATE TABLE entities(
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    descriptors TEXT NOT NULL DEFAULT '[]',
    hidden INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE aliases(
    entity INTEGER NOT NULL,
    alias TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY(entity, alias)
) WITHOUT ROWID;
-- Normalised names and aliases, to join a new batch's entities to the library's.
CREATE TABLE entity_keys(
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    entity INTEGER NOT NULL,
    PRIMARY KEY(key, kind, entity)
) WITHOUT ROWID;
CREATE INDEX entity_keys_entity ON entity_keys(entity);
-- Ids of entities merged into another one, so that links held elsewhere keep working.
CREATE TABLE entity_redirects(id TEXT PRIMARY KEY, entity INTEGER NOT NULL);
-- Words of names and aliases, for person:/org:/place:/entity: in search.
CREATE TABLE entity_terms(
    term TEXT NOT NULL,
    entity INTEGER NOT NULL,
    PRIMARY KEY(term, entity)
) WITHOUT ROWID;
CREATE INDEX entity_terms_entity ON entity_terms(entity);

CREATE TABLE mentions(
    article INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    entity INTEGER NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY(article, start)
) WITHOUT ROWID;
-- One row per (entity, article), in newest-first order: the cross-reference index.
CREATE TABLE article_entities(
    entity INTEGER NOT NULL,
    sort_key INTEGER NOT NULL,
    article INTEGER NOT NULL,
    first_start INTEGER NOT NULL,
    first_end INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY(entity, sort_key, article)
) WITHOUT ROWID;

CREATE TABLE read_state(article INTEGER PRIMARY KEY, read_at REAL NOT NULL);
CREATE TABLE bookmarks(article INTEGER PRIMARY KEY, created_at REAL NOT NULL, note TEXT);
CREATE TABLE history(
    rowid INTEGER PRIMARY KEY,
    article INTEGER NOT NULL,
    opened_at REAL NOT NULL
);
CREATE INDEX history_article ON history(article);
"""

# v2: how many articles name each entity, kept up to date on import, so that "most named" lists
# and counts are an index read instead of a scan of millions of cross-references.
_V2 = """
ALTER TABLE entities ADD COLUMN n_articles INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET n_articles =
    (SELECT count(*) FROM article_entities x WHERE x.entity = entities.rowid);
CREATE INDEX entities_by_articles ON entities(n_articles DESC, rowid);
"""


def _v3(db: sqlite3.Connection) -> None:
    """v3: an article's id is the one reading its file gives (the file's stem, ``stem~2`` for
    the next file of that stem); the content hash, the id until v2, moves to ``hash`` and stays
    the key that keeps content from being stored twice.

    Ids are given in path order, as reading the folders would; an article without a path keeps
    its hash as id.
    """
    db.execute("ALTER TABLE articles ADD COLUMN hash TEXT")
    db.execute("UPDATE articles SET hash = id")
    db.execute("CREATE UNIQUE INDEX articles_hash ON articles(hash)")
    rows = db.execute(
        "SELECT rowid, id, path FROM articles ORDER BY path IS NULL, path, rowid"
    ).fetchall()
    taken = {aid for _, aid, path in rows if path is None}
    wanted: list[tuple[str, int]] = []
    for rowid, aid, path in rows:
        if path is None:
            continue
        stem = PurePath(path).stem or aid
        n, name = 1, stem
        while name in taken:
            n += 1
            name = f"{stem}~{n}"
        taken.add(name)
        wanted.append((name, rowid))
    # Through placeholders ('/' is in no file name), so that no new id meets an old one in the
    # unique index.
    db.execute("UPDATE articles SET id = '/' || rowid WHERE path IS NOT NULL")
    db.executemany("UPDATE articles SET id = ? WHERE rowid = ?", wanted)


#: v4: mentions may nest ("California" inside "University of California", "Boston" at the
#: start of "Boston Red Sox"), so a mention is keyed by its whole span, not its start alone.
_V4 = """
CREATE TABLE mentions_v4(
    article INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    entity INTEGER NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY(article, start, "end")
) WITHOUT ROWID;
INSERT INTO mentions_v4 SELECT article, start, "end", entity, kind FROM mentions;
DROP TABLE mentions;
ALTER TABLE mentions_v4 RENAME TO mentions;
"""

#: MIGRATIONS[n] brings a library from version n to n + 1: a script of SQL statements, or a
#: function run inside the migration's transaction.
MIGRATIONS: dict[int, str | Callable[[sqlite3.Connection], None]] = {
    0: _V1, 1: _V2, 2: _v3, 3: _V4
}


def connect(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (and create or migrate) the library database at ``path``."""
    if not create and not path.exists():
        raise LibraryError(f"no library at {path}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
    except (OSError, sqlite3.Error) as exc:
        raise LibraryError(f"cannot open the library at {path}: {exc}") from exc
    try:
        db.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: a crash can lose the last commit, never corrupt the file.
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=OFF")
        db.execute("PRAGMA cache_size=-32768")
        db.execute("PRAGMA temp_store=MEMORY")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise LibraryError(f"{path} is not a usable briefreader library: {exc}") from exc
    return db


def migrate(db: sqlite3.Connection) -> None:
    """Apply every migration the file still needs, all in one transaction."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"this library was written by a newer briefreader (schema {version}, "
            f"this release reads up to {SCHEMA_VERSION}); upgrade briefreader to open it"
        )
    if version == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        # Re-read inside the write lock: another process may have migrated meanwhile.
        version = db.execute("PRAGMA user_version").fetchone()[0]
        while version < SCHEMA_VERSION:
            step = MIGRATIONS[version]
            if callable(step):
                step(db)
            else:
                # executescript would COMMIT; run statement by statement inside our transaction.
                for statement in split_statements(step):
                    db.execute(statement)
            version += 1
            db.execute(f"PRAGMA user_version={version}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (triggers hold inner semicolons)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
