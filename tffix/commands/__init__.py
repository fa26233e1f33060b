"""One module per command; ``tffix.cli`` only assembles them into the click group."""
