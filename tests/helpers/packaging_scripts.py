"""The scripts of packaging/, imported by their paths (the folder is no package)."""

import importlib.util
import sys
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent.parent.parent / "packaging"


def packaging_module(name: str):
    """packaging/<name>.py as a module (kept in sys.modules: the spec imports bundle_parts)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
