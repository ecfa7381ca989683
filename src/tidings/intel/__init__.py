"""Intelligence queries: developments, mentions, talking points, search, briefs."""
