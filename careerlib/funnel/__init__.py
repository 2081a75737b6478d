"""Job-search funnel (the statistics are in :mod:`careerlib.funnel.model` for now)."""

from careerlib.funnel.model import *  # noqa: F403
from careerlib.funnel.model import _summarise  # noqa: F401
