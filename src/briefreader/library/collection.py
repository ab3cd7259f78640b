"""The library seen through the ``Collection`` protocol the app and CLI use.

Lists are lazy sequences: ``len()`` is one query and rows are fetched a page at a time when
indexed, so the first screen of a 100,000-article library costs a page, not the library.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Generic, TypeVar, overload

from briefreader.collection import (
    ArticleSummary,
    Collection,
    EntityOccurrence,
    MemoryCollection,
    sentence_around,
)
from briefreader.library.store import Library, date_from_iso
from briefreader.model import Article, Entity, Mention, Merge

PAGE = 128
#: Characters of text around a first mention fetched to cut its sentence (sentences are short).
_SENTENCE_WINDOW = 600


T = TypeVar("T")


class _LazyPages(Sequence[T], Generic[T]):
    """A read-only sequence whose length is one COUNT and whose rows come a page at a time.

    Nothing is read for rows nobody looks at: the first screen of a 100,000-article list costs a
    count and one page; a jump to an entity named in 70,000 articles costs the same.
    """

    def __init__(self) -> None:
        self._pages: dict[int, list[T]] = {}
        self._len: int | None = None

    def _count(self) -> int:
        raise NotImplementedError

    def _load(self, offset: int, limit: int) -> list[T]:
        raise NotImplementedError

    def __len__(self) -> int:
        if self._len is None:
            self._len = self._count()
        return self._len

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError(index)
        page, at = divmod(index, PAGE)
        rows = self._pages.get(page)
        if rows is None:
            rows = self._load(page * PAGE, PAGE)
            self._pages[page] = rows
        return rows[at]

    def __iter__(self) -> Iterator[T]:
        for i in range(len(self)):
            yield self[i]

    def invalidate(self) -> None:
        self._pages.clear()


class SummaryList(_LazyPages[ArticleSummary]):
    """All articles newest first (undated last), read a page at a time along their index."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self._library = library

    def _count(self) -> int:
        return self._library.count()

    def _load(self, offset: int, limit: int) -> list[ArticleSummary]:
        rows = self._library.db.execute(
            "SELECT a.id, a.title, a.date, a.source, a.words, r.article IS NULL"
            " FROM (SELECT rowid FROM articles ORDER BY sort_key, rowid LIMIT ? OFFSET ?) AS o"
            " JOIN articles a ON a.rowid = o.rowid"
            " LEFT JOIN read_state r ON r.article = a.rowid ORDER BY a.sort_key, a.rowid",
            (limit, offset),
        )
        return [
            ArticleSummary(aid, title, date_from_iso(date), source, words, bool(unread))
            for aid, title, date, source, words, unread in rows
        ]

    def index_of(self, article_id: str) -> int:
        """Position of an article in the list (to select it after a jump)."""
        key = self._library.db.execute(
            "SELECT sort_key, rowid FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if key is None:
            raise KeyError(article_id)
        return self._library.db.execute(
            "SELECT count(*) FROM articles WHERE sort_key < ? OR (sort_key = ? AND rowid < ?)",
            (key[0], key[0], key[1]),
        ).fetchone()[0]


class OccurrenceList(_LazyPages[EntityOccurrence]):
    """Articles naming an entity, newest first, at their first mention, with its sentence."""

    def __init__(self, library: Library, entity_id: str) -> None:
        super().__init__()
        self._library = library
        self._rowid = library.entity_rowid(entity_id)
        self._canonical, self._kind = library.db.execute(
            "SELECT id, kind FROM entities WHERE rowid = ?", (self._rowid,)
        ).fetchone()

    def _count(self) -> int:
        return self._library.db.execute(
            "SELECT count(*) FROM article_entities WHERE entity = ?", (self._rowid,)
        ).fetchone()[0]

    def _load(self, offset: int, limit: int) -> list[EntityOccurrence]:
        # One query per page: the text around each first mention comes with its row.
        rows = self._library.db.execute(
            "SELECT x.first_start, x.first_end, max(0, x.first_start - ?) AS lft, a.id, a.title,"
            " substr(a.text, max(0, x.first_start - ?) + 1, x.first_end - max(0, x.first_start - ?)"
            " + ?) FROM (SELECT article, first_start, first_end, sort_key FROM article_entities"
            " WHERE entity = ? ORDER BY sort_key, article LIMIT ? OFFSET ?) AS x"
            " JOIN articles a ON a.rowid = x.article ORDER BY x.sort_key, x.article",
            (*(_SENTENCE_WINDOW,) * 4, self._rowid, limit, offset),
        )
        out = []
        for start, end, left, aid, title, window in rows:
            s, e = start - left, end - left
            mention = Mention(aid, start, end, self._kind, window[s:e], self._canonical)
            sentence, ss, se = sentence_around(window, s, e)
            out.append(EntityOccurrence(aid, title, mention, sentence, ss, se))
        return out

    def index_of(self, article_id: str) -> int:
        """Position of an article in this list, or -1 (for "next article naming X")."""
        row = self._library.db.execute(
            "SELECT x.sort_key, x.article FROM articles a JOIN article_entities x"
            " ON x.entity = ? AND x.sort_key = a.sort_key AND x.article = a.rowid WHERE a.id = ?",
            (self._rowid, article_id),
        ).fetchone()
        if row is None:
            return -1
        return self._library.db.execute(
            "SELECT count(*) FROM article_entities WHERE entity = ?"
            " AND (sort_key < ? OR (sort_key = ? AND article < ?))",
            (self._rowid, row[0], row[0], row[1]),
        ).fetchone()[0]


class ArticleIds(Sequence[str]):
    """An entity's article ids, newest first: the length is known, the ids are read when used.

    Stands in for ``Entity.articles`` in ``LibraryCollection.entities()``, where building 17,000
    entities with millions of ids would take seconds and the palette only needs the counts.
    """

    def __init__(self, library: Library, entity_rowid: int, count: int) -> None:
        self._library = library
        self._rowid = entity_rowid
        self._count = count
        self._ids: tuple[str, ...] | None = None

    def _all(self) -> tuple[str, ...]:
        if self._ids is None:
            self._ids = tuple(
                r[0]
                for r in self._library.db.execute(
                    "SELECT a.id FROM article_entities x JOIN articles a ON a.rowid = x.article"
                    " WHERE x.entity = ? ORDER BY x.sort_key, x.article",
                    (self._rowid,),
                )
            )
        return self._ids

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._all()[index]


class LibraryCollection:
    """The ``Collection`` the app opens when the library has articles."""

    def __init__(self, library: Library, name: str | None = None) -> None:
        self.library = library
        self.name = name or f"library ({library.directory})"
        self._summaries: SummaryList | None = None

    def summaries(self) -> SummaryList:
        if self._summaries is None:
            self._summaries = SummaryList(self.library)
        return self._summaries

    def article(self, article_id: str) -> Article:
        return self.library.article(article_id)

    def mentions(self, article_id: str) -> tuple[Mention, ...]:
        return self.library.mentions(article_id)

    def entity(self, entity_id: str) -> Entity:
        """The entity with its ``articles`` as an ``ArticleIds`` (read on use, not on open).

        The sidebar asks for every entity of each article opened; listing the 70,000 articles
        naming "United States" to show a count took 194 ms per open at 100,000 articles.
        """
        rowid = self.library.entity_rowid(entity_id)
        (entity,) = self._entities("rowid = ?", [rowid])
        return entity

    def entities(self, query: str = "", limit: int | None = None) -> list[Entity]:
        """Entities whose name or an alias holds every word of ``query``, most named first.

        For the command palette: ``articles`` of each is an ``ArticleIds`` (``len()`` is free).
        """
        where = "hidden = 0 AND n_articles > 0"
        params: list[object] = []
        for word in query.split():
            like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where += (
                " AND (name LIKE ? ESCAPE '\\' OR rowid IN"
                " (SELECT entity FROM aliases WHERE alias LIKE ? ESCAPE '\\'))"
            )
            params += [like, like]
        where += " ORDER BY n_articles DESC, rowid"
        if limit is not None:
            where += " LIMIT ?"
            params.append(limit)
        return self._entities(where, params)

    def _entities(self, where: str, params: list[object]) -> list[Entity]:
        db = self.library.db
        rows = db.execute(
            f"SELECT rowid, id, name, kind, descriptors, n_articles FROM entities WHERE {where}",
            params,
        ).fetchall()
        aliases: dict[int, list[tuple[str, str]]] = {}
        wanted = {r[0] for r in rows}
        sql, args = "SELECT entity, alias, reason FROM aliases", [r[0] for r in rows]
        if len(rows) <= 500:  # a page: look its aliases up; a listing: read them all
            sql += f" WHERE entity IN ({','.join('?' * len(rows))})"
        else:
            args = []
        for entity, alias, reason in db.execute(sql + " ORDER BY entity, alias", args):
            if entity in wanted:
                aliases.setdefault(entity, []).append((alias, reason))
        out = []
        for rowid, eid, name, kind, descriptors, n in rows:
            names = aliases.get(rowid, [])
            out.append(
                Entity(
                    id=eid,
                    name=name,
                    kind=kind,
                    aliases=tuple(a for a, _ in names),
                    descriptors=tuple(json.loads(descriptors)),
                    articles=ArticleIds(self.library, rowid, n),  # type: ignore[arg-type]
                    merges=tuple(Merge(a, r) for a, r in names if r),
                )
            )
        return out

    def article_count(self, entity_id: str) -> int:
        """How many articles name the entity; cheaper than ``len(entity(id).articles)``."""
        return self.library.article_count(entity_id)

    def occurrences(self, entity_id: str) -> OccurrenceList:  # type: ignore[override]
        return OccurrenceList(self.library, entity_id)

    def unread_count(self) -> int:
        """Articles never opened (a count, not a walk over every row)."""
        read = self.library.db.execute("SELECT count(*) FROM read_state").fetchone()[0]
        return max(0, len(self.summaries()) - read)

    def mark_read(self, article_id: str) -> None:
        self.library.mark_read(article_id)
        if self._summaries is not None:
            self._summaries.invalidate()  # the unread flag is part of each row

    def search(self, query: str, limit: int = 20, offset: int = 0):  # noqa: ANN201
        """Ranked results with snippets; see ``briefreader.search.search``."""
        from briefreader.search import search

        return search(self.library, query, limit=limit, offset=offset)


def default_collection(library_dir: Path | str | None = None) -> Collection:
    """The library when it holds articles, else the bundled sample articles.

    Never creates a library folder just to find it empty.
    """
    from briefreader.library.store import existing_library

    library = existing_library(library_dir)
    if library is not None:
        return LibraryCollection(library)
    return seeds_collection()


def seeds_collection() -> MemoryCollection:
    """The bundled seeds, read and analysed in memory."""
    from briefreader.ingest import load_paths
    from briefreader.library.importer import default_analyzer
    from briefreader.resources import seeds_dir

    loaded = load_paths([seeds_dir()])
    return MemoryCollection("sample articles", loaded.articles, default_analyzer()(loaded.articles))
