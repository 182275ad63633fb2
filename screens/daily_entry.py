"""Write or edit one partner's entry for one day. The title says loudly who is writing."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from data.daily import FIELDS
from data.models import DailyEntry
from data.text import ENTRY_MAX
from screens.daily_base import DailySubScreen, day_name
from widgets.entry_view import LABELS
from widgets.literal import literal
from widgets.mood_picker import MoodPicker
from widgets.plain_text_area import PlainTextArea
from widgets.key_footer import KeyFooter

LABEL_OF = dict(LABELS)


class EntryEditor(DailySubScreen):
    CSS_PATH = "daily_entry.tcss"
    HELP = (
        "Pick a mood (required): press 1 awful, 2 low, 3 okay, 4 good or 5 great, or use ←/→. "
        "Tab moves to the next box. The three boxes are optional. Ctrl+S saves; Esc asks before "
        "throwing away what you typed."
    )
    AUTO_FOCUS = "#mood"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "back", "Cancel"),
    ]

    def __init__(self, by: str, day: date, unlocked: bool = False) -> None:
        super().__init__()
        self.by = by
        self.day = day
        self.unlocked = unlocked
        self._expected = ""  # the saved version we started from: guards against another session
        self._initial: tuple = ()
        self._discard_armed = False

    def compose(self) -> ComposeResult:
        partner = self.store.partner(self.by)
        title = Text.assemble(literal(partner.name, "bold"), " is writing", ("  ·  ", "dim"),
                              day_name(self.day, self.store.daily.today()))
        if self.unlocked:
            title.append("  ·  unlocked earlier day", "bold")
        yield Static(title, id="editor-title", classes=f"partner-{self.by}")
        with Vertical(id="editor"):
            yield Static("Mood (required): a number 1–5 or ←/→", classes="field-label", markup=False)
            yield MoodPicker(id="mood")
            for field, label in LABELS:
                yield Static(label, id=f"label-{field}", classes="field-label", markup=False)
                yield PlainTextArea(id=field, classes="field")
        yield KeyFooter()

    def on_mount(self) -> None:
        entry = self.store.daily.entry(self.by, self.day)
        if entry is not None:
            self._load(entry)
        self._initial = self._values()
        for field in FIELDS:
            self._count(field)

    def _load(self, entry: DailyEntry) -> None:
        self._expected = entry.updated.isoformat() if entry.updated else ""
        self.query_one("#mood", MoodPicker).value = entry.mood
        for field in FIELDS:
            area = self.query_one(f"#{field}", PlainTextArea)
            area.load_text(getattr(entry, field))
            area.move_cursor(area.document.end)  # typing adds to what is there

    def entered(self) -> bool:  # Ctrl+Q asks once (AttuneApp.action_quit)
        return self._values() != self._initial

    def _values(self) -> tuple:
        texts = tuple(self.query_one(f"#{f}", PlainTextArea).raw_text for f in FIELDS)
        return (self.query_one("#mood", MoodPicker).value, *texts)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        self._discard_armed = False
        if event.text_area.id in FIELDS:
            self._count(event.text_area.id)

    def _count(self, field: str) -> None:
        """The box's label with its length: runs on every key typed, so no layout pass."""
        size = len(self.query_one(f"#{field}", PlainTextArea).text)
        text = Text(LABEL_OF[field])
        if size > ENTRY_MAX:
            text.append(f"  {size:,}/{ENTRY_MAX:,} too long", "bold")
        elif size:
            text.append(f"  {size:,}/{ENTRY_MAX:,}", "dim")
        self.query_one(f"#label-{field}", Static).update(text, layout=False)

    def action_save(self) -> None:
        mood, *texts = self._values()
        saved = self.attempt(
            self.store.daily.save, self.by, mood, *texts,
            day=self.day, unlocked=self.unlocked, expected=self._expected,
        )
        if saved is not None:
            self.dismiss(saved)

    def action_back(self) -> None:
        if self.entered() and not self._discard_armed:
            self._discard_armed = True
            self.notify("Not saved yet. Esc again throws it away; Ctrl+S saves.", title="Unsaved", severity="warning")
            return
        self.dismiss(None)
