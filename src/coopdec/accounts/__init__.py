"""Accounts and authority spaces: who may act for which French authority (docs/accounts.md)."""
