"""Join classified mentions into entities, within each article and then across all of them.

Within an article: one group per normalised name (case, dots and possessives ignored, gazetteer
variants mapped to one canonical name), then surnames and other partial names joined to the one
full name that contains them, acronyms joined to the name whose initials they spell, and one kind
per group by summed classifier scores. Across articles: groups with the same kind and canonical
name are one entity; a bare surname with no full name in its own article joins the one full name
the collection knows with that surname. Every step is a dict look-up per group, so resolving a
collection is linear in its size. Every join records its reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from briefreader.entities.classify import PUNCT
from briefreader.entities.extract import ArticleCandidates, Candidate, inner_names
from briefreader.entities.lexicon import (
    AMBIGUOUS_CITY,
    EVENT_HEADS,
    ORG_HEADS,
    PLACE_HEADS,
    Lexicon,
    lexicon,
    norm_key,
)
from briefreader.entities.teams import as_competitor, located, sporty
from briefreader.model import Analysis, Entity, Mention, Merge

_KINDS = ("person", "org", "place", "group", "event", "other")
_LINK_SKIP = frozenset("of the and for de la van von der al bin".split())
_SLUG = re.compile(r"[^a-z0-9]+")
_SURE = frozenset({"country", "continent", "state", "nationality"})
#: the vote of a speaker label for "person" (as much as a sure classifier decision)
_SPEAKER_VOTE = 10.0


@dataclass(slots=True)
class Group:
    """Mentions of one article that the resolver takes for one entity."""

    key: str
    canonical: str
    mentions: list[Candidate] = field(default_factory=list)
    votes: dict[str, float] = field(default_factory=dict)
    descriptors: list[str] = field(default_factory=list)
    merges: list[tuple[str, str]] = field(default_factory=list)
    kind: str = "other"
    gaz: bool = False
    parent: Group | None = None
    #: names one thing in this article only ("the Secretary" with no named secretary)
    local: bool = False
    _tokens: list[str] | None = None
    _tokens_of: str = ""

    @property
    def tokens(self) -> list[str]:
        """The canonical name's words without linking words ("of", "the"), computed once."""
        if self._tokens is None or self._tokens_of != self.canonical:
            self._tokens_of = self.canonical
            self._tokens = [t for t in self.canonical.split() if t.casefold() not in _LINK_SKIP]
        return self._tokens

    def root(self) -> Group:
        g = self
        while g.parent is not None:
            g = g.parent
        return g


@dataclass(slots=True)
class LocalResult:
    """One article's groups after in-article resolution (the unit the library can store)."""

    article_id: str
    groups: list[Group]


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_text.casefold()).strip("-") or "x"


def entity_id(kind: str, name: str) -> str:
    """Stable id for a name: the same kind and canonical name give the same id in every run."""
    key = (kind, name)
    eid = _IDS.get(key)
    if eid is None:
        if len(_IDS) > 50_000:
            _IDS.clear()
        eid = _IDS[key] = f"{kind}:{slug(name)}"
    return eid


#: entity ids by (kind, name): names repeat across a library's articles, slugging is not free
_IDS: dict[tuple[str, str], str] = {}


def _display(surface: str) -> str:
    """The surface without a possessive ("Putin's" -> "Putin")."""
    if surface.endswith(("'s", "’s")):
        return surface[:-2]
    return surface


def _initials(name: str) -> str:
    got = _INITIALS.get(name)
    if got is None:
        if len(_INITIALS) > 200_000:
            _INITIALS.clear()
        got = _INITIALS[name] = "".join(
            w[0] for w in name.split() if w[0].isupper() and w.casefold() not in _LINK_SKIP
        )
    return got


_INITIALS: dict[str, str] = {}


def _is_acronym(surface: str) -> bool:
    s = surface.replace(".", "")
    return 2 <= len(s) <= 7 and s.isupper() and s.isalpha()


