"""The route finder (issue #17): a few questions, one per page, then the reader's own list of steps.

One source of truth: the questions and the rules (which steps a route skips, where a help page matters,
what is not known) are data/routes.yml; the steps, their titles and labels are data/screens.yml. This
module reads both and writes the pages as Markdown; hooks/routes.py adds them to each edition's build
(route/ and en/route/), so they go through the same Markdown extensions as every page (labels, glossary
terms) and MkDocs checks their links. Every answer is a plain link to a generated page: no JavaScript,
no form, and the offline copy (file://) works the same.

A page's address is the answers that lead to it: route/index.md asks the first question, route/have.md
the question after the answer "have", and route/have-landline-alone.md, where no question follows, is
that reader's route.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from guide import DATA, schema
from guide.screens import Screens, current

ROUTES = DATA / "routes.yml"
FOLDER = "route"
#: The sources of the generated pages (data/sources.yml ids): the record, the 2020 news on the mobile
#: number a dアカウント needs, and general advice.
SOURCES = ["seed-record", "news-d-account-sms", "general-advice"]

WORDS = {
    "ja": {"sep": "：", "finder": "あなたの手順を調べる", "question": "質問{n}（全部で{max}つまで）", "result": "あなたの手順",
           "step": "手順{n} {title}", "steps": "手順{a}〜{b}", "instead": "{steps}のかわりに",
           "intro": "上から順に進みます。手順の名前を押すと、その手順の説明が開きます。",
           "todo": "すること", "unknown": "わかっていないこと", "answers": "あなたの答え",
           "restart": "最初の質問からやり直す", "back": "前の質問に戻る", "print": "印刷する",
           "print_text": "このページは、そのまま印刷できます。印刷した紙に、終わった手順の印をつけられます（一般的なアドバイスです）。",
           "ticks": "手順のページで「終わった」にチェックをつけた手順には、ここにも印がつきます。",
           "read": "くわしくは[{text}]({link})をご覧ください。", "stop_result": "手順を始める前に",
           "description_q": "あなたの手順を調べる：{q}", "description_r": "あなたの答えに合った手順の一覧です。",
           "description_s": "あなたの答えでは、手順を始める前に確かめることがあります。"},
    "en": {"sep": ": ", "finder": "Find your steps", "question": "Question {n} (at most {max})", "result": "Your steps",
           "step": "Step {n} {title}", "steps": "steps {a} to {b}", "instead": "Instead of {steps}",
           "intro": "Follow them from the top. Press the name of a step to open its page.",
           "todo": "What to do", "unknown": "What is not known", "answers": "Your answers",
           "restart": "Start again from the first question", "back": "Back to the previous question",
           "print": "Print", "print_text": "You can print this page as it is. On the paper, you can mark the steps you have done (general advice).",
           "ticks": "Steps that you ticked as done on the step pages are marked here too.",
           "read": "See [{text}]({link}).", "stop_result": "Before you start the steps",
           "description_q": "Find your steps: {q}", "description_r": "The steps that match your answers.",
           "description_s": "With your answers, there is something to check before you start the steps."},
}


class RoutesError(schema.DataError):
    """A problem in data/routes.yml, with its line."""


@dataclass
class Item:
    """One entry of a route page, in order: a step (with its help), a help page to read before a step,
    or what the reader does instead of the steps a route skips."""
    kind: str                       # "step", "before" or "instead"
    step: int | None = None         # the step (for "step"); the first skipped step (for "instead")
    steps: list[int] = field(default_factory=list)   # the skipped steps (for "instead")
    rule: dict | None = None        # the help, skip entry or nothing
    help: list[dict] = field(default_factory=list)   # help shown with the step


@dataclass
class Route:
    answers: dict[str, str]         # question id -> answer id, in the order asked
    items: list[Item]
    stop: dict | None
    unknown: list[dict]

    def step_numbers(self) -> list[int]:
        return [item.step for item in self.items if item.kind == "step"]


@dataclass
class Routes:
    data: dict
    screens: Screens

    @property
    def questions(self) -> dict[str, dict]:
        return self.data["questions"]

    def holds(self, when: dict | None, answers: dict[str, str]) -> bool:
        """Whether a rule's `when` holds for these answers (no `when`: always)."""
        for question, wanted in (when or {}).items():
            wanted = [wanted] if isinstance(wanted, str) else wanted
            if answers.get(question) not in wanted:
                return False
        return True

    def tree(self) -> list[tuple[tuple[tuple[str, str], ...], str | None]]:
        """Every page of the finder: (the answers that lead to it, the question it asks or None for a
        route page), root first, in the order a reader meets them."""
        pages, todo = [], [((), self.data["first"])]
        while todo:
            path, question = todo.pop(0)
            pages.append((path, question))
            if question is None:
                continue
            for answer in self.questions[question]["answers"]:
                todo.append((path + ((question, answer["id"]),), answer.get("next")))
        return pages

    def skips(self, answers: dict[str, str]) -> list[dict]:
        """The skip rules that hold for these answers (data/routes.yml skip:)."""
        return [s for s in self.data["skip"] if self.holds(s["when"], answers)]

    def route(self, answers: dict[str, str]) -> Route:
        """The reader's route for a full set of answers."""
        unknown = [u for u in self.data["unknown"] if self.holds(u.get("when"), answers)]
        stop = next((s for s in self.data["stop"] if self.holds(s["when"], answers)), None)
        if stop:
            return Route(answers, [], stop, unknown)
        skips = self.skips(answers)
        helps = [h for h in self.data["help"] if self.holds(h.get("when"), answers)]
        items = []
        for n in sorted(self.screens.steps):
            items += [Item("before", n, rule=h) for h in helps if h.get("before") == n]
            skip = next((s for s in skips if n in s["steps"]), None)
            if skip:
                if skip["steps"][0] == n:
                    items.append(Item("instead", n, steps=list(skip["steps"]), rule=skip))
                continue
            items.append(Item("step", n, help=[h for h in helps if h.get("at") == n]))
        return Route(answers, items, None, unknown)

    def sample(self) -> list[str]:
        """The finder's pages that the browser walk, Lighthouse and the first-screen figure open: the first
        question, the second, and one route page for each kind of route (every step; a skip; a stop)."""
        tree = self.tree()
        questions = [path for path, q in tree if q][:2]
        routes = {path: self.route(dict(path)) for path, q in tree if q is None}
        chosen = [max(routes, key=lambda p: len(routes[p].step_numbers()))]
        chosen += [p for p in routes if routes[p].stop][:1]
        skipping = [p for p in routes if any(i.kind == "instead" for i in routes[p].items)]
        # the skipping route with the most help (the longest page of its kind)
        chosen += [max(skipping, key=lambda p: sum(len(i.help) for i in routes[p].items))] if skipping else []
        return [self.uri(p) for p in questions + chosen]

    # --- pages -------------------------------------------------------------------------------------
    @classmethod
    def sibling(cls, path) -> str:
        """The page for these answers as a link from another page of the finder (same folder)."""
        return cls.uri(path).removeprefix(f"{FOLDER}/")

    @staticmethod
    def uri(path) -> str:
        """The page for these answers, relative to docs/: route/index.md, route/have-landline-alone.md."""
        return f"{FOLDER}/" + ("-".join(answer for _, answer in path) or "index") + ".md"

    def pages(self, lang: str) -> dict[str, str]:
        """Every page of the finder in one edition: docs-relative path -> Markdown."""
        return {self.uri(path): (self._question_page(path, q, lang) if q else self._route_page(path, lang))
                for path, q in self.tree()}

    def _front(self, title: str, description: str) -> str:
        # JSON strings are YAML double-quoted scalars: any title is safe in the front matter.
        return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
                f"description: {json.dumps(description, ensure_ascii=False)}\n"
                f"sources: [{', '.join(SOURCES)}]\nsearch:\n  exclude: true\n---\n\n")

    def _question_page(self, path, question: str, lang: str) -> str:
        w, q = WORDS[lang], self.questions[question]
        title = q[lang]
        out = [self._front(f"{title}（{w['finder']}）" if lang == "ja" else f"{title} ({w['finder']})",
                           w["description_q"].format(q=title)),
               f'<p class="route-where">{w["finder"]}{w["sep"]}'
               f'{w["question"].format(n=len(path) + 1, max=len(self.questions))}</p>\n',
               f"# {title} {{ #question }}\n", q["hint"][lang] + "\n",
               '<div class="route-answers" markdown>\n']
        for answer in q["answers"]:
            out.append(f"- [{answer[lang]}]({self.sibling(path + ((question, answer['id']),))})")
        out.append("\n</div>\n")
        if path:
            out.append(f"[{w['back']}]({self.sibling(path[:-1])})\n")
        return "\n".join(out)

    def _step_link(self, n: int, lang: str) -> str:
        step = self.screens.steps[n]
        page = next(p["page"] for p in self.screens.phases if n in p["steps"])
        title = step.title if lang == "ja" else step.en
        return f"[{WORDS[lang]['step'].format(n=n, title=title)}](../{page}#step-{n})"

    @staticmethod
    def _more(rule: dict, lang: str) -> str:
        """"See <the rule's help page>", as a link."""
        return WORDS[lang]["read"].format(text=rule[f"link_{lang}"], link=f"../{rule['link']}")

    def _read(self, rule: dict, lang: str) -> str:
        """The rule's text, then its help page if it has one (Japanese sentences join without a space)."""
        if not rule.get("link"):
            return rule[lang]
        return rule[lang] + ("" if lang == "ja" else " ") + self._more(rule, lang)

    def _route_page(self, path, lang: str) -> str:
        w = WORDS[lang]
        route = self.route(dict(path))
        title = w["stop_result"] if route.stop else w["result"]      # a route that stops lists no steps
        out = [self._front(title, w["description_s" if route.stop else "description_r"]),
               f'<p class="route-where">{w["finder"]}{w["sep"]}{title}</p>\n',
               f"# {title} {{ #your-steps }}\n"]
        if route.stop:
            stop = route.stop
            out += [f"## {w['todo']} {{ #what-to-do }}\n", stop[lang] + "\n",
                    f"1. {self._more(stop, lang)}",
                    f"2. {stop['again'][lang]} [{self.questions[path[-1][0]][lang]}]({self.sibling(path[:-1])})\n"]
        else:
            out += [w["intro"] + "\n", f"## {w['todo']} {{ #what-to-do }}\n",
                    '<div class="route-steps" markdown>\n']
            for number, item in enumerate(route.items, start=1):
                if item.kind == "before":
                    out.append(f"{number}. {self._read(item.rule, lang)}")
                elif item.kind == "instead":
                    steps = w["steps"].format(a=item.steps[0], b=item.steps[-1])
                    label = w["instead"].format(steps=steps)
                    out.append(f"{number}. **{label}**{w['sep']}{self._read(item.rule['instead'], lang)}")
                else:
                    out.append(f"{number}. {self._step_link(item.step, lang)}")
                    for h in item.help:
                        out.append(f"    - {self._read(h, lang)}")
            out += ["\n</div>\n", w["ticks"] + "\n"]
        if route.unknown:
            out.append(f"## {w['unknown']} {{ #unknown }}\n")
            out += [f"- {u[lang]}" for u in route.unknown]
            out.append("")
        out.append(f"## {w['answers']} {{ #answers }}\n")
        for depth, (question, answer) in enumerate(path):
            q = self.questions[question]
            chosen = next(a for a in q["answers"] if a["id"] == answer)
            out.append(f"- [{q[lang]}]({self.sibling(path[:depth])}){w['sep']}**{chosen[lang]}**")
        out += ["", f"[{w['restart']}](index.md)\n", f"## {w['print']} {{ #print }}\n", w["print_text"] + "\n",
                '<div id="route-print" class="route-print"></div>\n']
        return "\n".join(out)


