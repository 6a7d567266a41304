"""Pure helpers of the benchmark: percentiles and the order of interleaved
samples. No Django, no database: tests/bench/ checks them directly."""

import math
import statistics
import time
from collections.abc import Callable, Iterator, Sequence


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest sample with at least
    `fraction` of the samples at or below it (p95 of 20 samples is the 19th)."""
    if not values:
        raise ValueError("no samples")
    if not 0 < fraction <= 1:
        raise ValueError("fraction must be in (0, 1]")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summary(values: Sequence[float]) -> dict:
    """Median, p95 and count of one cell's samples (milliseconds in, out)."""
    return {
        "n": len(values),
        "median": round(statistics.median(values), 3),
        "p95": round(percentile(values, 0.95), 3),
    }


def ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 3) if denominator else math.inf


def interleaved(probes: Sequence, rounds: int) -> Iterator[tuple[int, object]]:
    """(round, probe) for `rounds` rounds of every probe in turn: A, B, A, B ...
    Each probe is measured as often as the others and spread over the same
    stretch of time, so a noisy neighbour slows all of them alike."""
    for number in range(rounds):
        for probe in probes:
            yield number, probe


def sample_interleaved(
    probes: Sequence,
    measure: Callable[[object], float],
    *,
    warmup: int,
    min_rounds: int,
    max_rounds: int,
    budget_seconds: float,
    clock: Callable[[], float] = time.monotonic,
) -> list[list[float]]:
    """Measure each probe alternately after `warmup` unrecorded rounds; stop
    after `max_rounds`, or once `budget_seconds` have passed and at least
    `min_rounds` are in. Returns one list of samples per probe, all the same
    length (a round is recorded whole or not at all)."""
    for _, probe in interleaved(probes, warmup):
        measure(probe)
    samples: list[list[float]] = [[] for _ in probes]
    started = clock()
    for number in range(max_rounds):
        if number >= min_rounds and clock() - started > budget_seconds:
            break
        for index, probe in enumerate(probes):
            samples[index].append(measure(probe))
    return samples
