"""Decide the kind of each candidate: a small linear model, with rules when it is absent.

Features are plain strings (the words, their shape, affixes, neighbouring words, gazetteer and
head-word cues); the model is an averaged perceptron trained by ``scripts/train_entities.py`` on
the openly licensed annotated text in ``shared/train`` and shipped as ``model/kinds.marshal``
(see ``model/LICENSE.md``). Inference is a few dict look-ups per candidate in pure Python, so
importing this module costs nothing heavy and start-up stays fast.
"""

from __future__ import annotations

import marshal
from array import array
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from briefreader.entities.extract import ArticleCandidates, Candidate
from briefreader.entities.lexicon import (
    AMBIGUOUS_CITY,
    EVENT_HEADS,
    ORG_HEADS,
    PLACE_HEADS,
    Lexicon,
    lexicon,
    norm_key,
)

MODEL_PATH = Path(__file__).resolve().parent / "model" / "kinds.marshal"
CLASSES: tuple[str, ...] = ("none", "person", "org", "place", "group", "event", "other")
#: How much more "not a name" must score than the best kind (recall over precision), used when
#: the model file does not carry its own (the training script picks it on held-out training data).
DEFAULT_NONE_MARGIN = 2.0
_SURE_SUBTYPES = frozenset({"country", "continent", "state", "nationality"})
#: punctuation stripped from neighbouring words before they are compared
PUNCT = ".,;:!?\"“”‘’'()[]"


def _shape(tok: str) -> str:
    if "." in tok and len(tok) > 1 and tok.replace(".", "").isupper():
        return "A."
    if tok.isupper():
        return "AA" if len(tok) > 1 else "A"
    if any(ch.isdigit() for ch in tok):
        return "d"
    if "-" in tok:
        return "Xx-"
    return "Xx"


def features(c: Candidate, doc: ArticleCandidates | None, lex: Lexicon) -> list[str]:
    """The feature strings of one candidate (shared by training and inference)."""
    return token_features(c.tokens, c.gaz, lex) + context_features(c, doc, lex)


def token_features(
    toks: tuple[str, ...], gaz: tuple[str, str, str] | None, lex: Lexicon
) -> list[str]:
    """Features of the name itself; inference caches their summed weights per surface."""
    low = [t.casefold() for t in toks]
    n = len(toks)
    f = ["b", f"n={min(n, 4)}", "first=" + low[0], "last=" + low[-1]]
    if n <= 4:
        f.append("full=" + " ".join(low))
    for t in low[1:-1]:
        f.append("w=" + t)
    f.append("shape=" + "_".join(_shape(t) for t in toks[:4]))
    last = low[-1]
    f.append("suf3=" + last[-3:])
    f.append("suf2=" + last[-2:])
    f.append("pre3=" + low[0][:3])
    if gaz:
        f.append("gaz=" + gaz[0])
        f.append("gazsub=" + gaz[0] + ":" + gaz[2])
    if n > 1:
        g0 = lex.names.get(norm_key(toks[0]))
        if g0:
            f.append("gaz0=" + g0[0])
        gl = lex.names.get(norm_key(toks[-1]))
        if gl:
            f.append("gazl=" + gl[0])
    if toks[0] in lex.given:
        f.append("given0")
        if n > 1:
            f.append("given0_multi")
    if n > 1 and toks[-1] in lex.surnames:
        f.append("surname_last")
    elif n == 1 and toks[0] in lex.surnames:
        f.append("surname_only")
    if last in ORG_HEADS or low[0] in ORG_HEADS:
        f.append("orghead")
    if last in PLACE_HEADS or low[0] in PLACE_HEADS:
        f.append("placehead")
    if last in EVENT_HEADS or low[0] in EVENT_HEADS:
        f.append("eventhead")
    tk = lex.titles.get(last)
    if tk:
        f.append("lasttitle=" + tk)
    if "of" in low or "for" in low:
        f.append("has_of")
    english = lex.english
    if n == 1:
        if low[0] in english:
            f.append("dict1")  # "Snowman", "Cinema": an ordinary word, capitalised
    else:
        if low[0] in english:
            f.append("dict_first")
        if last in english:
            f.append("dict_last")
            if all(t in english for t in low):
                f.append("dict_all")  # "Premium Bonds", "High Court"
    return f


