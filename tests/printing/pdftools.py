"""Look at PDFs the way a print shop would: poppler-utils (pdffonts, pdfinfo, pdftotext,
pdftoppm) and zbarimg, on a temporary copy."""

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TOOLS = ("pdffonts", "pdfinfo", "pdftotext", "pdftoppm", "zbarimg")
PT_PER_MM = 72 / 25.4


def require_tools():
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.fail(f"missing Debian tools {missing}: make installs poppler-utils and zbar-tools")


def _run(args, pdf):
    require_tools()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run(  # noqa: S603
            [*args, str(path)], capture_output=True, text=True, check=True
        ).stdout


def fonts(pdf):
    """[(name, type, embedded)] as pdffonts lists them."""
    rows = _run(["pdffonts"], pdf).splitlines()[2:]
    result = []
    for row in rows:
        parts = row.split()
        # name, type words..., encoding, emb, sub, uni, object id, generation
        result.append((parts[0], " ".join(parts[1:-6]), parts[-5] == "yes"))
    return result


def info(pdf, *extra):
    return _run(["pdfinfo", *extra], pdf)


def attachment_list(pdf):
    """What `pdfdetach -list` says of the embedded files ("0 embedded files" when none)."""
    return _run(["pdfdetach", "-list"], pdf)


def page_count(pdf):
    return int(re.search(r"Pages:\s+(\d+)", info(pdf))[1])


def page_size_mm(pdf):
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info(pdf))
    return round(float(match[1]) / PT_PER_MM, 1), round(float(match[2]) / PT_PER_MM, 1)


def text(pdf, first=None, last=None, raw=True):
    """Text in content order (-raw) or in reading order by position (raw=False), optionally
    of some pages only."""
    args = ["pdftotext", "-raw" if raw else "-layout", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    with tempfile.TemporaryDirectory() as folder:
        require_tools()
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run([*args, str(path), str(Path(folder) / "out.txt")], check=True)  # noqa: S603
        return (Path(folder) / "out.txt").read_text()


def qr_codes(pdf, dpi=150):
    """The QR codes zbarimg decodes on each rasterised page, one list per page."""
    require_tools()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(  # noqa: S603
            ["pdftoppm", "-r", str(dpi), "-png", str(path), str(Path(folder) / "p")],  # noqa: S607
            check=True,
        )
        pages = []
        for png in sorted(Path(folder).glob("p-*.png")):
            out = subprocess.run(  # noqa: S603
                ["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(png)],  # noqa: S607
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            pages.append(out.split())
        return pages


def flat(value):
    """Text without line breaks or the hyphens of line ends, for phrase searches."""
    return re.sub(r"\s+", " ", value.replace("‐\n", "").replace("-\n", ""))
