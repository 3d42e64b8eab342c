"""Command palette entries: jump to a district, open an article by title, toggle, reload."""
from __future__ import annotations

import asyncio
from contextlib import closing
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .. import gazetteer
from ..db import query
from .i18n import tr


def _titles(db_path: str):
    with closing(query.connect(db_path)) as conn:
        return query.titles(conn)


class ReaderCommands(Provider):
    async def startup(self) -> None:
        self.titles = await asyncio.to_thread(_titles, self.app.db_path)

    def _commands(self):
        main = self.app.main
        yield tr("Toggle keyword highlighting"), main.action_toggle_keywords, "h"
        if main.seeds_reloadable():
            yield tr("Reload the seed pages"), main.action_reload_seeds, tr("load seeds/ again, in a separate process")
        yield tr("Show all districts"), partial(main.show_district, None), tr("All")
        for d in gazetteer.DISTRICTS + [gazetteer.CITY]:
            yield tr("District: {name}", name=d), partial(main.show_district, d), tr("jump to the district")
        for art_id, title, district in self.titles:
            yield tr("Open: {title}", title=title), partial(main.open_article, art_id), district

    async def discover(self) -> Hits:
        for name, command, help_text in list(self._commands())[:12]:
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, text: str) -> Hits:
        matcher = self.matcher(text)
        for name, command, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, help=help_text)
