"""Adapters: provision and draft files, the package loader, git history."""
