"""The PowerPoint deck of :func:`coopnet.slides`: drawing helpers, words and slides."""
