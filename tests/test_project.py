"""Project-wide rules: layers, packaging, and the set-up commands."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_layers_hold():
    """No Qt below figure, no SQLAlchemy outside store, no circles (import-linter)."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    for contract in ("Only ui, figure and report use Qt", "Only store uses SQLAlchemy and Alembic",
                     "Lower layers never import upper ones", "report does not import ui",
                     "figure imports neither ui nor store", "ui is layered: shell, tasks, shared parts",
                     "No circle of imports anywhere, not even a lazy one"):
        assert f"{contract} KEPT" in result.stdout
    assert "Contracts: 7 kept, 0 broken." in result.stdout


def test_every_package_ships():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "fibromap").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject packages: {sorted(found - listed)}"


def test_readme_gives_exactly_the_two_setup_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    commands = [line.strip() for line in readme.splitlines() if line.strip().startswith("make ")]
    assert commands == ["make run", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def make_dry_run(target: str, tmp_path) -> str:
    """The commands `make TARGET` would run in a checkout with no environment yet."""
    result = subprocess.run(["make", "-n", target, f"VENV={tmp_path / 'venv'}"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_run_installs_only_what_running_needs_and_make_test_the_test_extra(tmp_path):
    """`make run` on a fresh machine downloads Qt and the app's libraries, not pytest,
    SciPy and the PostgreSQL driver, and shows pip's progress as it goes."""
    run = [line for line in make_dry_run("run", tmp_path).splitlines() if " pip install " in line]
    assert len(run) == 1 and run[0].endswith(" -e .") and "--quiet" not in run[0]
    test = [line for line in make_dry_run("test", tmp_path).splitlines() if " pip install " in line]
    assert len(test) == 1 and test[0].endswith(" -e '.[test]'")
    # The test extra holds what running needs: `make run` after `make test` installs nothing.
    assert f"touch {tmp_path / 'venv'}/.installed-run {tmp_path / 'venv'}/.installed-test" \
        in make_dry_run("test", tmp_path)


def test_an_installed_wheel_finds_its_resources_and_migrations(tmp_path):
    """The atlas, the drawing and the migrations ship inside the package."""
    import os
    import zipfile

    import shutil

    source = tmp_path / "source"  # a clean copy: no stale build/ folder from earlier builds
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("fibromap", "resources"):
        shutil.copytree(ROOT / folder, source / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                             "-q", "-w", str(tmp_path / "dist"), str(source)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    wheel = next((tmp_path / "dist").glob("fibromap-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("fibromap/resources/atlas/regions.json", "fibromap/resources/atlas/body_map.svg",
                   "fibromap/resources/atlas/trigger_points.json",
                   "fibromap/store/migrations/env.py",
                   "fibromap/store/migrations/versions/0001_initial_schema.py"):
        assert needed in names
    # The scripts that generate the drawing stay in the repository.
    assert not any(name.endswith(".py") and "/atlas/" in name for name in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("import fibromap.domain.geometry as g, fibromap.domain.atlas as a; "
            "print(g.__file__.startswith(%r), len(a.load_atlas()), "
            "len(g.load_geometry().views['front'].regions))" % str(site))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=tmp_path, env=env | {"PYTHONPATH": str(site)})
    assert run.stdout.split()[0] == "True", run.stderr


def test_no_source_file_is_over_400_lines():
    """A file past ~400 lines wants splitting along a real seam (docs/CONTRIBUTING.md, "The checks")."""
    long = {str(path.relative_to(ROOT)): count
            for folder in ("fibromap", "tests", "resources", "packaging")
            for path in (ROOT / folder).rglob("*.py")
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


MOST_BRANCHES = 15


def branchy_functions(source: str) -> dict[str, int]:
    """The functions of ``source`` above MOST_BRANCHES by radon's cyclomatic complexity,
    which counts each boolean operator too (ruff's C901 in `make lint` counts fewer)."""
    from radon.complexity import cc_visit
    from radon.visitors import Class

    found = {}
    for block in cc_visit(source):
        for function in (block.methods if isinstance(block, Class) else [block]):
            if function.complexity > MOST_BRANCHES:
                found[function.fullname] = function.complexity
    return found


def test_no_function_is_above_complexity_15():
    """A function with more than 15 paths through it wants splitting into named steps."""
    branchy = {f"{path.relative_to(ROOT)}:{name}": complexity
               for path in (ROOT / "fibromap").rglob("*.py")
               for name, complexity in branchy_functions(path.read_text(encoding="utf-8")).items()}
    assert branchy == {}


def test_the_complexity_check_finds_a_branchy_function():
    arms = "".join(f"        if x == {i} and y:\n            return {i}\n" for i in range(8))
    method = f"class C:\n    def m(self, x, y):\n{arms}        return -1\n"
    function = method.replace("class C:\n    def m(self, ", "def f(").replace("\n    ", "\n")
    assert branchy_functions(function) == {"f": 17}  # 1 + 8 ifs + 8 ands
    assert branchy_functions(method) == {"C.m": 17}
    assert branchy_functions(function.replace(" and y", "")) == {}


def test_every_ui_module_sits_in_the_package_of_its_task():
    """Only the shell lives at the top of ui/; everything else is grouped by what it is for."""
    shell = {"__init__", "app", "main_window", "settings", "worker", "views", "screenshot",
             "qt_messages", "icon", "change_watcher", "pages", "menus", "documents", "translator"}
    top = {path.stem for path in (ROOT / "fibromap" / "ui").glob("*.py")}
    assert top == shell
    groups = {path.name for path in (ROOT / "fibromap" / "ui").iterdir()
              if path.is_dir() and path.name != "__pycache__"}
    assert groups == {"bodymap", "log", "daily", "review", "dialogs", "widgets", "launch"}
    for group in groups:
        assert (ROOT / "tests" / "ui" / group).is_dir(), group
