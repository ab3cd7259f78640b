"""Places that stand for sports teams: "Netherlands beat Cameroon 2-1" names two teams.

In a match report a country or town named as a competitor is an organisation (the convention of
annotated news, and what a reader following the Netherlands' politics does not want mixed in).
Only reports that read like sport qualify (several sports words used in lowercase), and only a
place the report uses at least once as a competitor ("X beat", "against X", "X 2-1", "X's
goalkeeper"); its mentions then become a team of their own, except those that are plainly
locations ("in the Netherlands").
"""

from __future__ import annotations

import re

from briefreader.entities.classify import PUNCT
from briefreader.entities.extract import ArticleCandidates, Candidate

#: Lowercase words of match reports; a report uses several of them.
SPORT_WORDS = frozenset(
    """match matches goal goals scored scoring tournament championship league cup season coach
    innings wickets wicket striker goalkeeper midfielder defender penalty penalties half-time
    quarter-final quarter-finals semi-final semi-finals semifinal final finals qualifier
    qualifiers squad teams team fixture fixtures playoff playoffs points victory defeat draw
    kick-off stadium referee inning pitcher touchdown rugby football soccer cricket hockey
    basketball baseball netball tennis medal medals""".split()
)
#: How many distinct sports words make a report sporty.
MIN_SPORT_WORDS = 4
#: A competitor's verb right after its name ("Spain defeated Germany").
_VERBS_AFTER = frozenset(
    """beat beats defeated defeats thrashed thrash edged overcame trounced routed outclassed
    hammered crushed whitewashed eliminated knocked drew draw draws lost lose loses vs vs. v v.
    versus""".split()
)
#: A competitor's verb or preposition right before its name ("beat Cameroon", "against Ghana").
_BEFORE = frozenset(
    """beat beats beating defeated defeat defeats defeating thrashed edged overcame trounced
    routed hammered crushed eliminated against vs vs. v v. versus""".split()
)
#: "lost to X", "drew with X", "victory over X", "win over X".
_PAIRS = frozenset(
    {("lost", "to"), ("lose", "to"), ("loss", "to"), ("defeat", "to"), ("drew", "with"),
     ("draw", "with"), ("victory", "over"), ("win", "over"), ("won", "over"), ("wins", "over")}
)
#: "X's goalkeeper", "X's squad": the team's people and parts.
_TEAM_PARTS = frozenset(
    """goalkeeper keeper captain coach manager striker strikers squad team players player
    defence defense attack midfield bowlers batsmen batting bowling innings lineup line-up
    supporters fans""".split()
)
_SCORE = re.compile(r"\(?\d{1,3}[-–]\d{1,3}\)?[,.;:]?")
_LOCATION = frozenset("in at from near across inside outside to into".split())


def sporty(doc: ArticleCandidates) -> bool:
    """Whether the article reads like a match report."""
    words = doc.lower_words
    n = 0
    for w in SPORT_WORDS:
        if w in words:
            n += 1
            if n >= MIN_SPORT_WORDS:
                return True
    return False


def as_competitor(c: Candidate) -> bool:
    """Whether this mention names a competitor by the words around it."""
    if c.possessive and len(c.next) > 1 and c.next[1][:1].isupper():
        return False  # "against Italy's Francesca Schiavone": the player competes
    nxt = [w.strip(PUNCT).casefold() for w in c.next[:2]]
    prev = [w.strip(PUNCT).casefold() for w in c.prev[-2:]]
    if nxt:
        if nxt[0] in _VERBS_AFTER or (c.next and _SCORE.fullmatch(c.next[0])):
            return True
        if c.possessive and len(nxt) > 1 and nxt[1] in _TEAM_PARTS:
            return True
    if prev:
        if prev[-1] in _BEFORE or (c.prev and _SCORE.fullmatch(c.prev[-1])):
            return True
        if len(prev) == 2 and (prev[0], prev[1]) in _PAIRS:
            return True
    return False


def located(c: Candidate) -> bool:
    """"in Spain", "from Leongatha": the place itself, not the team."""
    if not c.prev:
        return False
    p = c.prev[-1].casefold()
    if p == "the" and len(c.prev) > 1:
        p = c.prev[-2].casefold()
    return p in _LOCATION
