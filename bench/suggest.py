"""視点 suggestions on the evaluation sets, top-1 and top-3, on four parts reported separately:

- **tuning**: the ``tuning`` texts of tests/data/viewpoint_eval.json, the only ones looked at
  when choosing words, weights or the way the signals combine;
- **tuning2**: tests/data/viewpoint_eval_tuning2.json, 260 texts (10 per 視点 from each of two
  writers who saw neither the vocabulary nor the suggester), tuned on like the first;
- **old held-out**: that file's ``held_out`` texts. They were looked at once (stop 20), so they
  are no longer clean, and are reported for comparison only;
- **fresh held-out**: tests/data/viewpoint_eval_fresh.json, written before the next round of
  tuning and never used for a decision. A text there may carry two 視点 (main first): a
  suggestion counts when it is one of them.
- **blind held-out**: tests/data/viewpoint_eval_fresh2.json, 104 texts (8 per 視点) written by
  someone who never saw the vocabulary, the suggester or the other sets, and never ran the
  suggester on them; never used for a decision either.

Beside each other:

- plan text only: :class:`meguro_jukyo.core.policy.Suggester` as the app used it before
  (character n-grams of the plan's text), the raw baseline;
- words + plan: :class:`meguro_jukyo.core.suggest.ViewpointSuggester` with no store decisions;
- words + plan + the store's decisions: the same, learning from the other texts of the set
  as accepted links (leave-one-out on the two tuning parts; the held-out parts learn from the
  tuning parts only, as a store whose earlier issues were linked).

Also the analyser's cost: import + first analysis time and the memory it adds, measured in a
fresh interpreter, and the installed size of the dictionary.

Run alone with ``python -m bench.suggest``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

EVAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "viewpoint_eval.json"
FRESH = EVAL.with_name("viewpoint_eval_fresh.json")
BLIND = EVAL.with_name("viewpoint_eval_fresh2.json")
TUNING2 = EVAL.with_name("viewpoint_eval_tuning2.json")
#: part key → its title in the table
PARTS = {"tuning": "tuning", "tuning2": "tuning2", "held_out": "old held-out", "fresh": "fresh held-out",
         "blind": "blind held-out"}

_COST = """
import time
def rss():
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
from meguro_jukyo.core import japanese
before = rss()
t = time.perf_counter()
from meguro_jukyo.core import analysis
analysis.warm_up()
print(time.perf_counter() - t, (rss() - before) / 1024)
"""


def labels(item) -> list[str]:
    """The 視点 a careful reader accepts for ``item``, the main one first."""
    return item.get("viewpoints") or [item["viewpoint"]]


def evaluate(items, suggest) -> tuple[float, float]:
    """(top-1, top-3) share of ``items`` for which ``suggest(item)`` ranks one of its labels
    first / in its three."""
    top1 = top3 = 0
    for item in items:
        got = suggest(item)
        accepted = labels(item)
        top1 += bool(got) and got[0] in accepted
        top3 += any(vp in got[:3] for vp in accepted)
    return top1 / len(items), top3 / len(items)


def load_parts() -> dict[str, list[dict]]:
    """The parts (see the module docstring), each item with its ``part``."""
    data = json.loads(EVAL.read_text(encoding="utf-8"))["items"]
    for part, path in (("tuning2", TUNING2), ("fresh", FRESH), ("blind", BLIND)):
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            data.append(dict(item, part=part))
    return {p: [i for i in data if i["part"] == p] for p in PARTS}


def run(workdir: Path, only: str | None = None) -> list[str]:
    """The figures as Markdown lines; with ``only`` (a part key), that part alone and no costs:
    whoever tunes words or weights runs ``--part tuning`` and never sees the held-out figures."""
    from meguro_jukyo.core import analysis
    from meguro_jukyo.core.policy import Suggester, load_framework
    from meguro_jukyo.core.suggest import Example, ViewpointSuggester

    parts = load_parts()
    shown = [only] if only else list(PARTS)
    data = [i for part in parts.values() for i in part]
    framework = load_framework()
    old = Suggester(framework)
    new = ViewpointSuggester(framework, old)
    for item in data:
        item["words"] = tuple(analysis.words(item["text"]))

    def example(item) -> Example:
        return Example(item["words"], labels(item)[0], None, item["text"][:20], True)

    tuned = parts["tuning"] + parts["tuning2"]
    tuning_examples = [example(i) for i in tuned]

    def learned(item):
        pool = tuning_examples if item["part"] not in ("tuning", "tuning2") else [
            example(i) for i in tuned if i is not item]
        return [r.viewpoint_id for r in new.rank(item["text"], pool, limit=3)]

    suggesters = {
        "plan text only (before)": lambda item: [s.viewpoint_id for s in old.suggest(item["text"], limit=3)],
        "words + plan": lambda item: [r.viewpoint_id for r in new.rank(item["text"], limit=3)],
        "words + plan + store's decisions": learned,
    }
    lines = [f"## bench.suggest — 視点 suggestions on {EVAL.name}, {TUNING2.name}, {FRESH.name} and {BLIND.name} "
             f"({len(data)} texts, 13 視点)", "",
             "| suggester | " + " | ".join(f"{PARTS[p]} top-1 | {PARTS[p]} top-3" for p in shown) + " |",
             "|---|" + "---|---|" * len(shown)]
    for name, fn in suggesters.items():
        figures = []
        for part in shown:
            t1, t3 = evaluate(parts[part], fn)
            figures += [f"{t1:.1%}", f"{t3:.1%}"]
        lines.append(f"| {name} | " + " | ".join(figures) + " |")
    if only:
        return lines
    main = {p: evaluate([dict(i, viewpoints=labels(i)[:1]) for i in parts[p]], learned) for p in ("fresh", "blind")}
    lines += ["", "Parts: " + ", ".join(f"{PARTS[p]} {len(parts[p])} texts" for p in PARTS)
              + " (only the tuning parts are looked at when choosing words or weights). "
              "Counting the main 視点 only (words + plan + decisions): "
              + "; ".join(f"{PARTS[p]} top-1 {t1:.1%}, top-3 {t3:.1%}" for p, (t1, t3) in main.items()) + "."]

    start = time.perf_counter()
    for item in data:
        new.rank(item["text"], tuning_examples, limit=3)
    per_text = (time.perf_counter() - start) / len(data)
    cost = subprocess.run([sys.executable, "-c", _COST], capture_output=True, text=True, check=True)
    seconds, mib = (float(x) for x in cost.stdout.split())
    import sudachidict_small

    dict_dir = Path(sudachidict_small.__file__).parent
    size = sum(p.stat().st_size for p in dict_dir.rglob("*") if p.is_file()) / 2**20
    lines += ["", f"Analyser: import + first analysis {seconds * 1000:.0f} ms, +{mib:.0f} MiB resident "
              f"(fresh interpreter); sudachidict_small installed {size:.0f} MiB. "
              f"One suggestion with {len(tuning_examples)} store decisions: {per_text * 1000:.1f} ms."]
    return lines + _ward(workdir)


def _ward(workdir: Path) -> list[str]:
    """One suggestion through the service on the cached ward-size store (read-only), if there is
    one: the first call (reading and analysing the newest decisions) and the next ones."""
    from bench import cached_ward, _paths, SEED
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.services.suggestions import SuggestionService

    if cached_ward(workdir) is None:
        return ["", f"Ward-size store: none cached in {workdir}, not timed (python -m bench store builds it)."]
    store = Store.open(_paths(workdir, SEED)[0], write=False)
    try:
        service = SuggestionService(store)
        text = "公園の遊具が古くなって危ないので、早く直してほしい。"
        first = time.perf_counter()
        got = service.suggest(text)
        first = time.perf_counter() - first
        again = []
        for _ in range(5):
            t = time.perf_counter()
            service.suggest(text)
            again.append(time.perf_counter() - t)
        with store.engine.connect() as con:
            links = con.exec_driver_sql("SELECT count(*) FROM policy_link").scalar_one()
    finally:
        store.close()
    again.sort()
    return ["", f"Ward-size store ({links:,} 視点 links, the newest {service.EXAMPLES} used): first suggestion "
            f"{first * 1000:.0f} ms (analysing those decisions, then kept), next ones median "
            f"{again[2] * 1000:.1f} ms; first suggestion {got[0].viewpoint_id if got else 'none'} "
            f"for 「{text}」."]


if __name__ == "__main__":
    import argparse

    from bench import OUT

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workdir", nargs="?", type=Path, default=OUT)
    parser.add_argument("--part", choices=list(PARTS), help="report this part only (tuning: the one to tune on)")
    args = parser.parse_args()
    print("\n".join(run(args.workdir, args.part)))
