"""Run ``read_for_import`` in the current process or in a child process (pure, no Django).

A large file is read by a child process while the caller writes to the database: the two
halves of an import then use the two cores. The file's SHA-256 is then computed by a thread
of the caller (``hashlib`` releases the GIL), which has time to spare, not by the child.
The child is a plain ``python -m`` of this module
(no Django, no database connection, nothing of the caller's ``__main__`` re-run, unlike
``multiprocessing``'s spawn) and writes pickled batches of messages to its standard output;
the pipe's small buffer keeps it at most a batch ahead, so memory stays bounded. Small files
and streams are read in-process: a child costs ~0.3 s to start.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import resource
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from coopdec.catalogue.imports.iati.reading import Message, read_for_import
from coopdec.formats.i18n import _
from coopdec.formats.iati import IatiError, IatiSecurityError, IatiVersionError
from coopdec.formats.iati.xmlsafe import DEFAULT_MAX_TEXT_LENGTH

CHILD_THRESHOLD = 8 * 1024 * 1024  # bytes: below this, a child process costs more than it saves
BATCH = 256
PIPE_SIZE = 1 << 20  # Linux's default ceiling for a pipe (/proc/sys/fs/pipe-max-size)
_ERRORS: dict[str, type[IatiError]] = {
    cls.__name__: cls for cls in (IatiError, IatiSecurityError, IatiVersionError)
}


def peak_rss_kb() -> int:
    """This process's peak resident set size, in KiB (Linux reports ru_maxrss in KiB)."""
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class ActivityStream:
    """Iterate the messages of a file; ``child_peak_rss_kb`` is set once a child has finished."""

    def __init__(
        self,
        source: Path | IO[bytes],
        *,
        file_name: str,
        use_child: bool | None = None,
        max_text_length: int = DEFAULT_MAX_TEXT_LENGTH,
    ) -> None:
        self.source = source
        self.file_name = file_name
        self.max_text_length = max_text_length
        if use_child is None:
            use_child = isinstance(source, Path) and source.stat().st_size >= CHILD_THRESHOLD
        if use_child and not isinstance(source, Path):
            raise ValueError("a child process reads a file path, not a stream")
        self.use_child = use_child
        self.child_peak_rss_kb = 0
        self.sha256 = ""

    def __iter__(self) -> Iterator[Message]:
        if not self.use_child:
            if isinstance(self.source, Path):
                with self.source.open("rb") as stream:
                    yield from read_for_import(
                        stream, file_name=self.file_name, max_text_length=self.max_text_length
                    )
            else:
                yield from read_for_import(
                    self.source, file_name=self.file_name, max_text_length=self.max_text_length
                )
            return
        yield from self._from_child()

    def _from_child(self) -> Iterator[Message]:
        command = [
            sys.executable,
            "-m",
            "coopdec.catalogue.imports.iati.pipeline",
            str(self.source),
            self.file_name,
            str(self.max_text_length),
        ]
        # stderr goes to a file: a pipe nobody reads would block a chatty child.
        errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed below)
        child = subprocess.Popen(  # noqa: S603 (this interpreter, this package)
            command, stdout=subprocess.PIPE, stderr=errors
        )
        assert child.stdout is not None  # noqa: S101 (Popen with stdout=PIPE)
        _enlarge_pipe(child.stdout.fileno())
        hasher = threading.Thread(target=self._hash, args=(self.source,), daemon=True)
        hasher.start()
        try:
            while True:
                try:
                    kind, payload = pickle.load(child.stdout)  # noqa: S301 (our own child)
                except EOFError:
                    child.wait()
                    errors.seek(0)
                    error = errors.read().decode(errors="replace")
                    raise IatiError(
                        _("lecture interrompue : %(detail)s")
                        % {"detail": (error.strip().splitlines() or ["?"])[-1]},
                        file=self.file_name,
                    ) from None
                if kind == "batch":
                    yield from payload
                elif kind == "error":
                    name, reason, file, line, element = payload
                    raise _ERRORS[name](reason, file=file, line=line, element=element)
                else:  # "done"
                    self.child_peak_rss_kb = int(payload)
                    hasher.join()
                    return
        finally:
            if child.poll() is None:
                child.kill()  # the consumer stopped early (refused file, error)
            child.wait()
            child.stdout.close()
            errors.close()

    def _hash(self, path: Path) -> None:
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
        self.sha256 = digest.hexdigest()


def _enlarge_pipe(fd: int) -> None:
    """A pipe larger than the default 64 kB (a fifth of a batch) lets each process run ahead
    of the other by a few batches: on a busy machine, one of them being paused then no longer
    stops the other at once. Best effort (Linux only, and the ceiling may be lower)."""
    with contextlib.suppress(ImportError, AttributeError, OSError):
        import fcntl  # POSIX only

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_SIZE)


def _child_main(path: str, file_name: str, max_text_length: int, out: IO[bytes]) -> None:
    def send(kind: str, payload: Any) -> None:
        pickle.dump((kind, payload), out, protocol=pickle.HIGHEST_PROTOCOL)

    batch: list[Message] = []
    try:
        with Path(path).open("rb") as stream:
            for message in read_for_import(
                stream, file_name=file_name, max_text_length=max_text_length, checksum=False
            ):
                batch.append(message)
                if len(batch) >= BATCH:
                    send("batch", batch)
                    batch = []
        send("batch", batch)
        send("done", peak_rss_kb())
    except IatiError as exc:
        # Exceptions with keyword-only arguments do not unpickle: send their parts.
        send("error", (type(exc).__name__, exc.reason, exc.file, exc.line, exc.element))
    except OSError as exc:
        send("error", ("IatiError", str(exc), file_name, None, None))
    out.flush()


if __name__ == "__main__":
    _child_main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.stdout.buffer)