def check(data, root, path: Path, screens: Screens) -> list[str]:
    """What the schema cannot say: ids unique and known, every route ending, steps that exist."""
    shown = schema.shown_path(path)
    line = lambda node_path: (lambda n: n.start_mark.line + 1 if n is not None else 1)(schema.node_at(root, node_path))
    problems = []
    questions = data["questions"]
    if data["first"] not in questions:
        problems.append(f"{shown}:{line(['first'])}: first: '{data['first']}' is not a question; "
                        f"use one of {', '.join(questions)}")
    owner: dict[str, str] = {}
    for qid, q in questions.items():
        for i, answer in enumerate(q["answers"]):
            at = line(["questions", qid, "answers", i])
            if answer["id"] in owner:
                problems.append(f"{shown}:{at}: answer id '{answer['id']}' is used by question "
                                f"'{owner[answer['id']]}' too; answer ids make page addresses: make it unique")
            owner[answer["id"]] = qid
            if "next" in answer and answer["next"] not in questions:
                problems.append(f"{shown}:{at}: next: '{answer['next']}' is not a question; "
                                f"use one of {', '.join(questions)} or leave it out to end the route")
    for section in ("skip", "stop", "help", "unknown"):
        for i, rule in enumerate(data[section]):
            at = line([section, i])
            for qid, wanted in (rule.get("when") or {}).items():
                wanted = [wanted] if isinstance(wanted, str) else wanted
                if qid not in questions:
                    problems.append(f"{shown}:{at}: when: '{qid}' is not a question")
                    continue
                for a in wanted:
                    if owner.get(a) != qid:
                        problems.append(f"{shown}:{at}: when: '{a}' is not an answer of question '{qid}'")
            for n in rule.get("steps", []) + [rule[k] for k in ("at", "before") if k in rule]:
                if n not in screens.steps:
                    problems.append(f"{shown}:{at}: step {n} is not in data/screens.yml")
            if section == "skip" and rule["steps"] != list(range(rule["steps"][0], rule["steps"][-1] + 1)):
                problems.append(f"{shown}:{at}: steps: a skip leaves out consecutive steps, in order "
                                f"({rule['steps']}); write one skip per run of steps")
    if not problems:
        seen, todo = set(), [(data["first"], (data["first"],))]
        while todo:
            qid, chain = todo.pop()
            for answer in questions[qid]["answers"]:
                nxt = answer.get("next")
                if nxt and nxt in chain:
                    problems.append(f"{shown}:{line(['questions', qid])}: answer '{answer['id']}' leads back "
                                    f"to question '{nxt}': every route must end")
                elif nxt:
                    todo.append((nxt, chain + (nxt,)))
            seen.add(qid)
        for qid in questions:
            if qid not in seen:
                problems.append(f"{shown}:{line(['questions', qid])}: question '{qid}' is never asked: "
                                f"no answer leads to it")
    return problems


