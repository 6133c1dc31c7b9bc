"""FibroMap: a private spasm and pain logger for fibromyalgia and ME/CFS."""

import logging as _logging

__version__ = "0.1.0"
APP_NAME = "FibroMap"

# A library's warnings go to the app's handlers (the crash log), never raw onto a terminal.
_logging.getLogger(__name__).addHandler(_logging.NullHandler())
