#!/usr/bin/env python3
"""Helper of deploy/bench/smtp-load.sh (Python 3 standard library only).

Subcommands:
  freeport N               print N free TCP ports on 127.0.0.1
  wait-port PORT SECONDS   wait until 127.0.0.1:PORT accepts connections
  wait-accept PORT RCPT S  wait until RCPT TO:<RCPT> is answered 250
  wait-quiet PCT SECONDS   wait until the machine is less than PCT % CPU busy (prints the last sample)
  idle PORT N PID           holds N idle SMTP connections open and reports the server's RSS and threads
  jmh-summary JSON         one line per JMH benchmark: mean, error, best iteration, bytes allocated per op
  dns PORT                 loopback DNS responder answering NXDOMAIN to every query at once
                           (stands in for a local caching resolver, so verdict lookups finish fast)
  scenario ...             one measured load: smtp-source drives the target while a probe session
                           times each message; appends one JSON line to --results
  report RESULTS           prints the tables and the ratios

The probe is one extra SMTP session beside smtp-source's N sessions. It sends the same kind of
message as smtp-source (same payload size, same envelope), one after the other with a 5 ms pause
between them (so that the probe itself costs the machine little CPU), and records, per message,
the accept latency: from the moment the final "<CRLF>.<CRLF>" has been handed to the kernel to the
moment the 250 reply is read. For Inlet it also records the message id from the 250 reply and the
wall-clock time, so the end-to-end latency (250 -> S3 object on the embedded backend) can be read
from the object's ctime (set by the rename that publishes the object) after the backlog drained.
"""

import argparse
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time

# ----------------------------------------------------------------------------- small utilities


