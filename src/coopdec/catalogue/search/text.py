"""French text to index terms (pure: no Django).

Both backends index the terms produced here, so that SQLite and PostgreSQL match the same
documents: words are folded (lower case, no accents, no ligatures) *before* stemming, so
"énergie" and "energie" give the same term; French stop words are dropped; the Snowball
French stemmer (``snowballstemmer``) turns "jumelages" and "jumelage" into "jumelag".

English text (IATI narratives, the English labels and vocabulary of a record's themes,
countries and goals) is also stemmed the English way ("schools" -> "school", "watering" ->
"water"), into terms marked ``ENGLISH_MARK`` so that they never meet a French query's
terms: a French query keeps exactly its results, an English query (``parse_text`` with
``english``) matches either its French or its English stems.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import cast

import snowballstemmer

from coopdec.textnorm import fold

# Folding one character at a time is slow in Python: decompose, then drop the Latin combining
# accents with one regular expression; ``fold`` handles the rare rest (other scripts).
_LATIN_ACCENTS = re.compile("[\u0300-\u036f]+")
# Words of ASCII text: every byte but letters and digits becomes a space (bytes.translate is
# far faster than a regular expression on long descriptions).
_SEPARATORS = bytes(c for c in range(256) if not (c < 128 and chr(c).isalnum()))
_TO_SPACES = bytes.maketrans(_SEPARATORS, b" " * len(_SEPARATORS))
_WORD = re.compile(r"[^\W_]+")
MIN_PREFIX = 2  # a shorter last word is not expanded (it would match nearly everything)

STOPWORDS = frozenset(
    """
    a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions
    aurons auront aux avaient avais avait avec avez aviez avions avons ayant ayez ayons c ce ceci
    cela ces cet cette d dans de des du elle elles en es est et etaient etais etait etant ete
    etes etiez etions etre eu eue eues eumes eurent eus eusse eussent eusses eussiez eussions
    eut eutes eux fumes furent fus fusse fussent fusses fussiez fussions fut futes ici il ils j
    je l la le les leur leurs lui m ma mais me meme mes moi mon n ne nos notre nous on ont ou
    par pas pour qu que quel quelle quelles quels qui s sa sans se sera serai seraient serais
    serait seras serez seriez serions serons seront ses si son sont sur t ta te tes toi ton tu
    un une vos votre vous y
    """.split()  # noqa: SIM905 (a block of words reads better than a list of strings)
)

_stemmer = snowballstemmer.stemmer("french")
_english_stemmer = snowballstemmer.stemmer("english")
# Index terms of English stems start with this: no folded word does (a word would need a
# digit right after "en", and the English pass skips numbers).
ENGLISH_MARK = "en0"
# Dropped from an English query only (a French query treats them as before).
ENGLISH_STOPWORDS = frozenset(
    """
    an and are as at be by for from has have in into is it its of on or that the their this
    to was were will with
    """.split()  # noqa: SIM905 (a block of words reads better than a list of strings)
)


def fold_text(text: str) -> str:
    """Lower-case and strip accents quickly (same result as ``coopdec.textnorm.fold``)."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    ligatures = lowered.replace("œ", "oe").replace("æ", "ae")
    stripped = _LATIN_ACCENTS.sub("", unicodedata.normalize("NFKD", ligatures))
    # Compatibility decomposition can turn a caseless letter into an upper-case one (𝐀 -> A).
    return stripped.lower() if stripped.isascii() else fold(lowered)


_stems: dict[str, str] = {}


def stem(word: str) -> str:
    """The index term of one folded word (cached: the Snowball stemmer is pure Python)."""
    found = _stems.get(word)
    if found is None:
        found = str(_stemmer.stemWord(word))
        if len(_stems) < 1_000_000:  # a bound against pathological input
            _stems[word] = found
    return found


_english_stems: dict[str, str] = {}


def english_term(word: str) -> str:
    """The marked index term of one folded English word (cached like ``stem``)."""
    found = _english_stems.get(word)
    if found is None:
        found = ENGLISH_MARK + str(_english_stemmer.stemWord(word))
        if len(_english_stems) < 1_000_000:
            _english_stems[word] = found
    return found


