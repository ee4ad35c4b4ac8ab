"""The stage contract: layers written once, read only after they are written."""

from __future__ import annotations

import pytest

from blotter.document import Article, Document
from blotter.pipeline import Pipeline, PipelineError, build_stages
from blotter.registry import STAGES, RegistryError
from blotter.settings import Settings


class _Reader:
    """A stage that reads the events layer and writes nothing."""

    name = "reader"
    requires = ("events",)
    assigns: tuple[str, ...] = ()

    def __init__(self, settings: Settings | None = None) -> None:
        self.seen = 0

    def process(self, docs: list[Document]) -> list[Document]:
        self.seen += sum(len(d.events) for d in docs)
        return docs


def _no_geo() -> Settings:
    return Settings({"geocode": False})


def test_default_pipeline_satisfies_its_contract() -> None:
    stages = build_stages(Settings())
    assert [s.name for s in stages] == ["clean", "parse", "detect", "arguments", "geocode", "fuse"]
    Pipeline(stages)  # does not raise


def test_a_stage_reading_a_layer_nobody_wrote_fails_at_build_time() -> None:
    stages = build_stages(_no_geo())
    detect = next(i for i, s in enumerate(stages) if s.name == "detect")
    with pytest.raises(PipelineError, match="'reader' reads events, which no earlier stage"):
        Pipeline([*stages[:detect], _Reader(), *stages[detect:]])
    Pipeline([*stages, _Reader()])  # after detect: fine


def test_two_writers_of_one_layer_and_unknown_layers_are_refused() -> None:
    stages = build_stages(_no_geo())
    with pytest.raises(PipelineError, match="both write"):
        Pipeline([*stages, stages[0]])
    bad = _Reader()
    bad.requires = ("notes",)
    with pytest.raises(PipelineError, match="unknown layer 'notes'"):
        Pipeline([*stages, bad])


def test_a_registered_stage_runs_where_the_pipeline_setting_puts_it() -> None:
    STAGES.register("count-events", _Reader)
    settings = Settings(
        {"geocode": False, "pipeline": ["clean", "parse", "detect", "count-events"]}
    )
    pipeline = Pipeline.from_settings(settings)
    reader = pipeline.stages[-1]
    assert isinstance(reader, _Reader)
    pipeline.extract_articles([Article("a", "Gunmen killed two farmers in Tumaco on Sunday.")])
    assert reader.seen == 1


def test_an_unknown_stage_name_says_what_is_known() -> None:
    with pytest.raises(RegistryError, match=r"no stage named 'nope'; known: .*arguments"):
        build_stages(Settings({"pipeline": ["clean", "nope"]}))
