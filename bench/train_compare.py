#!/usr/bin/python3
"""Trains skip-gram vectors with fastText, gensim and Shelf on one corpus and compares them.

Run through bench/train-compare.sh, which installs fastText and gensim first.
Every trainer reads the same pre-tokenized file (lowercased [a-z]+ tokens) with
the same hyper-parameters; every model is evaluated by the same code (gensim's
analogy and word-pair evaluators), and also by `shelf eval` when it is built.
Results: bench/out/train-<corpus>.md and .json (train-<corpus>-quick.* for --quick).
"""

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(BENCH_DIR)
# shelf-native-2t: the native trainer on two threads, for the scaling figure in the same run.
TRAINERS = ("fasttext", "gensim", "shelf-native", "shelf-native-2t", "shelf-wasm")
ANALOGY_RESTRICT_VOCAB = 30000


class BenchError(Exception):
    pass


class Settings:
    """The shared hyper-parameters, spelled once."""

    def __init__(self, epochs, threads):
        self.dim = 100
        self.window = 5
        self.negative = 5
        self.min_count = 5
        self.sample = 1e-4
        self.epochs = epochs
        self.lr = 0.025
        self.min_lr = 0.0001  # gensim's linear decay floor; fastText and Shelf decay to ~0
        self.threads = threads
        self.seed = 1

    def as_dict(self):
        return dict(vars(self))


# ---------------------------------------------------------------- processes

def run_measured(command, log_path, stdin=None):
    """Runs a command, returning (wall seconds, peak RSS in MB, stdout text).

    stdout is captured, stderr goes to the log; os.wait4 gives this child's own
    peak memory, unlike getrusage(RUSAGE_CHILDREN) which mixes all children.
    """
    with open(log_path, "w") as log:
        log.write("$ %s\n" % " ".join(command))
        log.flush()
        started = time.perf_counter()
        try:
            process = subprocess.Popen(command, stdin=stdin or subprocess.DEVNULL,
                                       stdout=subprocess.PIPE, stderr=log)
        except OSError as error:
            raise BenchError("cannot run %s: %s" % (command[0], error.strerror))
        stdout = process.stdout.read()
        process.stdout.close()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
    stdout_text = stdout.decode("utf-8", errors="replace")
    with open(log_path, errors="replace") as log:
        stderr_text = log.read().split("\n", 1)[1]
    with open(log_path, "a") as log:
        log.write("--- stdout ---\n%s" % stdout_text)
    if process.returncode != 0:
        raise BenchError("%s exited with status %d: %s (log: %s)"
                         % (os.path.basename(command[0]), process.returncode,
                            last_lines(stderr_text) or last_lines(stdout_text) or "no output",
                            os.path.relpath(log_path)))
    return seconds, usage.ru_maxrss / 1024.0, stdout_text


def last_lines(text, count=3):
    lines = [l.strip() for l in text.replace("\r", "\n").splitlines() if l.strip()]
    return " | ".join(lines[-count:])


def last_json_line(text, what):
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                break
    raise BenchError("%s printed no JSON line on stdout" % what)


def command_output(command):
    try:
        result = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.decode("utf-8", errors="replace").strip() if result.returncode == 0 else None


# ----------------------------------------------------------------- trainers

def train_fasttext(settings, corpus, work_dir):
    output = os.path.join(work_dir, "fasttext")
    command = ["fasttext", "skipgram", "-input", corpus, "-output", output,
               "-dim", str(settings.dim), "-ws", str(settings.window),
               "-neg", str(settings.negative), "-minCount", str(settings.min_count),
               "-t", str(settings.sample), "-epoch", str(settings.epochs),
               "-lr", str(settings.lr), "-thread", str(settings.threads),
               "-minn", "0", "-maxn", "0", "-seed", str(settings.seed)]
    log = output + ".log"
    seconds, rss, _ = run_measured(command, log)
    if os.path.exists(output + ".bin"):
        os.remove(output + ".bin")  # input+output matrices; only the .vec is evaluated
    reported = re.findall(r"words/sec/thread:\s*(\d+)", open(log, errors="replace").read())
    return {"vectors": output + ".vec", "seconds": seconds, "wall_seconds": seconds,
            "peak_rss_mb": rss, "timed": "whole run (vocabulary, training, saving)",
            "self_reported_words_per_second_per_thread": int(reported[-1]) if reported else None,
            "command": " ".join(command)}


