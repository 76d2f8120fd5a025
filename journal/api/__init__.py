"""The journal's REST resources under /api/v1/ (paths and fields: DESIGN.md section 7)."""
