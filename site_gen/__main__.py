"""Entry point for `python -m site_gen`."""

from site_gen.cli import run

if __name__ == "__main__":
    run()
