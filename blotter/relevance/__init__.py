"""Relevance: how sure Blotter is that an extracted event is a real event of this world."""
