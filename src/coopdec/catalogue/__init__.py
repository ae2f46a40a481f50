"""Part 3 of the guide: partnerships, projects, examples and contacts, with their provenance."""
