"""Benchmark: the daily write under overload, with and without load shedding (issue 15).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/checkin_overload.py

The third part of ``bench/checkin_write.py`` (which runs it after the other two), or
alone. Sync workers serve their listening socket's queue in order, so once more
writes arrive than they can answer every request waits longer than the last, and
without shedding the server spends its time on requests whose client has given up.

On a machine whose client and server share every CPU, an overloaded server starves
its client, which then measures its own lateness: the server (gunicorn's master and
two sync workers, and the PostgreSQL backends they write through) is pinned to one
CPU and this process, the load generator, to another (``os.sched_setaffinity``).

1. **The reference**: the closed loop (4 clients back to back) on the pinned server:
   ``/healthz`` and the write's maximum rate.
2. **Overload**, each mode on a fresh pinned server: BENCH_OVERLOAD_FACTOR (1.5) times
   that write rate for BENCH_OVERLOAD_SECONDS (15), sent from one event loop; each
   client gives up 1 s after its request was due and closes the connection, as a
   browser does. Modes: shedding after 500 ms in the queue (so the 503 arrives
   before the client's deadline), only skipping requests whose client has left
   (``LOAD_SHED_QUEUE_MS=0``), neither (``LOAD_SHEDDING=0``).

Per mode: the rate sent (and how late the client sent, p95), goodput (writes answered
201 within the deadline), fast 503s with ``Retry-After``, client timeouts, p50 and p95
of the good writes, the check-ins written (rows in the database) and how many of
those no client received in time: work done for clients that had left. Each mode
also shows the load average before it and how each CPU was spent meanwhile: by the
server or the client, and by other processes (a disturbed run shows there).
"""

import asyncio
import contextlib
import os
import statistics
import sys
from pathlib import Path

import checkin_write as write
import dashboard as bench  # the server environment, gunicorn start, free port

FACTOR = float(os.environ.get("BENCH_OVERLOAD_FACTOR", "1.5"))
SECONDS = float(os.environ.get("BENCH_OVERLOAD_SECONDS", "15"))
REFERENCE_SECONDS = float(os.environ.get("BENCH_OVERLOAD_REFERENCE", "8"))
DEADLINE = 1.0  # the client gives up this long after its request was due
MODES = (
    ("shedding after 500 ms", {"LOAD_SHED_QUEUE_MS": "500"}),
    ("only skip clients gone", {"LOAD_SHED_QUEUE_MS": "0"}),
    ("neither (no middleware)", {"LOAD_SHEDDING": "0"}),
)


def cpus():
    """(server CPU, client CPU), or None on a machine with one CPU for this process."""
    allowed = sorted(os.sched_getaffinity(0))
    return (allowed[-1], allowed[0]) if len(allowed) > 1 else None


def server_pids(pid):
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [pid, *map(int, children.read_text().split())] if children.exists() else [pid]


def database_backends():
    """The PostgreSQL backends serving the server's workers (not this process's)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        return [pid for (pid,) in cursor.fetchall()]


def start_pinned(env, port, patients, cpu):
    """A fresh server on ``cpu``, warmed up until both workers hold their database
    connection, which is then pinned to ``cpu`` too: (server, backends pinned, pids)."""
    server = bench.start_server(env, port, workers=2)
    for pid in server_pids(server.pid):
        os.sched_setaffinity(pid, {cpu})
    requests = write.write_requests(patients)
    for _ in range(60):
        write.send(port, next(requests))
        backends = database_backends()
        if len(backends) >= 2:
            break
    pinned = []
    for pid in backends:
        with contextlib.suppress(OSError):  # gone, or not ours to move
            os.sched_setaffinity(pid, {cpu})
            pinned.append(pid)
    write.clear_checkins()
    return server, len(pinned), server_pids(server.pid) + pinned


def cpu_times():
    """{cpu: (busy, total)} jiffies from /proc/stat."""
    times = {}
    for line in Path("/proc/stat").read_text().splitlines():
        name, *fields = line.split()
        if name.startswith("cpu") and name != "cpu":
            values = list(map(int, fields[:8]))
            idle = values[3] + values[4]
            times[int(name[3:])] = (sum(values) - idle, sum(values))
    return times


def process_jiffies(pids):
    """CPU time (user and system, in jiffies) of these processes, those still there."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total


class Shares:
    """How each CPU was spent while measuring: the share of it ours (the server's
    processes on the server's CPU, this process on the client's) and the others'
    (other sessions on a shared machine: a disturbed run shows here)."""

    def __init__(self, server_pids, server_cpu, client_cpu):
        self.pids = {server_cpu: server_pids, client_cpu: [os.getpid()]}
        self.before = self.sample()

    def sample(self):
        return cpu_times(), {cpu: process_jiffies(pids) for cpu, pids in self.pids.items()}

    def stop(self):
        """{cpu: (ours %, others %)}."""
        (times0, ours0), (times1, ours1) = self.before, self.sample()
        shares = {}
        for cpu in self.pids:
            total = times1[cpu][1] - times0[cpu][1] or 1
            ours = 100 * (ours1[cpu] - ours0[cpu]) / total
            busy = 100 * (times1[cpu][0] - times0[cpu][0]) / total
            shares[cpu] = (min(ours, 100), max(0, busy - ours))
        return shares