def left_features(prev: tuple[str, ...], lex: Lexicon) -> list[str]:
    """Features of the (up to two) words before a name."""
    if not prev:
        return ["p1=<s>"]
    p1 = prev[-1]
    p1c = p1.strip(PUNCT).casefold()
    f = ["p1=" + p1c]
    if p1[-1:] in PUNCT:
        f.append("p1punct=" + p1[-1])
    if len(prev) > 1:
        p2c = prev[-2].strip(PUNCT).casefold()
        f.append("p2=" + p2c)
        f.append("p21=" + p2c + "_" + p1c)
    if p1[:1].isupper():
        f.append("p1cap")
    tk = lex.titles.get(p1c)
    if tk:
        f.append("p1title=" + tk)
    return f


def right_features(nxt: tuple[str, ...]) -> list[str]:
    """Features of the (up to two) words after a name."""
    if not nxt:
        return ["n1=</s>"]
    n1 = nxt[0]
    n1c = n1.strip(PUNCT).casefold()
    f = ["n1=" + n1c]
    if n1c.isdigit():
        # "Quilis (1981)", "Dye & Bavelier, 2010": a year after a name cites its author.
        f.append("n1year" if len(n1c) == 4 else "n1num")
    if n1[:1] in PUNCT:
        f.append("n1punct=" + n1[0])
    if len(nxt) > 1:
        n2c = nxt[1].strip(PUNCT).casefold()
        f.append("n2=" + n2c)
        f.append("n12=" + n1c + "_" + n2c)
    return f


def context_features(c: Candidate, doc: ArticleCandidates | None, lex: Lexicon) -> list[str]:
    """Features of where the name stands: neighbouring words, sentence start, heading, title."""
    return (
        left_features(c.prev[-2:], lex)
        + right_features(c.next[:2])
        + flag_features(c, doc)
        + doc_features(c, doc, lex)
    )


_LOC_WORDS = frozenset("in at from to near across into outside inside".split())
_SAY_WORDS = frozenset("said says told added stated explained wrote argued".split())
#: Document profile slots: mentions, titled, after a place preposition, before a speech verb,
#: as the last word of a longer name opening with a given name, as a word of a longer name,
#: mid-sentence, as a word of a longer name ending in a place word ("Coron Island") or an
#: institution word ("Durham University")
_P_N, _P_DESC, _P_LOC, _P_SAY, _P_SURNAME, _P_PART, _P_MID, _P_IN_PLACE, _P_IN_ORG = range(9)


def doc_profile(doc: ArticleCandidates, lex: Lexicon) -> dict[str, list[int]]:
    """How each name's mentions stand across the article, so that one mention's kind can lean
    on the others ("Bolden" after "Charles Bolden"; "Irving" after "in Irving")."""
    if doc.profile is not None:
        return doc.profile
    prof: dict[str, list[int]] = {}
    get = prof.get
    given_names = lex.given
    for c in doc.candidates:
        if c.title_ref or c.ruled:
            continue
        key = c.key
        p = get(key)
        if p is None:
            p = prof[key] = [0, 0, 0, 0, 0, 0, 0, 0, 0]
        p[_P_N] += 1
        if c.descriptor or c.appositive:
            p[_P_DESC] += 1
        prev = c.prev
        if prev and prev[-1].casefold() in _LOC_WORDS:
            p[_P_LOC] += 1
        nxt = c.next
        if nxt and nxt[0].strip(PUNCT).casefold() in _SAY_WORDS:
            p[_P_SAY] += 1
        if not c.sent_init:
            p[_P_MID] += 1
        toks = c.tokens
        if len(toks) > 1:
            last = toks[-1].casefold()
            slot = _P_IN_PLACE if last in PLACE_HEADS else _P_IN_ORG if last in ORG_HEADS else 0
            inner_last = len(toks) - 1
            for j, t in enumerate(toks):
                k = norm_key(t)
                q = get(k)
                if q is None:
                    q = prof[k] = [0, 0, 0, 0, 0, 0, 0, 0, 0]
                q[_P_PART] += 1
                if slot and j < inner_last:
                    q[slot] += 1
            if toks[0] in given_names:
                q[_P_SURNAME] += 1  # q is the last word's profile
    doc.profile = prof
    return prof