def resolve_article(doc: ArticleCandidates, lex: Lexicon | None = None) -> LocalResult:
    """Group one article's classified candidates into local entities."""
    lex = lex or lexicon()
    groups: dict[str, Group] = {}
    weak: list[Candidate] = []
    _introduced_acronyms(doc)
    acronyms: list[Candidate] = []
    doubted: list[Candidate] = []
    title_refs: list[Candidate] = []
    doc.candidates = _inside_ruled_dropped(_split_followers(_whole_at_sentence_start(doc), lex))
    surnames: list[Candidate] = []
    for c in _with_inner_names(doc.candidates, lex):
        if c.surname_only:
            surnames.append(c)
            continue
        if _an_office(c, lex) or _shouted_word(c):
            continue
        if c.title_ref:
            title_refs.append(c)
            continue
        if c.heading:
            weak.append(c)
            continue
        speaker = _speaker_label(c)
        if speaker and c.gaz is None and (len(c.tokens) >= 2 or _one_word_speaker(c, lex)):
            # "((Perttu Ahola)) Hi.", "((Jaya)) Hello", "Jane Goodall: I always ...": whoever
            # speaks is a person, however unfamiliar the name ("Note: ..." is no speaker).
            c.kind = "person"
            c.scores = {"person": max(_SPEAKER_VOTE, c.scores.get("person", 0.0))}
        if c.kind == "none" or (speaker and _is_acronym(c.text)):
            # A speaker's initials ("((WSS))") are read with the acronyms whatever the
            # classifier made of them: their person decides.
            if _is_acronym(c.text):
                acronyms.append(c)
            else:
                doubted.append(c)
            continue
        _add_to_group(groups, c, lex)
    # One reading per name in an article: a mention the classifier doubted is still the name
    # when the article names it so elsewhere (the same words, not sentence-initial).
    for c in doubted:
        if c.sent_init:
            continue
        key, _ = _key_of(c, lex)
        g = groups.get(key)
        if g is not None and g.votes:
            kind = max(g.votes, key=g.votes.__getitem__)
            if g.votes[kind] >= _SURE_VOTES:
                c.kind = kind
                _add_to_group(groups, c, lex)
    # "Prioritized Ukraine Requirements List, or PURL": an acronym the classifier doubted is
    # still a name when the article spells it out.
    if acronyms:
        initials = {_initials(g.canonical): g for g in groups.values() if len(g.tokens) >= 2}
        for c in acronyms:
            target = initials.get(c.text.replace(".", ""))
            if target is not None:
                if _speaker_label(c) and target.votes:
                    # "MW: ..." in an interview with Mark Webber: his initials, as a speaker,
                    # whatever the gazetteer knows by them ("((BP))" is Brittany Phelps)
                    c.kind = max(target.votes, key=target.votes.__getitem__)
                    c.gaz = None
                else:
                    # people are seldom introduced with an acronym; bodies and plans are
                    c.kind = target.kind if target.kind != "person" else "org"
                c.scores = {c.kind: 1.0}
                _add_to_group(groups, c, lex)
            elif c.kind != "none":
                _add_to_group(groups, c, lex)  # a speaker label spelling out no name here
            else:
                # "PRS for Music was ...": an acronym doubted here is still the name the
                # article reads surely elsewhere (an acronym is no ordinary word at any start).
                # Only a body: an unknown acronym read as a place or person is mostly a code
                # or a unit ("SSS maps", "225 DKK"), and repeating it would repeat the error.
                g = groups.get(_key_of(c, lex)[0])
                if (
                    g is not None
                    and g.votes.get("org", 0.0) >= _SURE_VOTES
                    and max(g.votes, key=g.votes.__getitem__) == "org"
                ):
                    c.kind = "org"
                    _add_to_group(groups, c, lex)
    # Headings: only names the body (or the gazetteer) vouches for.
    for c in weak:
        key, _ = _key_of(c, lex)
        if (
            key in groups
            or (c.gaz is not None and c.kind != "none")
            or _named_alone(c, lex)
            or _surname_target(groups, key) is not None
        ):
            if c.kind == "none":
                c.kind = "other"  # the body decides the kind: the group's votes
            _add_to_group(groups, c, lex)
    speaks_of_languages = not _LANGUAGE_WORDS.isdisjoint(doc.lower_words)
    described, honorific = _descriptions(doc, lex)
    honoured: set[str] = set()
    for g in groups.values():
        if g.key in honorific:
            # "Mrs Park", "Mr. Hall": an honorific is said of a person only
            g.votes["person"] = sum(v for v in g.votes.values() if v > 0) + 1.0
            if len(g.tokens) == 1:
                honoured.add(g.key)
        elif speaks_of_languages and not g.gaz and any(
            _names_a_language(c) for c in g.mentions
        ):
            # "the Eegimaa language", "Jóola dialects": a language, neither place nor people
            g.votes["other"] = sum(v for v in g.votes.values() if v > 0) + 1.0
        elif (
            (defined := described.get(g.key)) is not None
            and (
                not g.gaz
                or any(c.gaz is not None and c.gaz[2] == AMBIGUOUS_CITY for c in g.mentions)
            )
            and not _titled_person(g, lex)
        ):
            # "Coron is a small town in Palawan", "PRS is a non-profit organisation": what the
            # article says the name is
            g.votes[defined] = sum(v for v in g.votes.values() if v > 0) + 1.0
        elif not g.gaz and _people_of_a_place(g.canonical, lex):
            # "Melbournians", "Aucklanders": the people of a place, as nationalities are
            g.votes["group"] = sum(v for v in g.votes.values() if v > 0) + 1.0
        elif (
            not g.gaz
            and _INNER_CAPITAL.search(g.canonical)
            and any(_brand_spelling(t, lex) for t in g.tokens)
            and not _titled_person(g, lex)
            and not _ends_in_a_surname(g, lex)
        ):
            # "CentOS", "MusicDNA", "GitHub": spelt like a brand, so a firm or a product
            org, other = g.votes.get("org", 0.0), g.votes.get("other", 0.0)
            g.votes = {"org": org} if org > max(other, 0.0) else {"other": max(other, 1.0)}
        if "person" in g.votes and _body_like(g.canonical):
            # "Andy Warhol Foundation for the Visual Arts" names no person
            g.votes["org"] = g.votes.get("org", 0.0) + max(0.0, g.votes.pop("person"))
        g.kind = max(g.votes, key=g.votes.__getitem__) if g.votes else "other"
    if honoured:
        # "Gordon Park" after "Mr Park": a given name and a surname the article honours
        for g in groups.values():
            toks = g.tokens
            if (
                g.kind != "person"
                and len(toks) >= 2
                and toks[0] in lex.given
                and norm_key(toks[-1]) in honoured
            ):
                g.votes["person"] = sum(v for v in g.votes.values() if v > 0) + 1.0
                g.kind = "person"
    _link_partial_names(groups)
    _link_company_short_names(groups)
    _link_institution_short_names(groups, lex)
    _link_place_prefixed_names(groups, lex)
    _link_acronyms(groups)
    # One kind per entity: the summed votes of every group joined into it.
    roots: dict[int, Group] = {}
    for g in groups.values():
        r = g.root()
        if r is not g:
            for k, v in g.votes.items():
                if k in ("person", "org", "place", "event", "other") or r.kind == "group":
                    r.votes[k] = r.votes.get(k, 0.0) + v
        roots[id(r)] = r
    for r in roots.values():
        sure = next(
            (
                c.gaz
                for c in r.mentions
                if c.gaz
                and (
                    c.gaz[2] in _SURE
                    # an event, unless read as a person's name ("Eid said", "Ramadan had
                    # denied": surnames spelt like a feast)
                    or (
                        c.gaz[0] == "event"
                        and r.key == norm_key(c.gaz[1])
                        and (not r.votes or max(r.votes, key=r.votes.__getitem__) != "person")
                    )
                )
            ),
            None,
        )
        if sure is not None:
            # countries, states, continents, nationalities, and the gazetteer's events (wars,
            # holidays: "around Easter" is no place): the gazetteer decides
            r.kind = sure[0]
        elif r.votes:
            r.kind = max(r.votes, key=r.votes.__getitem__)
    if title_refs:
        _link_title_refs(groups, roots, title_refs)
    if surnames:
        _link_lone_surnames(roots, surnames)
    _link_head_refs(groups, roots)
    if sporty(doc):
        _split_teams(groups, roots)
    _add_nested_places(groups, roots, lex)
    return LocalResult(doc.article_id, list(groups.values()))


def _split_teams(groups: dict[str, Group], roots: dict[int, Group]) -> None:
    """In a match report, a place named as a competitor is a team: its mentions (those not
    plainly locations) move to an organisation of the same name (see ``teams``)."""
    for r in list(roots.values()):
        if r.kind != "place" or not any(as_competitor(c) for c in r.mentions):
            continue
        moved = [c for c in r.mentions if not c.in_desc and not located(c)]
        if not moved:
            continue
        key = "team:" + r.key
        team = groups.get(key)
        if team is None:
            team = groups[key] = Group(key=key, canonical=r.canonical, kind="org", gaz=True)
            team.votes["org"] = float(len(moved))
            team.descriptors.append("sports team")
        team.mentions.extend(moved)
        gone = {id(c) for c in moved}
        kept = [c for c in r.mentions if id(c) not in gone]
        r.mentions[:] = kept
        if not kept and r.key in groups and groups[r.key] is r:
            del groups[r.key]


def _add_nested_places(groups: dict[str, Group], roots: dict[int, Group], lex: Lexicon) -> None:
    """Known places named inside an organisation's name ("California" in "University of
    California", "Pittsburgh" in "Pittsburgh Steelers") are mentions of those places too, kept
    inside the organisation's mention: a reader following California finds this article.

    Only places inside organisations: on the training documents (gum_open) this raised head
    recall by 2.5 points for 0.4 of precision, while places inside places ("New York" in "New
    York City") and organisations inside organisations ("Red Sox" in "Boston Red Sox") are
    mostly not annotated as names of their own.
    """
    for r in list(roots.values()):
        if r.kind != "org":
            continue
        for c in list(r.mentions):
            if len(c.tokens) < 2 or c.title_ref:
                continue
            for s, e, text, tokens, gaz in inner_names(c, lex):
                if gaz[0] != "place":
                    continue
                n = Candidate(
                    s, e, text, tokens, c.paragraph, heading=c.heading, in_desc=True, gaz=gaz,
                    kind="place", score=1.0, scores={"place": 1.0},
                )
                key, _ = _key_of(n, lex)
                g = groups.get(key)
                if g is None:
                    _add_to_group(groups, n, lex)
                    groups[key].kind = "place"
                else:
                    g.root().mentions.append(n)


def _title_words(text: str) -> frozenset[str]:
    return frozenset(w for w in text.casefold().split() if w not in _LINK_SKIP)


def _link_title_refs(
    groups: dict[str, Group], roots: dict[int, Group], refs: list[Candidate]
) -> None:
    """"the President" joins the person the article titles so ("President Vladimir Putin",
    "Putin, the Russian president"): the last one named before it, else the only one. With
    none, it is a person of its own in this article ("the Secretary" of a court case)."""
    titled: list[tuple[Group, frozenset[str], int]] = []
    for r in roots.values():
        if r.kind != "person" or not r.descriptors:
            continue
        words = frozenset().union(*(_title_words(d) for d in r.descriptors))
        first = min(c.start for c in r.mentions)
        titled.append((r, words, first))
    for c in refs:
        want = _title_words(c.text)
        fits = [(first, g) for g, words, first in titled if want <= words]
        before = [x for x in fits if x[0] < c.start]
        target = None
        if before:
            target = max(before, key=lambda x: x[0])[1]
        elif len(fits) == 1:
            target = fits[0][1]
        if target is not None:
            target.mentions.append(c)
            _note_alias(target, _display(c.text), f"title of {target.canonical}")
            continue
        key = "title:" + c.key
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(key=key, canonical=_display(c.text), kind="person",
                                    local=True)
            g.votes["person"] = 1.0
        g.mentions.append(c)


