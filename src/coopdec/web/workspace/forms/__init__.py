"""One form (and its lists) per step of the project cycle."""
