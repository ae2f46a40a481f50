"""coopdec: software behind the *Guide opérationnel de la coopération décentralisée* (2020)."""

__version__ = "0.1.0"