def train_gensim(settings, corpus, work_dir):
    output = os.path.join(work_dir, "gensim.vec")
    command = [sys.executable, os.path.abspath(__file__), "gensim-worker",
               "--input", corpus, "--output", output,
               "--settings", json.dumps(settings.as_dict())]
    wall, rss, stdout = run_measured(command, os.path.join(work_dir, "gensim.log"))
    report = last_json_line(stdout, "the gensim worker")
    return {"vectors": output, "seconds": report["train_seconds"], "wall_seconds": wall,
            "vocab_seconds": report["vocab_seconds"], "peak_rss_mb": rss,
            "timed": "Word2Vec.train only", "vocab": report["vocab"],
            "command": "gensim.models.Word2Vec(%s)" % report["parameters"]}


def gensim_worker(args):
    """Child process: trains with gensim, prints one JSON line."""
    from gensim.models import Word2Vec
    from gensim.models.word2vec import LineSentence
    settings = json.loads(args.settings)
    parameters = dict(vector_size=settings["dim"], window=settings["window"],
                      negative=settings["negative"], min_count=settings["min_count"],
                      sample=settings["sample"], epochs=settings["epochs"],
                      alpha=settings["lr"], min_alpha=settings["min_lr"], sg=1, hs=0,
                      workers=settings["threads"], seed=settings["seed"])
    model = Word2Vec(**parameters)
    sentences = LineSentence(args.input)
    started = time.perf_counter()
    model.build_vocab(sentences)
    vocab_seconds = time.perf_counter() - started
    started = time.perf_counter()
    model.train(sentences, total_examples=model.corpus_count, epochs=model.epochs)
    train_seconds = time.perf_counter() - started
    model.wv.save_word2vec_format(args.output, binary=False)
    print(json.dumps({"train_seconds": train_seconds, "vocab_seconds": vocab_seconds,
                      "vocab": len(model.wv),
                      "parameters": ", ".join("%s=%s" % kv for kv in sorted(parameters.items()))}))
    return 0


def shelf_train_arguments(settings, corpus, output, threads):
    return ["train", "--input", corpus, "--output", output, "--model", "skipgram",
            "--dim", str(settings.dim), "--window", str(settings.window),
            "--negative", str(settings.negative), "--min-count", str(settings.min_count),
            "--sample", str(settings.sample), "--epochs", str(settings.epochs),
            "--lr", str(settings.lr), "--threads", str(threads),
            "--seed", str(settings.seed), "--json"]


def train_shelf(prefix, settings, corpus, work_dir, name, threads):
    output = os.path.join(work_dir, name + ".vec")
    command = prefix + shelf_train_arguments(settings, corpus, output, threads)
    wall, rss, stdout = run_measured(command, os.path.join(work_dir, name + ".log"))
    report = last_json_line(stdout, name)
    if not isinstance(report.get("seconds"), (int, float)) or report["seconds"] <= 0:
        raise BenchError("%s: JSON line has no positive `seconds`: %s" % (name, report))
    return {"vectors": output, "seconds": float(report["seconds"]), "wall_seconds": wall,
            "peak_rss_mb": rss, "timed": "training as reported by --json",
            "vocab": report.get("vocab"), "reported": report, "command": " ".join(command)}


def shelf_native():
    return os.path.join(REPO_ROOT, "build", "native", "shelf")


def shelf_wasm():
    return os.path.join(REPO_ROOT, "build", "wasm", "shelf.js")


