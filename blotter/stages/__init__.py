"""Pipeline stages, in order: clean → parse → detect → arguments → geocode → fuse.

Each stage is a class with ``name`` and ``process(docs) -> docs`` working on a
batch of :class:`blotter.document.Document`; the document is parsed once and
passed on.
"""
