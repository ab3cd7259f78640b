"""The entity engine: named people, organisations, places, groups and events, and their identity.

No Textual import here (the CLI and the library use it headless). Public API:

    analyze(articles, backend="rules") -> Analysis
    article_from_text(doc_id, text) -> Article   # offsets exactly into text, for `tag`
    analyze_article(article) -> LocalResult      # per-article stage (extract, classify, group)
    resolve(local_results) -> Analysis           # cross-article stage, linear
    resolve_spans(local_results) -> {article id: [(start, end, kind, text, entity id)]}
"""

from briefreader.entities.engine import analyze, analyze_article, article_from_text
from briefreader.entities.resolve import LocalResult, entity_id, resolve, resolve_spans

__all__ = [
    "LocalResult",
    "analyze",
    "analyze_article",
    "article_from_text",
    "entity_id",
    "resolve",
    "resolve_spans",
]
