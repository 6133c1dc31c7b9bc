"""The programs the benchmark suite runs in fresh processes (tests/benchmarks/suite.py).

Each prints one JSON object on its last line. Times that start before the program does
are measured from ``sys.argv[1]``: the parent's ``time.time()`` just before it started
the process, so the interpreter's own start is counted alike for FibroMap and baseline.
"""

# A bare PySide6 main window, shown and painted: the baseline of a start.
BARE_WINDOW = """
import json, os, sys, time
spawned = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.processEvents()
window.grab()
print(json.dumps({"paint": time.time() - spawned}))
sys.stdout.flush()
os._exit(0)
"""

# FibroMap as `fibromap` starts it (fibromap.cli.main, in the order it loads things),
# until its window is first drawn (first paint: the frame, with menus, tabs and an empty
# Log; the window stamps it), until the Log's body map is drawn ("map") and until a flare
# could be saved ("ready": the Log made and drawn, the store open, the words loaded; never
# sooner than the map): open_main_window is timed where run_gui calls it, through a hook
# on the import of fibromap.ui.app, which loads nothing sooner.
APP_START = """
import importlib.abc, importlib.util, json, os, sys, time
spawned = float(sys.argv[1])

def timed(opened):
    def open_main_window(*args, **kwargs):
        window = opened(*args, **kwargs)
        assert window is not None and window.ready_to_save() and window.map_drawn is not None
        ready = max(time.time(), window.map_drawn) - spawned
        print(json.dumps({"paint": window.first_painted - spawned,
                          "map": window.map_drawn - spawned, "ready": ready}))
        sys.stdout.flush()
        # Its socket goes, as when FibroMap quits: the next start finds none to ask.
        for child in window.children():
            if type(child).__name__ == "InstanceServer":
                child.close()
        os._exit(0)
    return open_main_window

class Hook(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "fibromap.ui.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            module.open_main_window = timed(module.open_main_window)
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, Hook())
from fibromap.cli import main
main([])
raise SystemExit("the window did not open")
"""

# The same start on a protected database: the passphrase is typed into the unlock dialog
# the moment it shows (sys.argv[2]), so the figure is the app's time, not a person's.
APP_START_PROTECTED = """
import json, os, sys, time
spawned = float(sys.argv[1])
from fibromap.cli import main
from fibromap.config import Paths, database_url
from fibromap.ui.app import create_application, open_main_window
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
paths = Paths.from_environment()
app = create_application([])
shown = {}
def answer():
    from fibromap.ui.dialogs.unlock_dialog import UnlockDialog
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, UnlockDialog):
        shown["at"] = time.time()
        dialog.passphrase.setText(sys.argv[2])
        before = time.perf_counter()
        dialog.try_unlock()
        shown["unlock"] = time.perf_counter() - before
    else:
        QTimer.singleShot(1, answer)
QTimer.singleShot(1, answer)
window = open_main_window(database_url(paths), paths)
assert window is not None and window.ready_to_save() and window.map_drawn is not None
ready = max(time.time(), window.map_drawn) - spawned
print(json.dumps({"paint": window.first_painted - spawned, "ready": ready,
                  "unlock": shown["unlock"]}))
sys.stdout.flush()
os._exit(0)
"""

# A command run twice in one process: the second run is the work itself, without the
# imports and set-up a fresh process pays.
WARM_COMMAND = """
import contextlib, io, json, sys, time
from fibromap.cli import main
arguments = sys.argv[1:]
with contextlib.redirect_stdout(io.StringIO()):
    main(arguments)
    start = time.perf_counter()
    code = main(arguments)
print(json.dumps({"work": time.perf_counter() - start, "code": code}))
"""

# The whole-history heat-map figures against the same aggregate written by hand in sqlite3.
HEAT_MAP = """
import json, sqlite3, statistics, sys, time
from fibromap.config import Paths, database_url
from fibromap.store import aggregates
from fibromap.store.store import Store
paths = Paths.from_environment()
store = Store.open_read_only(database_url(paths), paths)
HAND = '''
SELECT s.region, COUNT(DISTINCT s.flare_id), AVG(s.intensity), MAX(s.intensity),
       SUM(s.intensity * COALESCE(f.duration_s, 0)),
       SUM(CASE WHEN s.role = 'referred' THEN 1 ELSE 0 END)
FROM site s JOIN flare f ON f.id = s.flare_id WHERE s.intensity > 0 GROUP BY s.region
'''
hand = sqlite3.connect(f"file:{paths.database_file}?mode=ro", uri=True)
def best(action, runs=5):
    times = []
    for _ in range(runs):
        start = time.perf_counter(); action(); times.append(time.perf_counter() - start)
    return min(times)
ours = best(lambda: aggregates.region_figures(store.database))
baseline = best(lambda: hand.execute(HAND).fetchall())
print(json.dumps({"ours": ours, "hand": baseline, "flares": store.flares.count()}))
"""

