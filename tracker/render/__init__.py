"""Renderers: format core records for terminals, HTML, Markdown, JSON and Word."""