def _note_alias(g: Group, alias: str, reason: str) -> None:
    """Record why ``alias`` names ``g``, once."""
    if all(a != alias for a, _ in g.merges):
        g.merges.append((alias, reason))


def _link_lone_surnames(roots: dict[int, Group], surnames: list[Candidate]) -> None:
    """"said King", "Mr. King": a surname spelt like a title joins the one person of the article
    with that surname ("Stephen King"); with none or two, it is dropped."""
    people: dict[str, list[Group]] = {}
    for r in roots.values():
        if r.kind == "person" and len(r.tokens) >= 2:
            people.setdefault(norm_key(r.tokens[-1]), []).append(r)
    for c in surnames:
        fits = people.get(c.key, ())
        if len(fits) == 1:
            target = fits[0]
            target.mentions.append(c)
            _note_alias(target, c.text, f"surname of {target.canonical}")


#: Head words an institution is called by once named: "the Church" after "the Church of
#: Scientology", "the Court" after "the Supreme Court of Cassation" (not newspaper heads such as
#: "Times" or "Post": "the Times" is a name of its own).
_REF_HEADS = frozenset(
    """ministry department university college school academy institute council committee
    commission agency bureau office party union league federation association society foundation
    company corporation bank court parliament senate congress assembly government administration
    army navy police church club board authority trust fund organization organisation alliance
    coalition movement cabinet secretariat tribunal directorate command museum library hospital
    institution brigade regiment division corps""".split()
)
#: heads every country has one of: "the Army" after "the Irish Republican Army" is as likely the
#: national army, so only a "<head> of X" name ("the Government of Canada") is taken for them
_NATIONAL_HEADS = frozenset({"army", "navy", "government", "police", "union"})


def _name_head(name: str) -> str:
    """"Church" of "Church of Scientology", "Court" of "Supreme Court"."""
    low = name.casefold().split()
    if low and low[0] == "the":
        low = low[1:]
    if "of" in low[1:]:
        return low[low.index("of", 1) - 1]
    return low[-1] if low else ""


def _link_head_refs(groups: dict[str, Group], roots: dict[int, Group]) -> None:
    """"the Church" joins the one institution the article names with that head word ("the
    Church of Scientology"). A head word said without "the" ("Church leaders"), or with no
    such institution or two of them named, stays as it was."""
    refs = [
        g
        for g in groups.values()
        if g.parent is None
        and not g.gaz
        and len(g.tokens) == 1
        and g.key in _REF_HEADS
        and all(c.prev and c.prev[-1] in _THE for c in g.mentions)
    ]
    if not refs:
        return
    heads: dict[str, list[Group]] = {}
    for r in roots.values():
        if r.kind == "org" and len(r.tokens) >= 2:
            head = _name_head(r.canonical)
            if head in _NATIONAL_HEADS and " of " not in r.canonical:
                continue
            heads.setdefault(head, []).append(r)
    for g in refs:
        named = {id(r): r for r in heads.get(g.key, ())}
        if len(named) != 1:
            continue  # none, or two ("Supreme Court", "High Court"): not merged blindly
        _join(g, next(iter(named.values())), "head word of")
        roots.pop(id(g), None)


#: Last words that make a name an institution even when it starts with a person's name.
_BODY_LAST = frozenset(
    """foundation university ministry department institute council committee commission agency
    association society corporation company museum hospital college academy school trust fund
    institution library centre center""".split()
)


def _body_like(name: str) -> bool:
    """"Andy Warhol Foundation", "Bill and Melinda Gates Foundation for ...": an institution."""
    words = name.casefold().split()
    if len(words) < 2:
        return False
    if words[-1] in _BODY_LAST:
        return True
    return any(w in ("of", "for") for w in words[1:-1]) and any(w in _BODY_LAST for w in words)


_NAMED_KINDS = frozenset({"person", "org", "place"})
#: Votes a name needs before its doubted mentions join it (one sure mention or a few).
_SURE_VOTES = 3.0
#: "the" before a name described by the word after it
_THE = frozenset({"the", "The"})


def _whole_at_sentence_start(doc: ArticleCandidates) -> list[Candidate]:
    """"Human Rights Watch said ...", "Sustainable Australia describes ...": extraction drops
    an ordinary word opening a sentence ("Rights Watch", "Australia" are left); where the
    article names the whole run mid-sentence, the sentence's first word is the name's."""
    cands = doc.candidates
    # a capitalised word right before the candidate, opening its sentence (seldom)
    maybe = [
        i
        for i, c in enumerate(cands)
        if (prev := c.prev)
        and prev[-1][:1].isupper()
        and (len(prev) == 1 or prev[-2][-1:] in _SENTENCE_ENDS)
    ]
    if not maybe:
        return cands
    whole: dict[str, Candidate] = {}
    for c in cands:
        if len(c.tokens) >= 2 and not c.sent_init and c.kind != "none":
            whole.setdefault(c.text, c)
    if not whole:
        return cands
    text = doc.text
    out = list(cands)
    for i in maybe:
        c = cands[i]
        word = c.prev[-1]
        start = c.start - len(word) - 1
        full = whole.get(f"{word} {c.text}")
        if (
            full is not None
            and text[start : c.start] == word + " "
            and not (i and out[i - 1].end > start)
        ):
            out[i] = replace(
                c,
                start=start,
                text=full.text,
                tokens=full.tokens,
                sent_init=True,
                gaz=full.gaz,
                inner=(),
                prev=c.prev[:-1],
                kind=full.kind,
                score=full.score,
                scores=full.scores,
                nkey=full.nkey,
            )
    return out


def _inside_ruled_dropped(cands: list[Candidate]) -> list[Candidate]:
    """A person named by rule ("B.B. King") keeps no other candidate inside it (extraction
    also reads "B.B." as an acronym of its own)."""
    ruled = [(c.start, c.end) for c in cands if c.ruled]
    if not ruled:
        return cands
    return [
        c
        for c in cands
        if c.ruled or not any(s <= c.start and c.end <= e for s, e in ruled)
    ]


