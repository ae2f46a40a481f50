"""Saved searches and their e-mail digests (docs/alerts.md).

A signed-in user saves a catalogue search or a choice of funding programmes; ``coopdec alerts
send`` (cron) mails each user the records that matched since the alert was saved and the
funding deadlines within 30 days, each item once: running it twice sends nothing twice.
"""
