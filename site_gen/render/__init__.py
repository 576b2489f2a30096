"""Turning a loaded site into files: which pages exist, their contexts and keys, templates, feeds, exports, JSON-LD, statics."""
