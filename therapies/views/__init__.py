"""Therapies pages, one module per area: overview, catalogue, courses, doses, side effects."""
