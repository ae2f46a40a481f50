"""The legal rules. Importing this package registers every rule, in report order."""

from __future__ import annotations

from . import acts, apd, funds, legal, meae, one_percent
from .base import Rule, registered_rules

__all__ = ["Rule", "acts", "apd", "funds", "legal", "meae", "one_percent", "registered_rules"]
