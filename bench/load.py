"""A bounded HTTP load generator: fixed concurrency, fixed duration, per-request latency.

``wrk`` is not everywhere Kontora is developed, so ``bench.http`` loads its servers with
this: ``concurrency`` threads, each with its own keep-alive ``http.client`` connection
(re-opened when the server closes it, as gunicorn's sync workers do after every answer),
send the same GET until ``duration`` seconds have passed or ``requests`` have been sent.
Each latency is measured around one request and its fully read body. A thread spends
far less time in Python per request than the server does, so on a shared machine the
client takes a little CPU from the servers; the ratios to the bare route cancel most of it.
"""

from __future__ import annotations

import http.client
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """What one load run measured; latencies in milliseconds."""

    requests: int
    seconds: float
    p50: float
    p99: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


class LoadError(RuntimeError):
    """A request answered with an unexpected status: the figures would measure an error page."""


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile of sorted ``samples`` (``share`` from 0 to 1)."""
    rank = max(1, -(-int(share * 1000) * len(samples) // 1000))  # ceil(share * n)
    return samples[min(rank, len(samples)) - 1]


def run_load(host: str, port: int, path: str, *, headers: dict[str, str],
             concurrency: int, duration: float, requests: int | None = None,
             expect: int = 200) -> Result:
    """Load ``GET path`` and return its rate and latency percentiles.

    Stops at ``duration`` seconds, or earlier after ``requests`` requests in all. Raises
    :class:`LoadError` when an answer's status is not ``expect``, naming the path.
    """
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    failures: list[str] = []
    sent = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def take() -> bool:
        nonlocal sent
        with lock:
            if requests is not None and sent >= requests:
                return False
            sent += 1
            return True

    def client(mine: list[float]) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=60)
        try:
            while time.perf_counter() < deadline and not failures and take():
                start = time.perf_counter()
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                mine.append((time.perf_counter() - start) * 1000)
                if response.status != expect:
                    failures.append(f"GET {path}: {response.status} instead of {expect}")
        except (OSError, http.client.HTTPException) as exc:
            failures.append(f"GET {path}: {type(exc).__name__}: {exc}")
        finally:
            conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(mine,)) for mine in latencies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if failures:
        raise LoadError(failures[0])
    samples = sorted(ms for mine in latencies for ms in mine)
    if not samples:
        raise LoadError(f"GET {path}: no request finished")
    return Result(len(samples), seconds, percentile(samples, 0.50), percentile(samples, 0.99))
