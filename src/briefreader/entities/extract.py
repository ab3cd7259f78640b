"""Per-article candidate names: capitalised runs, gazetteer phrases, titles peeled off.

This is the part of the engine that looks at one article alone, so the library can run it per
article as they are imported and keep the (cheap) cross-article resolution for later. The work is
done by a few compiled regular expressions over each paragraph; Python only visits the
capitalised runs (about one word in seven), never every character or every word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefreader.entities.lexicon import (
    AMBIGUOUS_CITY,
    EVENT_HEADS,
    FUNCTION_WORDS,
    MONTHS,
    ORG_HEADS,
    PLACE_HEADS,
    POSSESSIVE,
    WEEKDAYS,
    Lexicon,
    key_once,
    lexicon,
    norm_key,
)
from briefreader.model import Article

# Capitals: ASCII, Latin-1, Latin Extended-A/B (Łódź, Škoda, Şahin, İstanbul), Cyrillic, Greek.
_UP = "A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω" + "".join(
    ch for ch in map(chr, range(0x100, 0x250)) if ch.isupper() and ch.isalpha()
)
_W = r"\w"
# One capitalised word: initials and dotted acronyms (U.S., D.C., F.), abbreviations with a dot,
# words with inner hyphen/apostrophe before a capital or digit (Jean-Pierre, O'Neill, COVID-19)
# or two short syllables (Jong-un),
# "al-" prefixes. A possessive "'s" is never part of the word.
_WORD = (
    rf"(?:(?:St|Mt|Ft|Jr|Sr|Dr|Mr|Mrs|Ms|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Prof|Rev|Gen)\.(?= )"
    rf"|[{_UP}]\.(?:[{_UP}]\.?)*"
    # two short syllables joined by a hyphen: Kim Jong-un, Leung Kwok-hung (not T-shirt)
    rf"|[{_UP}][a-z]{{1,4}}-[a-z]{{1,5}}(?![\w'’-])"
    rf"|(?:al-|el-)?[{_UP}]{_W}*(?:[-&](?:[{_UP}]|\d){_W}*|['’][{_UP}]{_W}*)*)"
)
_PARTICLES = r"(?:de|da|di|du|del|della|der|den|van|von|bin|ibn|al|la|le|dos|das|y|&)"
# The leading look-ahead lets the regex engine skip to capitals (and "al-"/"el-") quickly.
_RUN = re.compile(rf"(?=[{_UP}ae])(?<![\w.'’-]){_WORD}(?:(?: {_PARTICLES})* {_WORD})*")
_TOKEN = re.compile(r"\S+")
# Exactly "of", "of the", "for", "for the", "de" between two runs, for joining org/place/event
# names ("Ministry of Defense"; not "Marine base on Okinawa").
_OF_GAP = re.compile(r" (?:of|for|de)(?: the)? ")
_SENT_END = frozenset(".!?:;\"“”‘'(–—-•*|[")
_APPOS = re.compile(r", (?:a|an|the) ((?:[\w’'-]+ ){0,5}?[\w’'-]+)(?=[,.;])")
#: words that open a place's name ("Fort Lee", "Lake Placid"), kept at a sentence start even
#: where the article also uses them as plain words ("the old fort")
_PLACE_PREFIXES = frozenset({"fort", "mount", "mt", "lake", "cape", "port", "isle", "camp"})
#: a holiday's possessive and its head word ("Women's Day", "New Year's Eve")
_DAY_AFTER = re.compile(r"(?:'s|’s|(?<=s)'|(?<=s)’) (?:Day|Eve)\b(?! [A-Z0-9])")
#: what follows an author cited by name: a year ("Dye & Bavelier, 2010", "Quilis (1981)")
_CITED_AFTER = re.compile(r",? \(?(?:1[5-9]|20)\d\d[a-z]?\b")
_HEADLINE_END = frozenset('.!?"”’:;)')


@dataclass(slots=True)
class Candidate:
    """A name-like span in an article, with the context the classifier and resolver use."""

    start: int
    end: int
    text: str
    tokens: tuple[str, ...]
    paragraph: int
    sent_init: bool = False
    heading: bool = False
    in_desc: bool = False
    descriptor: str | None = None
    appositive: str | None = None
    prev: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    possessive: bool = False
    gaz: tuple[str, str, str] | None = None
    #: known names inside a longer span, (start, end, surface, tokens, gaz): "Canada" in "Fan
    #: Expo Canada", named instead of the span when the span is no person, org or place
    inner: tuple[tuple[int, int, str, tuple[str, ...], tuple[str, str, str]], ...] = ()
    kind: str = "none"
    score: float = 0.0
    scores: dict[str, float] = field(default_factory=dict)
    #: norm_key(text), filled on first use (``key``)
    nkey: str = ""
    #: a capitalised title standing for a person ("the President", "the Secretary"): no name of
    #: its own, so resolution links it to the person the article gives that title
    title_ref: bool = False
    #: a person by an extraction rule, never classified ("Stephen King": a given name before a
    #: title word that is the surname); left out of the kind model's training like title_ref
    ruled: bool = False
    #: ruled, and only a surname: kept by resolution only for a person the article names in
    #: full ("said King" after "Stephen King")
    surname_only: bool = False

    @property
    def key(self) -> str:
        k = self.nkey
        if not k:
            k = self.nkey = norm_key(self.text)
        return k


@dataclass(slots=True)
class ArticleCandidates:
    """What extraction found in one article: the input to resolution."""

    article_id: str
    text: str
    candidates: list[Candidate]
    lower_words: frozenset[str]
    #: per name key, how its mentions stand across the article (see classify.doc_profile)
    profile: dict[str, list[int]] | None = None


def looks_like_heading(text: str) -> bool:
    """A short line without closing punctuation whose words are mostly capitalised or few."""
    s = text.strip()
    if not s or len(s) > 120 or s[-1] in _HEADLINE_END:
        return False
    words = s.split()
    return len(words) <= 12


def _is_title(word: str, lex: Lexicon) -> str | None:
    return lex.titles.get(word.rstrip(".").casefold())


def _sentence_initial(ptext: str, start: int) -> bool:
    before = ptext[max(0, start - 8) : start].rstrip(" \t\n\u00a0")
    if before:
        return before[-1] in _SENT_END
    if start <= 8:
        return True
    before = ptext[:start].rstrip(" \t\n\u00a0")
    return not before or before[-1] in _SENT_END


def extract(article: Article, lex: Lexicon | None = None) -> ArticleCandidates:
    """Candidate name spans of one article, in text order, with context for classification."""
    lex = lex or lexicon()
    text = article.text
    lower_words = frozenset(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]+", text))
    out: list[Candidate] = []
    for pi, para in enumerate(article.paragraphs):
        ptext = text[para.start : para.end]
        heading = para.kind == "heading" or (para.kind == "paragraph" and looks_like_heading(ptext))
        spans = [m.span() for m in _RUN.finditer(ptext)]
        if not spans:
            continue
        spans = _join_gazetteer(ptext, spans, lex)
        spans = _join_of(ptext, spans, lex)
        if " Day" in ptext or " Eve" in ptext:
            spans = _without_holidays(ptext, spans)
        for s, e in spans:
            _candidates_from_run(ptext, s, e, para.start, pi, heading, lex, lower_words, out)
    out.sort(key=lambda c: c.start)
    return ArticleCandidates(article.id, text, out, lower_words)


def _without_holidays(ptext: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop "International Women's Day", "New Year's Eve", "Presidents' Day": a holiday is a
    date, and its possessive used to leave "International Women" as an organisation and "Eve"
    a person ("Trump's Day One agenda" is no holiday)."""
    out: list[tuple[int, int]] = []
    day_at = -1
    for s, e in spans:
        if s == day_at:
            continue
        m = _DAY_AFTER.match(ptext, e)
        if m:
            day_at = m.end() - 3
            continue
        out.append((s, e))
    return out


