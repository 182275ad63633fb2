"""The week at a glance, as Rich Text, for the review screens. Typed text always goes through
`literal` / `one_line`: a note like `[b]x[/b]` shows as typed."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from data.models import ATTEMPTED, Interaction, MOOD_WORDS, Ratio, short, zone
from data.review import Week
from data.text import plural
from widgets.literal import literal, one_line
from widgets.mood_trend import mood_glyph

TRENDS = {"up": "up", "down": "down", "steady": "steady", "new": "no entries the week before", "none": "no entries"}


def heading(text: str) -> Text:
    return Text(text, style="bold")


def day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def span(first: date, last: date) -> str:
    return f"{day(first)} – {day(last)}"


def ratio_line(label: str, r: Ratio, target: float) -> Text:
    where = zone(r, target)
    where = "nothing logged" if where == "nothing" else where
    return Text.assemble((f"{label} ", "bold"), f"{short(r)}  ", (f"(aim {target:g}:1, {where})", "dim"))


def said_line(names: dict[str, str], by: str, text: str, width: int = 70) -> Text:
    """'Sam: text' on one line."""
    if not by:
        return Text.assemble("• ", one_line(text, width))
    return Text.assemble(literal(names.get(by, by), "bold"), ": ", one_line(text, width))


def mood_lines(week: Week, names: dict[str, str], ascii_only: bool = False) -> list[Text]:
    out = []
    for pid, trend in week.moods.items():
        avg = trend.average
        about = "no entries" if avg is None else f"{avg:.1f} ({MOOD_WORDS[round(avg)]}), {TRENDS[trend.direction]}"
        strip = "".join(mood_glyph(m, ascii_only) for m in trend.week)  # as the mood trend draws it
        out.append(Text.assemble(literal(names[pid], "bold"), "  ", strip, "  ", about))
    return out


def appreciation_lines(week: Week, names: dict[str, str], limit: int = 8) -> list[Text]:
    items = week.appreciations
    lines = [said_line(names, i.by, i.note) for i in items[-limit:]]
    if len(items) > limit:
        lines.insert(0, Text(f"… and {len(items) - limit} earlier", style="dim"))
    return lines or [Text("none logged with a note this week", style="dim")]


def went_right_lines(week: Week, names: dict[str, str]) -> list[Text]:
    aim = len(week.days_at_aim)
    lines = [Text(f"{aim} of 7 days at the everyday aim · {plural(week.repairs_accepted, 'repair')} "
                  f"accepted · {plural(week.everyday.positive, 'everyday positive')}")]
    for e in week.good_days:
        lines.append(Text.assemble(f"{e.day:%a} ", literal(names[e.by], "bold"), f" ({MOOD_WORDS[e.mood]}): ",
                                   one_line(e.happened, 56)))
    return lines


def negative_line(item: Interaction, names: dict[str, str], state: str) -> Text:
    note = one_line(item.note, 40) if item.note.strip() else Text("(no note)", style="dim")
    extra = f" ({item.tag})" if item.tag else ""
    tried = " · repair tried" if state == ATTEMPTED else ""
    return Text.assemble(f"{item.at:%a %H:%M} ", literal(names[item.by], "bold"), ": ", note, extra, (tried, "dim"))


def unrepaired_lines(week: Week, names: dict[str, str]) -> list[Text]:
    items = week.unrepaired
    return [negative_line(i, names, week.repair_state(i.uid)) for i in items] or [Text("none: every negative was repaired", style="dim")]


def stale_lines(week: Week, names: dict[str, str]) -> list[Text]:
    if week.stale_problem:
        return [literal(week.stale_problem, "dim")]
    lines = [Text.assemble("ask ", literal(names[s.by], "bold"), ": ", one_line(s.question, 48),
                           (f" ({plural(s.age_days, 'day')} old)", "dim")) for s in week.stale]
    return lines or [Text("none: every love-map answer is fresh", style="dim")]


def week_text(week: Week, names: dict[str, str], ascii_only: bool = False) -> Text:
    """Everything the meeting looks at, section by section."""
    parts: list[Text] = [
        heading(f"The week {span(week.first, week.last)}"),
        ratio_line("Everyday   ", week.everyday, week.everyday_target),
        ratio_line("In conflict", week.conflict, week.conflict_target),
        Text(),
        heading(f"Appreciations logged ({len(week.appreciations)})"), *appreciation_lines(week, names),
        Text(),
        heading("What went right"), *went_right_lines(week, names),
        Text(),
        heading(f"Unrepaired negatives ({len(week.unrepaired)})"), *unrepaired_lines(week, names),
        Text(),
        heading("Moods this week"), *mood_lines(week, names, ascii_only),
        Text(),
        heading("Love-map answers worth asking about again"), *stale_lines(week, names),
    ]
    return Text("\n").join(parts)
