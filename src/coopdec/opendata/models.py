"""The open-data app has no model of its own: ``IatiRecord`` moved to the catalogue, with the
IATI import that writes it (its table keeps the name ``exchange_iatirecord``)."""
