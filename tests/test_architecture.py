"""Dependencies run one way: works know nothing of tours; public code never touches registrar data."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def imported_modules(path):
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


def test_catalogue_imports_nothing_from_exhibition():
    offenders = [
        (str(path.relative_to(ROOT)), module)
        for path in python_files("catalogue")
        for module in imported_modules(path)
        if module == "exhibition" or module.startswith("exhibition.")
    ]
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
    offenders = [
        (str(path.relative_to(ROOT)), module)
        for folder in ("catalogue", "exhibition")
        for path in python_files(folder)
        for module in imported_modules(path)
        if module == "visitor" or module.startswith("visitor.")
    ]
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
    offenders = [
        (str(path.relative_to(ROOT)), module)
        for path in python_files("openstandards")
        for module in imported_modules(path)
        if module.split(".")[0] in outputs
    ]
    assert offenders == []


OUTPUT_NEIGHBOURS = ("catalogue", "exhibition", "config", "visitor", "printing", "translations")


def test_nothing_imports_the_public_api():
    """api/ (the read API) reads works and tours; no app imports it (config.urls includes it by
    name, settings name its middleware), and it imports no other output module."""
    offenders = [
        (str(path.relative_to(ROOT)), module)
        for folder in (*OUTPUT_NEIGHBOURS, "openstandards")
        for path in python_files(folder)
        for module in imported_modules(path)
        if module == "api" or module.startswith("api.")
    ]
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
    offenders = [
        (str(path.relative_to(ROOT)), module)
        for path in python_files("gates")
        for module in imported_modules(path)
        if module.split(".")[0] in apps
    ]
    assert offenders == []


def test_sealed_fetcher_needs_no_django():
    """The print workers unpickle gates.url_fetcher.SealedURLFetcher in a bare interpreter."""
    modules = set(imported_modules(ROOT / "gates" / "url_fetcher.py"))
    assert not {m for m in modules if m.split(".")[0] in {"django", "wagtail"}}
