"""The site builds with --strict and zero warnings, and MkDocs' own link validation is switched on."""
from __future__ import annotations

import pytest

from checks import build_log_problems, validation_config_problems
from support import build_site, copy_project, load_config, write_file


def test_validation_is_strict():
    assert validation_config_problems(load_config()) == []


def test_build_is_strict_and_clean(built):
    """The one report of a failed build: the tests that need the site skip (conftest.py `site`)."""
    problems = build_log_problems(built.log, built.returncode)
    assert problems == []


# --- self-tests: each kind of breakage fails the build, and the message names file and problem ----

def test_selftest_validation_config_names_the_loose_switch():
    cfg = load_config()
    cfg["validation"]["links"]["anchors"] = "info"
    cfg["strict"] = False
    problems = validation_config_problems(cfg)
    assert any("validation.links.anchors is 'info'" in p for p in problems), problems
    assert any("strict is not true" in p for p in problems), problems


# What the build log of the broken project (conftest.py: BROKEN_FAQ) must name, per kind of breakage.
BREAKAGES = {
    "missing-page": ["docs/faq.md:", "no-such-page.md"],
    "missing-anchor": ["docs/faq.md:", "#no-such-anchor"],
    "absolute-link": ["docs/faq.md:", "/steps/1-open/"],
    "unrecognized-link": ["docs/faq.md:", "steps/"],
    "omitted-page": ["docs/stray-page.md:1:", "stray-page.md"],
    "missing-nav-entry": ["mkdocs.yml:1", "no-such-nav-page.md"],
}


@pytest.mark.parametrize("kind", sorted(BREAKAGES))
def test_selftest_strict_build_fails_on(kind, broken_project):
    result = broken_project["web"]
    problems = build_log_problems(result.log, result.returncode, root=broken_project["project"])
    assert result.returncode != 0, result.log
    assert any(all(word in p for word in BREAKAGES[kind]) for p in problems), problems
    if kind.startswith("missing-") and kind != "missing-nav-entry":
        # the line named is the line of the broken link in the Markdown source (not mkdocs.yml:0)
        [hit] = [p for p in problems if all(word in p for word in BREAKAGES[kind])][:1]
        line = int(hit.split(":")[1])
        faq = (broken_project["project"] / "docs" / "faq.md").read_text(encoding="utf-8").splitlines()
        assert BREAKAGES[kind][1].split("#")[0] in faq[line - 1] or "#" in BREAKAGES[kind][1], hit


def test_selftest_broken_link_names_the_nearest_page_or_anchor(tmp_path):
    """A mistyped page or anchor gets 'did you mean …?' (the nearest page or heading id), and a failed build
    with a named problem is reported once (no second 'exited with 1' line)."""
    write_file(tmp_path / "docs" / "troubleshooting" / "no-mobile.md", "## すること { #what-to-do }\n")
    for docs in ("docs", "docs-en"):
        write_file(tmp_path / docs / "faq.md", f"{docs}\n" * (docs == "docs-en") + "[a](troubleshooting/no-mobil.md)\n"
                   "[b](troubleshooting/no-mobile.md#what-to-doo)\n")
    log = ("WARNING -  Doc file 'faq.md' contains a link 'troubleshooting/no-mobil.md', but the target is not found "
           "among documentation files.\nWARNING -  Doc file 'faq.md' contains a link "
           "'troubleshooting/no-mobile.md#what-to-doo', but the doc 'troubleshooting/no-mobile.md' does not contain "
           "an anchor '#what-to-doo'.\nAborted with 2 warnings in strict mode!\n")
    problems = build_log_problems(log, 1, root=tmp_path)
    assert [p.split(" — ")[1] for p in problems] == ["did you mean 'troubleshooting/no-mobile.md'?",
                                                     "did you mean 'troubleshooting/no-mobile.md#what-to-do'?"]
    assert [p.split(":")[:2] for p in problems] == [["docs/faq.md", "1"], ["docs/faq.md", "2"]]
    assert build_log_problems(log, 1, "mkdocs.en.yml", tmp_path)[0].startswith("docs-en/faq.md:2: ")
    crashed = build_log_problems(log.replace("Aborted with 2 warnings in strict mode!", "Traceback: KeyError 'x'"), 1,
                                 root=tmp_path)
    assert len(crashed) == 3 and "exited with 1" in crashed[2] and "KeyError" in crashed[2], crashed


