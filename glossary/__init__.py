"""glossary: turn Chinese academic journals into a reviewed Chinese-English glossary."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("glossary")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
