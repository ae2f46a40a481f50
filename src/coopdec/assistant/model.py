"""Compatibility names for callers outside this package: the model is ``coopdec.projectfile``.

``exchange/`` still imports ``assistant.model`` and ``assistant.Project``; another branch moves
those modules, so their imports switch to ``coopdec.projectfile`` at the merge and this
module then goes.
"""

from coopdec.projectfile.model import *  # noqa: F403
from coopdec.projectfile.model import ProjectFile as Project  # noqa: F401