def missing_reason(trainer):
    """Why a trainer cannot run here, or None."""
    if trainer == "fasttext" and not command_output(["sh", "-c", "command -v fasttext"]):
        return "`fasttext` not on PATH (apt-get install fasttext)"
    if trainer.startswith("shelf-native") and not os.access(shelf_native(), os.X_OK):
        return ("%s not built (cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release"
                " && cmake --build build/native)" % os.path.relpath(shelf_native(), REPO_ROOT))
    if trainer == "shelf-wasm":
        if not os.path.isfile(shelf_wasm()):
            return ("%s not built (emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release"
                    " && cmake --build build/wasm)" % os.path.relpath(shelf_wasm(), REPO_ROOT))
        if not command_output(["sh", "-c", "command -v node"]):
            return "`node` not on PATH"
    return None


def train(trainer, settings, corpus, work_dir):
    if trainer == "fasttext":
        return train_fasttext(settings, corpus, work_dir)
    if trainer == "gensim":
        return train_gensim(settings, corpus, work_dir)
    if trainer == "shelf-native":
        return train_shelf([shelf_native()], settings, corpus, work_dir, trainer, settings.threads)
    if trainer == "shelf-native-2t":
        return train_shelf([shelf_native()], settings, corpus, work_dir, trainer, 2)
    # WebAssembly has no threads here (no pthreads build): always one.
    return train_shelf(["node", shelf_wasm()], settings, corpus, work_dir, trainer, 1)


# --------------------------------------------------------------- evaluation

def corpus_frequencies(path):
    counts = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            for word in line.split():
                counts[word] = counts.get(word, 0) + 1
    return counts


def ranked_by_corpus(model, frequencies):
    """The model's vectors re-ordered by corpus frequency, ties alphabetical.

    restrict_vocab=30000 keeps the first 30,000 rows of a .vec, and trainers order
    rows differently (ties, fastText's `</s>`); ranking every model the same way
    makes the analogy test ask every model the same questions.
    """
    from gensim.models import KeyedVectors
    words = sorted((w for w in model.index_to_key if frequencies.get(w, 0) > 0),
                   key=lambda w: (-frequencies[w], w))
    ranked = KeyedVectors(model.vector_size)
    ranked.add_vectors(words, model[words])
    return ranked


def evaluate_with_gensim(vectors, questions, word_pairs, frequencies):
    import logging
    from gensim.models import KeyedVectors
    logging.getLogger("gensim").setLevel(logging.ERROR)
    loaded = KeyedVectors.load_word2vec_format(vectors, binary=False)
    model = ranked_by_corpus(loaded, frequencies)
    accuracy, sections = model.evaluate_word_analogies(
        questions, restrict_vocab=ANALOGY_RESTRICT_VOCAB, case_insensitive=True)
    total = [s for s in sections if s["section"] == "Total accuracy"][0]
    answered = len(total["correct"]) + len(total["incorrect"])
    pearson, spearman, oov_percent = model.evaluate_word_pairs(word_pairs, case_insensitive=True)
    return {"analogy_accuracy": float(accuracy), "analogy_answered": answered,
            "analogy_total": count_analogy_questions(questions),
            "spearman": float(spearman[0]), "pearson": float(pearson[0]),
            "word_pairs_oov_percent": float(oov_percent), "vocab": len(model),
            "vectors_in_file": len(loaded)}


def count_analogy_questions(path):
    with open(path, encoding="utf-8") as handle:
        return sum(1 for line in handle if line.strip() and not line.startswith(":"))


def evaluate_with_shelf(vectors, questions, word_pairs, log_path):
    command = [shelf_native(), "eval", "--vectors", vectors, "--analogies", questions,
               "--similarity", word_pairs, "--json"]
    _, _, stdout = run_measured(command, log_path)
    report = last_json_line(stdout, "shelf eval")
    for key in ("analogy_accuracy", "spearman"):
        if not isinstance(report.get(key), (int, float)):
            raise BenchError("shelf eval: JSON line has no numeric `%s`: %s" % (key, report))
    return report


# ------------------------------------------------------------------ report

