"""Worker processes forked before a run knows its work, importing what they run only once.

A ``--jobs`` run is as slow as its slowest process, and on a shared machine
what it costs is its CPU time (``bench/fix.py --timeline`` shows both). With a
process pool, this process found the callers of every module and hashed every
file for the cache keys before any worker existed, then every process (this
one too, working beside the workers) imported the runner, parser, analysis
and codemods: a fifth of a second of CPU each, before its first module.

Here one process is forked first, as soon as there is work (the first
module the cache does not answer): it imports all that while this one
computes the other keys. When the tasks are known, it forks the other
workers, which find everything imported (fork copies it), and works as one
of them; this process imports nothing of it, and only hands out tasks and
collects results (cache entries, progress). When the cache answers all but a
small part, the forked process is killed at once, whatever it was importing
(a process pool, which forks when work is submitted, waits for it at exit).
No ``multiprocessing`` import either (40 ms of this process's start).

Each worker reads tasks (indexes into the run's arguments, sent once) from a
pipe and writes back each result; one thread per worker here keeps it two
tasks ahead, so that a worker never waits for this process. Forking needs
Linux (``AVAILABLE``): elsewhere the run uses a process pool.
"""

from __future__ import annotations

import contextlib
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# fork is safe here: a run forks before it starts any thread (the feeding threads
# start after), and Linux's fork is what makes starting a worker cost milliseconds.
AVAILABLE = sys.platform == "linux" and hasattr(os, "fork")

_HEADER = 8  # bytes of a message's length


class WorkerDied(RuntimeError):
    """A worker ended (killed, out of memory) with a task unfinished."""


def _send(fd: int, message: Any) -> None:
    import pickle

    data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(_HEADER, "little") + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int) -> Any:
    """The next message on ``fd``, or None at its end (the other side is gone)."""
    import pickle

    header = _read(fd, _HEADER)
    if header is None:
        return None
    data = _read(fd, int.from_bytes(header, "little"))
    return None if data is None else pickle.loads(data)


def _read(fd: int, size: int) -> bytes | None:
    parts: list[bytes] = []
    while size:
        part = os.read(fd, min(size, 1 << 20))
        if not part:
            return None
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _first(
    ends: list[tuple[int, int]],
    target: Callable[..., Any],
    warm: Callable[[], None],
    adopt: Callable[[Any], None],
) -> None:
    """The first worker's life: warm up; take the run (its shared state, every task's
    arguments, how many workers); fork the others; serve as one of them."""
    with contextlib.suppress(Exception):  # only a head start: a task imports what it needs
        warm()
    first = _receive(ends[0][0])
    if first is None:
        return
    state, arguments, count = first
    adopt(state)
    others = []
    for number in range(1, count):
        pid = os.fork()
        if pid == 0:  # a worker forked with everything imported: never returns
            try:
                for other, (read, write) in enumerate(ends):
                    if other != number:
                        os.close(read)
                        os.close(write)
                _serve(*ends[number], target, arguments)
            finally:
                os._exit(0)
        others.append(pid)
    for read, write in ends[1:]:
        os.close(read)
        os.close(write)
    try:
        _serve(*ends[0], target, arguments)
    finally:
        for pid in others:
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)


def _serve(tasks: int, results: int, target: Callable[..., Any], arguments: list[Any]) -> None:
    """Run each task whose index comes on ``tasks``, until the pipe ends."""
    while True:
        index = _receive(tasks)
        if index is None:
            return
        try:
            reply = (index, True, target(*arguments[index]))
        except Exception as exc:
            reply = (index, False, exc)
        try:
            _send(results, reply)
        except OSError:
            return  # the run is over
        except Exception as exc:  # a result or an error that does not pickle
            _send(results, (index, False, WorkerDied(f"{type(exc).__name__}: {exc}")))


