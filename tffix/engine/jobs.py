"""Worker processes forked before a run knows its work, and this process working beside them.

A ``--jobs`` run is as slow as its slowest process. Two serial parts kept
``-j 2`` well above half of ``-j 1`` (``bench/fix.py --timeline``): this
process found the callers of every module and hashed every file for the
cache keys before any worker existed, and each worker then imported the
runner, parser, analysis and codemods (a fifth of a second) before its first
module. ``Workers`` forks the workers first: each imports while this process
computes the keys. It also takes no ``multiprocessing`` import (40 ms of this
process's start) and can drop workers at once when the cache answers every
module (a warm run): ``ProcessPoolExecutor`` forks only when work is
submitted and waits, at exit, for a worker busy importing.

Each worker reads tasks (pickled arguments of ``target``) from a pipe and
writes back each result; one thread per worker in this process keeps it fed,
two tasks ahead, so that it never waits for this process, which runs tasks
too. Forking needs Linux (``AVAILABLE``): elsewhere the run uses a process pool.
"""

from __future__ import annotations

import contextlib
import os
import pickle
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


def _send(fd: int, data: bytes) -> None:
    view = memoryview(len(data).to_bytes(_HEADER, "little") + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int) -> Any:
    """The next message on ``fd``, or None at its end (the other side is gone)."""
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


def _serve(
    tasks: int,
    results: int,
    target: Callable[..., Any],
    warm: Callable[[], None],
    adopt: Callable[[Any], None],
) -> None:
    """A worker's life: warm up; take the run's shared state and every task's
    arguments (one message); then run each task whose index comes, until the pipe ends."""
    with contextlib.suppress(Exception):  # only a head start: a task imports what it needs
        warm()
    first = _receive(tasks)
    if first is None:
        return
    state, arguments = first
    adopt(state)
    while True:
        index = _receive(tasks)
        if index is None:
            return
        try:
            reply = (index, True, target(*arguments[index]))
        except Exception as exc:
            reply = (index, False, exc)
        try:
            data = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # a result or an error that does not pickle
            failed = WorkerDied(f"{type(exc).__name__}: {exc}")
            data = pickle.dumps((index, False, failed), pickle.HIGHEST_PROTOCOL)
        _send(results, data)


class Workers:
    """``count`` processes forked from this one, each warming up (``warm``) until it
    gets work: calls of ``target`` with arguments this process sends (``run``)."""

    def __init__(
        self,
        count: int,
        target: Callable[..., Any],
        warm: Callable[[], None],
        adopt: Callable[[Any], None],
    ) -> None:
        # pid, task pipe (written here), result pipe (read here)
        self.workers: list[tuple[int, int, int]] = []
        sys.stdout.flush()  # what is buffered here would be written again by a worker
        sys.stderr.flush()
        try:
            for _ in range(count):
                task_read, task_write = os.pipe()
                result_read, result_write = os.pipe()
                pid = os.fork()
                if pid == 0:  # the worker: never returns
                    try:
                        for _pid, write, read in self.workers:
                            os.close(write)
                            os.close(read)
                        os.close(task_write)
                        os.close(result_read)
                        _serve(task_read, result_write, target, warm, adopt)
                    finally:
                        # no exit handlers, no flush of buffers this process inherited
                        os._exit(0)
                os.close(task_read)
                os.close(result_write)
                self.workers.append((pid, task_write, result_read))
        except BaseException:
            self.stop()
            raise

    def __len__(self) -> int:
        return len(self.workers)

    def _kill(self, workers: list[tuple[int, int, int]]) -> None:
        import signal

        for pid, _write, _read in workers:
            with contextlib.suppress(OSError):  # ended already
                os.kill(pid, signal.SIGKILL)

    def stop(self, keep: int = 0) -> None:
        """End the workers beyond the first ``keep`` now (killed: one may be importing)."""
        ended, self.workers = self.workers[keep:], self.workers[:keep]
        self._kill(ended)
        for pid, write, read in ended:
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
            os.close(write)
            os.close(read)

    def run(
        self,
        state: Any,
        arguments: list[tuple[Any, ...]],
        here: Callable[[int], Any],
        finished: Callable[[int, bool, Any], None],
    ) -> None:
        """Tasks ``0 .. len(arguments) - 1`` in order, each taken by whichever process is
        free first: a worker (``target(*arguments[index])``, after ``adopt(state)``) or
        this one (``here(index)``).

        ``finished(index, ok, value)`` is called in this thread for each task
        as its result comes: ``ok`` False when the task raised ``value`` (or the
        worker died: ``WorkerDied``); an exception ``finished`` raises ends the
        run (the workers are killed). The workers end with the run.
        """
        import queue
        import threading

        count = len(arguments)
        lock = threading.Lock()
        taken = [0]

        def take() -> int | None:
            with lock:
                index = taken[0]
                if index >= count:
                    return None
                taken[0] = index + 1
                return index

        replies: queue.SimpleQueue[tuple[int, bool, Any]] = queue.SimpleQueue()
        # Everything a worker needs in one message, sent before it has anything to
        # write back; after it only indexes go out (a few bytes each): a write here
        # never waits for a worker that is itself waiting to write a result.
        first = pickle.dumps((state, arguments), pickle.HIGHEST_PROTOCOL)

        def feed(write: int, read: int) -> None:
            """Keep one worker two tasks ahead (it never waits for this process); pass
            its results on."""
            pending: list[int] = []
            try:
                _send(write, first)
                for _ in range(2):
                    index = take()
                    if index is None:
                        break
                    _send(write, pickle.dumps(index))
                    pending.append(index)
                while pending:
                    reply = _receive(read)
                    if reply is None:
                        break
                    pending.remove(reply[0])
                    replies.put(reply)
                    index = take()
                    if index is not None:
                        _send(write, pickle.dumps(index))
                        pending.append(index)
            except Exception:
                pass  # a pipe that broke (the worker is gone), a reply that did not unpickle
            finally:
                for index in pending:
                    replies.put((index, False, WorkerDied("a worker process ended abruptly")))

        threads = [
            threading.Thread(target=feed, args=(write, read), daemon=True)
            for _pid, write, read in self.workers
        ]
        done = 0
        try:
            for thread in threads:
                thread.start()
            while (index := take()) is not None:
                try:
                    value, ok = here(index), True
                except Exception as exc:
                    value, ok = exc, False
                finished(index, ok, value)
                done += 1
                while True:  # what the workers finished meanwhile
                    try:
                        reply = replies.get_nowait()
                    except queue.Empty:
                        break
                    finished(*reply)
                    done += 1
            while done < count:
                finished(*replies.get())
                done += 1
        finally:
            if done < count:  # an error: the workers' tasks are not waited for
                self._kill(self.workers)
            for thread in threads:
                thread.join()
            self.stop()
