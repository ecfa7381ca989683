"""The store: the DuckDB file, its migrations, and reading and writing articles, sources, interviews."""