def doc_features(c: Candidate, doc: ArticleCandidates | None, lex: Lexicon) -> list[str]:
    """Features of the same name's other mentions in the article (this one left out)."""
    if doc is None:
        return []
    p = (doc.profile or doc_profile(doc, lex)).get(c.key)
    if p is None:
        return []
    f: list[str] = []
    if p[_P_N] > 1:
        f.append("d_rep")
        if p[_P_DESC] - (1 if (c.descriptor or c.appositive) else 0) > 0:
            f.append("d_desc")
        if p[_P_LOC] - (1 if c.prev and c.prev[-1].casefold() in _LOC_WORDS else 0) > 0:
            f.append("d_loc")
        if p[_P_SAY]:
            own_say = 1 if c.next and c.next[0].strip(PUNCT).casefold() in _SAY_WORDS else 0
            if p[_P_SAY] - own_say > 0:
                f.append("d_say")
    if len(c.tokens) == 1:
        if p[_P_SURNAME]:
            f.append("d_surname")
        elif p[_P_PART]:
            f.append("d_part")
        if p[_P_IN_PLACE]:
            f.append("d_in_place")
        if p[_P_IN_ORG]:
            f.append("d_in_org")
    if c.sent_init and p[_P_MID] == 0:
        f.append("d_only_si")
    return f


def flag_features(c: Candidate, doc: ArticleCandidates | None) -> list[str]:
    """Features of the name's situation: sentence start, heading, title, apposition."""
    f: list[str] = []
    n = len(c.tokens)
    low0 = c.tokens[0].casefold()
    if c.sent_init:
        f.append("si")
        f.append("si_n=" + str(min(n, 3)))
        if doc is not None and low0 in doc.lower_words:
            f.append("si_lowdoc")
    if doc is not None and n == 1 and low0 in doc.lower_words:
        f.append("lowdoc")
    if c.heading:
        f.append("heading")
    if c.in_desc:
        f.append("in_desc")
    if c.descriptor:
        f.append("has_desc")
        f.append("desc_last=" + c.descriptor.rsplit(" ", 1)[-1].casefold())
    if c.appositive:
        f.append("appos")
    if c.possessive:
        f.append("poss")
    return f


@dataclass(frozen=True, slots=True)
class KindModel:
    """Feature -> offset into the flat float32 weights, and the "not a name" margin."""

    index: dict[str, int]
    weights: array
    none_margin: float = DEFAULT_NONE_MARGIN
    #: feature -> its 7 weights as a tuple (None: unknown feature), filled as features are seen,
    #: so that start-up does not build 45,000 tuples and summing is done by C code (zip, sum)
    vectors: dict[str, tuple[float, ...] | None] = field(default_factory=dict)

    def vector(self, feat: str) -> tuple[float, ...] | None:
        i = self.index.get(feat)
        v = None if i is None else tuple(self.weights[i : i + len(CLASSES)])
        if len(self.vectors) > 500_000:
            self.vectors.clear()
        self.vectors[feat] = v
        return v


def model_from_data(data: dict) -> KindModel | None:
    """A KindModel from the dict the training script writes (None if its classes differ)."""
    if tuple(data.get("classes", ())) != CLASSES:
        return None
    k = len(CLASSES)
    weights = array("f")
    weights.frombytes(data["weights"])
    index = dict(zip(data["features"], range(0, k * len(data["features"]), k), strict=True))
    return KindModel(index, weights, float(data.get("none_margin", DEFAULT_NONE_MARGIN)))


