"""All network I/O: one HTTP client (limits, redirects, conditional GET, pacing) and robots.txt."""