def load(path: Path = ROUTES, screens: Screens | None = None) -> Routes:
    data, root = schema.read(path, RoutesError)
    screens = screens or current()
    problems = schema.problems("routes", path, data, root)
    problems = problems or check(data, root, path, screens)
    if problems:
        raise RoutesError("\n".join(problems))
    return Routes(data, screens)


@lru_cache(maxsize=4)
def load_cached(path: str, mtime: float, screens_mtime: float) -> Routes:
    return load(Path(path))


def current_routes() -> Routes:
    from guide.screens import SCREENS
    return load_cached(str(ROUTES), ROUTES.stat().st_mtime, SCREENS.stat().st_mtime)


def main(argv: list[str] | None = None) -> int:
    """Write the finder's pages into a folder (to read them, or for a builder that runs no hooks)."""
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, metavar="DIR", help="the docs folder to write into")
    parser.add_argument("--table", action="store_true", help="print every route: answers -> steps")
    parser.add_argument("--lang", choices=["ja", "en"], default="ja")
    args = parser.parse_args(argv)
    routes = current_routes()
    if args.table or not args.write:
        print("| answers | page | steps | help at | stops |\n| --- | --- | --- | --- | --- |")
        for path, question in routes.tree():
            if question is None:
                route = routes.route(dict(path))
                steps = ", ".join(str(i.step) if i.kind == "step" else f"(instead of {i.steps[0]}-{i.steps[-1]}: log in)"
                                  if i.kind == "instead" else f"(first: {i.rule['link'].rsplit('/', 1)[1]})"
                                  for i in route.items)
                helps = ", ".join(f"{i.step}: {h['link'].rsplit('/', 1)[1]}" for i in route.items for h in i.help
                                  if h.get("link"))
                print(f"| {' / '.join(a for _, a in path)} | {routes.uri(path)} | {steps or '-'} | {helps or '-'} | "
                      f"{route.stop['link'].rsplit('/', 1)[1] if route.stop else '-'} |")
        return 0
    for uri, markdown in routes.pages(args.lang).items():
        target = args.write / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
        print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