def english_terms(text: str) -> set[str]:
    """The marked English index terms of a text (numbers and stop words left out)."""
    return {
        english_term(w)
        for w in words(text)
        if w not in ENGLISH_STOPWORDS and not w.isdigit() and w.isascii()
    }


def _split(folded: str) -> list[str]:
    if folded.isascii():
        return folded.encode().translate(_TO_SPACES).decode().split()
    return _WORD.findall(folded)


def words(text: str) -> list[str]:
    """Folded words of a text, stop words and single characters left out."""
    return [w for w in _split(fold_text(text)) if len(w) > 1 and w not in STOPWORDS]


def terms(text: str) -> list[str]:
    """Index terms of a text, in order, with repetitions."""
    return [stem(w) for w in words(text)]


def unique_terms(text: str, exclude: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Index terms of a text, each once, in order of first appearance."""
    seen = set(exclude)
    out = []
    for term in terms(text):
        if term not in seen:
            seen.add(term)
            out.append(term)
    return out


# Whitespace-separated tokens ("l'éducation", "centre.") repeat from one document to the
# next: their words and terms are worked out once per process. Folding and splitting a token
# gives the same words as folding and splitting the whole text, since words never span
# whitespace. Bounded against pathological input.
_tokens: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
_TOKENS_LIMIT = 1_000_000
_WORDS_OF, _TERMS_OF = itemgetter(0), itemgetter(1)


def _token(token: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found = _tokens.get(token)
    if found is None:
        found_words = tuple(words(token))
        found = (found_words, tuple(stem(w) for w in found_words))
        if len(_tokens) < _TOKENS_LIMIT:
            _tokens[token] = found
    return found


def analyse(title: str, body: str) -> tuple[list[str], list[str], set[str]]:
    """Title terms (in order), other terms (sorted, not already in the title), all words.

    Only the title keeps its order (it is shown and ranked); the body is a bag of terms.
    Indexing a million documents is the benchmark's longest step, hence the token cache.
    """
    title_words = words(title)
    title_terms = list(dict.fromkeys(_stems.get(w) or stem(w) for w in title_words))
    tokens = set(body.split())
    # map/chain keep the per-token loop in C; unseen tokens are rare once the cache is warm.
    found = list(map(_tokens.get, tokens))
    if None in found:
        found = [f or _token(t) for f, t in zip(found, tokens, strict=True)]
    entries = cast(list[tuple[tuple[str, ...], tuple[str, ...]]], found)
    body_words = set(chain.from_iterable(map(_WORDS_OF, entries)))
    body_words.update(title_words)
    body_terms = set(chain.from_iterable(map(_TERMS_OF, entries)))
    body_terms.difference_update(title_terms)
    return title_terms, sorted(body_terms), body_words


@dataclass(frozen=True)
class QueryWord:
    """One word of the search box: its term, and whether it may also match as a prefix."""

    word: str  # folded
    term: str  # stemmed
    prefix: bool
    english: str = ""  # the marked English term, for an English query

    @property
    def terms(self) -> list[str]:
        """The index terms this word matches (its French stem, and its English one)."""
        return [self.term, self.english] if self.english else [self.term]


def parse_text(text: str, *, prefix_last: bool = True, english: bool = False) -> list[QueryWord]:
    """The words of a query; the last one is a prefix (type-ahead) unless it is complete.

    A word is complete when a space follows it. Repeated words count once; stop words are
    dropped, so a query made only of stop words has no words. An ``english`` query (the
    reader's language) also drops English stop words and matches English stems too.
    """
    prefix_last = prefix_last and not text[-1:].isspace()
    folded = _split(fold_text(text))
    out: list[QueryWord] = []
    seen: set[str] = set()
    for index, word in enumerate(folded):
        last = index == len(folded) - 1
        if len(word) < 2:
            continue
        if word in STOPWORDS or (english and word in ENGLISH_STOPWORDS):
            continue
        is_prefix = prefix_last and last and len(word) >= MIN_PREFIX
        key = stem(word) + ("*" if is_prefix else "")
        if key in seen:
            continue
        seen.add(key)
        marked = english_term(word) if english and word.isascii() and not word.isdigit() else ""
        out.append(QueryWord(word=word, term=stem(word), prefix=is_prefix, english=marked))
    return out