def _join_gazetteer(
    ptext: str, spans: list[tuple[int, int]], lex: Lexicon
) -> list[tuple[int, int]]:
    """Join runs that one known multi-word name spans ("Bosnia and Herzegovina")."""
    if lex.automaton is None or len(spans) < 2:
        return spans
    joins: list[tuple[int, int]] = []
    n = len(ptext)
    for end_idx, length in lex.automaton.iter(ptext):
        s, e = end_idx - length + 1, end_idx + 1
        if (s > 0 and ptext[s - 1].isalnum()) or (e < n and ptext[e].isalnum()):
            continue
        joins.append((s, e))
    if not joins:
        return spans
    # Only names that bridge a gap between two runs matter ("Bosnia and Herzegovina").
    starts = {s for s, _ in spans}
    joins = [(js, je) for js, je in joins if any(js < x < je for x in starts)]
    if not joins:
        return spans
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out:
            ps, pe = out[-1]
            # The known name covers the next run and starts in this one ("U.S. House" +
            # "Representatives": "House of Representatives").
            if any(ps <= js < pe and e <= je and pe < s for js, je in joins):
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def _join_of(ptext: str, spans: list[tuple[int, int]], lex: Lexicon) -> list[tuple[int, int]]:
    """Join "Ministry of Defense", "University of Chicago", "Secretary of State" into one run."""
    if len(spans) < 2 or (" of " not in ptext and " for " not in ptext and " de " not in ptext):
        return spans
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out:
            ps, pe = out[-1]
            gap = ptext[pe:s]
            if len(gap) <= 9 and _OF_GAP.fullmatch(gap):
                last = ptext[ps:pe].rsplit(" ", 1)[-1].casefold()
                if (
                    last in ORG_HEADS
                    or last in PLACE_HEADS
                    or last in EVENT_HEADS
                    or _is_title(last, lex)
                ):
                    out[-1] = (ps, e)
                    continue
        out.append((s, e))
    return out


