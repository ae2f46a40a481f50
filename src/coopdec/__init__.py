"""coopdec: the working software behind the French *Guide opérationnel de la coopération décentralisée*."""

__version__ = "0.1.0"
