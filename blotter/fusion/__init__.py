"""Cross-article event fusion: many reports of one incident become one event.

Public API::

    from blotter.fusion import Fuser, SqliteIndex, MemoryIndex, read_extracted
    fuser = Fuser(SqliteIndex("fused.sqlite"))
    for line in read_extracted(Path("extracted.jsonl")):
        for report in line.reports:
            fuser.add(report)
    fuser.index.commit()

See ``docs/fusion.md`` for the features, weights, threshold and what is stored.
"""

from blotter.fusion.fused import Decision, fuse_reports
from blotter.fusion.fuser import Fuser, FusionConfig
from blotter.fusion.index import EventState, FusionIndex, MemoryIndex, SqliteIndex
from blotter.fusion.listing import EventFilter
from blotter.fusion.reports import ArticleMeta, Report, ReportError, read_articles, read_extracted

__all__ = [
    "ArticleMeta",
    "Decision",
    "EventFilter",
    "EventState",
    "Fuser",
    "FusionConfig",
    "FusionIndex",
    "MemoryIndex",
    "Report",
    "ReportError",
    "SqliteIndex",
    "fuse_reports",
    "read_articles",
    "read_extracted",
]
