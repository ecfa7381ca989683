"""Web pages as sources: article extraction, article-link finding and feed discovery.

Pure functions on bytes and strings; the fetch layer does all network I/O.
"""

from tidings.extract.decode import decode_html
from tidings.extract.feed_links import find_feed_links
from tidings.extract.links import find_article_links
from tidings.extract.page import NoTextError, extract_page

__all__ = ["NoTextError", "decode_html", "extract_page", "find_article_links", "find_feed_links"]
