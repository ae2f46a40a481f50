"""Reference data: French authorities, countries, SDGs, DAC sectors, themes."""
