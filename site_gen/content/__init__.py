"""Reading the site: config.yaml, articles, claims, series declarations and data (the only YAML and markdown-it users)."""