#: A candidate planned inside one capitalised run, independent of where the run stands:
#: (start, end relative to the run, tokens, surface, sentence-initial, descriptor, in title, gaz,
#: known names inside it as (start, end relative to the run, surface, tokens, gaz), title
#: reference: 0, or 1 + where the words before it start (it counts only after "the"))
Inner = tuple[int, int, str, tuple[str, ...], tuple[str, str, str]]
Plan = tuple[
    int,
    int,
    tuple[str, ...],
    str,
    bool,
    "str | None",
    bool,
    "tuple[str, str, str] | None",
    tuple[Inner, ...],
    int,
]
_PLANS: dict[tuple[str, bool, bool], tuple[Plan, ...]] = {}


def _candidates_from_run(
    ptext: str,
    s: int,
    e: int,
    base: int,
    pi: int,
    heading: bool,
    lex: Lexicon,
    lower_words: frozenset[str],
    out: list[Candidate],
) -> None:
    """Candidates of one run: the run's plans (cached by its text) placed in their context.

    How a run splits into names (function words, dates, titles peeled off, gazetteer look-ups)
    depends only on its words, whether it starts a sentence and whether its first word occurs
    lowercase in the article; news repeats names and sentence openers, so most runs are
    planned once per process and only their context (the words around them) is new.
    """
    run = ptext[s:e]
    if " & " in run and _CITED_AFTER.match(ptext, e):
        # "Dye & Bavelier, 2010", "(Carrano & Biewener 1999)": two authors cited, not a firm.
        for part in run.split(" & "):
            _candidates_from_run(ptext, s, s + len(part), base, pi, heading, lex, lower_words, out)
            s += len(part) + 3
        return
    if ptext[e : e + 1] == ":":
        # "... Captain America Image: Nick Moreau": a caption or credit label ends the name.
        sp = run.rfind(" ")
        if run[sp + 1 :].casefold() in _CREDIT_LABELS:
            if sp < 0:
                return
            e = s + sp
            run = ptext[s:e]
    sent_init = _sentence_initial(ptext, s)
    lowdoc = sent_init and run.split(" ", 1)[0].casefold() in lower_words
    if (
        ptext[e : e + 1] == ":"
        and " " in run
        and _BULLET_LEAD.fullmatch(ptext, 0, s)
        and _ordinary(run.rsplit(" ", 1)[-1].casefold(), lex, lower_words)
    ):
        # A label opening a paragraph or bullet ("US Assessment: ..."): only the known names
        # inside it ("US") are names.
        plans = []
        toks = run.split(" ")
        _add_known(toks, _offsets(toks), 0, len(toks), lex, plans)
        for plan in plans:
            _place(ptext, s, base, pi, heading, plan, lex, out)
        return
    key = (run, sent_init, lowdoc)
    plans = _PLANS.get(key)
    if plans is None:
        if len(_PLANS) > 200_000:
            _PLANS.clear()
        plans = _PLANS[key] = _plan_run(run, sent_init, lowdoc, lex)
    for plan in plans:
        _place(ptext, s, base, pi, heading, plan, lex, out)


