"""The build: configure, load, check, plan, draw, render, write; and what rebuilds reuse from earlier builds."""
