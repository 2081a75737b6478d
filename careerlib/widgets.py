"""Live controls for exploring in JupyterLab (cells tagged ``interactive``; the
HTML export leaves them out and shows the default view instead).

Charts are put into an ``Output`` widget by setting its ``outputs`` (the kernel
sends the finished outputs as widget state), never with ``with output:``. The
capturing form makes a headless runner (papermill/nbclient) stand in for the
front end: on each captured output nbclient sends a comm message to the kernel on
the shell channel while it waits on that same channel for the cell's reply, and
that wait can miss the reply and hang forever (nbclient issue 312). Setting the
state needs no reply from anyone, so the cells run the same with or without a
front end, and JupyterLab draws them as before.
"""

from __future__ import annotations

import dataclasses

import ipywidgets as widgets
import pandas as pd

from careerlib import funnel, offers, roi
from careerlib.plots import funnel as funnel_plots
from careerlib.plots import offers as offers_plots
from careerlib.plots import roi as roi_plots
from careerlib.text import plot_text


def funnel_explorer(apps: pd.DataFrame, as_of=None) -> widgets.Widget:
    """Channel and date-range filters that redraw the funnel and the channel rates."""
    day = funnel.resolve_as_of(apps, as_of)
    channels = sorted(apps["channel"].unique())
    first = apps["applied"].min() if len(apps) else day
    channel_box = widgets.SelectMultiple(
        options=channels, value=tuple(channels), rows=min(6, max(2, len(channels))), description="Channels"
    )
    start = widgets.DatePicker(value=first.date(), description="Applied from")
    end = widgets.DatePicker(value=day.date(), description="to")
    output = widgets.Output()

    def redraw(change=None) -> None:
        chosen = funnel.filter_log(apps, channel_box.value, start.value, end.value)
        steps = funnel.summary(chosen, as_of=day)
        show(
            output,
            funnel_plots.funnel_chart(steps, title=f"Funnel for the selection ({len(chosen)} applications)"),
            funnel_plots.channel_rates(funnel.summary(chosen, by="channel", as_of=day)),
        )

    for control in (channel_box, start, end):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([channel_box, widgets.VBox([start, end])]), output])


def roi_explorer(option: roi.Option, n: int = 5_000, seed: int = 0):
    """Sliders for the uplift, discount rate, chance of finishing and time to land
    the role, redrawing the cumulative cash and the NPV distribution (JupyterLab
    only: the HTML export drops ``interactive`` cells)."""
    controls = {
        "salary_after": _uplift_slider(option),
        "discount_rate": widgets.FloatSlider(
            value=option.discount_rate, min=0.0, max=0.12, step=0.005, description="discount rate", readout_format=".1%"
        ),
        "completion_probability": widgets.FloatSlider(
            value=option.completion_probability,
            min=0.0,
            max=1.0,
            step=0.05,
            description="chance of finishing",
            readout_format=".0%",
        ),
        "delay_years": widgets.FloatSlider(
            value=option.delay_years, min=0.0, max=3.0, step=0.25, description="years to land role"
        ),
    }
    if option.earnings_with is not None:  # pay by age (earnings_with): there is no single salary to slide
        del controls["salary_after"]
    for control in controls.values():  # four sliders: same look
        control.style = {"description_width": "150px"}
        control.layout = widgets.Layout(width="480px")
        control.continuous_update = False

    output = widgets.Output()

    def redraw(change=None) -> None:
        changed = dataclasses.replace(option, **{name: control.value for name, control in controls.items()})
        spread = roi.simulate(changed, n=n, seed=seed)
        show(
            output,
            roi_plots.cumulative_chart(roi.cash_flows(changed), roi.evaluate(changed)),
            roi_plots.npv_distribution(roi.npv_histogram(spread), spread),
        )

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox(
        [widgets.HTML(f"<b>{plot_text(option.name)}</b>: move a slider to redraw"), *controls.values(), output]
    )


def show(output: widgets.Output, *figures) -> None:
    """Replace what ``output`` shows with ``figures`` (plotly figures), each as the
    output a notebook cell would get from the current plotly renderers."""
    output.outputs = tuple(
        {"output_type": "display_data", "data": figure._repr_mimebundle_(), "metadata": {}} for figure in figures
    )


def _uplift_slider(option: roi.Option):
    if option.salary_after_is_premium:
        top = min(max(1.0, 2 * option.salary_after), roi.MAX_PREMIUM)  # within what Option accepts
        return widgets.FloatSlider(
            value=option.salary_after, min=-0.2, max=top, step=0.01, description="salary premium", readout_format=".0%"
        )
    top = max(2 * option.salary_after, option.current_salary * 2, 1.0)
    return widgets.FloatSlider(
        value=option.salary_after,
        min=roi.MIN_AMOUNT,
        max=top,
        step=1_000,
        description="salary after",
        readout_format=",.0f",
    )


def offers_explorer(
    offer_list: list,
    years: int = 4,
    discount_rate: float = 0.04,
    equity_haircut: float = 0.0,
    target: float = 0.0,
    buffer: float = 0.10,
    currency: str = "$",
    step: float = 100.0,
    draws: int = 5_000,
    seed: int = 0,
) -> widgets.Widget:
    """Sliders for the counter's target, the discount rate and the equity haircut,
    redrawing the offers' spread and what each answer to the counter is worth (the
    counter is built for the offer worth most at the chosen settings)."""
    start = offers.compare(
        offer_list, years=years, discount_rate=discount_rate, equity_haircut=equity_haircut, draws=draws, seed=seed
    )
    chosen = offer_list[int(offers.best(start)["offer"])]
    first_target = target if target > 0 else offers.default_target(chosen, buffer)
    controls = {
        "target": widgets.FloatSlider(
            value=first_target,
            min=chosen.first_year_cash,
            max=chosen.first_year_cash * 1.5,
            step=step,
            description="target (year 1)",
            readout_format=",.0f",
        ),
        "discount_rate": widgets.FloatSlider(
            value=discount_rate, min=0.0, max=0.15, step=0.005, description="discount rate", readout_format=".1%"
        ),
        "equity_haircut": widgets.FloatSlider(
            value=equity_haircut, min=0.0, max=1.0, step=0.05, description="equity haircut", readout_format=".0%"
        ),
    }
    for control in controls.values():  # three sliders: same look
        control.style = {"description_width": "150px"}
        control.layout = widgets.Layout(width="480px")
        control.continuous_update = False

    output = widgets.Output()

    def redraw(change=None) -> None:
        settings = {name: control.value for name, control in controls.items()}
        table = offers.compare(
            offer_list,
            years=years,
            discount_rate=settings["discount_rate"],
            equity_haircut=settings["equity_haircut"],
            draws=draws,
            seed=seed,
        )
        package = offers.counter_package(chosen, settings["target"], step=step)
        show(
            output,
            offers_plots.uncertainty_chart(table, years, currency=currency),
            offers_plots.partial_yes_chart(offers.partial_yeses(package), package.target, currency=currency),
        )

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox(
        [
            widgets.HTML(f"Counter for <b>{plot_text(chosen.company)}</b>: move a slider to redraw"),
            *controls.values(),
            output,
        ]
    )
