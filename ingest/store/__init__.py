"""The data directory: THE store of parsed documents, their extractions and their versions.

One layout, shared by ``ingest``-only runs (parsed documents only) and the full pipeline
(``search_api.store`` adds nlp's typed ``Extraction`` on top; here it is opaque JSON)::

    root/parsed/<doc id>.json        ParsedDocument JSON
    root/extractions/<doc id>.json   extraction JSON (absent for ingest-only documents)
    root/archive/<doc id>/           superseded versions (parsed.json, extraction.json)
    root/manifest.json               typed manifest snapshot: documents, sources, archived
    root/manifest.log                the changes since the snapshot, one JSON line each
    root/.manifest.lock              flock serialising writers of several processes

Modules: :mod:`~ingest.store.files` (atomic writes), :mod:`~ingest.store.manifest` (the typed
manifest), :mod:`~ingest.store.journal` (snapshot + journal on disk, locking),
:mod:`~ingest.store.documents` (:class:`DocumentStore`).

>>> store = DocumentStore(Path("data"))
>>> store.put(doc, source_key="path:plans/kh.txt").status
'new'
"""

from ingest.store.documents import Counts, DocumentStore, SaveOutcome, SaveStatus
from ingest.store.errors import DocumentMissing, StoreError
from ingest.store.files import atomic_write
from ingest.store.manifest import ArchivedEntry, DocumentEntry, Manifest

__all__ = [
    "ArchivedEntry",
    "Counts",
    "DocumentEntry",
    "DocumentMissing",
    "DocumentStore",
    "Manifest",
    "SaveOutcome",
    "SaveStatus",
    "StoreError",
    "atomic_write",
]
