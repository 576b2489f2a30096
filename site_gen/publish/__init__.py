"""Putting a site out: deploy a build to GitHub Pages, scaffold a new site (`sitegen new`)."""
