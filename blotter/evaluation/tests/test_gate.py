

def test_bad_gold_line_is_a_clear_error(tmp_path: Path) -> None:
    gold = tmp_path / "dev"
    gold.mkdir()
    (gold / "bad_dev.jsonl").write_text('{"id": "a", "text": "x", "events": []}\n{not json\n')
    result = CliRunner().invoke(app, ["eval", str(gold), "-q", "--floors",
                                      str(tmp_path / "f.toml")])
    assert result.exit_code == 2
    assert "bad_dev.jsonl:2: not JSON" in result.output
    assert "Traceback" not in result.output
