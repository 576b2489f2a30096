"""Drawing charts from their specifications as SVG (the only matplotlib user), and the drawn-chart cache."""