@cache
def load_model(path: Path = MODEL_PATH) -> KindModel | None:
    """The shipped model, or None without one.

    The file holds the feature names and one bytes blob, which loads in milliseconds (a dict
    of tuples took a quarter of a second, all of it start-up time for `tag`).
    """
    if not path.is_file():
        return None
    # One read, then parse from memory: marshal.load on a file object reads in small pieces
    # and took 30 ms of every start-up.
    return model_from_data(marshal.loads(path.read_bytes()))


_override: list[KindModel | None] = []


def set_model(model: KindModel | None) -> None:
    """Classify with ``model`` from now on (the training script scores candidates with it)."""
    _override[:] = [model]
    _clear_caches()


def reset_model() -> None:
    """Back to the shipped model."""
    _override.clear()
    _clear_caches()


def current_model() -> KindModel | None:
    return _override[0] if _override else load_model()


def classify(doc: ArticleCandidates, lex: Lexicon | None = None, use_model: bool = True) -> None:
    """Set ``kind``, ``score`` and ``scores`` on every candidate of one article."""
    lex = lex or lexicon()
    model = current_model() if use_model else None
    margin = model.none_margin if model is not None else 0.0
    vget = model.vectors.get if model is not None else None
    for c in doc.candidates:
        if c.title_ref or c.ruled:
            # "the President": a person by construction, named by resolution (or dropped);
            # "Stephen King": a person by rule.
            c.kind, c.score, c.scores = "person", 1.0, {"person": 1.0}
            continue
        if model is None:
            kind, score = rule_kind(c, doc, lex)
            c.kind, c.score = kind, score
            c.scores = {kind: score}
            continue
        base = _token_cache.get(c.text)
        if base is None:
            base = _sum(token_features(c.tokens, c.gaz, lex), model)
            if (
                len(_token_cache) + len(_left_cache) + len(_right_cache) + len(_situation_cache)
                > 500_000
            ):
                _clear_caches()
            _token_cache[c.text] = base
        # Neighbouring words repeat ("said", "in the"): their summed weights are cached.
        prev = c.prev[-2:]
        left = _left_cache.get(prev)
        if left is None:
            left = _left_cache[prev] = _sum(left_features(prev, lex), model)
        nxt = c.next[:2]
        right = _right_cache.get(nxt)
        if right is None:
            right = _right_cache[nxt] = _sum(right_features(nxt), model)
        # The flags and document features come in few combinations: their sums are cached.
        situation = tuple(flag_features(c, doc) + doc_features(c, doc, lex))
        mid = _situation_cache.get(situation)
        if mid is None:
            parts = []
            for feat in situation:
                v = vget(feat, _MISS)
                if v is _MISS:
                    v = model.vector(feat)
                if v is not None:
                    parts.append(v)
            mid = _situation_cache[situation] = (
                tuple(map(sum, zip(*parts, strict=True))) if parts else _ZERO
            )
        s0, s1, s2, s3, s4, s5, s6 = map(sum, zip(base, left, right, mid, strict=True))  # type: ignore[misc]
        scores = (s0 - margin, s1, s2, s3, s4, s5, s6)
        best = scores.index(max(scores))
        if best == 0 and c.gaz is not None:
            if c.gaz[2] in _SURE_SUBTYPES and not c.sent_init:
                best = CLASSES.index(c.gaz[0])  # a country named mid-sentence is a name ("US")
            elif c.sent_init and _known_opener(c, doc, lex):
                best = CLASSES.index(c.gaz[0])  # "Wikinews spoke to ...": no word, a name
        if (
            best != 0
            and c.text.endswith(_ADJECTIVE_ENDINGS)
            and _adjective_before_a_noun(c, doc, lex)
        ):
            best = 0  # "the thin Martian atmosphere": a word that describes, not a name
        c.kind = CLASSES[best]
        c.score = scores[best] - s0
        c.scores = {
            "person": s1 - s0,
            "org": s2 - s0,
            "place": s3 - s0,
            "group": s4 - s0,
            "event": s5 - s0,
            "other": s6 - s0,
        }


_MISS = ()


#: endings of adjectives made from names ("Martian", "Antarctic", "Cornish")
_ADJECTIVE_ENDINGS = ("ian", "ean", "ic", "ese", "ish")


