"""The amendment report and comparative print as one standalone, printable HTML page.

Rendered from the Jinja2 template ``tracker/templates/comparative.html`` with autoescape on, so
every piece of text from the bill or the law is escaped. The House convention: struck text in black
brackets, struck through (``<del>``); new text in italic (``<ins>``); each change followed by a link
to the row of the instruction (the bill section) that makes it. A thin renderer of the model.
"""

from __future__ import annotations

from tracker.render.comparative_model import ELISION, LEGEND, ComparativePrint
from tracker.render.comparative_term import STATUS_WORD, summary_line

TEMPLATE = "comparative.html"


def render_html(model: ComparativePrint) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("tracker", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template(TEMPLATE).render(
        model=model,
        summary=summary_line(model),
        legend=LEGEND,
        elision=ELISION,
        words=STATUS_WORD,
    )
