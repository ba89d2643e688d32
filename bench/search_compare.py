#!/usr/bin/python3
"""Native peers of `shelf bench-search`, and the report of bench/search-compare.sh.

  search_compare.py peers DIR --dim D [--k 10] [--ef 16,32] [--m 16] [--ef-construction 100]
      faiss IndexFlatIP (one query per call, and all queries in one call) and hnswlib (M,
      ef_construction as Shelf; an ef sweep), one thread, on DIR/base.f32 and DIR/queries.f32
      as `shelf bench-search --dump DIR` wrote them; recall@k against DIR/truth.i32 (Shelf's
      exact top-k). Prints one JSON object.
  search_compare.py report NAME OUT_DIR RESULTS.json...
      The markdown table and the ratios of one dataset: OUT_DIR/search-NAME.md and .json.

Debian's python3-faiss and python3-hnswlib; numpy. Standard library otherwise.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time


def load(dir_, dim, k):
    import numpy as np

    base = np.fromfile(os.path.join(dir_, "base.f32"), dtype="<f4").reshape(-1, dim)
    queries = np.fromfile(os.path.join(dir_, "queries.f32"), dtype="<f4").reshape(-1, dim)
    truth = np.fromfile(os.path.join(dir_, "truth.i32"), dtype="<i4").reshape(-1, k)
    return base, queries, truth


def recall(found, truth):
    hits = sum(len(set(map(int, f)) & set(map(int, t))) for f, t in zip(found, truth))
    return hits / float(truth.size)


def faiss_flat(base, queries, truth, k):
    import faiss

    faiss.omp_set_num_threads(1)
    index = faiss.IndexFlatIP(base.shape[1])
    index.add(base)
    start = time.perf_counter()
    found = [index.search(queries[i : i + 1], k)[1][0] for i in range(len(queries))]
    single = len(queries) / (time.perf_counter() - start)
    start = time.perf_counter()
    _, batch_ids = index.search(queries, k)
    batch = len(queries) / (time.perf_counter() - start)
    return {
        "name": "faiss IndexFlatIP",
        "version": getattr(faiss, "__version__", "?"),
        "exact_qps": single,
        "exact_batch_qps": batch,
        "recall": recall(found, truth),
        "batch_recall": recall(batch_ids, truth),
    }


def hnswlib_sweep(base, queries, truth, k, efs, m, ef_construction):
    import hnswlib
    import numpy as np

    index = hnswlib.Index(space="ip", dim=base.shape[1])
    start = time.perf_counter()
    index.init_index(max_elements=len(base), M=m, ef_construction=ef_construction, random_seed=1)
    index.set_num_threads(1)
    index.add_items(base, np.arange(len(base)), num_threads=1)
    build = time.perf_counter() - start
    sweep = []
    for ef in efs:
        index.set_ef(max(ef, k))
        # One call for all queries on one thread: the C++ search without Python's per-call cost.
        # Fastest of three, as `shelf bench-search --repeat 3` (a shared machine's noise).
        seconds = None
        for _ in range(3):
            start = time.perf_counter()
            ids, _ = index.knn_query(queries, k=k, num_threads=1)
            elapsed = time.perf_counter() - start
            seconds = elapsed if seconds is None else min(seconds, elapsed)
        sweep.append({"ef": ef, "ann_qps": len(queries) / seconds, "ann_recall": recall(ids, truth)})
    # hnswlib stores each vector beside its links: size_data_per_element_ bytes per element.
    links0 = 2 * m * 4 + 4
    per_element = links0 + base.shape[1] * 4 + 8
    return {
        "name": "hnswlib",
        "version": getattr(hnswlib, "__version__", "0.6.2"),
        "build_seconds": build,
        "index_bytes_estimate": per_element * len(base),
        "sweep": sweep,
    }


def peers(args):
    efs = [int(x) for x in args.ef.split(",")]
    base, queries, truth = load(args.dir, args.dim, args.k)
    out = {"n": len(base), "dim": args.dim, "queries": len(queries), "k": args.k}
    out["faiss"] = faiss_flat(base, queries, truth, args.k)
    if not args.exact_only:
        out["hnswlib"] = hnswlib_sweep(base, queries, truth, args.k, efs, args.m, args.ef_construction)
    print(json.dumps(out))


# ---------------------------------------------------------------- report


def at_recall(sweep, target):
    """The first point of an ef sweep (narrowest first) reaching the target recall, else None."""
    for point in sorted(sweep, key=lambda p: p["ef"]):
        if point["ann_recall"] >= target:
            return point
    return None


def ratio(a, b):
    return a / b if a and b else None


def fmt(value, digits=1):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def machine():
    def run(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
        except OSError:
            return ""

    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "load_average": os.getloadavg(),
        "node": run(["node", "--version"]),
        "python": platform.python_version(),
        "commit": run(["git", "rev-parse", "--short", "HEAD"]),
    }


def sweeps_of(native, native8, wasm, wasm8, py, js):
    """The systems that may have an ef sweep, by name (None where a system did not run)."""
    sweeps = {"shelf native": native, "shelf native int8": native8, "shelf wasm": wasm, "shelf wasm int8": wasm8}
    if py and py.get("hnswlib"):
        sweeps["hnswlib"] = py["hnswlib"]
    if js and js.get("hnswlib_wasm"):
        sweeps["hnswlib-wasm"] = js["hnswlib_wasm"]
    return sweeps


def report(args):
    results = {}
    for path in args.results:
        with open(path) as f:
            results[os.path.splitext(os.path.basename(path))[0]] = json.load(f)
    target = args.target
    native = results.get("shelf-native")
    native8 = results.get("shelf-native-int8")
    wasm = results.get("shelf-wasm")
    wasm8 = results.get("shelf-wasm-int8")
    py = results.get("native-peers")
    js = results.get("js-peers")
    any_run = native or wasm
    rows = []  # system, exact q/s, ANN q/s at target, its ef, recall, build s, index MB

    def best_recall(sweep):
        return max((p["ann_recall"] for p in sweep), default=None)

    def shelf_row(name, r):
        if not r:
            return
        point = at_recall(r["sweep"], target)
        # Exact only (no graph built): the exact index's build time and bytes.
        graph = bool(r["sweep"])
        rows.append([name, r["exact_qps"], r.get("exact_batch_qps"), point and point["ann_qps"], point and point["ef"],
                     point and point["ann_recall"], r["build_seconds"] if graph else r.get("exact_build_seconds"),
                     (r["index_bytes"] if graph else r.get("exact_index_bytes", 0)) / 1e6, best_recall(r["sweep"])])

    shelf_row("shelf native (float32)", native)
    shelf_row("shelf native (int8 + re-rank)", native8)
    shelf_row("shelf wasm (float32)", wasm)
    shelf_row("shelf wasm (int8 + re-rank)", wasm8)
    if py:
        rows.append(["faiss IndexFlatIP", py["faiss"]["exact_qps"], py["faiss"]["exact_batch_qps"], None, None, None,
                     None, None, None])
        h = py.get("hnswlib")
        if h:
            point = at_recall(h["sweep"], target)
            rows.append(["hnswlib (python, native)", None, None, point and point["ann_qps"], point and point["ef"],
                         point and point["ann_recall"], h["build_seconds"], h["index_bytes_estimate"] / 1e6,
                         best_recall(h["sweep"])])
    if js:
        rows.append(["plain JS Float32Array loop", js["plain"]["exact_qps"], None, None, None, None, None, None, None])
        hw = js.get("hnswlib_wasm")
        if hw:
            rows.append(["hnswlib-wasm BruteforceSearch", hw["bruteforce_qps"], None, None, None, None, None, None, None])
            if hw.get("sweep"):
                point = at_recall(hw["sweep"], target)
                rows.append(["hnswlib-wasm HierarchicalNSW", None, None, point and point["ann_qps"], point and point["ef"],
                             point and point["ann_recall"], hw["build_seconds"], None, best_recall(hw["sweep"])])
        voy = js.get("voy")
        if voy:
            rows.append([f"voy-search ({voy['queries']} queries)", voy["qps"], None, None, None, None, voy["build_seconds"],
                         None, voy["recall"]])

    def ann_qps(r):
        point = r and at_recall(r["sweep"], target)
        return point and point["ann_qps"]

    ratios = {}
    if wasm and js:
        ratios["wasm exact / plain JS, 1 query per call (target >= 5)"] = ratio(wasm["exact_qps"], js["plain"]["exact_qps"])
        if wasm.get("exact_scan_qps"):
            # The float scan ExactIndex replaced as the engine's single-query search (same answers).
            ratios["wasm float scan / plain JS, 1 query per call (before ExactIndex)"] = ratio(
                wasm["exact_scan_qps"], js["plain"]["exact_qps"])
        ratios["wasm exact, all queries in one call / plain JS"] = ratio(wasm.get("exact_batch_qps"),
                                                                         js["plain"]["exact_qps"])
        if js.get("hnswlib_wasm"):
            if wasm["sweep"] and js["hnswlib_wasm"].get("sweep"):
                ratios[f"wasm HNSW / hnswlib-wasm at recall >= {target} (target >= 1)"] = ratio(
                    ann_qps(wasm), ann_qps(js["hnswlib_wasm"]))
                ratios[f"wasm HNSW int8 / hnswlib-wasm at recall >= {target}"] = ratio(ann_qps(wasm8),
                                                                                       ann_qps(js["hnswlib_wasm"]))
            ratios["wasm exact / hnswlib-wasm brute force"] = ratio(wasm["exact_qps"],
                                                                   js["hnswlib_wasm"]["bruteforce_qps"])
        if js.get("voy"):
            ratios["wasm exact / voy-search"] = ratio(wasm["exact_qps"], js["voy"]["qps"])
    if native and py:
        ratios["native exact / faiss flat, 1 query per call"] = ratio(native["exact_qps"], py["faiss"]["exact_qps"])
        if native.get("exact_scan_qps"):
            ratios["native float scan / faiss flat, 1 query per call"] = ratio(native["exact_scan_qps"],
                                                                                py["faiss"]["exact_qps"])
        ratios["native exact / faiss flat, all queries in one call"] = ratio(native.get("exact_batch_qps"),
                                                                            py["faiss"]["exact_batch_qps"])
        if native["sweep"] and py.get("hnswlib"):
            ratios[f"native HNSW / hnswlib at recall >= {target}"] = ratio(ann_qps(native), ann_qps(py["hnswlib"]))
            ratios["native HNSW build / hnswlib build (time; < 1 is faster)"] = ratio(
                native["build_seconds"], py["hnswlib"]["build_seconds"])
    for name, r8, r in (("native", native8, native), ("wasm", wasm8, wasm)):
        if r8 and r and r["sweep"]:
            ratios[f"{name} int8 vectors / float32 vectors"] = ratio(r8["vector_bytes"], r["vector_bytes"])
            # The int8 runs are compacted (--compact), as the browser's int8 index is; the float32
            # index is the plain one as built.
            ratios[f"{name} int8 index, compacted / float32 index, graph included (target 0.25)"] = ratio(
                r8["index_bytes"], r["index_bytes"])
            ratios[f"{name} int8 recall@{r8['k']} at its widest ef"] = best_recall(r8["sweep"])

    head = any_run or {}
    lines = [f"# Search: {args.name}", ""]
    if head.get("sweep"):
        lines.append(f"{head.get('n')} vectors x {head.get('dim')} ({head.get('source')}), {head.get('queries')} held-out "
                     f"queries, k = {head.get('k')}, HNSW m = {head.get('m')}, ef_construction = "
                     f"{head.get('ef_construction')}; one thread everywhere. ANN q/s are read at the narrowest ef whose "
                     f"recall@{head.get('k')} reaches {target} ('–': none of the swept ef did).")
    else:
        lines.append(f"{head.get('n')} vectors x {head.get('dim')} ({head.get('source')}), {head.get('queries')} held-out "
                     f"queries, k = {head.get('k')}; exact search only (no graph index: these vectors have no "
                     f"neighbourhood structure for one to use); one thread everywhere. Shelf's build s and index MB "
                     f"are its exact index's.")
    lines.append("")
    lines.append(f"| system | exact q/s, 1 query per call | exact q/s, all in one call | ANN q/s at recall >= {target} "
                 "| ef | recall | build s | index MB | best recall |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        lines.append("| " + " | ".join([r[0], fmt(r[1]), fmt(r[2]), fmt(r[3]), fmt(r[4]), fmt(r[5], 4), fmt(r[6], 2),
                                         fmt(r[7], 2), fmt(r[8], 4)]) + " |")
    lines.append("")
    lines.append("| ratio | value |")
    lines.append("|---|---:|")
    for name, value in ratios.items():
        lines.append(f"| {name} | {fmt(value, 2)} |")
    lines.append("")
    swept = {name: r for name, r in sweeps_of(native, native8, wasm, wasm8, py, js).items() if r and r.get("sweep")}
    if swept:
        lines.append("Sweeps (ef: q/s, recall):")
        lines.append("")
    for name, r in swept.items():
        points = ", ".join(f"{p['ef']}: {p['ann_qps']:,.0f} q/s {p['ann_recall']:.4f}" for p in r["sweep"])
        lines.append(f"- {name}: {points}")
    lines.append("")
    if args.commands:
        lines.append("Commands:")
        lines.append("")
        lines.append("```")
        with open(args.commands) as f:
            lines.extend(line.rstrip("\n") for line in f)
        lines.append("```")
        lines.append("")
    info = machine()
    lines.append(f"Machine: {info['nproc']} cores, {info['cpu']}, load average "
                 f"{', '.join(f'{x:.2f}' for x in info['load_average'])} at the end; node {info['node']}; "
                 f"commit {info['commit']}.")
    text = "\n".join(lines) + "\n"
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, f"search-{args.name}.md"), "w") as f:
        f.write(text)
    with open(os.path.join(args.out, f"search-{args.name}.json"), "w") as f:
        json.dump({"name": args.name, "target_recall": target, "ratios": ratios, "results": results,
                   "machine": info}, f, indent=1)
    sys.stdout.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("peers")
    p.add_argument("dir")
    p.add_argument("--dim", type=int, required=True)
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--ef", default="16,32,64,128")
    p.add_argument("--m", type=int, default=16)
    p.add_argument("--ef-construction", type=int, default=100)
    p.add_argument("--exact-only", action="store_true", help="faiss only: no hnswlib graph")
    r = sub.add_parser("report")
    r.add_argument("name")
    r.add_argument("out")
    r.add_argument("results", nargs="+")
    r.add_argument("--target", type=float, default=0.95)
    r.add_argument("--commands", help="file with the commands that produced the results")
    args = parser.parse_args()
    peers(args) if args.command == "peers" else report(args)


if __name__ == "__main__":
    main()