def _adjective_before_a_noun(c: Candidate, doc: ArticleCandidates, lex: Lexicon) -> bool:
    """An unknown capitalised adjective before a lowercase word: "Martian conditions", "the
    Antarctic mountains". Only words the dictionary also knows lowercase: surnames of that
    shape ("Djokovic won") are not, and neither are given names, known names, surnames
    ("Bean plays a detective"), a person's surname in the article ("Ocean" after "Frank
    Ocean"), or a word before a verb or function word ("Antarctic is ...")."""
    if c.gaz is not None or len(c.tokens) != 1 or c.sent_init or not c.next or c.descriptor:
        return False
    word = c.tokens[0]
    if word in lex.surnames:
        return False
    p = (doc.profile or doc_profile(doc, lex)).get(c.key)
    if p is not None and p[_P_SURNAME]:
        return False
    low = word.casefold()
    nxt = c.next[0].rstrip(PUNCT)
    return (
        low.endswith(_ADJECTIVE_ENDINGS)
        and low in lex.english
        and word not in lex.given
        and nxt.isalpha()
        and nxt.islower()
        and nxt not in lex.skip
        and nxt not in _SAY_WORDS
    )


def _known_opener(c: Candidate, doc: ArticleCandidates, lex: Lexicon) -> bool:
    """A sentence's first word that the gazetteer names and that is no English word
    anywhere (not in the dictionaries, never lowercase in this article): "Wikinews spoke
    to ...", unlike "Nature" or "Reading"."""
    if c.gaz is None or c.gaz[0] not in ("org", "place") or c.gaz[2] == AMBIGUOUS_CITY:
        return False
    first = c.tokens[0]
    low = first.casefold()
    return (
        low not in lex.english
        and low not in lex.common
        and low not in doc.lower_words
        and first not in lex.given  # "Constantine the Great": a city, and a man
    )


_token_cache: dict[str, tuple[float, ...]] = {}
_left_cache: dict[tuple[str, ...], tuple[float, ...]] = {}
_right_cache: dict[tuple[str, ...], tuple[float, ...]] = {}
_situation_cache: dict[tuple[str, ...], tuple[float, ...]] = {}
_ZERO = (0.0,) * len(CLASSES)


def _clear_caches() -> None:
    for cache_ in (_token_cache, _left_cache, _right_cache, _situation_cache):
        cache_.clear()


def _sum(feats: list[str], model: KindModel) -> tuple[float, ...]:
    get = model.vectors.get
    parts = []
    for feat in feats:
        v = get(feat, _MISS)
        if v is _MISS:
            v = model.vector(feat)  # first sight of this feature: its weights, cached
        if v is not None:
            parts.append(v)
    return tuple(map(sum, zip(*parts, strict=True))) if parts else _ZERO


def rule_kind(c: Candidate, doc: ArticleCandidates, lex: Lexicon) -> tuple[str, float]:
    """The hand-written fallback: gazetteer, head words, titles, given names, context."""
    toks = c.tokens
    low0 = toks[0].casefold()
    last = toks[-1].casefold()
    n = len(toks)
    if c.gaz:
        return c.gaz[0], 3.0
    if last in EVENT_HEADS and n > 1:
        return "event", 2.0
    if last in ORG_HEADS or low0 in ORG_HEADS:
        return "org", 2.0
    if last in PLACE_HEADS and n > 1:
        return "place", 2.0
    if c.descriptor or c.appositive or toks[0] in lex.given:
        return "person", 2.0
    if n == 1 and (toks[0].isupper() or "." in toks[0]) and len(toks[0]) > 1:
        return "org", 1.0
    p1 = c.prev[-1].strip(PUNCT).casefold() if c.prev else ""
    if p1 in ("in", "to", "from", "near", "across", "at"):
        return "place", 1.0
    if c.sent_init and n == 1 and low0 in doc.lower_words:
        return "none", 1.0
    nxt = c.next[0].strip(PUNCT).casefold() if c.next else ""
    if nxt in ("said", "says", "told", "added", "who", "stated"):
        return "person", 1.0
    if n >= 2:
        return "person", 0.5
    return "other", 0.2