# The heat-map recoloured when its figures arrive, and the trends drawn and panned, on
# the 50,000-flare history; the app's memory with the Trends view open.
REVIEW_VIEWS = """
import json, os, resource, statistics, sys, time
from datetime import date
from fibromap.analysis.periods import Period
from fibromap.config import Paths, database_url
from fibromap.ui.app import create_application, open_main_window
paths = Paths.from_environment()
app = create_application([])
window = open_main_window(database_url(paths), paths)
window.resize(1280, 800)
def settle():
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        app.processEvents()
        if not window.busy():
            break
        time.sleep(0.005)
    app.processEvents()
window.show_view("heatmap")
settle()
heat = window.page("heatmap")
data = heat.loader(heat.period())()
recolour, numbers = [], []
for _ in range(20):
    # The colours, painted at once; then the numbers, placed in the next turn of the loop.
    start = time.perf_counter(); heat.show_data(data); heat.map.viewport().repaint()
    recolour.append(time.perf_counter() - start)
    start = time.perf_counter(); heat.map.place_numbers_now(); app.processEvents()
    numbers.append(time.perf_counter() - start)
window.show_view("trends")
settle()
trends = window.page("trends")
whole = Period(date(2000, 1, 1), date.today())
trends_data = trends.loader(whole)()
draws = []
for _ in range(3):
    start = time.perf_counter(); trends.show_data(trends_data); app.processEvents()
    trends.grab()
    draws.append(time.perf_counter() - start)
plot = trends.flare_plot
# A frame of a drag: the view moves and its viewport is repainted at once, as a mouse
# move does (grab() would also paint the rest of the page, which a drag leaves alone).
frames = []
for step in range(60):
    start = time.perf_counter()
    plot.getViewBox().translateBy(x=86400 * 30 * (1 if step % 2 else -1))
    trends.plots.viewport().repaint()
    frames.append(time.perf_counter() - start)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"recolour": statistics.median(recolour), "numbers": statistics.median(numbers),
                  "draw": statistics.median(draws),
                  "frame": statistics.median(frames), "slowest_frame": max(frames),
                  "rss": rss}))
sys.stdout.flush()
os._exit(0)
"""

# Saving one flare at a time into the one-year history (synchronous FULL), as Save does.
SAVE_FLARE = """
import json, statistics, time
from datetime import datetime, timedelta, timezone
from fibromap.config import Paths, database_url
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.store.store import Store
paths = Paths.from_environment()
store = Store.open(database_url(paths), paths)
# A day of its own for each run: the same flare twice is refused.
start_at = datetime(2001, 1, 1, 8, tzinfo=timezone(timedelta(hours=1))) + timedelta(
    days=store.flares.count())
times = []
for i in range(40):
    flare = Flare(onset=start_at + timedelta(minutes=7 * i), duration_seconds=600,
                  sites=(SpasmSite("upper_trapezius.left", 6), SpasmSite("levator_scapulae.left", 4)),
                  triggers=frozenset({"stress"}), notes="benchmark")
    start = time.perf_counter(); store.flares.add(flare); times.append(time.perf_counter() - start)
print(json.dumps({"save": statistics.median(times)}))
"""

# `fibromap import FILE --dry-run` of a big Apple Health export.xml, in this process, and
# its peak memory; the baseline reads the same file a megabyte at a time, doing nothing.
DEVICE_IMPORT = """
import json, resource, sys, time
from pathlib import Path
path = Path(sys.argv[1])
if sys.argv[2] == "read":
    start = time.perf_counter()
    with open(path, "rb") as handle:
        while handle.read(1 << 20):
            pass
    print(json.dumps({"seconds": time.perf_counter() - start}))
    sys.exit(0)
from fibromap.cli import main
start = time.perf_counter()
assert main(["import", str(path), "--dry-run"]) == 0
print(json.dumps({"seconds": time.perf_counter() - start,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# `fibromap export` of the 100,000-flare history in this process (sys.argv[1]: the format,
# sys.argv[2]: the file), its seconds and peak memory. FibroMap JSON is the baseline of the
# FHIR export: the same flares read the same way and written with json.dumps a flare at a
# time, which any export that writes them as it reads them costs at least.
EXPORT = """
import json, resource, sys, time
from pathlib import Path
from fibromap.config import Paths, database_url
from fibromap.exchange.files import export_file
from fibromap.store.store import Store
paths = Paths.from_environment()
store = Store.open_read_only(database_url(paths), paths)
target = Path(sys.argv[2])
start = time.perf_counter()
export_file(store, sys.argv[1], target)
print(json.dumps({"seconds": time.perf_counter() - start,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "size": target.stat().st_size / 2**20}))
"""

# FibroMap JSON read as a stream (issue 33): `fibromap import FILE` into the empty database
# of FIBROMAP_HOME, or `fibromap check` of the database an import made, in this process,
# with its peak memory. The baselines: json.load of the same file (all of it in memory at
# once) and a bare expat pass over an XML file of about the same size (a parser in C that
# keeps nothing).
STREAMING = """
import json, resource, sys, time
step, path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if step == "json.load":
    with open(path, encoding="utf-8") as handle:
        json.load(handle)
elif step == "expat":
    import xml.parsers.expat
    with open(path, "rb") as handle:
        xml.parsers.expat.ParserCreate().ParseFile(handle)
else:
    from fibromap.cli import main
    assert main(["import", path] if step == "import" else ["check"]) == 0
print(json.dumps({"seconds": time.perf_counter() - start,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
