"""Curated termlists shipped with glossary (data only)."""
