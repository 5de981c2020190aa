"""Language identification: a cheap English function-word test first, lingua for the rest.

Most of what Détente reads is English; counting English function words settles those in
microseconds. Anything else goes to lingua (its models ship inside the package: no download),
restricted to the languages of world news in low-accuracy mode, which keeps it under 100 MB.
"""
from __future__ import annotations

import functools
import re

__all__ = ["detect_language"]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# The same words the fast way, for text whose only non-ASCII characters are punctuation (curly
# quotes, dashes): every byte that is not an ASCII letter becomes a space, letters lower-case.
_LETTER_BYTES = bytes((b | 0x20) if 65 <= b <= 90 else b if 97 <= b <= 122 else 32 for b in range(256))
# Characters the fast way cannot read: non-ASCII beyond general punctuation and Latin-1 symbols,
# and the word characters among those (ª ² ³ µ ¹ º ¼ ½ ¾).
_NOT_FAST = re.compile(r"[^\x00-\x7f\u2000-\u206f\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf]")
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for on it with as was at by be this from are have has had not but "
    "or an they which its their were been will would who said he she his her we our you said than".split())

_ENGLISH_FUNCTION_BYTES = frozenset(w.encode() for w in _ENGLISH_FUNCTION_WORDS)

_LINGUA_LANGUAGES = (
    "ENGLISH GERMAN FRENCH SPANISH PORTUGUESE ITALIAN DUTCH RUSSIAN UKRAINIAN POLISH CZECH TURKISH "
    "ARABIC PERSIAN CHINESE JAPANESE KOREAN HINDI URDU INDONESIAN SWEDISH DANISH BOKMAL FINNISH GREEK "
    "HEBREW HUNGARIAN ROMANIAN VIETNAMESE THAI SERBIAN CROATIAN BULGARIAN GEORGIAN").split()


@functools.lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return (LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in _LINGUA_LANGUAGES))
            .with_low_accuracy_mode().build())


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when the text is too short to tell."""
    sample = text[:3000]
    if sample.isascii() or not _NOT_FAST.search(sample):
        words = sample.encode().translate(_LETTER_BYTES).split()
        function_words = _ENGLISH_FUNCTION_BYTES
    else:
        words = [w.lower() for w in _WORD.findall(sample)]
        function_words = _ENGLISH_FUNCTION_WORDS
    if not words:
        return None
    function_share = sum(map(function_words.__contains__, words)) / len(words)
    if len(words) >= 4 and function_share >= 0.2:
        return "en"
    if len(words) < 4:
        # One short line cannot be identified reliably; English function words decide, else unknown.
        return "en" if function_share > 0 else None
    language = _detector().detect_language_of(sample[:1000])
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()
