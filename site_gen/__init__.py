"""sitegen: static report sites in which every claimed figure stays attributed."""

__version__ = "0.1.0"
#: The name this project is published under (`pip install sitegen-claims`); `sitegen` on PyPI is another project.
DISTRIBUTION = "sitegen-claims"
