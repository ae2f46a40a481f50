"""Server-side storage of the project workspaces kept for visitors without an account."""
