#!/usr/bin/env python3
"""Time from `didOpen` to `publishDiagnostics` in `candor lsp`, on documents of growing size.

Usage: python3 bench/lsp_latency.py [--bin target/release/candor] [--runs 3] [--unlimited]

Each document repeats one paragraph with several findings. Prints, per size, the median of
--runs opens and the number of diagnostics. --unlimited sets `max_findings_per_rule = 0` in a
temporary workspace, so every finding is converted and sent.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

PARA = ("A small number of users could not log in at 10:15. We apologize for any "
        "inconvenience this may have caused.\n\n")


def send(proc, msg):
    body = json.dumps(msg).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def read(proc):
    length = None
    while True:
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError("server closed its output")
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(proc.stdout.read(length))


def wait_for(proc, pred):
    while True:
        m = read(proc)
        if pred(m):
            return m


def measure(binary, root, text, runs):
    proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, cwd=root)
    root_uri = "file://" + root
    send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": None, "rootUri": root_uri, "capabilities": {}}})
    wait_for(proc, lambda m: m.get("id") == 1)
    send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    times, count = [], 0
    for i in range(runs):
        uri = f"{root_uri}/doc{i}.md"
        start = time.perf_counter()
        send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
        m = wait_for(proc, lambda m: m.get("method") == "textDocument/publishDiagnostics"
                     and m["params"]["uri"] == uri)
        times.append(time.perf_counter() - start)
        count = len(m["params"]["diagnostics"])
    send(proc, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    wait_for(proc, lambda m: m.get("id") == 2)
    send(proc, {"jsonrpc": "2.0", "method": "exit"})
    proc.wait(timeout=10)
    return statistics.median(times), count


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/candor")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--unlimited", action="store_true")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    with tempfile.TemporaryDirectory() as root:
        if a.unlimited:
            with open(os.path.join(root, "candor.toml"), "w") as f:
                f.write("max_findings_per_rule = 0\n")
        print("| document | median didOpen → publishDiagnostics | diagnostics |")
        print("|---|---|---|")
        for target in (187_000, 750_000, 1_900_000):
            text = "# Login outage\n\n" + PARA * (target // len(PARA))
            t, n = measure(binary, root, text, a.runs)
            print(f"| {len(text) / 1e6:.2f} MB | {t:.2f} s | {n:,} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
