"""Turns the output of Ansible's json stdout callback into the conformance shape (see README.md)."""
import json
import sys

STANDARD = {"changed", "failed", "skipped", "skip_reason", "false_condition", "_ansible_verbose_always",
            "_ansible_no_log", "_ansible_verbose_override", "ansible_loop_var", "item", "ansible_index_var",
            "ansible_loop", "_ansible_item_label", "_ansible_item_result", "_ansible_ignore_errors",
            "msg", "results", "skipped_reason", "action", "invocation", "warnings", "deprecations", "rescued",
            "ignored", "unreachable"}


def status(r):
    if r.get("unreachable"):
        return "unreachable"
    if r.get("failed"):
        return "failed"
    if r.get("skipped"):
        return "skipped"
    if r.get("changed"):
        return "changed"
    return "ok"


def debug_value(r):
    if "msg" in r:
        return True, r["msg"]
    for k, v in r.items():
        if k not in STANDARD and not k.startswith("_ansible"):
            return True, v
    return False, None


def main():
    rc = int(sys.argv[1])
    text = sys.stdin.read()
    start = text.find("{")
    try:
        data = json.loads(text[start:]) if start >= 0 else None
    except ValueError:
        data = None
    if not data or "plays" not in data:
        print(json.dumps({"exit": rc, "error": True}, indent=1))
        return
    tasks = []
    for play in data["plays"]:
        for t in play["tasks"]:
            task = {"name": t["task"]["name"], "hosts": {}}
            for host, r in sorted(t["hosts"].items()):
                h = {"status": status(r)}
                if r.get("action") == "debug" and h["status"] in ("ok", "changed"):
                    if "results" in r:
                        vals = []
                        for item in r["results"]:
                            if item.get("skipped"):
                                vals.append(None)
                                continue
                            found, v = debug_value(item)
                            vals.append(v if found else None)
                        h["value"] = vals
                    else:
                        found, v = debug_value(r)
                        if found:
                            h["value"] = v
                task["hosts"][host] = h
            tasks.append(task)
    recap = {}
    for host, s in sorted(data.get("stats", {}).items()):
        recap[host] = {"ok": s.get("ok", 0), "changed": s.get("changed", 0), "unreachable": s.get("unreachable", 0),
                       "failed": s.get("failures", 0), "skipped": s.get("skipped", 0),
                       "rescued": s.get("rescued", 0), "ignored": s.get("ignored", 0)}
    print(json.dumps({"exit": rc, "tasks": tasks, "recap": recap}, indent=1, sort_keys=False))


main()
