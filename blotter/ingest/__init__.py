"""Ingest real-world news (HTML, WARC, feeds, text, JSONL) into the article store."""
