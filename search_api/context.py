"""What the API, the CLI and the pipeline share: settings, ES client, aliases, store, clock.

>>> ctx = Context.from_settings(get_settings())
>>> ctx.es.search(index=ctx.aliases.tasks, query={"match_all": {}})
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from elasticsearch import Elasticsearch

from search_api.abbreviations import AbbreviationMap, builtin_pairs
from search_api.config import Settings
from search_api.search.es.client import make_client
from search_api.search.es.indices import Aliases
from search_api.store import DataStore


def system_today() -> date:
    return datetime.now(UTC).astimezone().date()


@dataclass(slots=True)
class Context:
    settings: Settings
    es: Elasticsearch
    aliases: Aliases
    store: DataStore
    abbreviations: AbbreviationMap
    today: Callable[[], date] = system_today
    _edit_log: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_settings(cls, settings: Settings, *, es: Elasticsearch | None = None,
                      url: str | None = None) -> Context:
        store = DataStore(settings.data_dir)
        abbreviations = AbbreviationMap(builtin_pairs())
        abbreviations.add(store.abbreviations())
        return cls(
            settings=settings,
            es=es or make_client(settings, url),
            aliases=Aliases(settings.es_index_prefix),
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
        self.es.close()
