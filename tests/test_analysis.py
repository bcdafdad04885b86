"""The index's tokenizer: `words` splits text exactly as the Whoosh analyzer the phrase rule follows."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from indexer.analysis import exact_analyzer, words


def _whoosh_words(text: str) -> list[str]:
    return [token.text for token in exact_analyzer()(text)]


@pytest.mark.parametrize("text, expected", [
    ("Norco 10/325mg #120", ["norco", "10", "325", "mg", "120"]),
    ("Not medically necessary.", ["not", "medically", "necessary"]),
    ("1.5 mg, 2. Tab_let", ["1.5", "mg", "2", "tab", "let"]),
    ("Épaule über", ["épaule", "über"]),
])
def test_words_split_digits_from_letters_and_lowercase(text, expected):
    assert words(text) == expected == _whoosh_words(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ09._ -/\u00e9\u0130\u00df\u2163\n", max_size=40) | st.text(max_size=20))
def test_words_equal_the_whoosh_analyzer_on_any_text(text):
    """ASCII text takes a faster pattern; it must give the same words as the Unicode one."""
    assert words(text) == _whoosh_words(text)
