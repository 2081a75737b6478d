"""What nbclient does for Jupyter widgets when there is no browser, done in the
engine's child: comms record every widget's state (written to the notebook's
``metadata.widgets`` as nbclient writes it), and the ipywidgets ``Output`` widget
captures what is shown inside ``with out:`` into its own state instead of the cell.

Installed with :func:`install` in the child only: it replaces ``comm.create_comm``
for the rest of the child's life, as ipykernel does in a kernel.
"""

from __future__ import annotations

import base64

import comm
from comm.base_comm import BaseComm

from careerlib.inprocess import OUTPUTS, as_sent

WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"
OUTPUT_MODEL = ("@jupyter-widgets/output", "OutputModel")


class FrontEnd:
    """The widget state seen from the front end's side, and the ``Output`` widgets it mimics."""

    def __init__(self) -> None:
        self.state: dict[str, dict] = {}
        self.buffers: dict[str, dict[tuple, dict]] = {}
        self.output_widgets: dict[str, CapturingOutput] = {}

    def received(self, sender: RecordingComm, msg_type: str, data: dict, buffers) -> None:
        """A comm message from the kernel side (nbclient's ``handle_comm_msg``)."""
        data = as_sent(data or {})
        state = data.get("state")
        if state is not None:
            self.state.setdefault(sender.comm_id, {}).update(state)
            if data.get("buffer_paths"):
                self.buffers.setdefault(sender.comm_id, {}).update(
                    {
                        tuple(path): {
                            "data": base64.b64encode(bytes(buffer)).decode("ascii"),
                            "encoding": "base64",
                            "path": path,
                        }
                        for path, buffer in zip(data["buffer_paths"], buffers or [])
                    }
                )
        if msg_type == "comm_open" and state is not None:
            if (state.get("_model_module"), state.get("_model_name")) == OUTPUT_MODEL:
                self.output_widgets[sender.comm_id] = CapturingOutput(sender, self, state.get("outputs", []))
        elif msg_type == "comm_msg" and state is not None and sender.comm_id in self.output_widgets:
            self.output_widgets[sender.comm_id].set_state(state)

    def metadata(self) -> dict | None:
        """``nb.metadata.widgets`` as nbclient writes it (None when no widget was made)."""
        if not self.state:
            return None
        described = {}
        for model_id, state in self.state.items():
            if "_model_name" not in state:
                continue
            described[model_id] = {
                "model_name": state.get("_model_name"),
                "model_module": state.get("_model_module"),
                "model_module_version": state.get("_model_module_version"),
                "state": state,
            }
            if self.buffers.get(model_id):
                described[model_id]["buffers"] = list(self.buffers[model_id].values())
        return {WIDGET_STATE_MIME: {"state": described, "version_major": 2, "version_minor": 0}}


class CapturingOutput:
    """nbclient's stand-in for a front end's Output widget: while the kernel-side
    widget has a ``msg_id``, the cell's outputs go into the widget's ``outputs``."""

    def __init__(self, sender: RecordingComm, front_end: FrontEnd, outputs: list) -> None:
        self.comm = sender
        self.front_end = front_end
        self.outputs = list(outputs)
        self.clear_before_next_output = False
        self.capturing = False

    def set_state(self, state: dict) -> None:
        if "msg_id" not in state:
            return
        if state["msg_id"] and not self.capturing:
            self.capturing = True
            OUTPUTS.push_hook(self)
        elif not state["msg_id"] and self.capturing:
            self.capturing = False
            OUTPUTS.pop_hook(self)

    def output(self, output) -> None:
        if self.clear_before_next_output:
            self.outputs = []
            self.clear_before_next_output = False
        last = self.outputs[-1] if self.outputs else None
        if last is not None and last["output_type"] == output.output_type == "stream" and last["name"] == output.name:
            last["text"] += output["text"]
        else:
            self.outputs.append(as_sent(dict(output)))
        self.sync_state()

    def clear(self, wait: bool) -> None:
        if wait:
            self.clear_before_next_output = True
        else:
            self.outputs = []
            self.sync_state()

    def sync_state(self) -> None:
        """Send the outputs back to the kernel-side widget, as the front end does."""
        self.front_end.state.setdefault(self.comm.comm_id, {})["outputs"] = self.outputs
        self.comm.deliver({"method": "update", "state": {"outputs": self.outputs}, "buffer_paths": []})


class RecordingComm(BaseComm):
    """A comm whose messages go to the :class:`FrontEnd` instead of a socket."""

    front_end: FrontEnd | None = None

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys) -> None:
        if self.front_end is not None:
            self.front_end.received(self, msg_type, data or {}, buffers)

    def deliver(self, data: dict) -> None:
        """A message from the front end to the kernel-side object."""
        self.handle_msg({"content": {"comm_id": self.comm_id, "data": data}, "buffers": [], "metadata": {}})


def install() -> FrontEnd:
    """From now on, comms in this process report to the returned front end."""
    front_end = FrontEnd()
    RecordingComm.front_end = front_end
    comm.create_comm = RecordingComm
    return front_end
