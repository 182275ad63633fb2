"""The app shell: onboarding, home, navigation, help, themes."""

from __future__ import annotations

from data import Store
from tests.conftest import screen_text, wait_for
from tui.app import AttuneApp


async def test_onboarding_asks_names_then_opens_home(data_dir, clock):
    store = Store.open(data_dir, clock=clock)
    app = AttuneApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Welcome to attune" in screen_text(app)
        await pilot.press(*"Sam", "enter")
        await pilot.press(*"Alex", "enter")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        text = screen_text(app)
        assert "Sam & Alex" in text
    # and it landed on disk: a new Store (another session) sees the couple
    assert [p.name for p in Store.open(data_dir).partners()] == ["Sam", "Alex"]


async def test_onboarding_finished_in_another_session_meanwhile_joins_it(data_dir, clock):
    """Both of you start attune for the first time at once: the second to press Enter joins the
    couple the first set up, instead of being stuck on the form."""
    store = Store.open(data_dir, clock=clock)
    app = AttuneApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, "Welcome to attune")
        Store.open(data_dir, clock=clock).setup_couple("Zoë", "José")  # the other terminal
        await pilot.press(*"Sam", "enter", *"Alex", "enter")
        await wait_for(pilot, "Zoë & José", "were set up in another session meanwhile")
        assert type(app.screen).__name__ == "HomeScreen"
    assert [p.name for p in Store.open(data_dir).partners()] == ["Zoë", "José"]


