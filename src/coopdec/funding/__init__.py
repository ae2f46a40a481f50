"""Kept only for its migrations: ``0002`` drops the funding programmes table nothing read.

The programmes live in ``data/reference/funding_programs.yaml``, read by
``coopdec.projectfile.codes`` and the funding finder (``coopdec.assistant.funding``). Once
every deployment has migrated past ``0002``, this app can leave ``INSTALLED_APPS``.
"""
