"""What a person reads on a page, for assertions on wording."""

import re


def visible_words(html: str) -> str:
    """The page's visible words: scripts (the inline chart specs) and tags stripped,
    spaces collapsed."""
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
