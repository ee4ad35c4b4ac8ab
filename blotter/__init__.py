"""Blotter: news reports of organised violence in, an evidence-backed event dataset out."""

__version__ = "0.1.0"
