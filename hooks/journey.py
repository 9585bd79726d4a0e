"""MkDocs hook: the step navigation ("where am I") on the step pages, from data/screens.yml.

Why a hook: the navigation is theme markup (overrides/partials/step-nav.html), not page text, and the
template needs the phases, the steps and each link relative to the page being built, which only MkDocs
knows (files, page URLs, offline .html or web directory URLs). The data is the same file the pages'
labels and the checklist come from, so the navigation cannot disagree with them.
"""
from __future__ import annotations

from guide.screens import current

_files = {}     # the build's Files (on_files), to make each link relative to the page being built


def on_files(files, config):
    _files["all"] = files
    return files


def on_page_context(context, page, config, nav):
    screens = current()
    pages = [phase["page"] for phase in screens.phases]
    if page.file.src_uri not in pages:
        return context
    lang = config.theme.get("language", "ja")
    files = _files["all"]
    phases = []
    for index, phase in enumerate(screens.phases, start=1):
        target = files.get_file_from_path(phase["page"])
        url = target.url_relative_to(page.file) if target else phase["page"]
        steps = []
        for n in phase["steps"]:
            step = screens.steps[n]
            title = step.title if lang == "ja" else step.en
            # The title goes into an aria-label: labels as plain 「…」 (the Japanese form, no markup).
            steps.append({"number": n, "title": screens.render(title, "ja"), "url": f"{url}#step-{n}",
                          "current": phase["page"] == page.file.src_uri})
        phases.append({"number": index, "title": phase["title"] if lang == "ja" else phase["en"],
                       "url": url, "current": phase["page"] == page.file.src_uri, "steps": steps})
    here = next(p for p in phases if p["current"])
    numbers = [s["number"] for s in here["steps"]]
    total = len(screens.steps)
    first, last = numbers[0], numbers[-1]
    if lang == "ja":
        where = f"手順{first}" + (f"〜{last}" if last != first else "") + f"／全{total}"
        spoken = f"全{total}の手順のうち、手順{first}" + (f"から{last}" if last != first else "") + "です"
    else:
        where = (f"Steps {first}–{last}" if last != first else f"Step {first}") + f" of {total}"
        spoken = f"Steps {first} to {last} of {total}" if last != first else f"Step {first} of {total}"
    context["journey"] = {"phases": phases, "where": where, "spoken": spoken, "phase": here, "lang": lang}
    return context