async def _one(port, raw, due, loop):
    """One request sent at its due time: (outcome, seconds from due, seconds late)."""
    await asyncio.sleep(max(0.0, due - loop.time()))
    late = loop.time() - due
    writer = None

    async def exchange():
        nonlocal writer
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(raw)
        return await reader.read()  # HTTP/1.0: the answer ends when the server closes

    try:
        answer = await asyncio.wait_for(exchange(), due + DEADLINE - loop.time())
    except TimeoutError:
        outcome = "timeout"
    except (OSError, ValueError):
        outcome = "error"
    else:
        head = answer.partition(b"\r\n\r\n")[0].lower()
        outcome = head[9:12].decode() or "error"
        if outcome == "503" and b"\r\nretry-after:" in head:
            outcome = "503+retry"
    finally:
        if writer is not None:
            writer.close()
    return outcome, loop.time() - due, late


def overload_loop(port, requests, rate, seconds):
    """Open loop from one event loop: each request due at its time whatever the answers."""
    raws = [next(requests) for _ in range(int(rate * seconds))]

    async def run():
        loop = asyncio.get_running_loop()
        start = loop.time() + 0.5
        return await asyncio.gather(
            *(_one(port, raw, start + k / rate, loop) for k, raw in enumerate(raws))
        )

    return asyncio.run(run())


def checkins_written():
    from journal.models import CheckIn

    return CheckIn.objects.filter(user__username__startswith=write.PREFIX).count()


def mode_line(label, results, rate, seconds, written, load, shares):
    good = [s for outcome, s, _ in results if outcome == "201" and s <= DEADLINE]
    shed = [s for outcome, s, _ in results if outcome == "503+retry"]
    count = {k: sum(1 for outcome, _, _ in results if outcome == k) for k in ("timeout", "error")}
    other = len(results) - len(good) - len(shed) - count["timeout"] - count["error"]
    late = write.percentile([lag for _, _, lag in results], 95) * 1000
    p50, p95 = (write.percentile(good, p) * 1000 for p in (50, 95))
    shed_ms = f"{statistics.median(shed) * 1000:.0f}" if shed else "-"
    return (
        f"  {label:<24}{len(results) / seconds:6.0f}/s{late:7.0f} ms{len(good) / seconds:6.0f}/s"
        f"{100 * len(good) / (rate / FACTOR * seconds):6.0f}%{len(shed):7d}{shed_ms:>6}"
        f"{count['timeout']:7d}{count['error']:5d}{other:6d}{p50:7.0f}{p95:5.0f} ms"
        f"{written:7d}{written - len(good):7d}{load:6.1f}"
        + "".join(f"{share:5.0f}%" for share in shares)
    )


def overload_phase(env, patients):
    """The report's lines (the reference, then one line per mode)."""
    pair = cpus()
    if pair is None:
        return ["overload: left out (one CPU: client and server would share it)"]
    server_cpu, client_cpu = pair
    mine = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {client_cpu})
    try:
        return _measure(env, patients, server_cpu, client_cpu)
    finally:
        os.sched_setaffinity(0, mine)


def _measure(env, patients, server_cpu, client_cpu):
    port = bench.free_port()
    load = os.getloadavg()[0]
    server, pinned, pids = start_pinned({**env, **MODES[0][1]}, port, patients, server_cpu)
    shares = Shares(pids, server_cpu, client_cpu)
    try:
        trivial, _, _ = write.closed_loop(port, write.trivial_requests(), REFERENCE_SECONDS / 2)
        maximum, seconds, _ = write.closed_loop(
            port, write.write_requests(patients), REFERENCE_SECONDS
        )
        spent = shares.stop()
    finally:
        write.stop(server)
    rate = FACTOR * maximum
    lines = [
        f"overload: the server (gunicorn's master, 2 sync workers, {pinned} PostgreSQL "
        f"backends) pinned to CPU {server_cpu}, this load generator to CPU {client_cpu}; "
        f"load average {load:.1f} before",
        f"  reference, closed loop on the pinned server: /healthz {trivial:.0f} req/s, "
        f"the write {maximum:.0f} writes/s (median {statistics.median(seconds) * 1000:.1f} "
        f"ms), {trivial / maximum:.1f}x slower; the server had {spent[server_cpu][0]:.0f}% "
        f"of its CPU (others {spent[server_cpu][1]:.0f}%)",
        f"  offered {rate:.0f} writes/s ({FACTOR}x) for {SECONDS:.0f} s; a client gives up "
        f"{DEADLINE:.0f} s after its request was due",
        f"  {'mode':<24}{'offered':>8}{'late95':>10}{'goodput':>8}{'of max':>7}"
        f"{'503+RA':>7}{'ms':>6}{'t/out':>7}{'err':>5}{'other':>6}{'p50':>7}{'p95 ms':>8}"
        f"{'rows':>7}{'unread':>7}{'load':>6}{'srv':>6}{'+oth':>6}{'cli':>6}{'+oth':>6}",
    ]
    for label, settings in MODES:
        load = os.getloadavg()[0]
        port = bench.free_port()
        server, _, pids = start_pinned({**env, **settings}, port, patients, server_cpu)
        shares = Shares(pids, server_cpu, client_cpu)
        try:
            results = overload_loop(port, write.write_requests(patients), rate, SECONDS)
            spent = shares.stop()
        finally:
            write.stop(server)
        spent = (*spent[server_cpu], *spent[client_cpu])
        lines.append(mode_line(label, results, rate, SECONDS, checkins_written(), load, spent))
        write.clear_checkins()
    lines += [
        "  (late95: how late the client sent, p95; of max: goodput over the reference;",
        "  503+RA: 503 with Retry-After, and its median ms; rows: check-ins written;",
        "  unread: rows whose 201 no client received in time; srv, cli: the share of",
        "  its CPU the server, the client used, +oth: other processes on that CPU)",
    ]
    return lines


def main():
    env = write.prepare()
    patients = write.patients_with_tokens()
    write.clear_checkins()
    print("\n".join(overload_phase(env, patients)))
    write.clear_checkins()


if __name__ == "__main__":
    sys.exit(main())
