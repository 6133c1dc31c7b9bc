"""The longer headless commands of `fibromap`; cli.py parses the command line and calls them."""
