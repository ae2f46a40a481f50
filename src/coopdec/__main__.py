"""``python -m coopdec`` is the ``coopdec`` command."""

from coopdec.cli import main

main()
