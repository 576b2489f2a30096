"""sitegen: static report sites in which every claimed figure stays attributed."""

__version__ = "0.1.0"
