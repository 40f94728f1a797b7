#!/usr/bin/env bash
# For every module with a compiled target/classes: (a) its package cycles, the strongly connected
# groups of its org.examhall packages as jdeps sees them in the bytecode, and (b) its 15 biggest
# Java source files by lines. Compile first (mvn -B -q -o compile); the repository root defaults to
# this script's parent and may be given as the first argument, e.g. to look at another worktree.
set -euo pipefail

root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

for classes in */target/classes; do
  [ -d "$classes" ] || continue
  module=${classes%%/*}
  echo "== $module: package cycles"
  jdeps -verbose:package -e 'org\.examhall\..*' "$classes" | python3 -c '
import sys

edges = {}
for line in sys.stdin:
    parts = line.split()
    # "  org.examhall.a  ->  org.examhall.b  classes"; the summary lines name the archive instead.
    if len(parts) >= 3 and parts[1] == "->" and parts[0].startswith("org.examhall"):
        edges.setdefault(parts[0], set())
        if parts[2] != parts[0]:
            edges[parts[0]].add(parts[2])

# Tarjan: a group of two or more packages that all reach each other is a cycle.
index, low, stack, on_stack, groups = {}, {}, [], set(), []
def visit(v):
    index[v] = low[v] = len(index)
    stack.append(v)
    on_stack.add(v)
    for w in edges.get(v, ()):
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on_stack:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        group = []
        while True:
            w = stack.pop()
            on_stack.discard(w)
            group.append(w)
            if w == v:
                break
        if len(group) > 1:
            groups.append(sorted(group))

sys.setrecursionlimit(10000)
for v in sorted(edges):
    if v not in index:
        visit(v)
for n, group in enumerate(sorted(groups, key=lambda g: (-len(g), g)), 1):
    print(f"{n}. {len(group)} packages: " + " ".join(group))
if not groups:
    print("none")
'
  echo "== $module: 15 biggest Java files (lines)"
  find "$module/src/main/java" -name '*.java' -print0 | xargs -0 wc -l | grep -v ' total$' | sort -rn | sed -n 1,15p   # sed reads on: head would end sort with SIGPIPE
done
