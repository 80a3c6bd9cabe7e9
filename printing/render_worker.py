"""A print worker process (printing.pdf.RenderPool): `python -m printing.render_worker [css…]`.

Loads WeasyPrint and the stylesheets at once, then reads one pickled `Part` from stdin and
writes the pickled ("ok", Rendered) or ("error", exception) to stdout. No Django here.
"""

import pickle
import sys

from printing.pdf import _warm_up, render_part


def main():
    _warm_up(sys.argv[1:])
    part = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 (sent by our own parent process)
    try:
        answer = ("ok", render_part(part))
    except Exception as error:  # the parent re-raises it
        try:
            pickle.dumps(error)
        except Exception:
            error = RuntimeError(repr(error))
        answer = ("error", error)
    sys.stdout.buffer.write(pickle.dumps(answer))


if __name__ == "__main__":
    main()
