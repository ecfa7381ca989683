"""Feed formats: RSS, Atom, RDF, JSON Feed and sitemap bytes into entries, with their dates."""