def machine_info():
    info = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "nproc": len(os.sched_getaffinity(0)), "cpu": None, "memory_gb": None,
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "kernel": platform.release(), "python": platform.python_version()}
    try:
        with open("/proc/cpuinfo") as handle:
            models = re.findall(r"^model name\s*:\s*(.+)$", handle.read(), re.M)
        info["cpu"] = models[0].strip() if models else None
        with open("/proc/meminfo") as handle:
            kb = int(re.search(r"^MemTotal:\s*(\d+)", handle.read(), re.M).group(1))
        info["memory_gb"] = round(kb / 1024 / 1024, 1)
    except (OSError, AttributeError):
        pass
    try:
        with open("/etc/debian_version") as handle:
            info["debian"] = handle.read().strip()
    except OSError:
        pass
    versions = {}
    for package in ("fasttext", "python3-gensim", "python3-numpy", "python3-scipy", "nodejs"):
        versions[package] = command_output(["dpkg-query", "-W", "-f=${Version}", package])
    versions["node"] = command_output(["node", "--version"])
    commit = command_output(["git", "-C", REPO_ROOT, "rev-parse", "--short", "HEAD"])
    if commit and command_output(["git", "-C", REPO_ROOT, "status", "--porcelain"]):
        commit += "-dirty"
    versions["shelf_commit"] = commit
    info["versions"] = versions
    return info


def ratio(value, reference):
    return value / reference if value and reference else None


def format_number(value, pattern):
    return "n/a" if value is None else pattern.format(value)


def markdown_report(corpus_name, corpus, tokens, settings, machine, results, notes):
    shelf_eval = any("shelf_eval" in r for r in results)
    header = ["trainer", "threads", "seconds", "raw words/s", "vs gensim", "vs fastText",
              "analogy acc.", "WS-353 Spearman"]
    if shelf_eval:
        header += ["analogy (shelf eval)", "Spearman (shelf eval)"]
    header += ["vocab", "peak RSS MB"]
    lines = ["# Training benchmark: `%s` corpus%s" % (corpus_name, " (quick)" if settings.epochs == 1 else ""),
             "",
             "Corpus `%s`: %s tokens (lowercased `[a-z]+`), %d epoch(s) → %s words trained per model."
             % (os.path.relpath(corpus, REPO_ROOT), "{:,}".format(tokens), settings.epochs,
                "{:,}".format(tokens * settings.epochs)),
             "Skip-gram, negative sampling: dim %d, window %d, negative %d, min count %d, sample %g,"
             " lr %g, seed %d." % (settings.dim, settings.window, settings.negative,
                                   settings.min_count, settings.sample, settings.lr, settings.seed),
             "",
             "| " + " | ".join(header) + " |",
             "|" + "---|" * len(header)]
    for r in results:
        evaluation = r.get("eval", {})
        row = [r["trainer"], str(r["threads"]), format_number(r.get("seconds"), "{:.1f}"),
               format_number(r.get("words_per_second"), "{:,.0f}"),
               format_number(r.get("vs_gensim"), "{:.2f}"), format_number(r.get("vs_fasttext"), "{:.2f}"),
               format_number(evaluation.get("analogy_accuracy"), "{:.3f}"),
               format_number(evaluation.get("spearman"), "{:.3f}")]
        if shelf_eval:
            own = r.get("shelf_eval", {})
            row += [format_number(own.get("analogy_accuracy"), "{:.3f}"),
                    format_number(own.get("spearman"), "{:.3f}")]
        row += [format_number(evaluation.get("vectors_in_file", r.get("vocab")), "{:,}"),
                format_number(r.get("peak_rss_mb"), "{:.0f}")]
        lines.append("| " + " | ".join(row) + " |")
    answered = [r["eval"] for r in results if "eval" in r]
    lines += ["",
              "- seconds: fastText = wall clock of the whole run (reading the corpus, training, saving);"
              " gensim = `Word2Vec.train` only; Shelf = the training time its `--json` line reports."
              " raw words/s = corpus tokens × epochs / seconds (before subsampling).",
              "- Evaluation (same code for every model): gensim `evaluate_word_analogies(questions-words.txt,"
              " restrict_vocab=%d, case_insensitive=True)` and `evaluate_word_pairs(wordsim353.tsv)`,"
              " after ranking each model's words by corpus frequency (ties alphabetical; words absent"
              " from the corpus such as fastText's `</s>` dropped) so that the 30k restriction picks"
              " the same words for every model." % ANALOGY_RESTRICT_VOCAB]
    if answered:
        lines.append("- Analogy questions answered (others skipped as out of vocabulary): "
                     + ", ".join("%s %d/%d" % (r["trainer"], r["eval"]["analogy_answered"],
                                               r["eval"]["analogy_total"])
                                 for r in results if "eval" in r) + ".")
    for r in results:
        if r.get("self_reported_words_per_second_per_thread"):
            lines.append("- fastText's own progress line reports %s words/s/thread (training loop only)."
                         % "{:,}".format(r["self_reported_words_per_second_per_thread"]))
        if r.get("vocab_seconds") is not None:
            lines.append("- gensim spent a further %.1f s building its vocabulary (not counted)."
                         % r["vocab_seconds"])
    for note in notes:
        lines.append("- " + note)
    # Our own trainers add about `threads` to the load average measured at the end.
    start_load = machine["load_average_at_start"][0]
    end_load = machine.get("load_average_at_end", [0])[0]
    if start_load > 1.0 or end_load > settings.threads + 1.0:
        lines.append("- **Warning**: the machine was busy (1-minute load average %.1f at start, %.1f at end,"
                     " on %d CPUs): speeds are understated and their ratios noisy."
                     % (start_load, end_load, machine["nproc"]))
    versions = machine["versions"]
    lines += ["",
              "Machine: %s, %d CPU(s) available, %s GB RAM, load average at start %s, at end %s;"
              " Linux %s, Debian %s."
              % (machine.get("cpu"), machine["nproc"], machine.get("memory_gb"),
                 " ".join(str(x) for x in machine["load_average_at_start"]),
                 " ".join(str(x) for x in machine.get("load_average_at_end", [])),
                 machine["kernel"], machine.get("debian")),
              "Versions: fastText %s, gensim %s (numpy %s, scipy %s), Python %s, Node %s, Shelf %s. %s."
              % (versions["fasttext"], versions["python3-gensim"], versions["python3-numpy"],
                 versions["python3-scipy"], machine["python"], versions["node"],
                 versions["shelf_commit"], machine["date"]),
              ""]
    return "\n".join(lines)


