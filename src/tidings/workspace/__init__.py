"""The workspace: the feeds/ folder and database paths, feeds/*.toml, comment-keeping edits, OPML."""
