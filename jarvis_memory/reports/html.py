"""An executed notebook as a report for readers: HTML without code, prompts, standard error or tracebacks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..files import atomic_write


def export_html(notebook: Path, html: Path) -> None:
    """``notebook`` as a report: outputs and prose only, no code cells or prompts.

    What is for a programmer stays in the ``.ipynb`` only: standard error (warnings, logs) is
    left out, and a failed cell shows a short error box instead of its traceback.
    """
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [_for_readers(out) for out in cell.outputs
                            if not (out.output_type == "stream" and out.name == "stderr")]
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": notebook.stem.replace("_", " ")}})
    atomic_write(html, body)


def _for_readers(output: Any) -> Any:
    import html

    import nbformat

    if output.output_type != "error":
        return output
    message = html.escape(" ".join(f"{output.ename}: {output.evalue}".split())[:300])
    box = ('<div style="border:1px solid #b00;background:#fff4f4;color:#800;padding:.5rem .8rem;border-radius:4px">'
           f"<strong>This step failed</strong>: {message}<br><small>The details are in the notebook file.</small></div>")
    return nbformat.v4.new_output("display_data", data={"text/html": box, "text/plain": "This step failed"})

