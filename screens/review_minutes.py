"""A past meeting's minutes, to read: what was said, in full and exactly as typed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from data.errors import DataError, InputError
from data.models import Ratio, short
from data.review import Minutes, Said
from data.text import plural
from screens.base import AttuneScreen
from screens.review_steps import clock_face
from screens.review_week import span
from widgets.literal import literal
from widgets.key_footer import KeyFooter


def _said(lines: tuple[Said, ...], names: dict[str, str], empty: str) -> list[Text]:
    out = [Text.assemble("  ", literal(names.get(s.by, s.by), "bold"), ": ", literal(s.text)) if s.by
           else Text.assemble("  • ", literal(s.text)) for s in lines]
    return out or [Text(f"  {empty}", style="dim")]


def _figures(f: dict, names: dict[str, str]) -> list[Text]:
    if not f:
        return []
    everyday, conflict = Ratio(*f.get("everyday", (0, 0))), Ratio(*f.get("conflict", (0, 0)))
    moods = " · ".join(f"{names.get(pid, pid)} {avg:.1f}" if avg is not None else f"{names.get(pid, pid)} –"
                       for pid, avg in (f.get("moods") or {}).items())
    return [
        Text.assemble(("The week then: ", "bold"),
                      f"everyday {short(everyday)} (aim {f.get('everyday_target', 20):g}:1) · "
                      f"in conflict {short(conflict)} (aim {f.get('conflict_target', 5):g}:1)"),
        Text(f"  {plural(f.get('appreciations_logged', 0), 'appreciation')} logged · "
             f"{plural(f.get('unrepaired', 0), 'unrepaired negative')} · {f.get('days_at_aim', 0)} of 7 days at aim"),
        Text(f"  average mood: {moods}") if moods else Text(),
    ]


def minutes_text(m: Minutes, names: dict[str, str]) -> Text:
    held = f"held {m.held:%a %d %b %Y at %H:%M}" if m.held else "still going"
    out = [Text(f"Weekly review, {held}", style="bold"), Text(f"About the week {span(m.week_start, m.week_end)}"),
           *_figures(m.figures, names), Text()]
    out += [Text("Appreciations", style="bold"), *_said(m.appreciations, names, "none said"), Text()]
    out += [Text("What went right", style="bold"), *_said(m.went_right, names, "none said"), Text()]
    out.append(Text("The issue", style="bold"))
    if m.issue:
        out.append(Text.assemble("  ", literal(m.issue), " (raised by ", literal(names.get(m.issue_by, "?")), ")"))
    else:
        out.append(Text("  none raised", style="dim"))
    for n, t in enumerate(m.turns, 1):
        line = Text.assemble(f"  {n}. ", literal(names.get(t.speaker, "?"), "bold"), f" spoke {clock_face(t.seconds)}")
        if t.heard:
            line.append_text(Text.assemble("; ", literal(names.get(t.listener, "?"), "bold"), " heard: ", literal(t.heard)))
        out.append(line)
    out += [Text(), Text("Agreements", style="bold"), *_said(m.agreements, names, "none"), Text()]
    out += [Text("Notes", style="bold"), literal(m.notes) if m.notes.strip() else Text("  none", style="dim")]
    return Text("\n").join(out)


class MinutesScreen(AttuneScreen):
    CSS_PATH = "review.tcss"
    HELP = "The minutes of a past weekly review, as they were saved. Arrows and PgUp/PgDn scroll."
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, uid: str) -> None:
        super().__init__()
        self.uid = uid

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="minutes-box"):
            yield Static(id="minutes")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reread()
        self.query_one("#minutes-box").focus()

    def refresh_data(self) -> None:
        names = {p.id: p.name for p in self.store.partners()}
        try:
            text = minutes_text(self.store.review.get(self.uid), names)
        except (DataError, InputError) as exc:
            text = literal(str(exc))
        self.query_one("#minutes", Static).update(text)
