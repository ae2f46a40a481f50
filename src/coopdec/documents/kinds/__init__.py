"""The four document kinds, each a function ``DocumentContext -> Document``."""