def _plan_run(run: str, sent_init: bool, lowdoc: bool, lex: Lexicon) -> tuple[Plan, ...]:
    plans: list[Plan] = []
    if " " not in run:
        # Most runs are one word ("The", "He", "Warhol"): no peeling, splitting or joining.
        low = run.casefold()
        upper = len(run) > 1 and run.isupper()
        if (low in lex.skip and not upper) or _is_date_word(run, _ONE, 0):
            return ()
        if low.rstrip(".") in _GENERATIONAL:
            return ()  # "Dale Earnhardt, Jr.": the suffix of the name before, nobody itself
        if len(run) <= 2 and run.endswith(".") and norm_key(run) not in lex.names:
            return ()  # "E." of "E. coli", a lone initial: part of a name at most
        if _PLURAL_ACRONYM.fullmatch(run) and norm_key(run[:-1]) not in lex.names:
            return ()  # "DVDs", "APIs", "MPs": things counted, not a name ("BBCs" is the BBC's)
        if (
            sent_init
            and not run.isupper()
            and (lowdoc or low in lex.common)
            and run not in lex.given
            and norm_key(run) not in lex.names
        ):
            return ()
        if lex.titles.get(low.rstrip(".")) == "person-title":
            # A title alone names no one, except as "the President" (see _place).
            _add(run, (run,), [0], 0, 1, sent_init, lex, plans, title_ref=1)
            return tuple(plans)
        _add(run, (run,), [0], 0, 1, sent_init, lex, plans)
        return tuple(plans)
    toks = run.split(" ")
    offs = _offsets(toks)
    for k in range(1, len(toks)):
        if toks[k - 1][-1] == "." and toks[k].casefold() in FUNCTION_WORDS:
            # "Washington D.C. The ...": a sentence ended inside the run.
            head = _plan_run(" ".join(toks[:k]), sent_init, lowdoc, lex)
            o = offs[k]
            tail = _plan_run(" ".join(toks[k:]), True, False, lex)
            return head + tuple(_shift(p, o) for p in tail)
    # Leading function words and sentence-initial common words ("The", "In", "Meanwhile").
    run_sent_init = sent_init
    i = 0
    skip = lex.skip
    while i < len(toks):
        t = toks[i]
        low = t.casefold()
        if low in skip and not (
            len(t) > 1 and t.isupper()  # "US" is a country, "IT" a department
        ):
            i += 1
            sent_init = sent_init or i == 1
            continue
        if (
            i == 0
            and sent_init
            and (lowdoc or low in lex.common)
            and norm_key(t) not in lex.names
            and t not in lex.given
            and not t.isupper()
            and not (low in _PLACE_PREFIXES and len(toks) > 1)  # "Fort Lee is a city"
        ):
            i += 1
            continue
        break
    k = _city_then_region(toks[i:], lex)
    if k:
        # "Portland Oregon", "Visit Houston Texas": a city and where it is, unpunctuated.
        k += i
        head = _plan_run(" ".join(toks[:k]), run_sent_init, lowdoc, lex)
        tail = _plan_run(" ".join(toks[k:]), False, False, lex)
        return head + tuple(_shift(p, offs[k]) for p in tail)
    # Dates are no names: cut at weekdays and months ("Tuesday", "Dec.").
    j = i
    for k in range(i, len(toks) + 1):
        if k == len(toks) or _is_date_word(toks[k], toks, k):
            if k > j:
                _emit(toks[j:k], offs[j:k], sent_init and j == 0, lex, plans)
                sent_init = False
            j = k + 1
    return tuple(plans)


def _city_then_region(toks: list[str], lex: Lexicon) -> int:
    """Where a run of a known city followed by a known country or state splits (0: nowhere)."""
    names = lex.names
    if len(toks) < 2 or norm_key(" ".join(toks)) in names:
        return 0
    # (no country or state name runs to more than three capitalised words)
    for k in range(max(1, len(toks) - 3), len(toks)):
        tail = names.get(key_once(" ".join(toks[k:])))
        if tail is None or tail[0] != "place" or tail[2] not in ("country", "state"):
            continue
        head = names.get(key_once(" ".join(toks[:k])))
        if head is not None and head[0] == "place" and head[2] != AMBIGUOUS_CITY:
            return k
    return 0


