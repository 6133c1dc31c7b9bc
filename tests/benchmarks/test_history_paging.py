"""History stays smooth with 50k flares: a deep page costs what the first page costs."""

from fibromap.store.flares import FlareFilter
from tests.benchmarks.conftest import timed


def test_deep_pages_cost_the_same_as_the_first(big_store):
    total = big_store.flares.count()
    assert total >= 50_000
    first = big_store.flares.summaries(limit=200)
    walk = first
    positions = []
    while walk:  # walk the whole history a page at a time, as scrolling does
        positions.append(walk[-1].position)
        walk = big_store.flares.summaries(after=walk[-1].position, limit=200)
    assert sum(1 for _ in positions) * 200 >= total
    baseline = timed(lambda: big_store.flares.summaries(limit=200))
    deep = timed(lambda: big_store.flares.summaries(after=positions[-2], limit=200))
    middle = timed(lambda: big_store.flares.summaries(after=positions[len(positions) // 2], limit=200))
    print(f"\n{total} flares; first page {baseline * 1000:.1f} ms (baseline); "
          f"middle page {middle / baseline:.2f}x; last page {deep / baseline:.2f}x")
    assert deep / baseline < 3 and middle / baseline < 3


def test_filtered_counts_against_the_plain_count(big_store):
    baseline = timed(lambda: big_store.flares.count_matching(FlareFilter()))
    filtered = timed(lambda: big_store.flares.count_matching(
        FlareFilter(region="quadratus_lumborum.right", trigger="stress")))
    print(f"\nplain count {baseline * 1000:.1f} ms (baseline); "
          f"region and trigger filter {filtered / baseline:.2f}x")
    assert filtered / baseline < 20


def test_the_history_model_scrolls_page_after_page(big_store, qtbot):
    from fibromap.domain.atlas import load_atlas
    from fibromap.ui.log.history_model import HistoryModel

    model = HistoryModel(big_store, load_atlas())
    first = timed(model.reload, repeat=3)
    import time
    fetch_times = []
    while model.canFetchMore():
        start = time.perf_counter()
        model.fetchMore()
        fetch_times.append(time.perf_counter() - start)
    early = sorted(fetch_times[:20])[10]
    late = sorted(fetch_times[-20:])[10]
    print(f"\nreload {first * 1000:.1f} ms; median fetch early {early * 1000:.1f} ms (baseline), "
          f"late {late / early:.2f}x over {len(fetch_times)} fetches; rows {model.rowCount()}")
    assert model.rowCount() == big_store.flares.count()
    assert late / early < 3
