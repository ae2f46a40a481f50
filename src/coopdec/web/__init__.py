"""Server-rendered DSFR pages."""
