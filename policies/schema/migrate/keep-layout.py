# After one-route-shape.mjs: where a rewritten stretch of a file differs from the file before only in
# layout (a folded paragraph wrapped elsewhere, { a: b } written {a: b}), keep the lines as they were.
# Usage: python3 keep-layout.py BEFORE AFTER  (rewrites AFTER in place)
import difflib, sys
before = open(sys.argv[1], encoding="utf-8").read().splitlines(keepends=True)
after = open(sys.argv[2], encoding="utf-8").read().splitlines(keepends=True)
squash = lambda lines: "".join(lines).replace(" ", "").replace("\n", "")
out = []
for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
    if op == "replace" and squash(before[i1:i2]) == squash(after[j1:j2]):
        out += before[i1:i2]
    else:
        out += after[j1:j2]
open(sys.argv[2], "w", encoding="utf-8").write("".join(out))
