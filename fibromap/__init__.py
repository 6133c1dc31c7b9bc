"""FibroMap: a private spasm and pain logger for fibromyalgia and ME/CFS."""

__version__ = "0.1.0"
APP_NAME = "FibroMap"
