"""Chinese line breaking by word: jieba finds the words, each is kept on one line.

Pango breaks Chinese between any two characters (UAX 14), so a title can break inside a word
(傍 / 晚) and end on a line of one character. Each word of two or more characters becomes a
`<span class="w">` (white-space: nowrap in house.css), so lines break only between words; the
last word is joined to the one before when it is a single character, so no last line holds
one character alone.
"""

import logging
import re
from functools import cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003ffff]")


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def chinese_words(text):
    """`text` as a list of words (jieba), punctuation attached to the word before it."""
    words = []
    for word in _jieba().cut(text, HMM=False):
        if words and not _HAN.search(word) and not word.isspace() and not word.isalnum():
            words[-1] += word  # punctuation stays with its word
        else:
            words.append(word)
    han = [i for i, word in enumerate(words) if _HAN.search(word)]
    if len(han) >= 2 and len(_HAN.findall(words[han[-1]])) == 1:
        last, before = han[-1], han[-2]
        words[before : last + 1] = ["".join(words[before : last + 1])]
    return words


def break_by_word(text):
    """HTML of a plain Chinese text with line breaks only between words (see above); other
    texts and HTML already marked safe (rich text) are returned unchanged."""
    value = str(text)
    if isinstance(text, SafeString) or not _HAN.search(value):
        return text
    parts = []
    for word in chinese_words(value):
        if len(word) > 1 and _HAN.search(word):
            parts.append(f'<span class="w">{escape(word)}</span>')
        else:
            parts.append(escape(word))
    return mark_safe("".join(parts))  # noqa: S308 (every part escaped above)
