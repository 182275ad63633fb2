"""Love-map questions: the decks shipped as TOML files in data/decks/, and the Question record.

A question's id is "<deck>.<id>" (e.g. "starter.hobby"); answers refer to it, so ids never change.
Custom questions, written in the app, live in quiz.json with ids "custom.<uid>".
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from data.errors import DataError

CUSTOM = "custom"


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    category: str
    sensitive: bool = False
    deck: str = ""
    retired: bool = False  # a custom question taken out of play; its answers stay

    @property
    def custom(self) -> bool:
        return self.deck == CUSTOM


@dataclass(frozen=True)
class Deck:
    id: str
    title: str
    about: str
    questions: tuple[Question, ...]

    def playable(self, sensitive: bool) -> list[Question]:
        """The questions a round may ask, given the couple's sensitive-questions setting."""
        return [q for q in self.questions if not q.retired and (sensitive or not q.sensitive)]


def _deck_from_toml(deck_id: str, raw: dict) -> tuple[int, Deck]:
    where = f"deck {deck_id}.toml"
    try:
        default_category = raw.get("category", "")
        default_sensitive = bool(raw.get("sensitive", False))
        questions = []
        for item in raw["questions"]:
            category = item.get("category", default_category)
            if not item["id"] or not item["text"].strip() or not category:
                raise DataError(f"{where}: every question needs an id, a text and a category")
            questions.append(Question(
                id=f"{deck_id}.{item['id']}", text=item["text"], category=category,
                sensitive=bool(item.get("sensitive", default_sensitive)), deck=deck_id,
            ))
        deck = Deck(deck_id, raw["title"], raw.get("about", ""), tuple(questions))
        return int(raw.get("order", 99)), deck
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise DataError(f"{where} is malformed ({exc!r})") from None


@lru_cache(maxsize=1)
def shipped_decks() -> tuple[Deck, ...]:
    """Every deck in data/decks, in their `order`. Read once per process (they never change)."""
    found = []
    for entry in resources.files("data").joinpath("decks").iterdir():
        if entry.name.endswith(".toml"):
            try:
                raw = tomllib.loads(entry.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise DataError(f"deck {entry.name} is not valid TOML: {exc}") from None
            found.append(_deck_from_toml(entry.name[:-5], raw))
    decks = tuple(deck for _order, deck in sorted(found, key=lambda pair: (pair[0], pair[1].id)))
    seen: set[str] = set()
    for deck in decks:
        for q in deck.questions:
            if q.id in seen:
                raise DataError(f"question id {q.id!r} appears twice in the decks")
            seen.add(q.id)
    return decks


def shipped_questions() -> dict[str, Question]:
    return {q.id: q for deck in shipped_decks() for q in deck.questions}
