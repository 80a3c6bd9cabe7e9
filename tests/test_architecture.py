"""Dependencies run one way: works know nothing of tours; public code never touches registrar data.

Every import counts, at the top of a module or inside a function (`ast.walk` sees both): an
import deferred into a function still makes one module need the other, it only hides a cycle.
Templates count too: `{% load %}`, `{% include %}` and `{% extends %}` under `templates/<app>/`.
"""

import ast
import functools
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def imported_modules(path):
    return _imported_modules(Path(path))


@functools.cache
def _imported_modules(path):
    return tuple(_walk_imports(path))


def _walk_imports(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import: resolve against the file's package
                package = path.relative_to(ROOT).with_suffix("").parts[: -node.level]
                base = ".".join([*package, base]) if base else ".".join(package)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def python_files(folder):
    return [p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts]


def top(module):
    """The package a dotted module name starts with ("exhibition" for "exhibition.models")."""
    return module.split(".")[0]


def imports_in(folders, wanted):
    """(file, module) for each import of the Python files in `folders` that `wanted(module)`
    picks out."""
    return [
        (str(path.relative_to(ROOT)), module)
        for folder in folders
        for path in python_files(folder)
        for module in imported_modules(path)
        if wanted(module)
    ]


# What each app may import (besides itself, Django, Wagtail and libraries). `config` is the
# project package: its settings, storage and health helpers sit below the apps; only its `urls`
# module reads the apps (the module-level cycle check keeps the two halves apart).
PROJECT = "config"
MAY_IMPORT = {
    "gates": set(),
    "catalogue": {"gates", PROJECT},
    "exhibition": {"catalogue", "gates", PROJECT},
    "visitor": {"catalogue", "exhibition", "gates", PROJECT},
    "printing": {"catalogue", "exhibition", "gates", PROJECT},
    "translations": {"catalogue", "exhibition", "gates", PROJECT},
    "openstandards": {"catalogue", "exhibition", "gates", PROJECT},
    "api": {"catalogue", "exhibition", "gates", PROJECT},
}
APPS = (*MAY_IMPORT, PROJECT)


def module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules():
    """{dotted module name: path} of every Python module of the project's apps."""
    return {module_name(p): p for app in APPS for p in python_files(app)}


def module_graph():
    """{module: {modules it imports}}, within the project. `from package import name` counts as
    an import of `package.name` when that is a module, else of `package`; importing a module
    from outside its package also runs the package's `__init__` (as Python does), so
    `catalogue.languages` importing `catalogue.models.translation_state` imports
    `catalogue.models` and everything that package imports."""
    modules = project_modules()
    graph = {}
    for name, path in modules.items():
        edges = set()
        for imported in imported_modules(path):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            while imported:
                inside = name == imported or name.startswith(f"{imported}.")
                if not inside and imported in modules:
                    edges.add(imported)
                imported = imported.rpartition(".")[0]
        graph[name] = edges
    return graph


def import_cycles(graph):
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_imports_inside_functions_and_cycles_are_found(tmp_path):
    """The checks below must see an import deferred into a function (that is how the import
    cycles of issue 18 stayed hidden) and report a cycle however long."""
    module = tmp_path / "deferred.py"
    module.write_text("def later():\n    from catalogue.models import WorkPage\n")
    assert "catalogue.models" in set(imported_modules(module))
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycle_between_modules():
    """No module needs itself through others, counting imports inside functions: a cycle makes
    the import order matter and hides which module is the lower one."""
    assert import_cycles(module_graph()) == []


def test_apps_import_only_the_apps_below_them():
    offenders = [
        (str(path.relative_to(ROOT)), module)
        for app, allowed in MAY_IMPORT.items()
        for path in python_files(app)
        for module in imported_modules(path)
        if module.split(".")[0] in APPS and module.split(".")[0] not in {app, *allowed}
    ]
    assert offenders == []


def tag_libraries():
    """{tag library name: the app it belongs to}, for the project's own libraries."""
    return {
        path.stem: app
        for app in APPS
        for path in (ROOT / app / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }


TEMPLATE_TAG = re.compile(r"{%\s*(load|include|extends)\s+(.*?)\s*%}", re.DOTALL)


def template_uses(text):
    """(kind, name) of each `{% load %}`ed library and each template named by `{% include %}` or
    `{% extends %}` with a literal name; `load x from y` loads library y."""
    for kind, rest in TEMPLATE_TAG.findall(text):
        if kind == "load":
            words = rest.split()
            names = [words[-1]] if "from" in words else words
            yield from (("library", name) for name in names)
        else:
            literal = re.match(r"""["']([^"']+)["']""", rest)
            if literal:
                yield ("template", literal.group(1))


def test_templates_use_only_the_apps_their_app_may_import():
    """A template under `templates/<app>/` is part of <app>: it loads the tag libraries and
    includes the templates of <app> and the apps it may import, never of an app above it
    (catalogue's work page loading the `visitor` library hid such a dependency)."""
    libraries = tag_libraries()
    offenders = []
    for app, allowed in MAY_IMPORT.items():
        for path in (ROOT / "templates" / app).rglob("*.html"):
            for kind, name in template_uses(path.read_text()):
                owner = libraries.get(name) if kind == "library" else name.split("/")[0]
                if owner in APPS and owner not in {app, *allowed}:
                    offenders.append((str(path.relative_to(ROOT)), kind, name))
    assert offenders == []


def test_catalogue_imports_nothing_from_exhibition():
    offenders = imports_in(["catalogue"], lambda module: top(module) == "exhibition")
    assert offenders == []


def test_only_admin_and_demo_code_imports_registrar_data():
    allowed = {
        "exhibition/models/__init__.py",
        "exhibition/wagtail_hooks.py",
        "exhibition/demo.py",
        "exhibition/demo_registrar.py",  # the demo's loans (DemoBuilder's registrar part)
        # Registrar-only output (issue 5): admin views behind registrar permissions, and the
        # checklist export, which adds values only when asked to (--private / Registrar group).
        "exhibition/tour_admin.py",
        "exhibition/exports.py",
        # The registrar's dashboard panel: values only for users with the loan view permission.
        "exhibition/registrar_dashboard.py",
    }
    users = {
        str(path.relative_to(ROOT))
        for folder in (
            "catalogue",
            "exhibition",
            "config",
            "printing",
            "visitor",
            "translations",
            "openstandards",
            "api",
        )
        for path in python_files(folder)
        if any(m.startswith("exhibition.models.registrar") for m in imported_modules(path))
    }
    assert users <= allowed, users - allowed
    templates = [p for p in (ROOT / "templates").rglob("*.html") if "loan" in p.read_text().lower()]
    assert templates == []


def test_nothing_imports_the_printing_output_module():
    users = {
        str(path.relative_to(ROOT))
        for folder in ("catalogue", "exhibition", "config")
        for path in python_files(folder)
        if any(m == "printing" or m.startswith("printing.") for m in imported_modules(path))
    }
    assert users == set()


def test_nothing_imports_the_public_output_side():
    """visitor/ (public views, search, cache, sitemap) reads both apps; the apps never import it."""
    offenders = imports_in(["catalogue", "exhibition"], lambda module: top(module) == "visitor")
    assert offenders == []


def test_nothing_imports_the_open_standards_output_module():
    """openstandards/ (IIIF, LIDO) reads catalogue and exhibition; no other app imports it, and it
    imports no other output module (its public-data rules are its own, openstandards/public.py)."""
    apps = ("catalogue", "exhibition", "config", "printing", "visitor", "translations", "gates")
    apps += ("api",)
    users = {
        str(path.relative_to(ROOT))
        for folder in apps
        for path in python_files(folder)
        if any(m.split(".")[0] == "openstandards" for m in imported_modules(path))
    }
    assert users == set()
    outputs = {"printing", "visitor", "translations", "api"}
    offenders = imports_in(["openstandards"], lambda module: top(module) in outputs)
    assert offenders == []


OUTPUT_NEIGHBOURS = ("catalogue", "exhibition", "config", "visitor", "printing", "translations")


def test_nothing_imports_the_public_api():
    """api/ (the read API) reads works and tours; no app imports it (config.urls includes it by
    name, settings name its middleware), and it imports no other output module."""
    offenders = imports_in([*OUTPUT_NEIGHBOURS, "openstandards"], lambda m: top(m) == "api")
    assert offenders == []
    outputs = {"visitor", "printing", "translations"}
    reads = {m.split(".")[0] for p in python_files("api") for m in imported_modules(p)}
    assert not reads & outputs, reads & outputs


def test_print_worker_modules_need_no_django():
    """printing.render_worker runs in a bare interpreter: no settings, no database."""
    worker_modules = {"pdf", "overflow", "qr", "merge", "render_worker", "profiles"}
    offenders = [
        (name, module)
        for name in worker_modules
        for module in imported_modules(ROOT / "printing" / f"{name}.py")
        if module.split(".")[0] in {"django", "wagtail", "catalogue", "exhibition", "config"}
        or (module.startswith("printing.") and module.split(".")[1] not in worker_modules)
    ]
    assert offenders == []


def test_gates_import_no_app():
    """gates/ (sanitiser, sealed PDF fetcher) sits below every app, so all of them can use it."""
    apps = {"catalogue", "exhibition", "printing", "visitor", "translations", "config", "api"}
    apps.add("openstandards")
    offenders = imports_in(["gates"], lambda module: top(module) in apps)
    assert offenders == []


def test_sealed_fetcher_needs_no_django():
    """The print workers unpickle gates.url_fetcher.SealedURLFetcher in a bare interpreter."""
    modules = set(imported_modules(ROOT / "gates" / "url_fetcher.py"))
    assert not {m for m in modules if m.split(".")[0] in {"django", "wagtail"}}