def _shift(plan: Plan, o: int) -> Plan:
    s, e, tokens, surface, si, desc, in_desc, gaz, inner, tref = plan
    return (
        s + o,
        e + o,
        tokens,
        surface,
        si,
        desc,
        in_desc,
        gaz,
        tuple((a + o, b + o, t, tk, g) for a, b, t, tk, g in inner),
        tref + o if tref > 0 else tref,
    )


_ONE = ["x"]
#: Words that make "<title> <word>" the name of a body, not a titled person ("General Assembly").
_BODY_WORDS = ORG_HEADS | PLACE_HEADS | EVENT_HEADS
_GENERATIONAL = frozenset({"jr", "sr"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame"})
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
#: Labels of captions, credits and bylines, never part of a name before their colon.
_CREDIT_LABELS = frozenset(
    """image images photo photos photograph picture pictures video source sources credit
    credits caption illustration graphic map file tags tag via""".split()
)
_BULLET_LEAD = re.compile(r"\s*(?:[•◦▪●‣·*–-]|\d{1,2}[.)])?\s*")


_NOUN_ENDINGS = ("ment", "tion", "sion", "ness", "ity", "ance", "ence", "ship", "ings")


def _ordinary(low: str, lex: Lexicon, lower_words: frozenset[str]) -> bool:
    """An ordinary word (not a name): common, used lowercase here, or a typical noun ending."""
    return low in lex.common or low in lower_words or low.endswith(_NOUN_ENDINGS)


def _offsets(toks: list[str]) -> list[int]:
    """Start of each token of a run split on single spaces, relative to the run."""
    offs = []
    o = 0
    for t in toks:
        offs.append(o)
        o += len(t) + 1
    return offs


def _is_date_word(tok: str, toks: list[str], k: int) -> bool:
    low = tok.rstrip(".").casefold()
    if low in WEEKDAYS:
        return True
    if low in MONTHS:
        # "May" is a month only alone or next to a number; "Theresa May" is a name.
        if low == "may" and (k > 0 or len(toks) > 1):
            return False
        return True
    return False


def _emit(toks: list[str], offs: list[int], sent_init: bool, lex: Lexicon, out: list[Plan]) -> None:
    """Peel titles off a run and emit the name (and named parts of the title) as candidates."""
    n = len(toks)
    # Strip trailing connector tokens left by joins ("&").
    while n and toks[n - 1] in ("&",):
        n -= 1
    toks, offs = toks[:n], offs[:n]
    if not toks:
        return
    title_at = -1
    for k in range(n - 1, -1, -1):
        if _is_title(toks[k], lex) == "person-title":
            title_at = k
            break
    if title_at >= 0:
        known = lex.names.get(norm_key(" ".join(toks)))
        if (known is not None and known[0] != "person") or (
            title_at == 0
            and n == 2
            and toks[1].casefold() in _BODY_WORDS
            and toks[0].rstrip(".").casefold() not in _HONORIFICS  # "Mr. Hall", "Mrs Park"
        ):
            # "General Motors", "General Assembly": a name that starts with a title word.
            title_at = -1
    descriptor = None
    name_from = 0
    title_ref = offs[0] + 1  # counts only after "the"
    if title_at >= 0:
        name_from = title_at + 1
        obj_at = name_from + 1 + (name_from + 1 < n and toks[name_from + 1] == "the")
        if (
            name_from < n - 1
            and toks[name_from] == "of"
            and lex.names.get(norm_key(" ".join(toks[obj_at:])), _NO_GAZ)[0] in _ROLE_OF
        ):
            # "Emperor of the United States", "King of Athens": a role named by what it is of,
            # which is a name of its own; the title stands for a person without "the".
            _add_known(toks, offs, obj_at, n, lex, out)
            name_from = n
            title_ref = -1
        elif name_from < n and toks[name_from] in ("of", "for"):
            # "Secretary of State Marco Rubio": the person starts at a given name, else the last
            # two words are the person when at least three follow "of".
            # (a given name that is also a place is the place: "President of France Emmanuel
            # Macron")
            j = next(
                (
                    q
                    for q in range(name_from + 1, n)
                    if toks[q] in lex.given and norm_key(toks[q]) not in lex.names
                ),
                -1,
            )
            if j < 0:
                j = n - 2 if n - (name_from + 1) >= 3 else n
            obj = [q for q in range(name_from + 1, j) if toks[q] not in ("the", "of", "for")]
            if obj:
                _add_known(toks, offs, obj[0], obj[-1] + 1, lex, out)
            name_from = j
        descriptor = " ".join(toks[:name_from]) if name_from < n else None
        # Named parts of the title: "U.S." in "U.S. President", "Russian" in "Russian President".
        # A body before the title is a name too: "Foreign Ministry" in "Foreign Ministry
        # spokesman", "State Department" in "State Department Spokesperson".
        seg = 0
        for k in range(0, min(title_at, n) + 1):
            title = k == title_at or _is_title(toks[k], lex)
            if title or toks[k] in ("of", "for", "the"):
                if title and k > seg and k < title_at and toks[k].casefold() in ORG_HEADS:
                    _add(
                        " ".join(toks[seg : k + 1]),
                        tuple(toks[seg : k + 1]),
                        offs,
                        seg,
                        k + 1,
                        False,
                        lex,
                        out,
                        in_desc=True,
                    )
                elif k > seg:
                    _add_known(toks, offs, seg, k, lex, out)
                seg = k + 1
    # A title before a lone function word names no one: "MS We did not ...", where an
    # interview's speaker initials read as "Ms".
    lone_function_word = (
        name_from == n - 1
        and toks[name_from].casefold() in lex.skip
        and not toks[name_from].isupper()
    )
    if name_from < n and not lone_function_word:
        _add(
            " ".join(toks[name_from:n]),
            tuple(toks[name_from:n]),
            offs,
            name_from,
            n,
            sent_init and name_from == 0,
            lex,
            out,
            descriptor=descriptor,
        )
    elif (j := _given_names_before(toks, title_at, lex)) >= 0:
        # "Stephen King", "Chief Inspector Julia Pope": the title word is a surname
        _add(
            " ".join(toks[j : title_at + 1]),
            tuple(toks[j : title_at + 1]),
            offs,
            j,
            title_at + 1,
            sent_init and j == 0,
            lex,
            out,
            descriptor=" ".join(toks[:j]) or None,
            title_ref=_RULED,
        )
    elif title_at >= 0:
        # Only a title ("Prime Minister", "Russian President", "Secretary of State"): the title
        # words after any known name stand for a person when "the" comes before them all.
        a = title_at
        while a > 0 and (
            toks[a - 1].casefold() in _TITLE_MODIFIERS
            or _is_title(toks[a - 1], lex) == "person-title"
        ):
            a -= 1
        _add(
            " ".join(toks[a : title_at + 1]),
            tuple(toks[a : title_at + 1]),
            offs,
            a,
            title_at + 1,
            sent_init and a == 0,
            lex,
            out,
            title_ref=title_ref,
        )


#: ``title_ref`` of a plan that is a person by rule (see Candidate.ruled)
_RULED = -2
#: titles and trades often borne as surnames ("Stephen King", "Barbara Boxer", "Gary Player");
#: not ranks that mostly follow a qualifier ("Royal Marine", "Lance Sergeant", "Rose Queen")
_SURNAME_TITLES = frozenset(
    """alderman baron bishop boxer chancellor constable dean duke earl farmer judge king major
    marshal mayor painter player pope prince provost rector sheriff singer""".split()
)
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_ARTICLES = frozenset({"a", "A", "an", "An", "the", "The"})


def _after_an_article(ptext: str, at: int) -> bool:
    words = ptext[max(0, at - 5) : at].split()
    return bool(words) and words[-1] in _ARTICLES and ptext[at - 1 : at] == " "


def _names_no_person(word: str, lex: Lexicon) -> bool:
    """A known name that is no given name as well: a people, faith or city ("German", "Sunni",
    "Santiago"), not a town named like a person ("Gary", "Chelsea")."""
    known = lex.names.get(norm_key(word))
    return known is not None and known[2] != AMBIGUOUS_CITY


def _given_names_before(toks: list[str], k: int, lex: Lexicon) -> int:
    """Where the given names before the title word ``toks[k]`` start, when they make it a
    surname ("Stephen King", "Billie Jean King", "Chief Inspector Julia Pope"); -1 when not:
    the word ends no run or is no surname, no given name is right before it, the given names
    follow some other word ("Los Angeles Sheriff": "Angeles" is a given name too), or the
    words make a known name. (After "a" or "the" it is no name either: see _place.)"""
    if k < 1 or k != len(toks) - 1 or toks[k].casefold() not in _SURNAME_TITLES:
        return -1  # "Diana Princess of Wales", "a Royal Marine", "Rose Queen": no surname
    j = k
    while (
        j > 0
        and (toks[j - 1] in lex.given or _INITIALS.fullmatch(toks[j - 1]))  # "B.B. King"
        and _is_title(toks[j - 1], lex) != "person-title"
        and not _names_no_person(toks[j - 1], lex)  # "German", "Sunni", "Santiago"
    ):
        j -= 1
    if j == k or (j > 0 and _is_title(toks[j - 1], lex) != "person-title"):
        return -1
    if (
        _names_no_person(" ".join(toks[j:k]), lex)
        or norm_key(" ".join(toks[j : k + 1])) in lex.names
    ):
        return -1  # "Santa Barbara Sheriff"
    return j


#: Words that make one title with the next ("Prime Minister", "Foreign Secretary").
_TITLE_MODIFIERS = frozenset(
    """prime vice foreign first deputy chief general grand supreme high senior crown executive
    acting interim former assistant associate principal head home""".split()
)
_NO_GAZ = ("", "", "")
_ROLE_OF = frozenset({"place", "org"})


def _add_known(
    toks: list[str], offs: list[int], a: int, b: int, lex: Lexicon, out: list[Plan]
) -> None:
    """Inside a title ("U.S. President", "Estonian Foreign Minister") only known names and
    acronyms are names; the rest is the role."""
    surface = " ".join(toks[a:b])
    if norm_key(surface) in lex.names:
        _add(surface, tuple(toks[a:b]), offs, a, b, False, lex, out, in_desc=True)
        return
    for k in range(a, b):
        t = toks[k]
        if norm_key(t) in lex.names or (len(t) > 1 and t.replace(".", "").isupper()):
            _add(t, (t,), offs, k, k + 1, False, lex, out, in_desc=True)


def _add(
    surface: str,
    tokens: tuple[str, ...],
    offs: list[int],
    a: int,
    b: int,
    sent_init: bool,
    lex: Lexicon,
    out: list[Plan],
    *,
    descriptor: str | None = None,
    in_desc: bool = False,
    title_ref: int = 0,
) -> None:
    s = offs[a]
    inner: tuple[Inner, ...] = ()  # found when needed: see inner_names
    out.append(
        (
            s,
            s + len(surface),
            tokens,
            surface,
            sent_init,
            descriptor,
            in_desc,
            lex.names.get(norm_key(surface)),
            inner,
            title_ref,
        )
    )


_INNER_KINDS = frozenset({"place", "org"})


def inner_names(c: Candidate, lex: Lexicon) -> tuple[Inner, ...]:
    """Known places and organisations inside a candidate of several words, at their offsets
    in the article ("Canada" in "Fan Expo Canada"); computed only for the few candidates
    that turn out to be no person, org or place."""
    if c.inner or len(c.tokens) < 2:
        return c.inner
    offs = _offsets(list(c.tokens))
    return tuple(
        (c.start + a, c.start + b, t, tk, g) for a, b, t, tk, g in _inner_names(c.tokens, offs, lex)
    )


def _inner_names(tokens: tuple[str, ...], offs: list[int], lex: Lexicon) -> tuple[Inner, ...]:
    """Known places and organisations inside a longer span, longest first, left to right
    (offsets relative to the span; cached by its words, which repeat across articles)."""
    got = _INNER.get(tokens)
    if got is None:
        if len(_INNER) > 20_000:
            _INNER.clear()
        got = _INNER[tokens] = _find_inner_names(tokens, offs, lex)
    return got


_INNER: dict[tuple[str, ...], tuple[Inner, ...]] = {}


def _find_inner_names(tokens: tuple[str, ...], offs: list[int], lex: Lexicon) -> tuple[Inner, ...]:
    n = len(tokens)
    out: list[Inner] = []
    i = 0
    while i < n:
        for j in range(min(n, i + 4), i, -1):
            if i == 0 and j == n:
                continue
            surface = " ".join(tokens[i:j])
            gaz = lex.names.get(norm_key(surface))
            if (
                gaz is not None
                and gaz[0] in _INNER_KINDS
                and gaz[2] != AMBIGUOUS_CITY
                and not _short_word_for_a_name(surface, gaz, lex)
            ):
                out.append((offs[i], offs[i] + len(surface), surface, tokens[i:j], gaz))
                i = j - 1
                break
        i += 1
    return tuple(out)


def _short_word_for_a_name(surface: str, gaz: tuple[str, str, str], lex: Lexicon) -> bool:
    """"La" of "De La Fuente" is not Louisiana's "La.", nor "Ice" of "Ice Cube" the
    immigration agency: a short word, not in capitals, standing for a longer name as a state's
    abbreviation or as an English word ("Rio" of "Rio Olympics" is still Rio de Janeiro)."""
    if len(surface) > 3 or surface.isupper() or norm_key(gaz[1]) == norm_key(surface):
        return False
    low = surface.casefold()
    return gaz[2] == "state" or low in lex.english or low in lex.skip


def _place(
    ptext: str,
    run_start: int,
    base: int,
    pi: int,
    heading: bool,
    plan: Plan,
    lex: Lexicon,
    out: list[Candidate],
) -> None:
    """A planned name as a candidate at its place, with the words around it."""
    rs, re_, tokens, surface, sent_init, descriptor, in_desc, gaz, inner, tref = plan
    if tref == -1 and heading:
        return
    if tref == _RULED and _after_an_article(ptext, run_start + rs):
        return  # "a Royal Marine", "the Santa Barbara Sheriff's Department"
    surname_only = False
    if tref > 0:
        # "the President", "The Prime Minister": "the" right before the title words.
        w = run_start + tref - 1
        if heading or w < 4 or ptext[w - 4 : w] not in ("the ", "The "):
            if heading or not _maybe_a_surname(tokens):
                return
            # "said King", "Mr. King": the surname of a person the article names in full, if
            # it does (resolution decides); the honorific is a descriptor
            surname_only, tref = True, _RULED
            if len(tokens) > 1:
                descriptor = " ".join(tokens[:-1])
                rs = re_ - len(tokens[-1])
                surface, tokens, gaz = tokens[-1], (tokens[-1],), None
    s = run_start + rs
    e = run_start + re_
    before = ptext[max(0, s - 60) : s]
    after = ptext[e : e + 60]
    prev = tuple(before.rsplit(None, 3)[-3:])
    appos = None
    if after[:2] == ", ":
        m = _APPOS.match(after)
        if m and any(_is_title(w, lex) for w in m.group(1).split()):
            appos = m.group(1)
    if descriptor is None and prev:
        # "Kremlin aide Yuri Ushakov", "US envoy Steve Witkoff": a lowercase title before.
        p = prev[-1]
        if (
            p.islower()
            and lex.titles.get(p.rstrip(".").casefold()) == "person-title"
            and before.endswith(p + " ")
        ):
            lead = prev[-2] if len(prev) >= 2 else ""
            if lead[:1].isupper() and lead[-1:].isalnum():
                descriptor = f"{lead} {p}"
    possessive = after.startswith(_POSSESSIVE_AFTER)
    if possessive:
        gaz = lex.names.get(norm_key(surface) + POSSESSIVE, gaz)
    if inner:
        o = base + run_start
        inner = tuple((o + a, o + b, t, tk, g) for a, b, t, tk, g in inner)
    out.append(
        Candidate(
            base + s,
            base + e,
            surface,
            tokens,
            pi,
            sent_init,
            heading,
            in_desc,
            descriptor,
            appos,
            prev,
            tuple(after.split(None, 3)[:3]),
            possessive,
            gaz,
            inner,
            nkey=norm_key(surface),
            title_ref=tref not in (0, _RULED),
            ruled=tref == _RULED,
            surname_only=surname_only,
        )
    )


def _maybe_a_surname(tokens: tuple[str, ...]) -> bool:
    """A title word alone, or after honorifics, that people bear as a surname ("King",
    "Mr. King")."""
    return tokens[-1].casefold() in _SURNAME_TITLES and all(
        t.rstrip(".").casefold() in _HONORIFICS for t in tokens[:-1]
    )


_POSSESSIVE_AFTER = ("'s", "’s", "' ", "’ ")
