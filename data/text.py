"""Checks for text a person types. Text is stored exactly as given (so nothing is lost);
the screens make control characters visible when they show it."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from data.errors import InputError

NAME_MAX = 40
NOTE_MAX = 2_000
ENTRY_MAX = 10_000
JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner
# Bidi embeddings, overrides and isolates (a regex class body): shown, they can make a line read
# as something else, so drawing and the Markdown report leave them out (stored text keeps them).
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"


def clean_name(raw: str, what: str = "name") -> str:
    name = unicodedata.normalize("NFC", raw or "").strip()
    if not name:
        raise InputError(f"{what} is empty: type a name")
    # Joiners are format characters too, but names need them: ZWNJ in Persian and Hindi
    # spellings, ZWJ inside emoji sequences. They cannot move or hide text, unlike bidi overrides.
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in JOINERS for ch in name):
        raise InputError(f"{what} has control characters: use letters, digits and spaces")
    if len(name) > NAME_MAX:
        raise InputError(f"{what} is too long ({len(name)} characters; at most {NAME_MAX})")
    return name


def check_text(raw: str | None, what: str, limit: int = NOTE_MAX) -> str:
    """Free text: kept as typed (escapes, markup and all), but bounded and without NULs."""
    text = (raw or "").replace("\x00", "")
    if len(text) > limit:
        raise InputError(f"{what} is too long ({len(text):,} characters; at most {limit:,})")
    return text


def name_key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def plural(count: int, word: str, many: str = "") -> str:
    """`1 question`, `2 questions`, `1,200 entries` (give `many` where adding s is wrong)."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


@lru_cache(maxsize=4096)
def _bare(ch: str) -> str:
    parts = unicodedata.normalize("NFD", ch)
    return parts[0] if len(parts) > 1 and all(unicodedata.combining(p) for p in parts[1:]) else ch


def fold(text: str) -> str:
    """For search: case and accents set aside ("Café" finds "cafe"), a letter for a letter, so a
    hit's place in the folded text is its place in the text (casefold rarely changes a length)."""
    return (text if text.isascii() else "".join(map(_bare, text))).casefold()
