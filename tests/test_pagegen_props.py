"""Property tests on pages drawn from the honest generator (bench/pagegen.py): gold articles of
../shared/gold and ../shared/dev/gold laid out anew with every artifact of the pages. Nothing
drawn is filtered out; what the generator does not draw, and why, is pagegen.AMBIGUOUS."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.genscore import scorer
from bench.pagegen import AMBIGUOUS, gold_page, layout_page, load_gold, replace_story
from tui.parse import parse_page

from .conftest import SHARED

pytestmark = pytest.mark.skipif(not (SHARED / "tools" / "score.py").exists(), reason="needs ../shared")


@pytest.fixture(scope="module")
def golds():
    return load_gold(SHARED / "gold", SHARED / "dev" / "gold")


def _score(golds, seed: int, col: int, n: int, markdown: bool) -> dict:
    rng = random.Random(seed)
    fmt = "markdown" if markdown else "wrapped"
    text, printed = layout_page([replace_story(g) for g in rng.sample(golds, n)], col, rng, fmt)
    outputs = [
        {"source": "p.txt", "kind": a.kind, "district": a.district, "title": a.title,
         "subtitle": "\n".join(a.subtitles), "byline": a.byline, "body": "\n".join(a.paragraphs)}
        for a in parse_page(text).articles
    ]
    stats = scorer(SHARED).score_page(gold_page("p.txt", fmt, printed), outputs)
    return stats


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), col=st.integers(10, 25), n=st.integers(3, 6), markdown=st.booleans())
def test_nothing_printed_is_lost_and_stories_are_found(golds, seed, col, n, markdown):
    stats = _score(golds, seed, col, n, markdown)
    assert stats["kept_chars"] >= 0.995 * stats["gold_chars"], stats["misses"]
    # Stories found: off by at most two (a narrow column can split a long list of sub-headings).
    assert abs(stats["out_items"] - stats["gold_items"]) <= 2, stats["misses"]


def test_the_ambiguous_layouts_are_listed_with_a_reason():
    assert AMBIGUOUS and all(len(reason) > 40 for reason in AMBIGUOUS.values())
