"""Run the same write from two threads at once, for the PostgreSQL race tests."""

import threading

from django.db import connection


def at_once(func, *args_per_thread):
    """Call ``func(*args)`` for each ``args`` in its own thread, all released at
    the same instant; returns each call's result or the exception it raised, in
    order. Each thread closes its own database connection."""
    barrier = threading.Barrier(len(args_per_thread))
    outcomes = [None] * len(args_per_thread)

    def run(index, args):
        try:
            barrier.wait()
            outcomes[index] = func(*args)
        except Exception as exc:  # noqa: BLE001 - handed back to the test
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(args_per_thread)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
