"""The disk cache of slow resources: built once, reused while its inputs are unchanged, never trusted blindly."""

from __future__ import annotations

from pipeline.resource_cache import cached


def test_built_once_then_loaded_until_an_input_changes(tmp_path):
    source = tmp_path / "input.json"
    source.write_text("1", encoding="utf-8")
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"value": int(source.read_text(encoding="utf-8"))}

    assert cached("thing", [source], build, cache_dir=tmp_path / "cache") == {"value": 1}
    assert cached("thing", [source], build, cache_dir=tmp_path / "cache") == {"value": 1}
    assert len(builds) == 1
    source.write_text("2", encoding="utf-8")
    assert cached("thing", [source], build, cache_dir=tmp_path / "cache") == {"value": 2}
    assert len(builds) == 2
    assert len(list((tmp_path / "cache").glob("thing-*.pickle"))) == 1  # the stale one is gone


def test_a_broken_cache_file_is_rebuilt(tmp_path):
    source = tmp_path / "input.json"
    source.write_text("1", encoding="utf-8")
    cached("thing", [source], lambda: [1], cache_dir=tmp_path)
    for path in tmp_path.glob("thing-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert cached("thing", [source], lambda: [2], cache_dir=tmp_path) == [2]


def test_an_unwritable_cache_folder_still_builds(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert cached("thing", [], lambda: "built", cache_dir=blocker / "cache") == "built"
