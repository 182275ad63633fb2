"""The baseline: a bare Textual hello-world app."""

from textual.app import App
from textual.widgets import Static


class Hello(App):
    def compose(self):
        yield Static("Hello from the baseline")


if __name__ == "__main__":
    Hello().run()
