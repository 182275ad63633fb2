"""attune's terminal app: the App, the command line and the wiring between them."""

__version__ = "0.1.0"  # the package's version too (pyproject.toml reads it from here)
