"""Project use cases shared by the web pages, the API and the CLI."""
