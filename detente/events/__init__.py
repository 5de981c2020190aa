"""Event coding (placeholder until the events stage lands)."""


def code_events(doc, index, quotes, article):
    return []
