"""Reported figures (placeholder until the figures stage lands)."""


def extract_figures(doc, article):
    return []
