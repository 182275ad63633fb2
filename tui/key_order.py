"""Keys reach the field they were typed for, however fast they come.

Textual hands each key to whatever has focus at the moment the App reads it. Keys that arrive in
one burst (fast typing, a terminal sending a line at once) are all read before the handler of an
earlier key has run, so a key typed after Enter in an answer box landed in that box instead of
the next one, and a key after a screen-opening letter reached the old screen.

`KeysInOrder`, mixed into an App, holds the keys that come after one that may move focus until
that key has been handled: the widget it went to and the widgets above it have worked through
their queues (a few rounds, for messages that bubble up), and focus changes they scheduled have
run. Then the held keys go on, one at a time, to whatever has focus by then. The check runs
only once a second key is waiting, so a lone key press costs nothing. Text typed into a field
goes straight through; a key after it that may act at once (Ctrl+S is the App's) first waits
for that text to be in the field.
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.message_pump import MessagePump
from textual.widget import Widget

ROUND_LIMIT = 1.0  # seconds one round may take before held keys go on regardless (never a hang)


def _is_text_field(widget: Widget | None) -> bool:
    # By name: importing TextArea here would load it before the first frame.
    return widget is not None and any(c.__name__ in ("Input", "TextArea") for c in type(widget).__mro__)


def _moves_nothing(event: events.Key | events.Paste, focused: Widget | None) -> bool:
    """Text typed or pasted into a text field only edits that field."""
    typing = isinstance(event, events.Paste) or event.is_printable
    return typing and _is_text_field(focused)


class KeysInOrder:
    """Mixed into an App before App. See the module's docstring."""

    _held: list[events.Event] | None = None  # keys waiting for the one before them; None: none is
    _after: Widget | None = None  # the widget that key went to
    _releasing: asyncio.Task | None = None
    _unsettled: Widget | None = None  # a text field handed keys it may not have handled yet

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, (events.Key, events.Paste)) or event.is_forwarded:
            await super().on_event(event)  # type: ignore[misc]
            return
        if self._held is not None:
            self._held.append(event)
            if self._releasing is None:  # checked only once a key waits: a lone key costs nothing
                self._release(self._after)
            return
        focused = self.focused  # type: ignore[attr-defined]
        if _moves_nothing(event, focused):  # typing runs straight through
            await super().on_event(event)  # type: ignore[misc]
            self._unsettled = focused
            return
        if self._unsettled is not None:
            # A key that may act (Ctrl+S saves at once, from the App) waits for the text before
            # it to be in its field.
            target, self._unsettled = self._unsettled, None
            self._held = [event]
            self._release(target)
            return
        await super().on_event(event)  # type: ignore[misc]
        self._held, self._after = [], focused or self.screen  # type: ignore[attr-defined]

    def _release(self, target: Widget | None) -> None:
        self._releasing = asyncio.get_running_loop().create_task(self._release_after(target))

    def _chain(self, *starts: Widget | None) -> set[MessagePump]:
        nodes: set[MessagePump] = {self}  # type: ignore[arg-type]
        for start in starts:
            if start is not None:
                nodes.update(start.ancestors_with_self)
        return nodes

    async def _release_after(self, target: Widget | None) -> None:
        """Wait until `target`, the widgets above it, the screen now showing and the App have
        handled what is queued for them (a key a widget does not use bubbles up to the App,
        which runs the screen's binding), then let the held keys go on, behind any focus change
        those handlers scheduled on the App."""
        try:
            for _ in range(len(self._chain(target)) + 1):  # a message can bubble one level a round
                done = []
                for node in self._chain(target, self.focused, self.screen):  # type: ignore[attr-defined]
                    handled = asyncio.Event()
                    if node.call_later(handled.set):  # False once the widget is gone
                        done.append(handled.wait())
                await asyncio.wait_for(asyncio.gather(*done), ROUND_LIMIT)
        except Exception:  # a round that timed out, a screen gone mid-round: go on
            pass
        finally:
            self._releasing = None
            self.call_later(self._replay)  # type: ignore[attr-defined]

    async def _replay(self) -> None:
        held, self._held = self._held or [], None
        for index, event in enumerate(held):
            if self._held is not None:  # that key may move focus too: the rest wait again
                self._held.extend(held[index:])
                if self._releasing is None:
                    self._release(self._after)
                return
            await self.on_event(event)
