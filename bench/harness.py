#!/usr/bin/env python3
"""Runs every Tollgate benchmark and writes the results table (bench/README.md, "Results").

Called by bench/run.sh, which builds the jars and passes the classpath. Steps, all in one run so
that ratios compare figures measured side by side on the same (shared, noisy) machine:

  1. JMH: parse -> enrich -> aggregate vs Jackson's tokenizer over the same bytes (PipelineBenchmark)
  2. CPU time per record: Java (CpuRun) vs the Python script (tollgate_py.py) on the same corpus
  3. Peak heap and RSS of ./tollgate replay with -Xmx256m, small input vs >= 1 GB
  4. Cold start: first-batch latency of fresh JVMs, and whether the tokenizer stays off its path
  5. Application Insights bytes per 1,000 LLM requests per event mode (IngestionBytes)

Writes bench/results/latest.json and bench/results/latest.md; --update-readme also replaces the
table between the markers in bench/README.md. Corpus files go to a work folder that is deleted at
the end.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
MB = 1 << 20
LIVE_SET_HEAP = "96m"


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def timed(cmd, env=None):
    """Runs a command and measures its CPU time (user+sys) and peak RSS with os.wait4."""
    start = time.monotonic()
    with tempfile.TemporaryFile(mode="w+") as out, tempfile.TemporaryFile(mode="w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        o, e = out.read(), err.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])}... exited {proc.returncode}: {e[-3000:]}")
    return {"out": o, "err": e, "cpu": usage.ru_utime + usage.ru_stime, "wall": wall,
            "rss_kb": usage.ru_maxrss}


class Bench:
    def __init__(self, args):
        self.args = args
        self.cp = args.cp
        self.java = ["java"]
        self.work = tempfile.mkdtemp(prefix="tollgate-bench-", dir=args.work_dir)
        self.results = {}

    def jcmd(self, main, *a, opts=()):
        return self.java + list(opts) + ["-cp", self.cp, "dev.tollgate.bench." + main] + list(a)

    def generate(self, name, size, mix="all", rate=None):
        path = os.path.join(self.work, name)
        cmd = ["--out", path, "--size", size, "--mix", mix]
        if rate:
            cmd += ["--rate", str(rate)]
        r = timed(self.jcmd("CorpusGenerator", *cmd))
        stats = r["out"].splitlines()[0]
        log(f"corpus {name}: {stats}")
        return path, stats

    # ------------------------------------------------------------------ 1. JMH
    def jmh(self):
        log("JMH: limit / parse / pipeline, mixes all and reported")
        out = os.path.join(self.work, "jmh.json")
        cmd = self.java + ["-cp", self.cp, "org.openjdk.jmh.Main", "PipelineBenchmark",
                           "-p", f"size={self.args.jmh_size}", "-rf", "json", "-rff", out]
        if self.args.quick:
            cmd += ["-wi", "1", "-w", "1", "-i", "1", "-r", "1"]
        r = timed(cmd)
        with open(out) as f:
            data = json.load(f)
        rows = {}
        for b in data:
            name = b["benchmark"].rsplit(".", 1)[1]
            mix = b["params"]["mix"]
            sec = b.get("secondaryMetrics", {})
            rows[(name, mix)] = {
                "bodies_per_s": b["primaryMetric"]["score"],
                "bodies_err": b["primaryMetric"]["scoreError"],
                "records_per_s": sec.get("records", {}).get("score"),
                "bytes_per_s": sec.get("bytes", {}).get("score"),
                "bytes_err": sec.get("bytes", {}).get("scoreError"),
            }
        res = {}
        for mix in ("all", "reported"):
            lim = rows[("limit", mix)]
            res[mix] = {n: rows[(n, mix)] for n in ("limit", "parse", "pipeline")}
            res[mix]["pipeline_vs_limit"] = rows[("pipeline", mix)]["bytes_per_s"] / lim["bytes_per_s"]
        self.results["jmh"] = res

    # ------------------------------------------------------------------ 2. CPU vs Python
    def cpu(self):
        size = self.args.cpu_size
        res = {}
        for mix in ("all", "reported"):
            corpus, stats = self.generate(f"cpu-{mix}.jsonl", size, mix=mix)
            py = [sys.executable, os.path.join(BENCH, "tollgate_py.py"), corpus]
            java = self.jcmd("CpuRun", corpus)
            javas = self.jcmd("CpuRun", corpus, "4")
            runs = {"python": [], "java": [], "java_steady": []}
            totals = {}
            for i in range(self.args.rounds):
                log(f"CPU time, mix {mix}, round {i + 1}: python, java")
                p = timed(py)
                runs["python"].append(p["cpu"])
                totals["python"] = json.loads(p["out"])
                j = timed(java)
                runs["java"].append(j["cpu"])
                totals["java"] = json.loads(j["out"])
            log(f"CPU time, mix {mix}: java, 4 passes in one JVM (steady state)")
            s = timed(javas)
            passes = [float(m) for m in re.findall(r"([\d.]+) s cpu", s["err"])]
            runs["java_steady"] = passes[-2:]
            records = totals["java"]["records"]
            py_cpu = statistics.median(runs["python"])
            j_cpu = statistics.median(runs["java"])
            js_cpu = statistics.median(runs["java_steady"])
            same = {k: (totals["java"][k], totals["python"][k]) for k in
                    ("records", "llm", "errors", "reported", "reported_input_tokens",
                     "reported_output_tokens", "dead_letters", "aggregates")}
            cost_j = float(totals["java"]["reported_cost_usd"])
            cost_p = float(totals["python"]["reported_cost_usd"])
            res[mix] = {
                "corpus": stats, "records": records, "bytes": os.path.getsize(corpus),
                "python_cpu_s": py_cpu, "java_cpu_s": j_cpu, "java_steady_pass_cpu_s": js_cpu,
                "python_us_per_record": py_cpu / records * 1e6,
                "java_us_per_record": j_cpu / records * 1e6,
                "java_steady_us_per_record": js_cpu / records * 1e6,
                "ratio_whole_process": py_cpu / j_cpu,
                "ratio_steady": py_cpu / js_cpu,
                "runs": runs,
                "totals_agree": all(a == b for a, b in same.values())
                and abs(cost_j - cost_p) <= 1e-6 * max(1.0, cost_j),
                "totals": totals,
            }
            os.remove(corpus)
        self.results["cpu"] = res

    # ------------------------------------------------------------------ 3. memory
    def memory(self):
        free = shutil.disk_usage(self.work).free
        big = self.args.memory_big
        need = 2 * CorpusSize.parse(big) + 512 * MB
        if free < need:
            log(f"memory: skipped, {free // MB} MB free on {self.work}, {need // MB} MB needed")
            self.results["memory"] = {"skipped": f"{free // MB} MB free, {need // MB} MB needed"}
            return
        res = {}
        for label, size in (("small", self.args.memory_small), ("big", big)):
            corpus, stats = self.generate(f"mem-{label}.jsonl", size)
            gc_log = os.path.join(self.work, f"gc-{label}.log")
            out_dir = os.path.join(self.work, f"out-{label}")
            env = dict(os.environ)
            env["TOLLGATE_JAVA_OPTS"] = f"-Xmx256m -Xlog:gc:file={gc_log}"
            for k in ("APPLICATIONINSIGHTS_CONNECTION_STRING", "OTEL_EXPORTER_OTLP_ENDPOINT"):
                env.pop(k, None)
            log(f"memory: ./tollgate replay {size} with -Xmx256m")
            # run.sh built the jar; keep ./tollgate from rebuilding it if a source was touched since.
            jar = os.path.join(ROOT, "cli", "target", "tollgate.jar")
            if os.path.exists(jar):
                os.utime(jar)
            r = timed([os.path.join(ROOT, "tollgate"), "replay", "--out", out_dir, corpus], env=env)
            before, after = [], []
            with open(gc_log) as f:
                for line in f:
                    m = re.search(r"Pause (Young|Full).*?(\d+)M->(\d+)M\((\d+)M\)", line)
                    if m:
                        before.append(int(m.group(2)))
                        after.append(int(m.group(3)))
            n = len(after)
            res[label] = {
                "input_mb": os.path.getsize(corpus) / MB, "corpus": stats,
                "peak_rss_mb": r["rss_kb"] / 1024, "cpu_s": r["cpu"], "wall_s": r["wall"],
                "gcs": n, "peak_heap_used_mb": max(before) if before else None,
                "live_heap_after_gc_end_mb": statistics.median(after[-5:]) if after else None,
                "live_heap_after_gc_first_quarter_mb":
                    statistics.median(after[n // 4 - 2: n // 4 + 3]) if n >= 8 else None,
                "windows": sum(1 for _ in open(os.path.join(out_dir, "aggregates.jsonl"))),
                "summary": r["out"].splitlines()[-3:],
            }
            # The live set: what is left after a full collection. A 256 MB heap rarely needs one
            # (young collections leave promoted garbage in the old generation), so run again in a
            # heap small enough that full collections happen, and read the last ones.
            live_log = os.path.join(self.work, f"gc-live-{label}.log")
            env["TOLLGATE_JAVA_OPTS"] = f"-Xmx{LIVE_SET_HEAP} -Xlog:gc:file={live_log}"
            shutil.rmtree(out_dir, ignore_errors=True)
            log(f"memory: ./tollgate replay {size} with -Xmx{LIVE_SET_HEAP} (live set)")
            timed([os.path.join(ROOT, "tollgate"), "replay", "--out", out_dir, corpus], env=env)
            full = []
            with open(live_log) as f:
                for line in f:
                    m = re.search(r"Pause Full.*?(\d+)M->(\d+)M\((\d+)M\)", line)
                    if m:
                        full.append(int(m.group(2)))
            res[label]["full_gcs_small_heap"] = len(full)
            res[label]["live_set_mb"] = statistics.median(full[-3:]) if full else None
            os.remove(corpus)
            shutil.rmtree(out_dir, ignore_errors=True)
        self.results["memory"] = res

    # ------------------------------------------------------------------ 4. cold start
    def cold_start(self):
        # 100 bodies each (host.json maxEventBatchSize), about 1,000 records.
        reported, _ = self.generate("cold-reported.jsonl", "12m", mix="reported")
        mixed, _ = self.generate("cold-mixed.jsonl", "8m")
        n = self.args.cold_runs
        # Jars only on the class path, as a deployed app has (and as AppCDS requires).
        entries = self.cp.split(os.pathsep)
        jar = os.path.join(self.work, "bench-classes.jar")
        subprocess.run(["jar", "--create", "--file", jar, "-C", entries[0], "."], check=True)
        cp = os.pathsep.join([jar] + entries[1:])

        def cold(*a, opts=()):
            return self.java + list(opts) + ["-cp", cp, "dev.tollgate.bench.ColdStart"] + list(a)

        def runs(*files, opts=()):
            got = []
            for _ in range(n):
                r = timed(cold(*files, opts=opts))
                got.append(json.loads(r["out"]))
            return got

        log("cold start: reported-only batch, then a batch that needs estimates")
        a = runs(reported, mixed)
        log("cold start: a mixed batch first")
        b = runs(mixed)
        log("cold start: class-load log")
        cl_log = os.path.join(self.work, "classload.log")
        timed(cold(reported, mixed, opts=(f"-Xlog:class+load=info:file={cl_log}:uptime",)))
        phases = {"before_pipeline": 0, "pipeline": 0, "first_batch": 0, "second_batch": 0}
        tokenizer_in_first = False
        tokenizer_in_second = False
        phase = "before_pipeline"
        with open(cl_log) as f:
            for line in f:
                if "dev.tollgate.core.pipeline.Pipeline " in line and phase == "before_pipeline":
                    phase = "pipeline"
                if "dev.tollgate.core.pipeline.Run " in line and phase == "pipeline":
                    phase = "first_batch"
                if "ColdStart$AfterFirstBatch" in line:
                    phase = "second_batch"
                    continue
                if "ColdStart$AfterSecondBatch" in line:
                    break
                if " source: " in line or "shared objects file" in line:
                    phases[phase] += 1
                if "com.knuddels.jtokkit" in line:
                    if phase in ("before_pipeline", "pipeline", "first_batch"):
                        tokenizer_in_first = True
                    else:
                        tokenizer_in_second = True
        log("cold start: loading the tokenizer's encodings in a fresh JVM")
        tok = [json.loads(timed(cold("--tokenizer"))["out"]) for _ in range(n)]
        log("cold start: with an AppCDS archive of the same run")
        jsa = os.path.join(self.work, "app.jsa")
        timed(cold(reported, mixed, opts=(f"-XX:ArchiveClassesAtExit={jsa}",)))
        c = runs(reported, mixed, opts=(f"-XX:SharedArchiveFile={jsa}",))

        def med(rs, f):
            return statistics.median(f(r) for r in rs)

        self.results["cold_start"] = {
            "runs": n,
            "process_to_main_ms": med(a, lambda r: r["process_to_main_ms"]),
            "pipeline_build_ms": med(a, lambda r: r["pipeline_build_ms"]),
            "reported_batch_ms": med(a, lambda r: r["batches"][0]["ms"]),
            "reported_batch_done_ms": med(a, lambda r: r["batches"][0]["done_since_start_ms"]),
            "reported_batch_records": a[0]["batches"][0]["records"],
            "then_mixed_batch_ms": med(a, lambda r: r["batches"][1]["ms"]),
            "mixed_first_batch_ms": med(b, lambda r: r["batches"][0]["ms"]),
            "mixed_first_done_ms": med(b, lambda r: r["batches"][0]["done_since_start_ms"]),
            "mixed_batch_records": b[0]["batches"][0]["records"],

            "mixed_batch_estimated": b[0]["batches"][0]["estimated"],
            "cds_reported_batch_done_ms": med(c, lambda r: r["batches"][0]["done_since_start_ms"]),
            "cds_pipeline_build_ms": med(c, lambda r: r["pipeline_build_ms"]),
            "o200k_load_ms": med(tok, lambda r: r["o200k_base_ms"]),
            "cl100k_load_ms": med(tok, lambda r: r["cl100k_base_ms"]),
            "classes_loaded": phases,
            "tokenizer_loaded_for_reported_batch": tokenizer_in_first,
            "tokenizer_loaded_for_estimates": tokenizer_in_second,
        }
        for p in (reported, mixed):
            os.remove(p)

    # ------------------------------------------------------------------ 5. ingestion bytes
    def ingestion(self):
        log("Application Insights bytes per event mode (fake ingestion endpoint)")
        r = timed(self.jcmd("IngestionBytes", "--llm", str(self.args.ingestion_llm)))
        rows = [json.loads(l) for l in r["out"].splitlines() if l.startswith("{")]
        res = {}
        for shape in ("function", "replay"):
            by = {x["mode"]: x for x in rows if x["shape"] == shape}
            allb = by["all"]
            res[shape] = {
                "modes": by,
                "errors_vs_all_wire": by["errors"]["wire_bytes"] / allb["wire_bytes"],
                "errors_vs_all_json": by["errors"]["json_bytes"] / allb["json_bytes"],
                "metrics_identical": len({x["metrics_hash"] for x in by.values()}) == 1,
                "client_bytes_equal_server": all(
                    x["client_bytes"] == x["wire_bytes"] for x in by.values()),
            }
        self.results["ingestion"] = res

    # ------------------------------------------------------------------ report
    def machine(self):
        cpu = "?"
        try:
            with open("/proc/cpuinfo") as f:
                for line in f:
                    if line.startswith("model name"):
                        cpu = line.split(":", 1)[1].strip()
                        break
        except OSError:
            pass
        jv = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
        rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True).stdout.strip()
        return {
            "cpu": cpu, "cores": os.cpu_count(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
            "java": jv.splitlines()[0] if jv else "?", "python": platform.python_version(),
            "os": platform.platform(), "git": rev,
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        }


class CorpusSize:
    @staticmethod
    def parse(s):
        s = s.lower().rstrip("b")
        unit = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}.get(s[-1])
        return int(float(s[:-1]) * unit) if unit else int(s)


def fmt(v, digits=1):
    return f"{v:,.{digits}f}"


def table(r):
    """The Markdown results table (bench/README.md)."""
    m = r["machine"]
    L = []
    L.append(f"Measured {m['date']} at commit `{m['git']}` on {m['cores']} cores ({m['cpu']}), "
             f"{m['memory_gb']} GiB, {m['java']}, Python {m['python']}; load average "
             f"{r['load_before']} before, {r['load_after']} after (a shared machine: compare "
             f"ratios, which were measured side by side, more than absolute figures). "
             f"Command: `{r['command']}` ({r['minutes']:.0f} min).")
    L.append("")
    L.append("| Measure | Result | Goal | Met |")
    L.append("|---|---|---|---|")
    j = r.get("jmh")
    if j:
        for mix, label in (("all", "documented mix"), ("reported", "reported-usage records only")):
            x = j[mix]
            p, lim, env = x["pipeline"], x["limit"], x["parse"]
            L.append(
                f"| Enrichment, one core ({label}) | {fmt(p['records_per_s'], 0)} records/s, "
                f"{fmt(p['bytes_per_s'] / 1e6)} ± {fmt(p['bytes_err'] / 1e6)} MB/s | | |")
            L.append(
                f"| Jackson tokenizer limit, same bytes ({label}) | "
                f"{fmt(lim['records_per_s'], 0)} records/s, {fmt(lim['bytes_per_s'] / 1e6)} ± "
                f"{fmt(lim['bytes_err'] / 1e6)} MB/s (envelope alone as a tree: "
                f"{fmt(env['bytes_per_s'] / 1e6)} MB/s) | | |")
            lo = (p["bytes_per_s"] - p["bytes_err"]) / (lim["bytes_per_s"] + lim["bytes_err"])
            hi = (p["bytes_per_s"] + p["bytes_err"]) / max(1.0, lim["bytes_per_s"] - lim["bytes_err"])
            ok = x["pipeline_vs_limit"] >= 0.5
            verdict = "yes" if lo >= 0.5 else ("within the error" if hi >= 0.5 else "no")
            L.append(f"| Enrichment / limit ({label}) | **{x['pipeline_vs_limit']:.0%}** "
                     f"({lo:.0%}-{hi:.0%} within JMH's 99.9% errors) | ≥ 50% | {verdict} |")
    c = r.get("cpu")
    if c:
        for mix, label in (("all", "documented mix"), ("reported", "reported-usage records only")):
            x = c[mix]
            L.append(
                f"| CPU per record, Python `json` script ({label}) | {fmt(x['python_us_per_record'])} µs | | |")
            L.append(
                f"| CPU per record, Java whole process, cold JVM ({label}) | "
                f"{fmt(x['java_us_per_record'])} µs ({x['records']:,} records, "
                f"{x['bytes'] / MB:,.0f} MB) | | |")
            L.append(
                f"| CPU per record, Java JIT-warm pass ({label}) | {fmt(x['java_steady_us_per_record'])} µs | | |")
            ok = x["ratio_steady"] >= 5
            L.append(
                f"| Python / Java CPU per record ({label}) | **{x['ratio_steady']:.2f}×** warm, "
                f"{x['ratio_whole_process']:.2f}× whole process; totals agree: "
                f"{'yes' if x['totals_agree'] else 'NO'} | ≥ 5× (aim 10×) | {'yes' if ok else 'no'} |")
    if j and c:
        for mix, label in (("all", "documented mix"), ("reported", "reported-usage records only")):
            limit_us = 1e6 / j[mix]["limit"]["records_per_s"]
            L.append(
                f"| Python script / Jackson limit, CPU per record ({label}) | "
                f"{c[mix]['python_us_per_record'] / limit_us:.1f}× (limit {limit_us:.0f} µs per record): "
                f"the most any design that reads every token could reach | | |")
    mem = r.get("memory")
    if mem and "skipped" not in mem:
        s, b = mem["small"], mem["big"]

        def live(x):
            v = x.get("live_set_mb")
            return "n/a (no full GC)" if v is None else f"{v:,.0f} MB"

        L.append(
            f"| `./tollgate replay`, -Xmx256m, {s['input_mb']:,.0f} MB | peak RSS {fmt(s['peak_rss_mb'], 0)} MB, "
            f"heap used ≤ {s['peak_heap_used_mb']} MB; live set (after full GCs at -Xmx{LIVE_SET_HEAP}) {live(s)}; "
            f"{s['windows']:,} windows | | |")
        flat_live = (s.get("live_set_mb") is not None and b.get("live_set_mb") is not None
                     and b["live_set_mb"] <= 1.15 * s["live_set_mb"])
        L.append(
            f"| `./tollgate replay`, -Xmx256m, {b['input_mb']:,.0f} MB | peak RSS {fmt(b['peak_rss_mb'], 0)} MB, "
            f"heap used ≤ {b['peak_heap_used_mb']} MB; live set (after full GCs at -Xmx{LIVE_SET_HEAP}) {live(b)}; "
            f"{b['windows']:,} windows; {fmt(b['input_mb'] / b['wall_s'])} MB/s wall, "
            f"{fmt(b['input_mb'] / b['cpu_s'])} MB per CPU-second | flat | "
            f"RSS {'yes' if b['peak_rss_mb'] <= 1.15 * s['peak_rss_mb'] else 'no'}, live set "
            f"{'yes' if flat_live else 'no'} ({b['input_mb'] / s['input_mb']:.1f}× the input) |")
    elif mem:
        L.append(f"| `./tollgate replay` memory | skipped: {mem['skipped']} | | |")
    cs = r.get("cold_start")
    if cs:
        L.append(
            f"| Cold start: first batch ({cs['reported_batch_records']:,} records, reported usage) done | "
            f"{fmt(cs['reported_batch_done_ms'], 0)} ms after process start (JVM {fmt(cs['process_to_main_ms'], 0)}, "
            f"pipeline + catalog {fmt(cs['pipeline_build_ms'], 0)}, batch {fmt(cs['reported_batch_ms'], 0)}); "
            f"with AppCDS {fmt(cs['cds_reported_batch_done_ms'], 0)} ms | | |")
        L.append(
            f"| Cold start: first batch with estimates ({cs['mixed_batch_records']:,} records, "
            f"{cs['mixed_batch_estimated']} estimated) | batch {fmt(cs['mixed_first_batch_ms'], 0)} ms, "
            f"done {fmt(cs['mixed_first_done_ms'], 0)} ms after start; after a warm-up batch: "
            f"{fmt(cs['then_mixed_batch_ms'], 0)} ms; loading the encodings alone: o200k_base "
            f"{fmt(cs['o200k_load_ms'], 0)} ms, cl100k_base {fmt(cs['cl100k_load_ms'], 0)} ms | | |")
        L.append(
            f"| Tokenizer off the path of records that do not need it | "
            f"{'no: loaded for a reported-only batch' if cs['tokenizer_loaded_for_reported_batch'] else 'yes: not loaded until a record needs an estimate'} "
            f"| off the path | {'no' if cs['tokenizer_loaded_for_reported_batch'] else 'yes'} |")
    ing = r.get("ingestion")
    if ing:
        for shape, label in (("function", "Functions (one run per 100-body batch)"),
                             ("replay", "replay (one run)")):
            x = ing[shape]
            mo = x["modes"]
            L.append(
                f"| App Insights bytes per 1,000 LLM requests, {label} | "
                + ", ".join(f"{k}: {mo[k]['wire_bytes_per_1000'] / 1024:,.1f} KiB gzip "
                            f"({mo[k]['json_bytes_per_1000'] / 1024:,.0f} KiB JSON)"
                            for k in ("all", "errors", "sampled:10", "off"))
                + " | | |")
            err_share = mo["errors"]["events"] / max(1, mo["all"]["events"])
            floor = mo["off"]["wire_bytes"] / mo["all"]["wire_bytes"]
            per_req = mo["all"]["metrics"] / max(1, mo["all"]["llm_requests"])
            L.append(
                f"| why, {label} | error calls are {err_share:.1%} of LLM calls; metrics alone (off) are "
                f"{floor:.0%} of all: {per_req:.2f} metric items per LLM request, "
                f"{mo['all']['zero_metrics'] / max(1, mo['all']['metrics']):.0%} of them zero | | |")
            ok = x["errors_vs_all_wire"] < 0.05
            L.append(
                f"| errors / all, {label} | **{x['errors_vs_all_wire']:.0%}** on the wire, "
                f"{x['errors_vs_all_json']:.0%} of JSON; metric items identical in every mode: "
                f"{'yes' if x['metrics_identical'] else 'NO'} | < 5% | {'yes' if ok else 'no'} |")
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cp", help="classpath of bench/target/classes and its dependencies")
    ap.add_argument("--only", default="jmh,cpu,memory,cold,ingestion")
    ap.add_argument("--jmh-size", default="16m")
    ap.add_argument("--cpu-size", default="128m")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--memory-small", default="128m")
    ap.add_argument("--memory-big", default="1100m")
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--ingestion-llm", type=int, default=5000)
    ap.add_argument("--quick", action="store_true", help="tiny sizes, for trying the harness")
    ap.add_argument("--work-dir", default=None, help="where corpora go (default: the system temp)")
    ap.add_argument("--update-readme", action="store_true")
    ap.add_argument("--command", default="bench/run.sh")
    ap.add_argument("--render", action="store_true",
                    help="only re-render the table from results/latest.json")
    args = ap.parse_args()
    if not args.render and not args.cp:
        ap.error("--cp is required (bench/run.sh passes it)")
    if args.render:
        with open(os.path.join(BENCH, "results", "latest.json")) as f:
            write(json.load(f), args.update_readme)
        return
    if args.quick:
        args.jmh_size, args.cpu_size, args.rounds = "1m", "4m", 1
        args.memory_small, args.memory_big, args.cold_runs, args.ingestion_llm = "8m", "32m", 1, 300
    b = Bench(args)
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    steps = {"jmh": b.jmh, "cpu": b.cpu, "memory": b.memory, "cold": b.cold_start,
             "ingestion": b.ingestion}
    try:
        for name in args.only.split(","):
            steps[name]()
    finally:
        shutil.rmtree(b.work, ignore_errors=True)
    r = b.results
    r["machine"] = b.machine()
    r["load_before"] = f"{load_before:.1f}"
    r["load_after"] = f"{os.getloadavg()[0]:.1f}"
    r["minutes"] = (time.monotonic() - started) / 60
    r["command"] = args.command
    write(r, args.update_readme)


def write(r, update_readme):
    md = table(r)
    out_dir = os.path.join(BENCH, "results")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "latest.json"), "w") as f:
        json.dump(r, f, indent=2, default=str)
    with open(os.path.join(out_dir, "latest.md"), "w") as f:
        f.write(md + "\n")
    if update_readme:
        readme = os.path.join(BENCH, "README.md")
        with open(readme) as f:
            text = f.read()
        start, end = "<!-- results:start -->", "<!-- results:end -->"
        if start in text and end in text:
            text = text[:text.index(start) + len(start)] + "\n" + md + "\n" + text[text.index(end):]
            with open(readme, "w") as f:
                f.write(text)
    print(md)


if __name__ == "__main__":
    main()
