"""What every in-process benchmark does between building its data and timing requests.

Not a benchmark itself: `make benchmark` runs it too, and it prints nothing.
"""

import gc
import os


def settle() -> str:
    """Put the data-building objects out of the garbage collector's sight; describe the machine.

    The objects a benchmark made while generating its data are no part of a web worker's
    heap, yet full collections would scan them and land in the timings of random requests
    (seen: case page p95 422 ms with them, 135 ms without). Returns the line to print.
    """
    gc.collect()
    gc.freeze()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"machine: {os.cpu_count()} CPUs, load average {load} (other work on the machine inflates the times)"
