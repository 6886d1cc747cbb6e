#!/usr/bin/env python3
# test-safe-write.py
#
# Copyright 2026 The Stakemap developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""The map is never lost: saves and exports onto a full disk, into a folder
that cannot take a new file, over a file another program changed, and
saves killed at random moments. TAP output."""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

CLI = sys.argv[1]
SAVE_LOOP = sys.argv[2]

results = []


class Skip(Exception):
    """Raised by a test that cannot run here; reported as a TAP skip."""


def test(fn):
    results.append(fn)
    return fn


def run(*args, user=None):
    command = [CLI, *args]
    if user is not None:
        command = ["setpriv", "--reuid=%d" % user, "--regid=%d" % user, "--clear-groups", *command]
    p = subprocess.run(command, capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def make_map(n, seed=1):
    rng = random.Random(seed)
    kinds = ["resident", "officer", "organisation", "group"]
    people = [{"id": "s%d" % i, "name": "Stakeholder %d" % i, "kind": rng.choice(kinds),
               "influence": rng.randint(0, 10), "interest": rng.randint(0, 10),
               "x": rng.uniform(-2000, 2000), "y": rng.uniform(-2000, 2000)}
              for i in range(n)]
    ties = [{"id": "r%d" % k, "source": "s%d" % rng.randrange(n), "target": "s%d" % rng.randrange(n)}
            for k in range(2 * n)]
    ties = [t for t in ties if t["source"] != t["target"]]
    return json.dumps({"format": "stakemap", "version": 1, "map": {"title": "Estate renewal"},
                       "stakeholders": people, "relationships": ties}, indent=1)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def check_valid(path):
    code, out, err = run("check", "--quiet", path)
    return code == 0


class Tmpfs:
    """A small file system of its own, to fill up: needs root."""

    def __init__(self, size):
        if os.geteuid() != 0:
            raise Skip("filling a real file system needs root, to mount a small tmpfs")
        self.path = tempfile.mkdtemp(prefix="stakemap-full-")
        p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s" % size, "tmpfs", self.path],
                           capture_output=True, text=True)
        if p.returncode != 0:
            os.rmdir(self.path)
            raise Skip("could not mount a tmpfs here: " + p.stderr.strip())

    def fill(self, leave):
        """Fills the file system until @leave bytes are free."""
        st = os.statvfs(self.path)
        free = st.f_bavail * st.f_frsize
        with open(os.path.join(self.path, "filler"), "wb") as f:
            f.write(b"\0" * max(0, free - leave))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        subprocess.run(["umount", self.path])
        os.rmdir(self.path)


@test
def full_disk_leaves_every_file_as_it_was():
    with Tmpfs("512k") as fs:
        d = fs.path
        path = os.path.join(d, "estate.stakemap")
        write(path, make_map(60))
        # A first snapshot, so there is a backup to keep as well.
        code, out, err = run("snapshot", path)
        assert code == 0, err
        assert os.path.exists(path + "~")
        olds = {}
        for name in ["copy.stakemap", "estate.graphml", "people.csv", "people.relationships.csv",
                     "report.pdf", "report.html"]:
            write(os.path.join(d, name), "the old %s\n" % name)
        for name in os.listdir(d):
            olds[name] = read(os.path.join(d, name))
        fs.fill(leave=8 * 1024)
        before = sorted(os.listdir(d))

        attempts = [
            ("snapshot", path),
            ("convert", path, "-o", os.path.join(d, "copy.stakemap")),
            ("convert", path, "-o", os.path.join(d, "estate.graphml")),
            ("convert", path, "-o", os.path.join(d, "people.csv")),
            ("report", path, "-o", os.path.join(d, "report.pdf")),
            ("report", path, "-o", os.path.join(d, "report.html")),
        ]
        for args in attempts:
            code, out, err = run(*args)
            assert code == 1, (args, code, out, err)
            assert "No space left on device" in err, (args, err)
            assert "was not changed" in err, (args, err)
            assert sorted(os.listdir(d)) == before, (args, sorted(os.listdir(d)))
            for name, data in olds.items():
                assert read(os.path.join(d, name)) == data, (args, name)
        assert check_valid(path), "the map no longer opens"
        assert check_valid(path + "~"), "the backup no longer opens"

        # With room again, the same saves go through, and the version
        # before each becomes its backup.
        os.unlink(os.path.join(d, "filler"))
        copy = os.path.join(d, "copy.stakemap")
        code, out, err = run("convert", path, "-o", copy)
        assert code == 0, err
        assert read(copy + "~") == olds["copy.stakemap"], "the backup is not the version before"
        assert check_valid(copy), "the new map does not open"
        code, out, err = run("snapshot", path)
        assert code == 0, err
        assert read(path + "~") == olds["estate.stakemap"], "the backup is not the version before"
        assert check_valid(path), "the map does not open"


@test
def folder_that_cannot_take_a_new_file():
    d = tempfile.mkdtemp(prefix="stakemap-folder-")
    try:
        path = os.path.join(d, "estate.stakemap")
        write(path, make_map(20))
        outputs = [os.path.join(d, n) for n in ["estate.graphml", "report.pdf", "copy.stakemap"]]
        for out in outputs:
            write(out, "the old file\n")
        user = None
        if os.geteuid() == 0:
            # Root may write anywhere: the command runs as nobody, who may
            # write the files but not the folder.
            user = 65534
            for name in os.listdir(d):
                os.chown(os.path.join(d, name), user, user)
            if shutil.which("setpriv") is None:
                raise Skip("setpriv is needed to run the command as another user")
            code, out, err = run("--version", user=user)
            if code != 0:
                raise Skip("the build cannot be run as nobody from where it is: " + err.strip()[:200])
        os.chmod(d, 0o755 if user is not None else 0o555)
        for out, args in [(outputs[0], ("convert", path, "-o", outputs[0])),
                          (outputs[1], ("report", path, "-o", outputs[1])),
                          (outputs[2], ("convert", path, "-o", outputs[2]))]:
            code, stdout, err = run(*args, user=user)
            assert code == 1, (args, code, err)
            assert "can't write in the folder" in err, err
            assert read(out) == b"the old file\n", out
        assert sorted(os.listdir(d)) == ["copy.stakemap", "estate.graphml", "estate.stakemap", "report.pdf"]
    finally:
        os.chmod(d, 0o755)
        shutil.rmtree(d)


def bytes_read_by(pid):
    with open("/proc/%d/io" % pid) as f:
        for line in f:
            if line.startswith("rchar:"):
                return int(line.split()[1])
    return 0


def has_open(pid, path):
    """Whether process @pid holds @path open."""
    fds = "/proc/%d/fd" % pid
    try:
        names = os.listdir(fds)
    except OSError:
        return False
    for name in names:
        try:
            if os.readlink(os.path.join(fds, name)) == path:
                return True
        except OSError:
            pass
    return False


@test
def snapshot_refuses_when_the_file_changed_meanwhile():
    if not os.path.exists("/proc/self/io"):
        raise Skip("needs /proc/PID/io to see when the command has read the file")
    d = tempfile.mkdtemp(prefix="stakemap-changed-")
    try:
        path = os.path.join(d, "estate.stakemap")
        write(path, make_map(4000))
        size = os.path.getsize(path)
        p = subprocess.Popen([CLI, "snapshot", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
        # Once the command has read the map (a chunk at a time, so until
        # it lets go of the file) it evaluates it, for a while: another
        # program writes the file then.
        deadline = time.monotonic() + 60
        while ((bytes_read_by(p.pid) < size or has_open(p.pid, path)) and p.poll() is None and
               time.monotonic() < deadline):
            time.sleep(0.005)
        theirs = make_map(10, seed=2)
        write(path, theirs)
        out, err = p.communicate(timeout=300)
        assert p.returncode == 1, (p.returncode, out, err)
        assert "changed by another program" in err, err
        assert read(path) == theirs.encode()
        assert sorted(os.listdir(d)) == ["estate.stakemap"]
    finally:
        shutil.rmtree(d)


@test
def killed_at_random_points_of_a_save():
    d = tempfile.mkdtemp(prefix="stakemap-kill-")
    seed = int(os.environ.get("STAKEMAP_TEST_SEED", "0")) or random.randrange(1, 1 << 30)
    rng = random.Random(seed)
    print("# seed %d (set STAKEMAP_TEST_SEED to repeat)" % seed)
    mid_save = 0
    try:
        path = os.path.join(d, "estate.stakemap")
        write(path, make_map(3000))
        for i in range(100):
            p = subprocess.Popen([SAVE_LOOP, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            line = p.stdout.readline()
            assert line == b"ready\n", (line, p.stderr.read())
            time.sleep(rng.uniform(0, 0.4))
            p.send_signal(signal.SIGKILL)
            out, err = p.communicate()
            assert p.returncode == -signal.SIGKILL, (p.returncode, err)
            lines = out.decode().split()
            if len(lines) >= 2 and lines[-2] == "saving":
                mid_save += 1
            # The rename is atomic: the map itself always opens, not only
            # its backup.
            assert check_valid(path), "after kill %d the map does not open" % (i + 1)
        print("# %d of 100 kills landed while a save was under way" % mid_save)
        assert mid_save >= 10, "too few kills landed during a save to mean anything"
    finally:
        shutil.rmtree(d)


def main():
    print("1..%d" % len(results))
    failed = 0
    for n, fn in enumerate(results, 1):
        name = fn.__name__.replace("_", "-")
        try:
            fn()
        except Skip as e:
            print("ok %d %s # SKIP %s" % (n, name, e))
        except Exception as e:  # noqa: BLE001 — reported as a TAP failure
            failed += 1
            print("not ok %d %s" % (n, name))
            for line in repr(e).splitlines():
                print("# " + line[:2000])
        else:
            print("ok %d %s" % (n, name))
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
