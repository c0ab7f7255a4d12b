"""Remove `# fmt: skip` outside data tables, so the formatter owns the rest.

Kept: module- and class-level assignments of a literal (demo data, presets, settings) and
pytest parametrize tables. Usage, from the repository root:

    python tools/fmt_unskip.py $(git grep -l "fmt: skip" -- '*.py') && .venv/bin/ruff format .

It only removes markers; ruff format keeps the syntax tree, so behaviour cannot change.
"""

import ast
import pathlib
import sys

MARK = "  # fmt: skip"
LITERALS = (ast.Dict, ast.List, ast.Tuple, ast.Set)


def keep_lines(tree):
    keep = set()

    def visit(node, parent_is_container):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Assign, ast.AnnAssign)) and parent_is_container:
                value = child.value
                if isinstance(value, LITERALS) or (
                    isinstance(value, ast.Call)
                    and getattr(value.func, "id", "")
                    in {"dict", "frozenset", "set", "tuple", "list"}
                ):
                    keep.update(range(child.lineno, child.end_lineno + 1))
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                for deco in child.decorator_list:
                    text = ast.unparse(deco)
                    if "parametrize" in text:
                        keep.update(range(deco.lineno, deco.end_lineno + 1))
            visit(child, isinstance(child, ast.ClassDef))

    visit(tree, True)
    return keep


changed = []
for path in sys.argv[1:]:
    p = pathlib.Path(path)
    text = p.read_text()
    if MARK not in text:
        continue
    keep = keep_lines(ast.parse(text))
    lines = text.split("\n")
    n = 0
    for i, line in enumerate(lines, start=1):
        if line.endswith(MARK) and i not in keep:
            lines[i - 1] = line[: -len(MARK)]
            n += 1
    if n:
        p.write_text("\n".join(lines))
        changed.append((path, n))
for path, n in changed:
    print(n, path)
print(sum(n for _, n in changed), "markers removed in", len(changed), "files")