def count_tokens(path):
    count = 0
    with open(path, "rb") as handle:
        for line in handle:
            count += len(line.split())
    return count


def ensure_corpus(name):
    script = os.path.join(REPO_ROOT, "scripts", "make-corpus.sh")
    result = subprocess.run([script, name], stdin=subprocess.DEVNULL, check=False)
    if result.returncode != 0:
        raise BenchError("%s %s failed" % (script, name))
    return os.path.join(REPO_ROOT, "build", "corpus", name + ".tokens.txt")


def compare(args):
    settings = Settings(epochs=1 if args.quick else args.epochs, threads=args.threads)
    eval_dir = os.path.abspath(args.eval_dir)
    questions = os.path.join(eval_dir, "questions-words.txt")
    word_pairs = os.path.join(eval_dir, "wordsim353.tsv")
    for path in (questions, word_pairs):
        if not os.path.isfile(path):
            raise BenchError("evaluation set %s not found (pass --eval-dir)" % path)
    corpus = ensure_corpus(args.corpus)
    tokens = count_tokens(corpus)
    suffix = "-quick" if args.quick else ""
    out_dir = os.path.join(BENCH_DIR, "out")
    work_dir = os.path.join(out_dir, "train-%s%s" % (args.corpus, suffix))
    os.makedirs(work_dir, exist_ok=True)
    machine = machine_info()
    print("corpus %s: %s tokens; %d epoch(s), %d thread(s); models and logs in %s"
          % (corpus, "{:,}".format(tokens), settings.epochs, settings.threads,
             os.path.relpath(work_dir)), flush=True)

    results, notes, failed = [], [], False
    for trainer in args.trainers:
        reason = missing_reason(trainer)
        if reason:
            notes.append("%s skipped: %s." % (trainer, reason))
            print("%-12s skipped: %s" % (trainer, reason), flush=True)
            continue
        threads = {"shelf-wasm": 1, "shelf-native-2t": 2}.get(trainer, settings.threads)
        print("%-12s training..." % trainer, end=" ", flush=True)
        try:
            result = train(trainer, settings, corpus, work_dir)
        except BenchError as error:
            failed = True
            notes.append("%s FAILED: %s" % (trainer, error))
            print("FAILED: %s" % error, flush=True)
            continue
        result.update(trainer=trainer, threads=threads,
                      words_per_second=tokens * settings.epochs / result["seconds"])
        print("%.1f s, %s words/s" % (result["seconds"], "{:,.0f}".format(result["words_per_second"])),
              flush=True)
        counted = result.get("reported", {}).get("tokens")
        if isinstance(counted, int) and counted not in (tokens, tokens * settings.epochs):
            notes.append("%s counted %s tokens; the corpus has %s (tokenizer mismatch?)."
                         % (trainer, "{:,}".format(counted), "{:,}".format(tokens)))
        results.append(result)

    # Thread scaling from single runs is at the mercy of a shared machine (one run of each here
    # has given anything from 1.4x to 2.5x): two more runs of each, alternating, and the best of
    # each. The table above keeps the first runs.
    scaling_runs = {}
    names = [r["trainer"] for r in results]
    if "shelf-native" in names and "shelf-native-2t" in names and settings.threads == 1:
        for result in results:
            if result["trainer"] in ("shelf-native", "shelf-native-2t"):
                scaling_runs.setdefault(result["trainer"], []).append(result["seconds"])
        os.makedirs(os.path.join(work_dir, "scaling"), exist_ok=True)
        for round_ in range(2):
            for trainer in ("shelf-native", "shelf-native-2t"):
                print("%-12s scaling run %d..." % (trainer, round_ + 2), end=" ", flush=True)
                try:
                    extra = train(trainer, settings, corpus, os.path.join(work_dir, "scaling"))
                except BenchError as error:
                    print("FAILED: %s" % error, flush=True)
                    continue
                scaling_runs[trainer].append(extra["seconds"])
                print("%.1f s" % extra["seconds"], flush=True)

    frequencies = corpus_frequencies(corpus) if results else {}
    for result in results:
        print("%-12s evaluating..." % result["trainer"], end=" ", flush=True)
        try:
            result["eval"] = evaluate_with_gensim(result["vectors"], questions, word_pairs, frequencies)
            message = "analogy %.3f, Spearman %.3f" % (result["eval"]["analogy_accuracy"],
                                                        result["eval"]["spearman"])
        except Exception as error:  # a malformed .vec must not lose the other results
            failed = True
            notes.append("%s: gensim evaluation FAILED: %s" % (result["trainer"], error))
            message = "gensim evaluation FAILED: %s" % error
        if missing_reason("shelf-native") is None:
            try:
                result["shelf_eval"] = evaluate_with_shelf(
                    result["vectors"], questions, word_pairs,
                    os.path.join(work_dir, result["trainer"] + ".shelf-eval.log"))
                message += "; shelf eval: analogy %.3f, Spearman %.3f" % (
                    result["shelf_eval"]["analogy_accuracy"], result["shelf_eval"]["spearman"])
            except BenchError as error:
                failed = True
                notes.append("%s: shelf eval FAILED: %s" % (result["trainer"], error))
                message += "; shelf eval FAILED: %s" % error
        print(message, flush=True)

    by_name = {r["trainer"]: r for r in results}
    for result in results:
        for peer, key in (("gensim", "vs_gensim"), ("fasttext", "vs_fasttext")):
            reference = by_name.get(peer)
            result[key] = ratio(result["words_per_second"],
                                reference["words_per_second"] if reference else None)

    if scaling_runs.get("shelf-native") and scaling_runs.get("shelf-native-2t"):
        best_one, best_two = min(scaling_runs["shelf-native"]), min(scaling_runs["shelf-native-2t"])
        machine["thread_scaling"] = {"seconds": scaling_runs, "best_ratio": best_one / best_two}
        notes.append("Thread scaling, best of %d alternating runs of each: 1 thread %s s, 2 threads %s s:"
                     " **%.2f×** (2.00 would be linear)."
                     % (len(scaling_runs["shelf-native"]),
                        ", ".join("%.1f" % x for x in scaling_runs["shelf-native"]),
                        ", ".join("%.1f" % x for x in scaling_runs["shelf-native-2t"]), best_one / best_two))
    one, two = by_name.get("shelf-native"), by_name.get("shelf-native-2t")
    if one and two and one["threads"] == 1:
        scaling = ratio(two["words_per_second"], one["words_per_second"])
        if scaling is not None:
            notes.append("Thread scaling in the table's runs: shelf-native on 2 threads trains %.2f× as many words/s as on 1"
                         " (2.00 would be linear; the 2 threads share this machine's 2 CPUs with"
                         " nothing else only if the load average says so)." % scaling)
        cpu_one, cpu_two = one["reported"].get("cpu_seconds"), two["reported"].get("cpu_seconds")
        if cpu_one and cpu_two:
            # Processor time counts stalls on memory shared between the threads, but not the
            # time a thread waited for a core another job held.
            notes.append("Processor time: %.1f s on 1 thread, %.1f s on 2 (both threads together),"
                         " so 2 threads need %.2f× the processor time of 1 for the same words"
                         " (1.00: sharing the weights costs nothing; then only cores held by other"
                         " jobs keep the wall-clock scaling under 2)." % (cpu_one, cpu_two, cpu_two / cpu_one))
    machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report = markdown_report(args.corpus, corpus, tokens, settings, machine, results, notes)
    base = os.path.join(out_dir, "train-%s%s" % (args.corpus, suffix))
    with open(base + ".md", "w") as handle:
        handle.write(report)
    with open(base + ".json", "w") as handle:
        json.dump({"corpus": {"name": args.corpus, "path": os.path.relpath(corpus, REPO_ROOT),
                              "tokens": tokens},
                   "settings": settings.as_dict(), "machine": machine,
                   "results": results, "notes": notes}, handle, indent=2, sort_keys=True)
        handle.write("\n")
    print()
    print(report)
    print("written: %s.md, %s.json" % (os.path.relpath(base), os.path.relpath(base)))
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command")
    worker = sub.add_parser("gensim-worker", help=argparse.SUPPRESS)
    worker.add_argument("--input", required=True)
    worker.add_argument("--output", required=True)
    worker.add_argument("--settings", required=True)
    if len(sys.argv) > 1 and sys.argv[1] == "gensim-worker":
        return gensim_worker(parser.parse_args())

    parser = argparse.ArgumentParser(
        prog="bench/train-compare.sh", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=("default", "large"), default="large",
                        help="corpus built by scripts/make-corpus.sh (default: large)")
    parser.add_argument("--quick", action="store_true", help="1 epoch: a smoke run")
    parser.add_argument("--epochs", type=int, default=5, help="epochs (default 5)")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads for fastText, gensim and native Shelf (default 1)")
    parser.add_argument("--trainers", default=",".join(TRAINERS),
                        help="comma-separated subset of %s" % ",".join(TRAINERS))
    parser.add_argument("--eval-dir", default=os.path.join(REPO_ROOT, "..", "shared", "data", "eval"),
                        help="folder with questions-words.txt and wordsim353.tsv"
                             " (default: ../shared/data/eval from the repo root)")
    args = parser.parse_args()
    args.trainers = [t for t in args.trainers.split(",") if t]
    unknown = [t for t in args.trainers if t not in TRAINERS]
    if unknown or not args.trainers:
        parser.error("--trainers: unknown %s (choose from %s)" % (",".join(unknown), ",".join(TRAINERS)))
    if args.epochs < 1 or args.threads < 1:
        parser.error("--epochs and --threads must be at least 1")
    try:
        return compare(args)
    except BenchError as error:
        print("train-compare: error: %s" % error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
