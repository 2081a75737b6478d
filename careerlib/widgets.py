"""Live controls for exploring in JupyterLab (cells tagged ``interactive``; the
HTML export leaves them out and shows the default view instead)."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from careerlib import funnel
from careerlib.plots import funnel as funnel_plots


def funnel_explorer(apps: pd.DataFrame, as_of=None) -> widgets.Widget:
    """Channel and date-range filters that redraw the funnel and the channel rates."""
    day = funnel.resolve_as_of(apps, as_of)
    channels = sorted(apps["channel"].unique())
    first = apps["applied"].min() if len(apps) else day
    channel_box = widgets.SelectMultiple(options=channels, value=tuple(channels), rows=min(6, max(2, len(channels))),
                                         description="Channels")
    start = widgets.DatePicker(value=first.date(), description="Applied from")
    end = widgets.DatePicker(value=day.date(), description="to")
    output = widgets.Output()

    def redraw(change=None) -> None:
        chosen = funnel.filter_log(apps, channel_box.value, start.value, end.value)
        output.clear_output(wait=True)
        with output:
            steps = funnel.summary(chosen, as_of=day)
            display(funnel_plots.funnel_chart(steps, title=f"Funnel for the selection ({len(chosen)} applications)"))
            display(funnel_plots.channel_rates(funnel.summary(chosen, by="channel", as_of=day)))

    for control in (channel_box, start, end):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([channel_box, widgets.VBox([start, end])]), output])
