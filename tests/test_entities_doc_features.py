"""Document-level features: one mention's kind leans on the same name's other mentions."""

from __future__ import annotations

from briefreader.entities import article_from_text
from briefreader.entities.classify import doc_features
from briefreader.entities.extract import extract
from briefreader.entities.lexicon import lexicon


def _feats(text: str, surface: str) -> list[list[str]]:
    lex = lexicon()
    doc = extract(article_from_text("a", text), lex)
    return [doc_features(c, doc, lex) for c in doc.candidates if c.text == surface]


def test_surname_alone_knows_the_full_name_elsewhere():
    (f,) = _feats("Charles Bolden spoke at noon.\n\nLater Bolden left the room.", "Bolden")
    assert "d_surname" in f


def test_a_mention_does_not_count_its_own_context():
    (f,) = _feats("Officials met Grimsby, who said little.", "Grimsby")
    assert "d_say" not in f and "d_rep" not in f
    first, second = _feats("Grimsby said nothing.\n\nThey met Grimsby in the hall.", "Grimsby")
    assert "d_say" not in first and "d_say" in second
    assert "d_rep" in first and "d_rep" in second


def test_a_word_of_a_place_or_institution_name_elsewhere():
    text = (
        "Ferries leave Coron Island at dawn.\n\nCoron was registered as a town in 1902.\n\n"
        "She studied at Tabard University. Tabard is small."
    )
    (f,) = _feats(text, "Coron")
    assert "d_in_place" in f and "d_in_org" not in f
    (f,) = _feats(text, "Tabard")
    assert "d_in_org" in f and "d_in_place" not in f


def test_a_plain_name_has_no_compound_cue():
    for f in _feats("Mr Grimsby arrived at Grimsby Town Hall.\n\nGrimsby left early.", "Grimsby"):
        assert "d_in_org" not in f
    for f in _feats("Mr Grimsby arrived.\n\nGrimsby left early.", "Grimsby"):
        assert "d_in_place" not in f and "d_in_org" not in f


def test_an_ordinary_word_capitalised_is_marked_and_a_surname_is_not():
    from briefreader.entities.classify import token_features

    lex = lexicon()
    assert "dict1" in token_features(("Snowman",), None, lex)
    assert "dict1" not in token_features(("Kipling",), None, lex)
    assert "dict_all" in token_features(("Premium", "Bonds"), None, lex)
    assert "dict_all" not in token_features(("Rudyard", "Kipling"), None, lex)
