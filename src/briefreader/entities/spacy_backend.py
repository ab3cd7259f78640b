"""Optional candidate finder: spaCy's entity spans, under our own resolution.

Used by ``--ner spacy``. spaCy is imported only here, only when asked; the default install
needs nothing of it (`pip install 'briefreader[spacy]'` plus an English pipeline such as
``en_core_web_sm``). Tests can hand in any pipeline (a blank one with an EntityRuler) through
``set_pipeline``.
"""

from __future__ import annotations

from typing import Any

from briefreader.entities.extract import ArticleCandidates, Candidate, looks_like_heading
from briefreader.entities.lexicon import Lexicon, norm_key
from briefreader.model import Article

#: spaCy (OntoNotes) labels -> our kinds; labels not listed (dates, amounts) are no names.
LABELS = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
    "WORK_OF_ART": "other",
    "PRODUCT": "other",
    "LAW": "other",
    "LANGUAGE": "other",
    "MISC": "other",
}
_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
_nlp: Any = None


def set_pipeline(nlp: Any) -> None:
    """Use this spaCy pipeline (for tests, or a model of the caller's choice)."""
    global _nlp
    _nlp = nlp


def pipeline() -> Any:
    global _nlp
    if _nlp is None:
        try:
            import spacy
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise RuntimeError(
                "--ner spacy needs spaCy: pip install 'briefreader[spacy]' and an English "
                "pipeline (python -m spacy download en_core_web_sm)"
            ) from exc
        for name in _MODELS:
            try:
                _nlp = spacy.load(name, exclude=["lemmatizer"])
                break
            except OSError:
                continue
        else:
            raise RuntimeError(
                "--ner spacy found no English spaCy pipeline; install one, e.g. "
                "python -m spacy download en_core_web_sm"
            )
    return _nlp


def spacy_candidates(article: Article, lex: Lexicon) -> ArticleCandidates:
    """spaCy's named spans of each paragraph as classified candidates."""
    import re

    nlp = pipeline()
    text = article.text
    out: list[Candidate] = []
    for pi, para in enumerate(article.paragraphs):
        heading = para.kind == "heading" or looks_like_heading(para.text)
        doc = nlp(para.text)
        for ent in doc.ents:
            kind = LABELS.get(ent.label_)
            if kind is None:
                continue
            s, e = ent.start_char, ent.end_char
            span = para.text[s:e]
            # GUM-style trimming: a leading "the" and a trailing possessive are not the name.
            if span.lower().startswith("the "):
                s += 4
            if span.endswith(("'s", "’s")):
                e -= 2
            surface = para.text[s:e]
            if not surface.strip():
                continue
            out.append(
                Candidate(
                    start=para.start + s,
                    end=para.start + e,
                    text=surface,
                    tokens=tuple(surface.split()),
                    paragraph=pi,
                    heading=heading,
                    gaz=lex.names.get(norm_key(surface)),
                    kind=kind,
                    score=1.0,
                    scores={kind: 1.0},
                )
            )
    lower = frozenset(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]+", text))
    return ArticleCandidates(article.id, text, out, lower)
