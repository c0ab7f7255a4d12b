"""Private files (uploads and the reports made from them) through Django's storage API.

Every read and write of such a file goes through here, by name, never by a local path:
the local disk under MEDIA_ROOT is the embedded default, and with `S3_BUCKET` set the same
names live in an S3-compatible object store (django-storages), so that the web processes
and the workers on other machines share them. These files are never served by URL: a view
reads them and answers with what its user may see.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, cast

from django.core.files import File
from django.core.files.storage import Storage, storages


def files() -> Storage:
    """The storage of private files (the `default` entry of settings.STORAGES)."""
    return storages["default"]


def save(name: str, content: IO[bytes] | File) -> int:
    """Store `content` under exactly `name`, replacing a file of that name; returns its size."""
    storage = files()
    content = content if isinstance(content, File) else File(content)
    # The local disk would otherwise store a second file under a new name. A reader that
    # opened the old file before keeps reading a whole file.
    storage.delete(name)
    stored = storage.save(name, content)
    if stored != name:  # pragma: no cover - a storage that renames on its own
        raise RuntimeError(f"the storage kept {name!r} as {stored!r}")
    return storage.size(name)


def open_binary(name: str) -> IO[bytes]:
    """A seekable binary handle on a stored file (raises FileNotFoundError when it is gone).

    On the local disk the file itself; from an object store a temporary copy, which spills
    to disk above a few megabytes (STORAGES "max_memory_size"), so a large import is read
    from disk and never held in memory.
    """
    storage = files()
    try:
        local = storage.path(name)
    except NotImplementedError:
        if not storage.exists(name):
            raise FileNotFoundError(name) from None
        return cast(IO[bytes], storage.open(name, "rb").file)
    return open(local, "rb")  # the caller closes it


def open_text(name: str, *, encoding: str = "utf-8") -> IO[str]:
    """A text handle on a stored file, for the csv module (no newline translation)."""
    return io.TextIOWrapper(open_binary(name), encoding=encoding, newline="")


@contextmanager
def text_writer(name: str, *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Write a text file that is stored under `name` when the block ends without an error."""
    with tempfile.TemporaryFile() as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        yield text
        text.flush()
        raw.seek(0)
        save(name, raw)
        text.detach()


def read_text(name: str, *, encoding: str = "utf-8") -> str | None:
    """The text of a stored file, or None when there is none."""
    try:
        with open_binary(name) as handle:
            return handle.read().decode(encoding)
    except FileNotFoundError:
        return None


def save_text(name: str, text: str, *, encoding: str = "utf-8") -> None:
    save(name, io.BytesIO(text.encode(encoding)))


def exists(name: str) -> bool:
    return files().exists(name)


def delete(name: str) -> None:
    """Remove a stored file; nothing happens when it is already gone."""
    files().delete(name)
