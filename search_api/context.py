"""What the API, the CLI and the pipeline share: settings, search backend, store, clock.

>>> ctx = Context.from_settings(get_settings())
>>> ctx.search.search(SearchQuery(collections=(Collection.TASKS,))).total
292
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from search_api.abbreviations import AbbreviationMap, builtin_pairs
from search_api.config import Settings
from search_api.search.backend import SearchBackend
from search_api.search.factory import open_backend
from search_api.store import DataStore


def system_today() -> date:
    return datetime.now(UTC).astimezone().date()


@dataclass(slots=True)
class Context:
    settings: Settings
    search: SearchBackend
    store: DataStore
    abbreviations: AbbreviationMap
    today: Callable[[], date] = system_today
    _edit_log: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_settings(cls, settings: Settings, *, es: Any = None, url: str | None = None,
                      backend: SearchBackend | None = None) -> Context:
        """``backend`` as given, else the one the settings name (``es``/``url``: an
        Elasticsearch client or URL to use instead of ``ES_URL``)."""
        store = DataStore(settings.data_dir)
        abbreviations = AbbreviationMap(builtin_pairs())
        abbreviations.add(store.abbreviations())
        return cls(
            settings=settings,
            search=backend or open_backend(settings, url=url, es=es),
            store=store,
            abbreviations=abbreviations,
        )

    @property
    def edit_log(self) -> Any:
        """The tracking edit log (opened on first use)."""
        with self._lock:
            if self._edit_log is None:
                from search_api.tracking.editlog import open_edit_log

                self._edit_log = open_edit_log(self.settings)
            return self._edit_log

    def close(self) -> None:
        if self._edit_log is not None:
            self._edit_log.close()
            self._edit_log = None
        self.search.close()
