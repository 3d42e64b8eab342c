"""Command palette entries: jump to a district, open an article by title, toggle, reload."""
from __future__ import annotations

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .. import gazetteer
from ..db import query


class ReaderCommands(Provider):
    async def startup(self) -> None:
        app = self.app
        self.titles = await asyncio.to_thread(lambda: query.titles(query.connect(app.db_path)))

    def _commands(self):
        app = self.app
        yield "Toggle keyword highlighting", app.action_toggle_keywords, "h"
        yield "Reload the seed pages", app.action_reload_seeds, "load seeds/ again"
        yield "Show all districts", partial(app.show_district, None), "全部"
        for d in gazetteer.DISTRICTS + [gazetteer.CITY]:
            yield f"District: {d}", partial(app.show_district, d), "jump to the district"
        for art_id, title, district in self.titles:
            yield f"Open: {title}", partial(app.open_article, art_id), district

    async def discover(self) -> Hits:
        for name, command, help_text in list(self._commands())[:12]:
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, text: str) -> Hits:
        matcher = self.matcher(text)
        for name, command, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, help=help_text)