def test_selftest_strict_build_fails_on_missing_snippet(tmp_path):
    """A missing snippet stops the build at once (check_paths), so it gets a project of its own."""
    config = copy_project(tmp_path / "project")
    faq = config.parent / "docs" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + '\n--8<-- "no-such-snippet.md"\n', encoding="utf-8")
    result = build_site(tmp_path / "site", config=config)
    problems = build_log_problems(result.log, result.returncode)
    assert result.returncode != 0, result.log
    assert any("no-such-snippet.md" in p for p in problems), problems


def test_selftest_recorded_site_build_is_reused_only_while_nothing_changed(tmp_path):
    """guide/site.py: `make test` reuses the site `make site` built, but not after an input or an output
    changed (a reused stale site would test something readers do not get)."""
    import os
    from guide.site import Build, recorded_build, inputs_fingerprint, write_record
    root, site, record = tmp_path / "project", tmp_path / "site", tmp_path / "record.json"
    write_file(root / "docs" / "index.md", "# はじめに\n")
    write_file(root / "mkdocs.yml", "site_name: x\n")
    write_file(site / "index.html", "<h1>はじめに</h1>")
    build = Build(site=site, log="INFO - built", returncode=0)
    build.en = Build(site=site / "en", log="INFO - built (en)", returncode=0)
    write_record(build, inputs_fingerprint(root), record)
    reused = recorded_build(site, record, root)
    assert reused and reused.log == "INFO - built" and reused.en.log == "INFO - built (en)"

    (root / "docs" / "index.md").write_text("# 変えた\n", encoding="utf-8")            # an input changed
    assert recorded_build(site, record, root) is None
    (root / "docs" / "index.md").write_text("# はじめに\n", encoding="utf-8")
    assert recorded_build(site, record, root) is not None

    os.utime(site / "index.html", ns=(1, 1))                                            # an output touched
    assert recorded_build(site, record, root) is None
    write_record(build, inputs_fingerprint(root), record)
    write_file(site / "stray.html", "")                                                  # an output added
    assert recorded_build(site, record, root) is None
    assert recorded_build(site, tmp_path / "no-record.json", root) is None


def test_selftest_failed_build_is_one_skip_line_for_the_tests_that_need_it(tmp_path):
    from support import Build, require_site
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_site(Build(site=tmp_path / "site", log="ERROR - Config value 'nav' ...", returncode=1),
                     "tests/test_build.py")
    assert str(skipped.value) == "site/ did not build: the failure of tests/test_build.py names the file, line and fix"


def test_selftest_pipeline_step_is_current_only_while_inputs_and_outputs_are_unchanged(tmp_path):
    """make build skips a step whose stamp matches; a changed input or a touched output makes it stale."""
    import json
    import os
    from guide.pipeline import Folders, _stamp, _state, is_current, step_outputs
    folders = Folders.under(tmp_path)
    for path in step_outputs("offline", folders):
        write_file(path / "index.html" if path.suffix != ".zip" else path, "built")
    assert not is_current("offline", folders, "inputs-1"), "no stamp yet"
    _stamp("offline", folders).parent.mkdir(parents=True, exist_ok=True)
    _stamp("offline", folders).write_text(json.dumps(_state("offline", folders, "inputs-1")), encoding="utf-8")
    assert is_current("offline", folders, "inputs-1")
    assert not is_current("offline", folders, "inputs-2"), "an input changed"
    zip_file = next(p for p in step_outputs("offline", folders) if p.suffix == ".zip")
    os.utime(zip_file, ns=(0, 0))
    assert not is_current("offline", folders, "inputs-1"), "an output was touched"
