"""Quotes and their speakers (placeholder until the quotes stage lands)."""


def extract_quotes(doc, index):
    return []