def _split_followers(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """"Democrat Joe Manchin", "Ukrainian Volodymyr Zelensky": a nationality, party or faith
    before a person's name describes the person, as a title does. Extraction keeps such a run
    whole (and the kind model, trained on it so, mostly rejects it); here the word becomes a
    group of its own and the rest the person, with the word as a descriptor."""
    split = {
        i
        for i, c in enumerate(cands)
        if len(c.tokens) >= 3
        and c.gaz is None
        and not c.heading  # "Democrat Joe Manchin Votes No"
        and c.text.startswith(c.tokens[0] + " ")
        and _follower_before_a_name(c.tokens, lex)
    }
    if not split:
        return cands
    out: list[Candidate] = []
    for i, c in enumerate(cands):
        if i not in split:
            out.append(c)
            continue
        toks = c.tokens
        word = toks[0]
        cut = len(word) + 1
        out.append(
            Candidate(
                c.start, c.start + len(word), word, (word,), c.paragraph,
                sent_init=c.sent_init, heading=c.heading, in_desc=True, prev=c.prev,
                next=toks[1:3], gaz=lex.names[norm_key(word)], kind="group", score=1.0,
                scores={"group": 1.0},
            )
        )
        out.append(
            replace(
                c, start=c.start + cut, text=c.text[cut:], tokens=toks[1:], sent_init=False,
                descriptor=f"{word} {c.descriptor}" if c.descriptor else word,
                prev=(*c.prev, word), gaz=None, inner=(), kind="person", score=1.0,
                scores={"person": 1.0}, nkey="",
            )
        )
    return out


def _follower_before_a_name(toks: tuple[str, ...], lex: Lexicon) -> bool:
    """A group word (nationality, party, faith) followed by a given name and a surname, the
    whole no known name: "Democrat Joe Manchin", not "Spanish Golden Age", "British Summer
    Time" or "Irish Republican Army". A given name that is an ordinary word must be followed
    by a known surname; one we do not list must be no word, before a surname that is none."""
    known = lex.names.get(norm_key(toks[0]))
    if known is None or known[0] != "group" or norm_key(" ".join(toks)) in lex.names:
        return False
    if toks[0] in lex.given:
        return False  # "Christian Ulrik Hansen", "Finn Russell Smith": a given name first
    given, last = toks[1], toks[-1]
    if norm_key(given) in lex.names or given.isupper():
        return False  # "Israeli PM Benjamin Netanyahu", "the Irish MV Rachel Corrie"
    low = last.casefold()
    if low in ORG_HEADS or low in EVENT_HEADS or low in PLACE_HEADS:
        return False  # "Swedish Astrid Lindgren Award", "Norwegian ... Government"
    surname = last in lex.surnames
    if not surname and low in lex.english:
        return False  # "Irish Ryan Air Flight"
    if given in lex.given:
        return surname or given.casefold() not in lex.english
    # an unlisted given name: no word ("Spanish Geologist Luis Suarez", "Australian Workers
    # Union Paul Howes"), before a surname that is none either
    return surname and given.casefold() not in lex.english and low not in lex.english


_SENTENCE_ENDS = frozenset('.!?"”:')


def _with_inner_names(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Spans that are no person, org or place ("Fan Expo Canada", "Google Science Fair", an
    unknown capitalised phrase) give way to the known places and organisations inside them.

    Mentions do not overlap, so the inner names are only seen when the span is dropped.
    """
    out: list[Candidate] = []
    for c in cands:
        if c.kind in _NAMED_KINDS or len(c.tokens) < 2:
            out.append(c)
            continue
        inner = inner_names(c, lex)
        if not inner:
            out.append(c)
            continue
        for s, e, text, tokens, gaz in inner:
            out.append(
                Candidate(
                    s, e, text, tokens, c.paragraph, heading=c.heading, in_desc=True,
                    gaz=gaz, kind=gaz[0], score=1.0, scores={gaz[0]: 1.0},
                )
            )
    return out


def _introduced_acronyms(doc: ArticleCandidates) -> None:
    """"Prioritized Ukraine Requirements List, or PURL" / "... (PURL)": both are one name."""
    cands = doc.candidates
    for a, b in zip(cands, cands[1:], strict=False):
        if b.start - a.end not in (2, 5):
            continue  # not ", or ", " (" nor ", " between them
        if not _is_acronym(b.text) or doc.text[a.end : b.start] not in (", or ", " (", ", "):
            continue
        if _initials(a.text) != b.text.replace(".", ""):
            continue
        kind = a.kind if a.kind in ("org", "place", "event", "other") else "org"
        for c in (a, b):
            c.kind = kind
            c.scores = {kind: max(1.0, c.scores.get(kind, 0.0))}


_LANGUAGE_WORDS = frozenset({"language", "languages", "dialect", "dialects"})


def _names_a_language(c: Candidate) -> bool:
    return bool(c.next) and c.next[0].strip(PUNCT).casefold() in _LANGUAGE_WORDS


#: How the people of a place are named from it, (ending, what the place adds back): the whole
#: name (Paris-ians, London-ers, Melbourn(e)-ians) for any place; an altered stem (Canad(a)-ians,
#: Texa(s)-ns) only for countries, states and regions, else Guard-ians were from Guarda.
_WHOLE_NAME_ENDINGS = (
    ("ians", ""),
    ("ians", "e"),
    ("ers", ""),
    ("ers", "e"),
    ("ites", ""),
    ("ites", "e"),
    ("ans", ""),
)
_ALTERED_STEM_ENDINGS = (("ians", "ia"), ("ians", "a"), ("ans", "a"), ("ns", "s"))
_STEM_CHANGING_PLACES = frozenset({"country", "state", "region"})
_DEMONYM_RULES = ((_WHOLE_NAME_ENDINGS, None), (_ALTERED_STEM_ENDINGS, _STEM_CHANGING_PLACES))


def _people_of_a_place(name: str, lex: Lexicon) -> bool:
    """A plural demonym no gazetteer lists ("Melbournians"), by the known place it comes from
    (five letters or more, and not a town named like a word: Hamm-ers are a football team)."""
    if " " in name or len(name) < 8 or not name.endswith("s") or not name[:1].isupper():
        return False
    low = name.casefold()
    for endings, places in _DEMONYM_RULES:
        for ending, stem_end in endings:
            if low.endswith(ending) and len(low) - len(ending) >= 5:
                gaz = lex.names.get(low[: -len(ending)] + stem_end)
                if (
                    gaz is not None
                    and gaz[0] == "place"
                    and gaz[2] != AMBIGUOUS_CITY
                    and (places is None or gaz[2] in places)
                ):
                    return True
    return False


_CAMEL = re.compile(r"([A-Z][a-z]+)([A-Z][A-Za-z]*)")
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
#: Name prefixes written with an inner capital: MacArthur, FitzGerald, VanderBilt, TenBrink,
#: NorCal (any two-letter one too: McDonald, DeSantis, LaGuardia, JaVale, MrBeast, SoHo)
_NAME_PREFIXES = frozenset({"mac", "fitz", "van", "von", "ten", "der", "del", "nor", "san"})


def _brand_spelling(token: str, lex: Lexicon) -> bool:
    """A word run together with a capital inside ("CentOS", "YouTube", "MusicDNA"), which
    people's names and places are not (McDonald, DeKalb and LaGuardia aside)."""
    m = _CAMEL.fullmatch(token)
    if m is None:
        return False
    head, rest = m.groups()
    if len(head) < 3 or head.casefold() in _NAME_PREFIXES:
        return False
    if len(rest) >= 2 and rest.isupper():
        return True
    return rest.casefold() in lex.english and rest not in lex.given


#: "X is a small town in ...", "X, a non-profit organisation": the words describing a name
_DEFINED = re.compile(
    r"(?:,| is| was| are| were| remains| became) (?:a|an|the|one of the) ((?:[\w-]+ ?){1,6})"
)
#: the words that open a description, as the regex above reads them
_DEFINED_VERBS = frozenset({",", "is", "was", "are", "were", "remains", "became"})
_DEFINED_ARTICLES = frozenset({"a", "an", "the", "one"})
#: what closes an apposition: "the game, Minetest, ..." (but not "the game, Smith said")
_APPOSITION_ENDS = frozenset(",.;")
#: a name right after these is not the subject its description is about
_DEFINED_NOT_AFTER = frozenset("of for in at from by with on to near".split())
#: where the description's head noun ends ("a small town in Palawan": "town")
_DEFINITION_STOP = frozenset(
    """in of on at that which who whose with for from by to and or where located known founded
    based near between as than off along behind under after like over into about during
    against through among within without since until""".split()
)
#: head nouns of descriptions, by the kind they give the name they describe (not the ones
#: said of people too: "the veteran broadcaster", "the publisher of", "a party to the lawsuit",
#: "the engine of the team", "a rare breed"; nor person titles: "a leader in fusion research")
_HEAD_KINDS = {
    **dict.fromkeys(
        """city cities town towns village villages hamlet island islands archipelago atoll
        country countries nation region province state county district municipality capital
        port suburb neighbourhood neighborhood peninsula river lake mountain volcano valley
        desert beach bay coast resort borough commune prefecture territory kingdom republic
        settlement metropolis oasis canyon street avenue road highway plaza airport station
        museum temple church mosque cathedral monastery palace castle fortress building bridge
        stadium arena hotel park zoo market monument destination""".split(),
        "place",
    ),
    **dict.fromkeys(
        """company firm corporation conglomerate business organisation organization agency
        charity non-profit nonprofit university college school academy band orchestra choir
        team club movement newspaper brand manufacturer retailer bank airline foundation institute
        institution ministry department committee council association society federation
        coalition alliance startup cooperative""".split(),
        "org",
    ),
    **dict.fromkeys(
        """game software program programme app application language dialect distribution
        library framework browser film movie book novel album song series documentary opera
        musical protocol disease virus species genus ship vessel car aircraft drug
        vaccine format device console""".split(),
        "other",
    ),
}


def _descriptions(doc: ArticleCandidates, lex: Lexicon) -> tuple[dict[str, str], set[str]]:
    """What the article says its names are, in one pass over the mentions: name key -> the kind
    its description gives (the words around one mention: "Coron is a small town", "PRS, a
    non-profit body", "the game Minetest"; the first description counts), and the keys of the
    names it gives an honorific ("Mrs Park")."""
    text = doc.text
    out: dict[str, str] = {}
    after: dict[str, str] = {}
    honorific: set[str] = set()
    for c in doc.candidates:
        d = c.descriptor
        if d and d.rstrip(".") in _HONORIFICS:
            honorific.add(_key_of(c, lex)[0])
        prev = c.prev
        if (
            len(prev) > 1
            and _HEAD_KINDS.get(prev[-1]) == "other"
            and prev[-2].casefold() in _DEFINED_ARTICLES
        ):
            # "the game Minetest", "the film Titanic" (only works and products: in "of the
            # state Brown won" and "out of the station PC Mitchell pulled up" a clause begins)
            out.setdefault(_key_of(c, lex)[0], "other")
            continue
        nxt = c.next
        if (
            prev
            and prev[-1] in _THE
            and nxt
            and nxt[0].rstrip(".,;:)") in _ORG_AFTER
            and not _a_persons_name(c, lex)  # "the Trump brand", "the Clinton foundation"
        ):
            # "the Sustainable Australia party", "the SYRIZA party": the category after the
            # name, heard only if no mention says more ("Nyngan is a small town")
            after.setdefault(_key_of(c, lex)[0], "org")
            continue
        if (
            len(prev) > 1
            and prev[-1][-1:] == ","
            and _HEAD_KINDS.get(prev[-1][:-1]) == "other"
            and nxt
            and nxt[0][:1] in _APPOSITION_ENDS
            # "In the film, Nolan, who ...": a sentence's opening phrase, then its subject
            and not (len(prev) > 2 and prev[-3] in _OPENING_PREPOSITIONS)
            and not _a_persons_name(c, lex)
        ):
            # "their new file format, MusicDNA, which ...": the same apposition, before
            out.setdefault(_key_of(c, lex)[0], "other")
            continue
        if (
            len(nxt) > 1
            and nxt[0] in _DEFINED_VERBS
            and nxt[1] in _DEFINED_ARTICLES
            # "The mayor of Uvalde is a former officer", "In Xanthoria, the city council ...":
            # the description is of something else
            and not (c.prev and c.prev[-1].casefold() in _DEFINED_NOT_AFTER)
        ):
            kind = _described_as(text, c.end)
            if kind is not None:
                out.setdefault(_key_of(c, lex)[0], kind)
    for key, kind in after.items():
        out.setdefault(key, kind)
    return out, honorific


def _a_persons_name(c: Candidate, lex: Lexicon) -> bool:
    """Words a person is named by ("Trump", "Terri Schiavo", "Nolan"): no category word around
    them makes them a body or a product; they name it after someone."""
    return any(t in lex.surnames or t in lex.given for t in c.tokens)


#: prepositions opening a sentence ("In the film, Nolan, who ...")
_OPENING_PREPOSITIONS = frozenset(
    "In On During At For Throughout After Before Inside Within Across".split()
)


#: the words after "the <name>" that make it a body: firms, parties, movements and the like
#: ("the Sustainable Australia party"; before a name, "a party to the lawsuit" is no body).
#: Not the bodies a place or product has: "the Nyngan school", "the Tottenham club", "the
#: Windows Phone team", "the Pichilemu department"
_ORG_AFTER = frozenset(
    """party company firm corporation conglomerate movement band organisation organization
    coalition alliance startup charity newspaper airline manufacturer retailer""".split()
)


def _described_as(text: str, at: int) -> str | None:
    m = _DEFINED.match(text, at)
    if m is None:
        return None
    head = None
    for w in m.group(1).split():
        if w in _DEFINITION_STOP:
            break
        head = w
    else:
        end = m.end()
        if end < len(text) and (text[end].isalnum() or text[end] in "'’"):
            return None  # longer than we read, or "the company's founder"
    if head is None or not head.islower():
        return None
    return _HEAD_KINDS.get(head)


def _ends_in_a_surname(g: Group, lex: Lexicon) -> bool:
    """ "JaVale McGee", not "CentOS Stream": a surname that is no ordinary word."""
    toks = g.tokens
    return len(toks) >= 2 and toks[-1] in lex.surnames and toks[-1].casefold() not in lex.english


def _titled_person(g: Group, lex: Lexicon) -> bool:
    """A person's title on a mention ("Sir Terry Wogan", "Lakers center JaVale McGee"): no
    description or spelling makes that a place, a firm or a product."""
    titles = lex.titles
    return any(
        c.descriptor and titles.get(c.descriptor.rsplit(" ", 1)[-1].casefold()) == "person-title"
        for c in g.mentions
    )


_LABEL_OPEN = ("((",)
#: titles said of a person only, as written before a name
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Sir", "Dame", "MR", "MRS", "DR"})


def _shouted_word(c: Candidate) -> bool:
    """"on the ballot in ALL 50 states", "revenue from ALL songs": an ordinary word in
    capitals for emphasis, after a lowercase word."""
    return (
        c.text in _EMPHASIS
        and c.gaz is None
        and bool(c.prev)
        and c.prev[-1].isalpha()
        and c.prev[-1].islower()
    )


#: ordinary words written in capitals for emphasis (not "IS", "NOW", "UH": names too)
_EMPHASIS = frozenset("ALL NOT NEVER EVERY ANY VERY ONLY MUST NO REALLY".split())


#: words before a title that make it the office, not its holder ("running for President")
_OFFICE_AFTER = frozenset({"for", "as"})


def _an_office(c: Candidate, lex: Lexicon) -> bool:
    """"his campaign for President of the United States", "nominee for Lieutenant Governor",
    "as Mayor, she ...": a title alone after "for" or "as" names an office, not a person."""
    if not c.prev or c.prev[-1] not in _OFFICE_AFTER or c.gaz is not None:
        return False
    titles = lex.titles
    return all(titles.get(t.rstrip(".").casefold()) == "person-title" for t in c.tokens)


def _one_word_speaker(c: Candidate, lex: Lexicon) -> bool:
    """"((Jaya))" is someone; "((Q))", "((Moderator))", "((WN))" and "Note:" are not."""
    low = c.text.casefold()
    return (
        bool(c.prev)
        and len(c.text) > 1
        and not _is_acronym(c.text)
        and low not in lex.english
        and low not in lex.titles
    )


def _speaker_label(c: Candidate) -> bool:
    """A paragraph opening with a speaker's name: "MW: It was tough", "Jane Goodall: I always
    loved animals", or as Wikinews interviews write it, "((PC)) Sure"."""
    if not c.next:
        return False
    if not c.prev:
        return c.next[0][:1] == ":"
    return c.prev == _LABEL_OPEN and c.next[0][:2] == "))"


def _key_of(c: Candidate, lex: Lexicon) -> tuple[str, str]:
    if c.gaz is not None:
        kind, canonical, sub = c.gaz
        if kind == "group":
            prefix = "nationality:" if sub == "nationality" else "group:"
            return prefix + norm_key(canonical), canonical
        return norm_key(canonical), canonical
    return c.key, _display(c.text)


def _add_to_group(groups: dict[str, Group], c: Candidate, lex: Lexicon) -> None:
    gaz = c.gaz
    text = c.text
    if gaz is None:
        key = c.key
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(key=key, canonical=_display(text))
        elif not text.isupper() and (len(text) > len(g.canonical) or g.canonical.isupper()):
            # The longest form names the group; a dateline's "KYIV" gives way to "Kyiv".
            g.canonical = _display(text)
    else:
        key, canonical = _key_of(c, lex)
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(key=key, canonical=canonical, gaz=True)
            if gaz[0] == "group":
                # A nationality (or faith, people) is named by the word used, and linked to
                # its country (or faith).
                g.canonical = _display(text)
                label = "nationality" if gaz[2] == "nationality" else "group"
                g.descriptors.append(f"{label}: {canonical}")
    g.mentions.append(c)
    votes = g.votes
    if gaz is not None:
        # A city named like a word or a person (Nice, Charlotte) is only a hint.
        votes[gaz[0]] = votes.get(gaz[0], 0.0) + (1.0 if gaz[2] == AMBIGUOUS_CITY else 5.0)
    kind = c.kind
    for k, v in c.scores.items():
        if v > 0:
            votes[k] = votes.get(k, 0.0) + (v if v > 0.1 or k != kind else 0.1)
        elif k == kind:
            votes[k] = votes.get(k, 0.0) + 0.1
    if gaz is not None:
        if gaz[0] != "group":
            surface = _display(text)
            if surface != g.canonical:
                _note_alias(g, surface, f"variant of {gaz[1]}")
    elif text.isupper() and not _is_acronym(text):
        surface = _display(text)
        if surface != g.canonical and all(a != surface for a, _ in g.merges):
            g.merges.append((text, "all-caps form"))
    d = c.descriptor
    if d and d not in g.descriptors:
        g.descriptors.append(d)
    d = c.appositive
    if d and d not in g.descriptors:
        g.descriptors.append(d)


def _named_alone(c: Candidate, lex: Lexicon) -> bool:
    """A heading name that needs no vouching: a given name and a surname ("Clara Martínez
    Cantón" over her paper) or an institution or place by its head word ("Durham University",
    "Ali Qapu Palace"), when the classifier calls it so too."""
    toks = c.tokens
    if len(toks) < 2 or c.kind not in _NAMED_KINDS:
        return False
    if c.kind == "person":
        return toks[0] in lex.given and toks[-1][:1].isupper()
    last = toks[-1].casefold()
    return last in (ORG_HEADS if c.kind == "org" else PLACE_HEADS)


def _surname_target(groups: dict[str, Group], key: str) -> Group | None:
    """The one longer name of the body that has every word of ``key`` ("Dvořák", "Antonín
    Dvořák" for "Antonín Leopold Dvořák"), else None."""
    words = [w for w in key.split() if w not in _LINK_SKIP]
    if not words:
        return None
    hits = [
        g
        for g in groups.values()
        if " " in g.canonical
        and len(g.tokens) > len(words)
        and all(w in {norm_key(t) for t in g.tokens} for w in words)
    ]
    return hits[0] if len(hits) == 1 else None


def _join(g: Group, target: Group, reason: str) -> None:
    """``g`` is ``target`` under another name: its mentions follow, the reason is kept."""
    g.parent = target
    target.merges.append((g.canonical, f"{reason} {target.canonical}"))
    target.mentions.extend(g.mentions)


def _link_partial_names(groups: dict[str, Group]) -> None:
    """"Putin" -> "Vladimir Putin": a shorter name joins the one longer person containing it."""
    by_token: dict[str, list[Group]] = {}
    for g in groups.values():
        toks = g.tokens
        if len(toks) >= 2 and g.kind == "person":
            for t in toks:
                by_token.setdefault(norm_key(t), []).append(g)
    # Longest names first, so that "Jared Padalecki" has joined "Jared Tristan Padalecki" before
    # "Padalecki" looks for the one person it names.
    for g in sorted(groups.values(), key=lambda g: -len(g.tokens)):
        if g.gaz or g.kind not in ("person", "other", "org") or g.parent is not None:
            continue
        toks = [norm_key(t) for t in g.tokens]
        if not toks:
            continue
        full = {
            id(r): r
            for h in by_token.get(toks[-1], ())
            if h is not g and len(h.tokens) > len(toks)
            and set(toks) <= {norm_key(t) for t in h.tokens}
            and (r := h.root()) is not g
        }
        if len(full) != 1:
            continue  # unknown, or two people share the name: not merged blindly
        target = next(iter(full.values()))
        if g.kind == "org" and len(toks) > 1:
            continue
        surname = len(toks) == 1 and toks[0] == norm_key(target.tokens[-1])
        _join(g, target, "surname of" if surname else "short form of")
        for d in g.descriptors:
            if d not in target.descriptors:
                target.descriptors.append(d)


#: the words after a firm's own name in its full name ("Bach Technology", "Massey Energy"),
#: or a college's ("Rutgers University")
_FIRM_TAILS = frozenset(
    """technology technologies energy entertainment media studios studio records systems
    software industries holdings labs laboratories motors pharmaceuticals partners capital
    ventures communications electronics games solutions research mining resources insurance
    logistics company corp corporation inc llc ltd group airlines airways network channel
    academy college university""".split()
)
#: (not the words of public bodies: "Pichilemu Police", "Gippsland League" name a place)


def _link_company_short_names(groups: dict[str, Group]) -> None:
    """"Bach" -> "Bach Technology", "Funimation" -> "Funimation Entertainment": a firm's own
    name alone is the firm, unless a person of the article bears it ("Henry Ford" and "Ford
    Motor Company": "Ford" stays with the person). The short form's own votes (a surname
    "Bach" reads as a person) do not count against the firm."""
    firms: dict[str, list[Group]] = {}
    for g in groups.values():
        if g.kind == "org" and g.parent is None:
            toks = g.tokens
            if len(toks) >= 2 and all(t.casefold() in _FIRM_TAILS for t in toks[1:]):
                firms.setdefault(norm_key(toks[0]), []).append(g)
    if not firms:
        return
    people: set[str] | None = None
    for g in groups.values():
        if g.gaz or g.parent is not None or g.kind == "place" or len(g.tokens) != 1:
            continue  # "Gippsland" of "Gippsland Water" is still the region
        if any(c.descriptor for c in g.mentions):
            continue  # "Mr Dyson", "Governor Abbott": a person, whatever firm bears the name
        key = norm_key(g.tokens[0])
        cands = firms.get(key)
        if not cands or len(cands) != 1 or cands[0] is g:
            continue
        if people is None:
            people = {
                norm_key(t)
                for h in groups.values()
                if h.kind == "person" and h.parent is None and len(h.tokens) >= 2
                for t in h.tokens
            }
        if key in people:
            continue
        _join(g, cands[0], "short form of")
        g.votes.clear()


#: words before a place ("in Otago", "across Otago")
_PLACE_BEFORE = frozenset("in In across Across near Near throughout Throughout around".split())


def _distinctive(word: str, lex: Lexicon) -> bool:
    """No ordinary word, given name or surname: a word that names one thing ("Scientology")."""
    return (
        word.casefold() not in lex.english and word not in lex.given and word not in lex.surnames
    )


def _link_institution_short_names(groups: dict[str, Group], lex: Lexicon) -> None:
    """"Scientology" -> "Church of Scientology": the one word that sets an institution named
    "<head> of X" apart, said alone, is the institution, as a firm's own name is the firm. Not
    when X is an ordinary word ("Museum of Flight"), a known place, people or faith ("Bank of
    England", "Nation of Islam"), a person's name, or read as a place or person here, or said
    where places are ("farms across Otago" beside "the University of Otago")."""
    bodies: dict[str, list[Group]] = {}
    for g in groups.values():
        if g.kind != "org" or g.parent is not None:
            continue
        words = g.canonical.split()
        if words and words[0].casefold() == "the":
            words = words[1:]
        if len(words) == 3 and words[1] == "of" and words[0].casefold() in _REF_HEADS:
            bodies.setdefault(norm_key(words[2]), []).append(g)
    if not bodies:
        return
    for key, cands in bodies.items():
        g = groups.get(key)
        if (
            g is None
            or len(cands) != 1
            or g.gaz
            or g.parent is not None
            or g.kind in ("person", "place")
            or len(g.tokens) != 1
            or not _distinctive(g.tokens[0], lex)
            or any(c.descriptor or (c.prev and c.prev[-1] in _PLACE_BEFORE) for c in g.mentions)
        ):
            continue
        _join(g, cands[0], "short form of")
        g.votes.clear()


def _link_place_prefixed_names(groups: dict[str, Group], lex: Lexicon) -> None:
    """"the Pirates" -> "Pittsburgh Pirates", "the Royals" -> "Kansas City Royals": a body named
    by a known place and its own name ("<place> <name>": clubs, franchises, local firms) is
    called by its own name alone once introduced. Only a plural or several words for that own
    name (a club's "Pirates", not "Pittsburgh Police"'s "Police" or "Boston Globe"'s "Globe"),
    only an organisation, only when no other name of the article ends so ("Hawthorn Hawks" and
    "Atlanta Hawks"), and not a word that only ever opens a sentence ("Pirates off Somalia")."""
    ends: dict[str, Group] = {}
    tails: dict[str, set[int]] = {}
    for g in groups.values():
        if g.parent is not None:
            continue
        words = g.canonical.split()
        for n in (1, 2):
            if len(words) > n:
                tails.setdefault(norm_key(" ".join(words[-n:])), set()).add(id(g))
        if g.kind != "org":
            continue
        for cut in (2, 1):  # the longer place first: "Kansas City Royals"
            if len(words) <= cut:
                continue
            place = lex.names.get(norm_key(" ".join(words[:cut])))
            if place is not None and place[0] == "place":
                rest = words[cut:]
                if len(rest) >= 2 or (rest[0].endswith("s") and not rest[0].endswith("ss")):
                    if rest[-1].casefold() not in ORG_HEADS:
                        ends.setdefault(norm_key(" ".join(rest)), g)
                break
    for key, body in ends.items():
        g = groups.get(key)
        if g is None or g.parent is not None or g.gaz or g.kind in ("person", "place"):
            continue
        if tails.get(key) != {id(body)} or all(c.sent_init for c in g.mentions):
            continue  # another name ends so too, or the word only opens sentences
        _join(g, body, "short form of")
        g.votes.clear()


def _link_acronyms(groups: dict[str, Group]) -> None:
    """"PURL" -> "Prioritized Ukraine Requirements List": an acronym joins its expansion."""
    by_initials: dict[str, list[Group]] = {}
    for g in groups.values():
        if g.parent is None and len(g.tokens) >= 2:
            by_initials.setdefault(_initials(g.canonical), []).append(g)
    for g in groups.values():
        if g.parent is not None or not _is_acronym(g.canonical):
            continue
        cands = by_initials.get(g.canonical.replace(".", ""), [])
        if len(cands) != 1 or cands[0] is g:
            continue
        target = cands[0]
        _join(g, target, "acronym of")
        if target.kind in ("other", "person") and g.kind != "person":
            # People are seldom introduced with an acronym; names of bodies and plans are.
            target.votes["org"] = target.votes.get("org", 0.0) + sum(target.votes.values()) + 1


def resolve(locals_: Iterable[LocalResult]) -> Analysis:
    """Join the articles' groups into entities across the collection (linear in its size)."""
    entities: dict[str, _EntityAcc] = {}
    mentions: dict[str, tuple[Mention, ...]] = {}
    for article_id, groups in _assign(list(locals_)):
        out: list[Mention] = []
        for g, eid, name, merge in groups:
            acc = entities.get(eid)
            if acc is None:
                acc = entities[eid] = _EntityAcc(name=name, kind=g.kind)
            acc.add(article_id, g, merge)
            kind = g.kind
            for c in g.mentions:
                out.append(Mention(article_id, c.start, c.end, kind, c.text, eid))  # type: ignore[arg-type]
        out.sort(key=lambda m: (m.start, -m.end))
        mentions[article_id] = tuple(_drop_overlaps(out))
    return Analysis(
        entities={eid: acc.freeze(eid) for eid, acc in entities.items()},
        mentions=mentions,
    )


#: A mention as plain values: (start, end, kind, text, entity id)
Span = tuple[int, int, str, str, str]


def resolve_spans(locals_: Iterable[LocalResult]) -> dict[str, list[Span]]:
    """The mentions ``resolve`` gives, per article, as plain tuples and without building the
    entities: what `briefreader tag` writes, at a fraction of the cost."""
    out: dict[str, list[Span]] = {}
    for article_id, groups in _assign(list(locals_)):
        spans: list[Span] = []
        for g, eid, _name, _merge in groups:
            kind = g.kind
            for c in g.mentions:
                spans.append((c.start, c.end, kind, c.text, eid))
        spans.sort(key=_outer_first)
        out[article_id] = _drop_span_overlaps(spans)
    return out


def _outer_first(span: Span) -> tuple[int, int]:
    return span[0], -span[1]


_Assigned = tuple[Group, str, str, "tuple[str, str] | None"]
#: the reasons of joins that make a word the short form of a body's name
_SHORT_REASONS = ("acronym of ", "short form of ")


def _assign(results: list[LocalResult]) -> Iterator[tuple[str, list[_Assigned]]]:
    """Per article, its entity groups with the entity id and name each joins, and the
    cross-article merge that put it there (a bare surname named in full elsewhere)."""
    # One kind per name across the collection ("Kyiv" is a place everywhere): summed votes.
    votes: dict[str, dict[str, float]] = {}
    for res in results:
        for g in res.groups:
            if g.parent is None and g.kind != "group":
                v = votes.setdefault(g.key, {})
                for k, x in g.votes.items():
                    if k != "group":
                        v[k] = v.get(k, 0.0) + x
    for res in results:
        for g in res.groups:
            v = votes.get(g.key)
            if g.parent is None and v and g.kind != "group" and not g.gaz:
                g.kind = max(v, key=v.__getitem__)
    # Full person names the collection knows, by surname, for bare surnames elsewhere.
    # With the title words each full name is given, for surnames two people share.
    by_surname: dict[str, dict[str, set[str]]] = {}
    for res in results:
        for g in res.groups:
            if g.parent is None and g.kind == "person" and len(g.tokens) >= 2 and not g.local:
                titles = by_surname.setdefault(norm_key(g.tokens[-1]), {}).setdefault(
                    g.canonical, set()
                )
                for d in g.descriptors:
                    titles |= person_titles(d)
    # Short forms an article ties to a body ("PURL", "Scientology"), for the same word alone
    # in articles that do not spell the body out: acronyms and distinctive words, not ordinary
    # words or names ("Army" of "U.S. Army Rangers", "United" of "United Airlines").
    short: dict[str, set[tuple[str, str]]] = {}
    tied_in: dict[str, list[int]] = {}  # the articles (indices) that tie each short form
    lex = lexicon()
    for i, res in enumerate(results):
        for g in res.groups:
            if g.parent is None and g.kind not in ("person", "group") and not g.local:
                for alias, reason in g.merges:
                    if (
                        reason.startswith(_SHORT_REASONS)
                        and " " not in alias
                        and (_is_acronym(alias) or _distinctive(alias, lex))
                    ):
                        word = alias.replace(".", "")
                        short.setdefault(word, set()).add((g.kind, g.canonical))
                        tied_in.setdefault(word, []).append(i)
    names_of: dict[int, set[str]] = {}
    ids: dict[tuple[str, str], str] = {}
    for i, res in enumerate(results):
        assigned: list[_Assigned] = []
        for g in res.groups:
            if g.parent is not None:
                continue
            name = g.canonical
            merge: tuple[str, str] | None = None
            full = None
            if g.kind == "person" and len(g.tokens) == 1 and not g.local:
                full = by_surname.get(norm_key(g.tokens[0]), {})
                if len(full) == 1:
                    target = next(iter(full))
                    merge = (name, f"surname of {target} (named so in another article)")
                    name = target
                elif full and g.descriptors:
                    # "President Obama" where both Barack and Michelle Obama are named: the
                    # one full name given the same title, if only one is.
                    want = set().union(*(person_titles(d) for d in g.descriptors))
                    fits = [n for n, titles in full.items() if want & titles]
                    if len(fits) == 1:
                        target = fits[0]
                        shared = ", ".join(sorted(want & full[target]))
                        merge = (name, f"surname of {target} (both titled {shared})")
                        name = target
            if (
                not full
                and short
                and len(g.tokens) == 1
                and not g.local
                and not g.gaz
                and not g.descriptors
                and (bodies := short.get(word := name.replace(".", ""))) is not None
                and len(bodies) == 1
                and _may_join(g, next(iter(bodies))[0], res.groups)
                and _same_story(i, tied_in[word], results, names_of, g.key)
            ):
                # "Scientology" in a report on the Sea Org, where another report on it names
                # the Church of Scientology so (spelt the same: "Inc" is no "INC"; no titled
                # person: "Mr Dyson").
                kind, target = next(iter(bodies))
                merge = (name, f"short form of {target} (named so in another article)")
                name = target
                g.kind = kind
            if g.local:
                # "the Secretary" of one article is nobody else's.
                eid = f"{entity_id(g.kind, name)}@{res.article_id}"
            else:
                eid = ids.get((g.kind, name))
                if eid is None:
                    eid = ids[(g.kind, name)] = entity_id(g.kind, name)
            assigned.append((g, eid, name, merge))
        yield res.article_id, assigned


def _may_join(g: Group, kind: str, groups: list[Group]) -> bool:
    """Whether this article's lone short form may be the body another article ties it to. An
    acronym must be read as the same kind of thing, and not spelt out otherwise here ("LSD"
    the drug, an article's own "ASA"); a distinctive word ("Scientology"), which the kind model
    reads as a person when it knows nothing else, must not be read as a place."""
    if _is_acronym(g.canonical):
        letters = g.canonical.replace(".", "")
        return g.kind == kind and not any(
            h.parent is None and len(h.tokens) >= 2 and _initials(h.canonical) == letters
            for h in groups
        )
    return g.kind != "place"


def _same_story(
    i: int,
    tying: list[int],
    results: list[LocalResult],
    names_of: dict[int, set[str]],
    key: str,
) -> bool:
    """Whether article ``i`` shares a name (neither the short form nor a gazetteer's) with an
    article that ties the short form: a report on the same story, not any article that
    happens to use the same letters ("iTunes LP" and the Libertarian Party)."""

    def names(j: int) -> set[str]:
        got = names_of.get(j)
        if got is None:
            # roots only: what a packed result (parallel `tag`, the library) still holds
            got = names_of[j] = {
                g.key for g in results[j].groups if g.parent is None and not g.gaz and not g.local
            }
        return got

    mine = names(i) - {key}
    return any(j != i and not mine.isdisjoint(names(j) - {key}) for j in tying)


def person_titles(descriptor: str) -> set[str]:
    """The person titles among a descriptor's words ("U.S. President" -> {"president"})."""
    titles = lexicon().titles
    return {
        w
        for w in descriptor.casefold().split()
        if len(w) > 2 and w not in _LINK_SKIP and titles.get(w) == "person-title"
    }


def _drop_overlaps(ms: list[Mention]) -> list[Mention]:
    """Mentions in text order (outer before inner) with no partial overlaps: a mention inside
    another ("California" in "University of California") stays; of two that cross, the longer
    stays."""
    out: list[Mention] = []
    outer: Mention | None = None
    for m in ms:
        if outer is not None and m.start < outer.end:
            if m.end <= outer.end:
                if (m.start, m.end) != (outer.start, outer.end):
                    out.append(m)
                continue
            if m.end - m.start <= outer.end - outer.start:
                continue
            while out and out[-1].start >= outer.start:
                out.pop()
        out.append(m)
        outer = m
    return out


def _drop_span_overlaps(ms: list[Span]) -> list[Span]:
    """``_drop_overlaps`` for plain (start, end, ...) tuples."""
    out: list[Span] = []
    outer: Span | None = None
    for m in ms:
        if outer is not None and m[0] < outer[1]:
            if m[1] <= outer[1]:
                if (m[0], m[1]) != (outer[0], outer[1]):
                    out.append(m)
                continue
            if m[1] - m[0] <= outer[1] - outer[0]:
                continue
            while out and out[-1][0] >= outer[0]:
                out.pop()
        out.append(m)
        outer = m
    return out


@dataclass(slots=True)
class _EntityAcc:
    name: str
    kind: str
    aliases: dict[str, None] = field(default_factory=dict)
    descriptors: dict[str, None] = field(default_factory=dict)
    articles: dict[str, None] = field(default_factory=dict)
    merges: dict[str, str] = field(default_factory=dict)

    def add(self, article_id: str, g: Group, merge: tuple[str, str] | None) -> None:
        self.articles[article_id] = None
        for c in g.mentions:
            a = _display(c.text)
            if a != self.name:
                self.aliases[a] = None
        if g.canonical != self.name:
            self.aliases[g.canonical] = None
        for d in g.descriptors:
            self.descriptors[d] = None
        for alias, reason in g.merges:
            if alias != self.name:
                self.merges.setdefault(alias, reason)
        if merge is not None:
            self.merges.setdefault(merge[0], merge[1])
        for a in self.aliases:
            if a not in self.merges and a.casefold() != self.name.casefold():
                self.merges[a] = "same name, another form"
            elif a not in self.merges:
                self.merges[a] = "same name, other case"

    def freeze(self, eid: str) -> Entity:
        return Entity(
            id=eid,
            name=self.name,
            kind=self.kind,  # type: ignore[arg-type]
            aliases=tuple(self.aliases),
            descriptors=tuple(self.descriptors),
            articles=tuple(self.articles),
            merges=tuple(Merge(a, r) for a, r in self.merges.items()),
        )


#: One article's root groups as plain values, cheap to send between processes:
#: (article id, [(key, canonical, kind, votes, gaz, local, descriptors, merges,
#: [(start, end, text), ...]), ...])
PackedLocal = tuple[
    str,
    list[
        tuple[
            str, str, str, tuple[tuple[str, float], ...], bool, bool, tuple[str, ...],
            tuple[tuple[str, str], ...], tuple[tuple[int, int, str], ...],
        ]
    ],
]


@dataclass(slots=True)
class _PackedMention:
    """What cross-article resolution reads of a mention: where it is and what it says."""

    start: int
    end: int
    text: str


def pack_local(res: LocalResult) -> PackedLocal:
    """``res`` without the candidates' context: only what ``resolve`` and ``resolve_spans``
    read (pickling the full object graph costs more than computing it)."""
    return (
        res.article_id,
        [
            (
                g.key, g.canonical, g.kind, tuple(g.votes.items()), g.gaz, g.local,
                tuple(g.descriptors), tuple(g.merges),
                tuple((c.start, c.end, c.text) for c in g.mentions),
            )
            for g in res.groups
            if g.parent is None
        ],
    )


def unpack_local(packed: PackedLocal) -> LocalResult:
    """A LocalResult that ``resolve`` and ``resolve_spans`` treat as the original."""
    article_id, rows = packed
    groups = [
        Group(
            key=key, canonical=canonical, kind=kind, votes=dict(votes), gaz=gaz, local=local,
            descriptors=list(descriptors), merges=list(merges),
            mentions=[_PackedMention(s, e, t) for s, e, t in mentions],  # type: ignore[misc]
        )
        for key, canonical, kind, votes, gaz, local, descriptors, merges, mentions in rows
    ]
    return LocalResult(article_id, groups)
