"""Configuration read from the environment (COOPDEC_*), checked before Django starts."""