def freeport(count):
    socks = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def wait_port(port, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def wait_accept(port, recipient, seconds):
    """Waits until RCPT TO:<recipient> gets a 250 (the configuration reached the SMTP listener)."""
    deadline = time.time() + seconds
    last = ""
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                f = s.makefile("rb")

                def reply():
                    while True:
                        line = f.readline().decode("latin-1")
                        if not line or line[3:4] != "-":
                            return line.strip()
                reply()
                for c in ("EHLO probe.bench", "MAIL FROM:<probe@source.bench>", "RCPT TO:<%s>" % recipient):
                    s.sendall(c.encode() + b"\r\n")
                    last = reply()
                s.sendall(b"QUIT\r\n")
                if last.startswith("250"):
                    return True
        except OSError as e:
            last = str(e)
        time.sleep(0.2)
    print("RCPT TO:<%s> still refused: %s" % (recipient, last), file=sys.stderr)
    return False


def serve_dns(port):
    """Answers every query with NXDOMAIN (RCODE 3), echoing the question."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", port))
    while True:
        data, addr = s.recvfrom(4096)
        if len(data) < 12:
            continue
        qid, flags, qd = struct.unpack("!HHH", data[:6])
        # skip the question (QNAME labels, QTYPE, QCLASS) of the first entry
        i = 12
        while i < len(data) and data[i] != 0:
            i += data[i] + 1
        question = data[12:i + 5] if qd >= 1 else b""
        rd = flags & 0x0100
        out = struct.pack("!HHHHHH", qid, 0x8000 | rd | 0x0080 | 3, 1 if question else 0, 0, 0, 0) + question
        try:
            s.sendto(out, addr)
        except OSError:
            pass


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list (None when empty)."""
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, int(-(-p * len(sorted_values) // 100)) - 1))
    return sorted_values[k]


def summary_ms(values_ns):
    v = sorted(x / 1e6 for x in values_ns)
    if not v:
        return {"n": 0}
    return {
        "n": len(v),
        "p50": round(percentile(v, 50), 2),
        "p90": round(percentile(v, 90), 2),
        "p99": round(percentile(v, 99), 2),
        "max": round(v[-1], 2),
        "mean": round(sum(v) / len(v), 2),
    }


def diskstats(device):
    """(writes completed, sectors written, flushes completed) of a block device, or None."""
    try:
        with open("/proc/diskstats") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 14 and parts[2] == device:
                    # fields after the name: reads, merged, sectors, ms, writes (7), merged, sectors (9), ...,
                    # discards (14-17), flushes (18) on kernels >= 5.5
                    flushes = int(parts[18]) if len(parts) >= 19 else None
                    return {"writes": int(parts[7]), "sectors": int(parts[9]), "flushes": flushes}
    except OSError:
        pass
    return None


def cpu_times():
    """(busy, iowait, total) jiffies of the whole machine from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle, iowait = v[3], v[4]
    total = sum(v[:8])
    return total - idle - iowait, iowait, total


def process_cpu(pid):
    """utime + stime of a process in seconds, or None."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def device_of(path):
    """Block device name (e.g. vda) holding path, from /proc/self/mountinfo; None if unknown."""
    try:
        st = os.stat(path)
        major, minor = os.major(st.st_dev), os.minor(st.st_dev)
        with open("/proc/diskstats") as f:
            for line in f:
                parts = line.split()
                if int(parts[0]) == major and int(parts[1]) == minor:
                    return parts[2]
    except OSError:
        pass
    return None


# ----------------------------------------------------------------------------- the SMTP probe


class Probe(threading.Thread):
    def __init__(self, port, size, sender, recipient, reuse, gap_ms):
        super().__init__(daemon=True)
        self.gap = gap_ms / 1000.0
        self.port, self.size, self.sender, self.recipient, self.reuse = port, size, sender, recipient, reuse
        self.stop = threading.Event()
        self.samples = []  # (accept_ns, transaction_ns, wall_ns_at_250, reply_text)
        self.errors = []
        self.body = self._message()

    def _message(self):
        head = ("From: <%s>\r\nTo: <%s>\r\nSubject: bench probe\r\nMessage-ID: <probe-%d@bench.probe>\r\n"
                "Date: %s\r\n\r\n" % (self.sender, self.recipient, os.getpid(),
                                      time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime())))
        line = b"X" * 78 + b"\r\n"  # 80 bytes a line, like smtp-source's payload
        payload = line * (self.size // len(line)) + b"X" * (self.size % len(line)) + b"\r\n"
        return head.encode() + payload + b".\r\n"

    class _Conn:
        def __init__(self, port):
            self.sock = socket.create_connection(("127.0.0.1", port), timeout=60)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.f = self.sock.makefile("rb")

        def reply(self):
            lines = []
            while True:
                line = self.f.readline()
                if not line:
                    raise OSError("connection closed")
                lines.append(line.decode("latin-1").rstrip("\r\n"))
                if len(line) < 4 or line[3:4] != b"-":
                    return lines[-1]

        def cmd(self, text, expect):
            self.sock.sendall(text.encode() + b"\r\n")
            r = self.reply()
            if not r.startswith(expect):
                raise OSError("%s -> %s" % (text, r))
            return r

        def close(self):
            try:
                self.sock.sendall(b"QUIT\r\n")
                self.reply()
            except OSError:
                pass
            self.sock.close()

    def _open(self):
        c = self._Conn(self.port)
        r = c.reply()
        if not r.startswith("220"):
            raise OSError("banner " + r)
        c.cmd("EHLO probe.bench", "250")
        return c

    def run(self):
        conn = None
        while not self.stop.is_set():
            try:
                t_start = time.perf_counter_ns()
                if conn is None:
                    conn = self._open()
                conn.cmd("MAIL FROM:<%s>" % self.sender, "250")
                conn.cmd("RCPT TO:<%s>" % self.recipient, "250")
                conn.cmd("DATA", "354")
                conn.sock.sendall(self.body)
                t0 = time.perf_counter_ns()
                r = conn.reply()
                t1 = time.perf_counter_ns()
                wall = time.time_ns()
                if not r.startswith("250"):
                    raise OSError("end of data -> " + r)
                if not self.reuse:
                    conn.close()
                    conn = None
                self.samples.append((t1 - t0, t1 - t_start, wall, r))
                # paced: on a small machine a probe looping flat out would steal a CPU from the target
                self.stop.wait(self.gap)
            except OSError as e:
                self.errors.append(str(e))
                if conn is not None:
                    try:
                        conn.sock.close()
                    except OSError:
                        pass
                    conn = None
                if len(self.errors) > 50:
                    return
                time.sleep(0.05)
        if conn is not None:
            conn.close()


# ----------------------------------------------------------------------------- draining / e2e


def count_objects(directory):
    try:
        return sum(1 for n in os.listdir(directory)
                   if not n.startswith(".") and n != "AMAZON_SES_SETUP_NOTIFICATION")
    except OSError:
        return 0


def postfix_queue_count(queue_dir):
    n = 0
    for sub in ("maildrop", "incoming", "active", "deferred", "hold"):
        for _root, _dirs, files in os.walk(os.path.join(queue_dir, sub)):
            n += len(files)
    return n


def drain(kind, where, expect_at_least, timeout):
    """Waits until the target finished processing; returns seconds waited (or None on timeout)."""
    start = time.time()
    while time.time() - start < timeout:
        if kind == "inlet" and count_objects(where) >= expect_at_least:
            return time.time() - start
        if kind == "postfix" and postfix_queue_count(where) == 0:
            return time.time() - start
        if kind == "none":
            return 0.0
        time.sleep(0.05)
    return None


# ----------------------------------------------------------------------------- one scenario


def machine_busy(seconds=1.0):
    """Share of CPU time (%) the whole machine spent busy over the next `seconds`."""
    b0, _w0, t0 = cpu_times()
    time.sleep(seconds)
    b1, _w1, t1 = cpu_times()
    return 100.0 * (b1 - b0) / max(1, t1 - t0)


def wait_quiet(threshold, patience):
    """Waits (at most `patience` s) until the machine is below `threshold` % busy; returns the last sample."""
    deadline = time.time() + patience
    busy = machine_busy()
    while busy > threshold and time.time() < deadline:
        busy = machine_busy()
    return round(busy, 1)


def scenario(a):
    result = {"target": a.target, "round": a.round, "size": a.size, "sessions": a.sessions,
              "messages": a.messages, "reuse": a.reuse}
    if a.quiet_wait > 0:
        # other work on the machine (builds, tests) distorts every figure: wait for a quiet moment
        result["busy_before_pct"] = wait_quiet(a.quiet_threshold, a.quiet_wait)
        if result["busy_before_pct"] > a.quiet_threshold:
            print("  WARNING: machine still %s%% busy before %s %d B x %d (other processes): figures are disturbed"
                  % (result["busy_before_pct"], a.target, a.size, a.sessions), file=sys.stderr, flush=True)
    result["loadavg_before"] = float(open("/proc/loadavg").read().split()[0])
    device = device_of(a.disk_path) if a.disk_path else None
    objects_before = count_objects(a.drain_dir) if a.drain == "inlet" else 0

    probe = Probe(a.port, a.size, a.sender, a.recipient, a.reuse, a.probe_gap_ms) if a.probe else None
    d0 = diskstats(device) if device else None
    c0 = cpu_times()
    p0 = process_cpu(a.server_pid) if a.server_pid else None
    t0 = time.perf_counter()
    if probe:
        probe.start()
    if a.sessions > 0:
        cmd = [a.smtp_source, "-s", str(a.sessions), "-l", str(a.size), "-m", str(a.messages),
               "-f", a.sender, "-t", a.recipient, "-M", "source.bench"]
        if a.reuse:
            cmd.append("-d")
        cmd.append("127.0.0.1:%d" % a.port)
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    else:
        # light load: the probe alone (one session, 5 ms between messages) for --duration seconds
        time.sleep(a.duration)
        proc = subprocess.CompletedProcess([], 0, "")
        a.messages = 0
    t1 = time.perf_counter()
    if probe:
        probe.stop.set()
        probe.join(120)
    d1 = diskstats(device) if device else None
    c1 = cpu_times()
    p1 = process_cpu(a.server_pid) if a.server_pid else None

    elapsed = t1 - t0
    result["smtp_source_rc"] = proc.returncode
    if proc.returncode != 0 or proc.stdout.strip():
        result["smtp_source_output"] = proc.stdout.strip()[-2000:]
    result["elapsed_s"] = round(elapsed, 3)
    result["msgs_per_s"] = round(a.messages / elapsed, 1) if proc.returncode == 0 and a.messages else None
    result["mbytes_per_s"] = round(a.messages * a.size / elapsed / 1e6, 2) if proc.returncode == 0 else None

    probe_n = 0
    if probe:
        probe_n = len(probe.samples)
        result["probe_messages"] = probe_n
        result["probe_errors"] = probe.errors[:5]
        result["accept_ms"] = summary_ms([s[0] for s in probe.samples])
        result["transaction_ms"] = summary_ms([s[1] for s in probe.samples])

    total = c1[2] - c0[2]
    if total > 0:
        result["cpu"] = {"machine_busy_pct": round(100.0 * (c1[0] - c0[0]) / total, 1),
                         "machine_iowait_pct": round(100.0 * (c1[1] - c0[1]) / total, 1),
                         # all CPUs, client (smtp-source, probe) included: comparable across targets
                         "machine_cpu_ms_per_msg": round((c1[0] - c0[0]) / os.sysconf("SC_CLK_TCK") * 1000
                                                         / (a.messages + probe_n), 3)}
        if p0 is not None and p1 is not None:
            result["cpu"]["server_cpu_ms_per_msg"] = round((p1 - p0) * 1000 / (a.messages + probe_n), 3)
    if d0 and d1:
        accepted = a.messages + probe_n
        dw = d1["writes"] - d0["writes"]
        result["disk"] = {"device": device, "writes": dw, "mb_written": round((d1["sectors"] - d0["sectors"]) * 512 / 1e6, 1),
                          "writes_per_msg": round(dw / accepted, 2)}
        if d0["flushes"] is not None:
            df = d1["flushes"] - d0["flushes"]
            result["disk"]["flushes"] = df
            result["disk"]["flushes_per_msg"] = round(df / accepted, 2)
            result["disk"]["flushes_per_s"] = round(df / elapsed, 1)

    if a.drain != "none":
        expect = objects_before + a.messages + probe_n
        waited = drain(a.drain, a.drain_dir, expect, a.drain_timeout)
        result["drain_s"] = None if waited is None else round(waited, 2)
        if waited is not None:
            # sustained rate including background processing: from the first message to the last action
            result["processed_per_s"] = round((a.messages + probe_n) / (elapsed + waited), 1)
        if a.drain == "inlet" and probe:
            e2e = []
            missing = 0
            for _acc, _txn, wall, reply in probe.samples:
                msg_id = reply.split()[-1]
                try:
                    st = os.stat(os.path.join(a.drain_dir, msg_id))
                    e2e.append(max(0, st.st_ctime_ns - wall))
                except OSError:
                    missing += 1
            result["end_to_end_ms"] = summary_ms(e2e)
            result["end_to_end_missing"] = missing
        if a.drain == "postfix":
            result["postfix_left_in_queue"] = postfix_queue_count(a.drain_dir)

    with open(a.results, "a") as f:
        f.write(json.dumps(result) + "\n")
    acc = result.get("accept_ms", {})
    print("  %-7s %6s B x %2d sessions: %7s msg/s  accept p50 %s ms p99 %s ms%s%s" % (
        a.target, a.size, a.sessions, result["msgs_per_s"], acc.get("p50"), acc.get("p99"),
        ("  e2e p99 %s ms" % result["end_to_end_ms"].get("p99")) if "end_to_end_ms" in result else "",
        ("  [smtp-source rc=%d: %s]" % (proc.returncode, proc.stdout.strip()[-300:])) if proc.returncode else ""),
        flush=True)
    return 0


# ----------------------------------------------------------------------------- report


def median(values):
    v = sorted(x for x in values if x is not None)
    if not v:
        return None
    m = len(v) // 2
    return v[m] if len(v) % 2 else round((v[m - 1] + v[m]) / 2, 2)


def report(path, targets):
    rows = [json.loads(l) for l in open(path) if l.strip()]
    groups = {}
    for r in rows:
        groups.setdefault((r["target"], r["size"], r["sessions"]), []).append(r)
    scen = sorted({(r["size"], r["sessions"]) for r in rows})
    rounds = sorted({r.get("round", 1) for r in rows})

    def fmt(v, w=8):
        return ("%" + str(w) + "s") % ("-" if v is None else v)

    def med(t, size, sess, *keys):
        vals = []
        for r in groups.get((t, size, sess), []):
            v = r
            for k in keys:
                v = v.get(k) if isinstance(v, dict) else None
            vals.append(v)
        return median(vals)

    def rate(t, size, sess, rnd):
        for r in groups.get((t, size, sess), []):
            if r.get("round", 1) == rnd:
                return r.get("msgs_per_s")
        return None

    print()
    print("Throughput (messages/second, smtp-source wall time) and accept latency (probe session, ms);")
    print("medians over %d round(s), msg/s range in brackets" % len(rounds))
    print("%-8s %7s %4s %9s %17s %7s %7s %7s %6s %9s %8s %9s %6s" % (
        "target", "size", "sess", "msg/s", "(min-max)", "p50", "p99", "max", "probes", "flush/msg", "cpu ms/m",
        "e2e p99", "busy0%"))
    for size, sess in scen:
        for t in targets:
            g = groups.get((t, size, sess))
            if not g:
                continue
            rates = [r.get("msgs_per_s") for r in g if r.get("msgs_per_s") is not None]
            spread = "(%s-%s)" % (min(rates), max(rates)) if rates else "-"
            print("%-8s %7d %4d %9s %17s %7s %7s %7s %6s %9s %8s %9s %6s" % (
                t, size, sess, fmt(median(rates), 9), spread, fmt(med(t, size, sess, "accept_ms", "p50"), 7),
                fmt(med(t, size, sess, "accept_ms", "p99"), 7), fmt(med(t, size, sess, "accept_ms", "max"), 7),
                fmt(sum((r.get("accept_ms") or {}).get("n", 0) for r in g), 6),
                fmt(med(t, size, sess, "disk", "flushes_per_msg"), 9),
                fmt(med(t, size, sess, "cpu", "machine_cpu_ms_per_msg"), 8),
                fmt(med(t, size, sess, "end_to_end_ms", "p99"), 9), fmt(med(t, size, sess, "busy_before_pct"), 6)))
    print("sess 0 = light load: the probe session alone (no smtp-source), so no msg/s figure;")
    print("p50/p99/max: medians of the per-round figures; probes: probe messages timed in all rounds;")
    print("flush/msg: disk cache flushes (/proc/diskstats) per message; cpu ms/m: CPU time of the whole")
    print("machine (client included) per message; e2e p99: 250 -> S3 object (Inlet); busy0%: machine CPU")
    print("busy in the second before a scenario (well above 0 = other processes were running: disturbed)")
    if "inlet" in targets:
        parts = []
        for size, sess in scen:
            if sess == 0:
                continue
            v = med("inlet", size, sess, "processed_per_s")
            if v is not None:
                parts.append("%d B x %d: %s msg/s (backlog drained %s s after the load)" % (
                    size, sess, v, med("inlet", size, sess, "drain_s")))
        if parts:
            print("Inlet sustained rate, accept through the S3 action: " + "; ".join(parts))
    print()
    print("Ratios of throughput: median of the per-round ratios (each round measures the targets back to back)")
    print("%7s %4s %16s %16s %16s" % ("size", "sess", "Inlet/Postfix", "Inlet/sink", "Postfix/sink"))
    ratio = {}
    for size, sess in scen:
        if sess == 0:
            continue
        out = []
        for num, den in (("inlet", "postfix"), ("inlet", "sink"), ("postfix", "sink")):
            rs = []
            for rnd in rounds:
                n, d = rate(num, size, sess, rnd), rate(den, size, sess, rnd)
                if n and d:
                    rs.append(round(n / d, 3))
            ratio[(num, den, size, sess)] = median(rs)
            out.append(fmt(None if median(rs) is None else round(median(rs), 2), 16))
        print("%7d %4d %s" % (size, sess, " ".join(out)))
    print()
    print("Targets of issue 5 (report only; a miss never fails the run)")

    def check(label, value, ok):
        print("  %-58s %-10s %s" % (label, "-" if value is None else value,
                                    "n/a" if value is None else ("met" if ok(value) else "MISSED")))

    r = ratio.get(("inlet", "postfix", 1024, 50))
    check("1 KB, 50 sessions: Inlet/Postfix >= 1.5", None if r is None else round(r, 2), lambda v: v >= 1.5)
    r = ratio.get(("inlet", "sink", 1024, 50))
    check("1 KB, 50 sessions: Inlet/smtp-sink >= 0.5", None if r is None else round(r, 2), lambda v: v >= 0.5)
    check("1 KB, 10 sessions: accept p99 < 20 ms", med("inlet", 1024, 10, "accept_ms", "p99"), lambda v: v < 20)
    check("1 KB, 10 sessions: 250 -> S3 object p99 < 100 ms", med("inlet", 1024, 10, "end_to_end_ms", "p99"),
          lambda v: v < 100)
    if groups.get(("inlet", 1024, 0)):
        check("  (same, light load: probe alone)", med("inlet", 1024, 0, "end_to_end_ms", "p99"), lambda v: v < 100)
    failures = [r for r in rows if r.get("smtp_source_rc")]
    if failures:
        print()
        print("smtp-source reported errors in %d scenario(s):" % len(failures))
        for r in failures:
            print("  %s %d B x %d: %s" % (r["target"], r["size"], r["sessions"], r.get("smtp_source_output", "")[-300:]))
    return 0


# ----------------------------------------------------------------------------- idle connections


def proc_status(pid):
    out = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "VmHWM", "Threads"):
                    out[k] = int(v.split()[0])
    except OSError:
        pass
    return out


def idle(port, count, pid, hold, results):
    """Opens `count` SMTP connections, reads each banner and holds them idle; samples the server's memory."""
    before = proc_status(pid)
    socks, banners, failures = [], 0, []
    t0 = time.time()
    for i in range(count):
        try:
            # spread the clients over 127.0.0.1-127.0.0.9 so no one source address runs out of ports
            s = socket.socket()
            s.bind(("127.0.0.%d" % (1 + i % 9), 0))
            s.settimeout(30)
            s.connect(("127.0.0.1", port))
            socks.append(s)
        except OSError as e:
            failures.append(str(e))
            if len(failures) > 20:
                break
    for s in socks:
        try:
            if s.recv(512).startswith(b"220"):
                banners += 1
        except OSError as e:
            failures.append(str(e))
    opened = time.time() - t0
    time.sleep(hold)
    during = proc_status(pid)
    # one session must still work while they are all held
    ok = wait_accept(port, "x@bench.test", 10)
    for s in socks:
        try:
            s.close()
        except OSError:
            pass
    time.sleep(2)
    after = proc_status(pid)
    res = {"connections": len(socks), "banners": banners, "seconds_to_open": round(opened, 1),
           "rss_mib_before": round(before.get("VmRSS", 0) / 1024, 1),
           "rss_mib_held": round(during.get("VmRSS", 0) / 1024, 1),
           "rss_mib_after": round(after.get("VmRSS", 0) / 1024, 1),
           "threads_before": before.get("Threads"), "threads_held": during.get("Threads"),
           "new_session_ok_while_held": ok, "failures": failures[:5]}
    print(json.dumps(res, indent=1))
    if results:
        with open(results, "a") as f:
            f.write(json.dumps(res) + "\n")
    return 0


# ----------------------------------------------------------------------------- JMH summary


def jmh_summary(path):
    """One line per benchmark: mean +- error, the best (lowest) iteration, and B/op when -prof gc ran."""
    data = json.load(open(path))
    print()
    print("%-34s %-16s %12s %12s %10s %10s" % ("benchmark", "params", "mean ns/op", "+- error", "best iter",
                                               "B/op"))
    for r in data:
        name = r["benchmark"].rsplit(".", 2)
        name = name[-2] + "." + name[-1]
        params = ",".join("%s" % v for _k, v in sorted((r.get("params") or {}).items()))
        pm = r["primaryMetric"]
        raw = [x for fork in pm.get("rawData", []) for x in fork]
        try:
            err = float(pm.get("scoreError"))
        except (TypeError, ValueError):
            err = None  # "NaN" with a single iteration
        alloc = (r.get("secondaryMetrics") or {}).get("gc.alloc.rate.norm", {}).get("score")
        print("%-34s %-16s %12.1f %12s %10s %10s" % (
            name, params, pm["score"], "-" if err is None or err != err else "%.1f" % err,
            "%.1f" % min(raw) if raw else "-", "-" if alloc is None else "%.0f" % alloc))
    return 0


# ----------------------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("freeport")
    p.add_argument("count", type=int, nargs="?", default=1)
    p = sub.add_parser("wait-port")
    p.add_argument("port", type=int)
    p.add_argument("seconds", type=float)
    p = sub.add_parser("wait-accept")
    p.add_argument("port", type=int)
    p.add_argument("recipient")
    p.add_argument("seconds", type=float)
    p = sub.add_parser("wait-quiet")
    p.add_argument("threshold", type=float)
    p.add_argument("seconds", type=float)
    p = sub.add_parser("idle")
    p.add_argument("port", type=int)
    p.add_argument("count", type=int)
    p.add_argument("pid", type=int)
    p.add_argument("--hold", type=float, default=10)
    p.add_argument("--results")
    p = sub.add_parser("jmh-summary")
    p.add_argument("json")
    p = sub.add_parser("dns")
    p.add_argument("port", type=int)
    p = sub.add_parser("scenario")
    p.add_argument("--target", required=True)
    p.add_argument("--round", type=int, default=1)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--sessions", type=int, required=True)
    p.add_argument("--messages", type=int, required=True)
    p.add_argument("--duration", type=float, default=10, help="with --sessions 0: seconds of probe-only load")
    p.add_argument("--sender", default="bench@source.bench")
    p.add_argument("--recipient", default="x@bench.test")
    p.add_argument("--reuse", action="store_true", help="smtp-source -d: several messages per connection")
    p.add_argument("--no-probe", dest="probe", action="store_false")
    p.add_argument("--probe-gap-ms", type=float, default=5.0, help="pause between two probe messages")
    p.add_argument("--smtp-source", default="smtp-source")
    p.add_argument("--disk-path", help="a path on the disk whose counters (/proc/diskstats) are sampled")
    p.add_argument("--drain", choices=["none", "inlet", "postfix"], default="none")
    p.add_argument("--drain-dir", help="inlet: the S3 prefix directory; postfix: the queue directory")
    p.add_argument("--drain-timeout", type=float, default=600)
    p.add_argument("--server-pid", type=int, help="process whose CPU time is sampled (Inlet's JVM)")
    p.add_argument("--quiet-wait", type=float, default=0, help="wait up to this many seconds for an idle machine")
    p.add_argument("--quiet-threshold", type=float, default=15.0, help="idle = below this CPU %% busy")
    p.add_argument("--results", required=True)
    p = sub.add_parser("report")
    p.add_argument("results")
    p.add_argument("--targets", default="sink,postfix,inlet")
    a = ap.parse_args()
    if a.cmd == "freeport":
        print(" ".join(str(x) for x in freeport(a.count)))
    elif a.cmd == "wait-port":
        sys.exit(0 if wait_port(a.port, a.seconds) else 1)
    elif a.cmd == "wait-accept":
        sys.exit(0 if wait_accept(a.port, a.recipient, a.seconds) else 1)
    elif a.cmd == "wait-quiet":
        busy = wait_quiet(a.threshold, a.seconds)
        print(busy)
        sys.exit(0 if busy <= a.threshold else 1)
    elif a.cmd == "idle":
        sys.exit(idle(a.port, a.count, a.pid, a.hold, a.results))
    elif a.cmd == "jmh-summary":
        sys.exit(jmh_summary(a.json))
    elif a.cmd == "dns":
        serve_dns(a.port)
    elif a.cmd == "scenario":
        sys.exit(scenario(a))
    elif a.cmd == "report":
        sys.exit(report(a.results, a.targets.split(",")))


if __name__ == "__main__":
    main()
