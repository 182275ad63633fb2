"""The live ratio gauge: each partner logs + and − with their own keys, the ratio repaints
at once, and another session's log shows up within the app's 50 ms poll."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.markup import escape
from textual.containers import Horizontal
from textual.widgets import OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from data.interactions import NEGATIVE_TAGS, POSITIVE_TAGS, Repair
from data.models import Interaction
from data.ratios import CONFLICT, EVERYDAY, PERIODS, short, zone
from screens.base import FeatureScreen
from screens.gauge_text import (
    PERIOD_RIGHT, ZONE_WORDS, clock_text, describe, name_short, partner_rows, period_rows, sign,
    trend_summary, trend_value, when,
)
from widgets.gauge_panel import GaugePanel
from widgets.literal import literal, visible
from widgets.repaint import set_border_title, update
from widgets.key_footer import KeyFooter

HELP = (
    "Each of you has your own + and − keys: nobody switches modes. After logging, n adds a note or "
    "tag to that entry; after a negative, r logs a repair attempt. Undo takes back the last entry made "
    "here (or else the newest). While a conflict is open, entries count toward the conflict ratio "
    "(aim 5:1) instead of the everyday one (aim 20:1). Esc goes back home."
)


class GaugeScreen(FeatureScreen):
    CSS_PATH = "gauge.tcss"
    HELP = HELP
    AUTO_FOCUS = ""  # logging needs no focus; Tab reaches the unrepaired list
    # Descriptions in braces are filled with the couple's names and state (see active_bindings).
    BINDINGS = [
        Binding("e", "log('a', True)", "{a} +", key_display="e+", group=Binding.Group("{a}")),
        Binding("d", "log('a', False)", "{a} −", key_display="d−", group=Binding.Group("{a}")),
        Binding("i", "log('b', True)", "{b} +", key_display="i+", group=Binding.Group("{b}")),
        Binding("k", "log('b', False)", "{b} −", key_display="k−", group=Binding.Group("{b}")),
        Binding("u", "undo", "Undo"),
        Binding("c", "conflict", "{conflict}"),
        Binding("r", "repair", "Repair"),
        Binding("f", "flooded", "Flooded"),
        Binding("n", "note", "Note/tag", show=False),
        Binding("t", "period", "Today / 7 / 30 days", show=False),
        Binding("p", "partners", "Split by partner", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.names = {"a": "a", "b": "b"}
        self.period = 0  # index into PERIODS: what the big numbers show
        self.split = False  # per-partner columns instead of the zone words
        self.recent = None
        self.conflict = None
        self.brk = None
        self.mine: list[tuple[str, object]] = []  # what this screen logged, for undo
        self.last_logged: Interaction | None = None
        self.select_uid: str | None = None  # negative to highlight in the unrepaired list
        self._keys: tuple = ()
        self._listed: list[tuple[str, Text]] = []
        self._unrepaired_shown: tuple = ()

    def compose(self) -> ComposeResult:
        ascii_only = getattr(self.app, "ascii_only", False)
        with Horizontal(id="top"):
            yield Static(id="title")
            yield Static(id="state")
        with Horizontal(id="panels"):
            yield GaugePanel("Everyday · aim 20:1", 20, ascii_only, id="everyday")
            yield GaugePanel("Conflict · aim 5:1", 5, ascii_only, id="conflict")
        yield Static(id="trend-caption")
        with Horizontal(id="trend-row"):
            yield Static(id="trend-from")
            yield Sparkline([], id="trend")
            yield Static("today", id="trend-to")
        yield Static(id="unrepaired-title")
        yield OptionList(id="unrepaired")
        yield Static(id="said")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_data()
        self.set_interval(1, self.show_state)  # a running break counts down here too

    def on_screen_resume(self) -> None:
        self.show_state()  # back from a dialog: the countdown is current at once

    # -- bindings with names ---------------------------------------------------------
    @property
    def active_bindings(self):
        fit = 8 if self.size.width < 100 else 16  # both names and every key fit at 80 columns
        # The Footer reads a group's label (and a key's tooltip) as markup: names are escaped.
        words = {
            "a": escape(visible(name_short(self.names["a"], fit))), "b": escape(visible(name_short(self.names["b"], fit))),
            "conflict": "End conflict" if self.conflict else "Conflict",
        }
        active = {}
        for key, item in super().active_bindings.items():
            binding = item.binding
            if item.node is self and "{" in binding.description:
                group = binding.group and replace(binding.group, description=binding.group.description.format(**words))
                binding = replace(binding, description=binding.description.format(**words), group=group)
                item = item._replace(binding=binding)
            elif binding.action in ("quit", "app.home"):
                # Room for the partners' names at 80 columns; F1 still lists Esc and Ctrl+Q.
                item = item._replace(binding=replace(binding, show=False))
            active[key] = item
        return active

    def on_resize(self) -> None:
        self.refresh_bindings()  # names in the Footer are cut to fit the width

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "repair" and self.recent is not None and not self.recent.unrepaired(7):
            return None  # shown greyed: nothing to repair
        return True

    # -- reading and painting ------------------------------------------------------------
    def refresh_data(self) -> None:
        """Cheap on purpose (runs on every keypress and every change elsewhere):
        attune.json plus the one or two month files of the last 30 days."""
        store = self.store
        self.names = {p.id: p.name for p in store.partners()}
        self.settings = store.settings()
        self.conflict = store.interactions.current_conflict()
        self.brk = store.interactions.current_break()
        self.recent = store.interactions.recent(30)
        self.paint()
        # The footer recomposes on refresh_bindings: only when a name, the conflict key
        # or the repair key's state really changed.
        keys = (tuple(self.names.values()), self.conflict is not None, bool(self.recent.unrepaired(7)))
        if keys != self._keys:
            self._keys = keys
            self.refresh_bindings()

    def paint(self) -> None:
        recent, s = self.recent, self.settings
        days, label = PERIODS[self.period]
        title = Text.assemble(("Ratio gauge", "bold"), "  ", literal(self.names["a"]), " & ", literal(self.names["b"]))
        update(self.query_one("#title", Static), title, layout=True)  # its width follows the names
        self.show_state()
        everyday = self.query_one("#everyday", GaugePanel)
        set_border_title(everyday, f"Everyday · aim {s.everyday_target:g}:1")
        self.paint_panel(everyday, recent.ratio(days, EVERYDAY), label, EVERYDAY, s.everyday_target)
        panel = self.query_one("#conflict", GaugePanel)
        panel.set_class(self.conflict is not None, "-open")
        if self.conflict:
            set_border_title(panel, f"Conflict · aim {s.conflict_target:g}:1 · OPEN")
            r = recent.for_conflict(self.conflict.uid)
            heading = f"This conflict, since {when(self.conflict.started, recent.today)}"
        else:
            set_border_title(panel, f"Conflict · aim {s.conflict_target:g}:1")
            r, heading = recent.ratio(days, CONFLICT), label
        self.paint_panel(panel, r, heading, CONFLICT, s.conflict_target)
        self.paint_trend()
        self.paint_unrepaired()

    def paint_panel(self, panel: GaugePanel, r, heading: str, context: str, target: float) -> None:
        z = zone(r, target)
        if self.split:
            rows, right = partner_rows(self.recent, context, self.names), ()
        else:
            rows, right = period_rows(self.recent, context, target), PERIOD_RIGHT
        words = f"{r.positive}+ {r.negative}−"
        panel.show(Text.assemble((heading, "bold"), f"  {words}"), short(r), z, ZONE_WORDS[z], r.value, target, rows, right)

    def paint_trend(self) -> None:
        target = self.settings.everyday_target
        series = self.recent.daily(30, EVERYDAY)
        self.query_one("#trend", Sparkline).data = [trend_value(r, target) for _day, r in series]
        update(self.query_one("#trend-from", Static), f"{series[0][0]:%d %b}")
        caption = Text.assemble(("Everyday, per day: ", "bold"), trend_summary(series, target))
        update(self.query_one("#trend-caption", Static), caption)

    def paint_unrepaired(self) -> None:
        recent = self.recent
        todo = recent.unrepaired(7)
        shown = (tuple((i, recent.repair_state(i.uid)) for i in todo), tuple(self.names.items()), recent.today)
        if shown == self._unrepaired_shown and self.select_uid is None:
            return  # a + changes nothing here: skip describing every line again
        self._unrepaired_shown = shown
        listing = self.query_one("#unrepaired", OptionList)
        keep = self.select_uid or (
            listing.get_option_at_index(listing.highlighted).id
            if listing.highlighted is not None and listing.option_count else None
        )
        self.select_uid = None
        lines = []
        for item in todo:
            tried = recent.repair_state(item.uid) == "attempted"
            line = describe(item, self.names, recent.today, status="repair tried, not accepted" if tried else "")
            lines.append((item.uid, line))
        if lines != self._listed:  # rebuilding the list is the costly part of a repaint
            self._listed = lines
            listing.clear_options()
            listing.add_options([Option(line, id=uid) for uid, line in lines])
        ids = [i.uid for i in todo]
        if ids:
            listing.highlighted = ids.index(keep) if keep in ids else 0
        count = f"{len(todo)}" if todo else "none"
        title = Text.assemble(("Unrepaired negatives, last 7 days: ", "bold"), count)
        if todo:
            title.append("  (r repairs the highlighted · Tab picks)", style="dim")
        update(self.query_one("#unrepaired-title", Static), title)
        listing.display = bool(todo)

    def show_state(self) -> None:
        parts = []
        if self.conflict:
            parts.append(f"CONFLICT OPEN since {when(self.conflict.started, self.store.now().date())}")
        if self.brk:
            now = self.store.now()
            if self.brk.left(now):
                parts.append(f"BREAK {clock_text(self.brk.left(now))} left")
            else:
                parts.append(f"break over: come back by {when(self.brk.return_by, now.date())}")
        update(self.query_one("#state", Static), Text(" · ".join(parts), style="bold"))

    def say(self, text: Text | str) -> None:
        update(self.query_one("#said", Static), text)

    def changed(self) -> None:
        """After our own write: repaint now, and let other screens know (home's summary)."""
        self.app.data_changed()  # type: ignore[attr-defined]

    # -- actions ------------------------------------------------------------------------
    def action_log(self, pid: str, positive: bool) -> None:
        item = self.attempt(self.store.interactions.log, pid, positive)
        if item is None:
            return
        self.mine.append(("log", item))
        self.last_logged = item
        if not positive:
            self.select_uid = item.uid
        self.changed()
        said = Text.assemble(
            "Logged ", (sign(positive), "bold"), " for ", literal(self.names[pid], "bold"), f" at {item.at:%H:%M}",
            ("  n: add a note or tag", "dim"),
        )
        if not positive:
            said.append("  r: log a repair attempt", style="dim")
        self.say(said)

    def action_undo(self) -> None:
        with self.trying():  # a failed undo says why and keeps this session's list as it was
            self._undo()

    def _undo(self) -> None:
        inter = self.store.interactions
        while self.mine:
            kind, what = self.mine[-1]
            done = inter.remove_repair(what) if kind == "repair" else inter.remove(what.uid)
            self.mine.pop()  # done, or already gone (undone elsewhere): either way off the list
            if done and kind == "repair":
                self.changed()
                self.say(Text.assemble("Undid the repair of ", describe(self.find(what.negative), self.names, self.recent.today)))
                return
            if done:
                self.changed()
                self.say(Text.assemble("Undid ", describe(done, self.names, self.recent.today)))
                return
        gone = inter.undo_last()
        if gone is None:
            self.say("Nothing to undo.")
            return
        self.changed()
        self.say(Text.assemble("Undid the newest entry: ", describe(gone, self.names, self.recent.today)))

    def find(self, uid: str) -> Interaction:
        found = [i for i in self.recent.items if i.uid == uid]
        return found[0] if found else Interaction(uid, self.store.now(), "?", False)

    def action_note(self) -> None:
        from screens.gauge_note import NoteDialog

        target = self.last_logged
        if target is None or target.uid not in {i.uid for i in self.recent.items}:
            target = self.recent.newest()
        if target is None:
            self.say("Nothing logged yet to add a note to.")
            return
        target = self.find(target.uid)  # the stored note and tag, not our copy
        tags = POSITIVE_TAGS if target.positive else NEGATIVE_TAGS

        def done(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            saved = self.attempt(self.store.interactions.annotate, target.uid, *result)
            if saved is not None:
                self.changed()
                self.say(Text.assemble("Saved: ", describe(saved, self.names, self.recent.today)))

        self.app.push_screen(NoteDialog(describe(target, self.names, self.recent.today), target.note, target.tag, tags), done)

    def action_repair(self) -> None:
        from screens.gauge_repair import RepairDialog

        listing = self.query_one("#unrepaired", OptionList)
        if listing.highlighted is None or not listing.option_count:
            self.say("No unrepaired negatives in the last 7 days.")
            return
        negative = self.find(listing.get_option_at_index(listing.highlighted).id or "")

        def done(result: dict | None) -> None:
            if result is None:
                return
            repair: Repair | None = self.attempt(self.store.interactions.add_repair, negative.uid, **result)
            if repair is None:
                return
            self.mine.append(("repair", repair))
            self.changed()
            outcome = "accepted: repaired" if repair.accepted else "not accepted (yet): still on the list"
            self.say(Text.assemble("Repair logged for ", describe(negative, self.names, self.recent.today), f" · {outcome}"))

        self.app.push_screen(RepairDialog(describe(negative, self.names, self.recent.today), self.names, negative.by), done)

    def action_conflict(self) -> None:
        inter = self.store.interactions
        if self.conflict:
            left = self.brk.left(self.store.now()) if self.brk else None
            if left:  # ending the conflict ends the break too: never silently
                from screens.confirm import ConfirmModal

                question = (f"A flooded break is running ({clock_text(left)} left). Ending the conflict "
                            "ends the break too. End both?")
                self.app.push_screen(ConfirmModal(question, "End both", "Keep going"),
                                     callback=lambda yes: yes and self._end_conflict(with_break=True))
            else:
                self._end_conflict(with_break=self.brk is not None)
        else:
            started = self.attempt(inter.start_conflict)
            self.changed()
            if started:
                self.say("Conflict started: entries now count toward the conflict ratio. c ends it.")

    def _end_conflict(self, with_break: bool) -> None:
        uid = self.conflict.uid if self.conflict else None
        ended = self.attempt(self.store.interactions.end_conflict)
        self.changed()
        if ended:
            r = self.recent.for_conflict(uid)
            target = self.settings.conflict_target
            done = " The break and its reminder are over too." if with_break else ""
            self.say(f"Conflict ended: {r.positive}+ {r.negative}− ({short(r)}, aim {target:g}:1).{done}")

    def action_flooded(self) -> None:
        from screens.gauge_flooded import FloodedDialog

        inter = self.store.interactions
        brk = self.brk if self.brk and self.brk.left(self.store.now()) else self.attempt(inter.take_break)
        if brk is None:
            return
        self.changed()

        def done(back: bool | None) -> None:
            if back:
                self.attempt(inter.end_break)
                self.changed()
                self.say("Welcome back. Go gently: one of you starts softly.")

        self.app.push_screen(FloodedDialog(brk), done)

    def action_period(self) -> None:
        self.period = (self.period + 1) % len(PERIODS)
        self.paint()

    def action_partners(self) -> None:
        self.split = not self.split
        self.paint()

    @on(OptionList.OptionSelected, "#unrepaired")
    def repair_selected(self) -> None:
        self.action_repair()