class Workers:
    """Up to ``count`` worker processes, the first forked now (it warms up with
    ``warm``), the others from it once ``run`` gives the work: calls of ``target``."""

    def __init__(
        self,
        count: int,
        target: Callable[..., Any],
        warm: Callable[[], None],
        adopt: Callable[[Any], None],
    ) -> None:
        # For each worker: task pipe (written here), result pipe (read here).
        self.pipes: list[tuple[int, int]] = []
        self.pid = 0
        ends: list[tuple[int, int]] = []  # the workers' sides
        for _ in range(count):
            task_read, task_write = os.pipe()
            result_read, result_write = os.pipe()
            self.pipes.append((task_write, result_read))
            ends.append((task_read, result_write))
        sys.stdout.flush()  # what is buffered here would be written again by a worker
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the first worker: never returns
            try:
                # its own process group, with the workers it forks: ended together
                os.setpgid(0, 0)
                for write, read in self.pipes:
                    os.close(write)
                    os.close(read)
                _first(ends, target, warm, adopt)
            finally:
                # no exit handlers, no flush of buffers this process inherited
                os._exit(0)
        with contextlib.suppress(OSError):  # set by both: whichever runs first
            os.setpgid(pid, pid)
        self.pid = pid
        for read, write in ends:
            os.close(read)
            os.close(write)

    def __len__(self) -> int:
        return len(self.pipes)

    def stop(self, *, kill: bool = True) -> None:
        """End the workers: killed (they may be importing, or running a task no one
        waits for), or, with ``kill`` False, told (idle, each ends with its pipe)."""
        if not self.pid:
            return
        if kill:
            self._kill()
        for write, _read in self.pipes:
            os.close(write)
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)
        for _write, read in self.pipes:
            os.close(read)
        self.pipes = []
        self.pid = 0

    def _kill(self) -> None:
        import signal

        with contextlib.suppress(OSError):  # ended already
            os.killpg(self.pid, signal.SIGKILL)

    def run(
        self,
        state: Any,
        arguments: list[tuple[Any, ...]],
        count: int,
        here: Callable[[int], Any],
        finished: Callable[[int, bool, Any], None],
    ) -> None:
        """Tasks ``0 .. len(arguments) - 1`` in order on ``count`` workers (at most
        ``len(self)``), each task to the first free one: ``target(*arguments[index])``,
        after ``adopt(state)``.

        ``finished(index, ok, value)`` is called in this thread for each task
        as its result comes: ``ok`` False when the task raised ``value`` (or its
        worker died: ``WorkerDied``); an exception ``finished`` raises ends the
        run (the workers are killed). Tasks left when every worker has died run
        here (``here(index)``). The workers end with the run.
        """
        import queue
        import threading

        total = len(arguments)
        lock = threading.Lock()
        taken = [0]

        def take() -> int | None:
            with lock:
                index = taken[0]
                if index >= total:
                    return None
                taken[0] = index + 1
                return index

        # (index, ok, value) of a task; None when a worker's feeding ends
        replies: queue.SimpleQueue[tuple[int, bool, Any] | None] = queue.SimpleQueue()

        def feed(write: int, read: int) -> None:
            """Keep one worker two tasks ahead (it never waits for this process); pass
            its results on."""
            pending: list[int] = []
            try:
                for _ in range(2):
                    index = take()
                    if index is None:
                        break
                    _send(write, index)
                    pending.append(index)
                while pending:
                    reply = _receive(read)
                    if reply is None:
                        break
                    pending.remove(reply[0])
                    replies.put(reply)
                    index = take()
                    if index is not None:
                        _send(write, index)
                        pending.append(index)
            except Exception:
                pass  # a pipe that broke (the worker is gone), a reply that did not unpickle
            finally:
                for index in pending:
                    replies.put((index, False, WorkerDied("a worker process ended abruptly")))
                replies.put(None)

        count = max(1, min(count, len(self.pipes)))
        # Everything the workers need, in one message to the first, which forks the
        # others with it; after it only indexes go out (a few bytes each): a write
        # here never waits for a worker that is itself waiting to write a result.
        with contextlib.suppress(OSError):  # the first worker is gone: its feeder finds out
            _send(self.pipes[0][0], (state, arguments, count))
        for write, read in self.pipes[count:]:
            os.close(write)
            os.close(read)
        self.pipes = self.pipes[:count]
        threads = [threading.Thread(target=feed, args=pipe, daemon=True) for pipe in self.pipes]
        done = 0
        alive = len(threads)
        try:
            for thread in threads:
                thread.start()
            while done < total:
                if not alive:  # every worker died: what is left runs here
                    index = take()
                    if index is None:
                        break
                    try:
                        value, ok = here(index), True
                    except Exception as exc:
                        value, ok = exc, False
                    finished(index, ok, value)
                    done += 1
                    continue
                reply = replies.get()
                if reply is None:
                    alive -= 1
                    continue
                finished(*reply)
                done += 1
        finally:
            if done < total:  # an error here: the workers' tasks are not waited for
                self._kill()
            for thread in threads:
                thread.join()
            self.stop(kill=False)
