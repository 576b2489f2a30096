"""The pure core: frozen records, quantities, findings, chart specifications, problems, slugs and URLs (no I/O)."""
