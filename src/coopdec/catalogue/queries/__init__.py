"""The catalogue's read side: every query the web pages, the API and the CLI show."""
