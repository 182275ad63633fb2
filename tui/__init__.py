"""attune's terminal app: the App, the command line and the wiring between them."""