async def test_the_palette_on_the_welcome_form_offers_no_screen_to_open(data_dir, clock):
    app = AttuneApp(Store.open(data_dir, clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "Welcome to attune")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Help" in titles and not [t for t in titles if t.startswith("Open ") or t == "Home"]


async def test_onboarding_refuses_same_or_empty_names(data_dir, clock):
    store = Store.open(data_dir, clock=clock)
    app = AttuneApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert "name is empty" in screen_text(app)
        await pilot.click("#name-a")
        await pilot.press(*"Sam", "enter", *"sam", "enter")
        await pilot.pause()
        assert "Both partners are called 'Sam'" in screen_text(app)
        assert type(app.screen).__name__ == "OnboardingScreen"
    assert not Store.open(data_dir).is_set_up


async def test_home_keys_open_each_feature_and_escape_returns(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key, screen in (("q", "QuizScreen"), ("d", "DailyScreen"), ("g", "GaugeScreen")):
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == screen
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"


async def test_f1_help_lists_the_screens_keys(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert "Keys on this screen" in text
        for words in ("Quiz", "Daily", "Gauge", "Help", "Quit"):
            assert words in text, words
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_command_palette_opens_a_feature(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"ratio gauge")
        await wait_for(pilot, "Open Ratio gauge")  # the match is listed
        await pilot.press("enter")
        await wait_for(pilot, "Everyday")
        assert type(app.screen).__name__ == "GaugeScreen"


async def test_the_palette_offers_help_once(make_app):
    """attune's Help (F1) is in the palette; Textual's own "Keys" panel, which says the same and
    squeezes the screen beside it, is not."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Help" in titles and "Keys" not in titles and "Screenshot" not in titles
        await pilot.press("ctrl+c")  # outside a text box: says how to quit, in plain words
        await wait_for(pilot, "Ctrl+Q quits attune")
        assert "[b]" not in screen_text(app)


async def test_theme_choice_is_kept(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "textual-ansi" if "textual-ansi" in app.available_themes else "ansi-dark"
        await pilot.pause()
    assert store.settings().theme == app.theme
    again = AttuneApp(store)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == store.settings().theme


async def test_home_updates_when_another_session_logs(make_app, data_dir, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Today 0+ 0−" in screen_text(app)
        other = Store.open(data_dir, clock=store.clock)  # a second session on the same folder
        other.interactions.log("a", True, "hug")
        await wait_for(pilot, "Today 1+ 0−")


async def test_screens_closed_again_are_not_frozen_alive(make_app, monkeypatch):
    """The heap is frozen once a kept screen (home, a feature) is drawn, out of the garbage
    collector's sight; a catch-up screen opened and closed must still be collected."""
    import gc
    import weakref

    from screens.daily_catchup import CatchUpScreen

    monkeypatch.setattr(AttuneApp, "is_headless", property(lambda self: False))  # freeze as for real
    app = make_app(poll=False)
    seen = []
    try:
        async with app.run_test() as pilot:
            await pilot.press("d")
            await pilot.pause()
            for _ in range(3):
                await pilot.press("c", "1")  # catch up, reading as Sam
                await pilot.pause()
                assert isinstance(app.screen, CatchUpScreen)
                seen.append(weakref.ref(app.screen))
                await pilot.press("escape")
                await pilot.pause()
                await pilot.pause()
            assert gc.get_freeze_count() > 0  # the freeze did happen
            gc.collect()
            assert [ref for ref in seen if ref() is not None] == []
    finally:
        gc.unfreeze()  # this test process goes on


async def test_notifications_show_names_and_paths_as_written(make_app):
    """A partner's name or a folder's name in a message is not markup: "Bo[/]" must not end the
    app, and "[shared]" must not vanish from a path."""
    from tests.conftest import toast_text

    app = make_app(poll=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        app.notify("Bo[/] has already answered")
        app.screen.notify("/home/me/Dropbox [shared]/attune/quiz.json is damaged", title="Could not read")
        await wait_for(pilot, "Dropbox")  # toasts appear a moment later
        shown = toast_text(app)
        assert "Bo[/] has already answered" in shown
        assert "Dropbox [shared]/attune" in shown


async def test_a_failed_daily_backup_is_said_not_swallowed(make_app, data_dir):
    assert not (data_dir / "backups").exists()  # no write yet today
    (data_dir / "backups").write_text("not a folder")  # the day's backup cannot be taken
    from tests.conftest import toast_text

    app = make_app(poll=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("e")  # the day's first write: the backup is tried first
        await wait_for(pilot, "Backup failed")
        assert "Backup failed" in toast_text(app) and "What you saved is saved" in toast_text(app)
    assert len(Store.open(data_dir).interactions.today()) == 1  # the press itself went ahead


async def test_home_cards_scroll_into_view_in_a_small_terminal(make_app, store):
    """At 60x20 the weekly review card is below the last row: moving to it shows it."""
    store.review.start()
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, "Ratio gauge")
        assert "still open" not in screen_text(app)
        await pilot.press("down", "down", "down")  # card to card, as at any size
        await wait_for(pilot, "still open: w continues it", "press w")
        assert app.focused.id == "card-review"


async def test_help_over_the_palette_then_the_palette_again_is_not_a_crash(make_app):
    """F1 is a priority key, so Help opens over the palette; Ctrl+P there used to open a second
    palette with the same id and end the app."""
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await wait_for(pilot, until=lambda: isinstance(app.screen, CommandPalette))
        await pilot.press("f1")
        await wait_for(pilot, "Keys on this screen")
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.is_running and sum(isinstance(s, CommandPalette) for s in app.screen_stack) == 1


async def test_ctrl_q_with_typed_text_asks_once_before_quitting(make_app, store):
    """Esc in a form asks before throwing typed text away; Ctrl+Q does the same."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await wait_for(pilot, "Daily catch-up")
        await pilot.press("w", "1")
        await wait_for(pilot, until=lambda: type(app.screen).__name__ == "EntryEditor")
        await pilot.press("3", "tab", *"precious words")
        await pilot.press("ctrl+q")
        await wait_for(pilot, "Unsaved", "Ctrl+Q again quits without it")
        assert app.is_running and type(app.screen).__name__ == "EntryEditor"
        await pilot.press(*" more", "ctrl+q")  # typed on: asked again, not quit
        await pilot.pause()
        assert app.is_running
        app.action_open("home")  # the palette's Home would leave it open out of sight
        await wait_for(pilot, "Save what you typed (Ctrl+S), or leave it with Esc, first")
        assert type(app.screen).__name__ == "EntryEditor"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
