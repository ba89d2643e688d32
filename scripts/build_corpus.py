#!/usr/bin/python3
"""Builds Shelf's text corpora from installed Debian packages.

Standard library only. Reads:
  - the King James Bible through the `bible` command (package bible-kjv),
  - WordNet 3.0 synset words and glosses from /usr/share/wordnet/data.* (package wordnet-base),
  - the GCIDE dictionary from /usr/share/dictd/gcide.dict.dz (package dict-gcide),
and writes, for each requested corpus NAME, into the output folder:
  NAME.txt          plain text, one verse / gloss / dictionary paragraph a line
  NAME.tokens.txt   the same lines lowercased and reduced to [a-z]+ tokens
  NAME.LICENSE.txt  the sources and their licences
  NAME.live.txt     (default only) the first lines of NAME.txt, about 1.5M words, for live training

The output is a pure function of the installed package contents, so repeated
runs write identical bytes.
"""

import argparse
import gzip
import hashlib
import os
import re
import subprocess
import sys
import unicodedata

WORDNET_DIR = "/usr/share/wordnet"
WORDNET_FILES = ("data.noun", "data.verb", "data.adj", "data.adv")
GCIDE_DICT = "/usr/share/dictd/gcide.dict.dz"
GCIDE_INDEX = "/usr/share/dictd/gcide.index"
BIBLE_DATA_DIR = "/usr/lib"
KJV_VERSE_COUNT = 31102

CORPORA = {
    # The corpus bundled with Shelf: the three sources' lines in one deterministic shuffle, so
    # any prefix (the part the page trains on live) is a fair sample of the whole.
    "default": ("kjv", "wordnet-entries", "gcide"),
    # Shelf's bundled corpus until issue 12, kept for comparison (bench/claims.sh). Naming each
    # synset's words before its gloss ties "dog" to "canis"; on this corpus it lifted gensim's
    # WS-353 Spearman from 0.38 to 0.42 for 13% more words.
    "kjv-wordnet": ("kjv", "wordnet-entries"),
    # Glosses only, as in the corpus the reference figures of ../shared/data/eval were measured on.
    "large": ("kjv", "wordnet", "gcide"),
}
# Corpora whose lines are shuffled (see shuffled()); the others keep their sources' order.
SHUFFLED = {"default"}
SHUFFLE_SEED = "shelf-1"
# Corpora that also get NAME.live.txt, their first lines up to this many words: the part the
# page downloads for live training (~9 MB), while the snapshot is trained on all of NAME.txt.
LIVE_PREFIX_WORDS = {"default": 1_500_000}


class CorpusError(Exception):
    pass


# ---------------------------------------------------------------- text helpers

_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z]+")
# Characters that NFKD does not reduce to ASCII but that carry meaning; in GCIDE's
# cp1252 text a stray superscript one stands for an apostrophe ("haven\u00b9t").
_ASCII_SUBSTITUTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u2013": "-", "\u2014": "--", "\u00b9": "'", "\u00a0": " ",
})


def to_ascii(text):
    """Folds accents and typographic quotes so every source ends up plain ASCII."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_ASCII_SUBSTITUTES))
    return text.encode("ascii", "ignore").decode("ascii")


def squash(text):
    return _SPACES.sub(" ", text).strip()


def tokens_line(line):
    return " ".join(_TOKEN.findall(line.lower()))


# ------------------------------------------------------------------------ KJV

_VERSE_REFERENCE = re.compile(r"^[1-3]?[A-Za-z]+\d+:\d+ ")


def kjv_lines():
    """All 31,102 verses, reference prefix removed, in canonical book order."""
    command = ["bible", "-p", BIBLE_DATA_DIR, "-f", "gen1:1-rev22:21"]
    try:
        result = subprocess.run(command, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                check=False)
    except FileNotFoundError:
        raise CorpusError("the `bible` command is missing: apt-get install bible-kjv")
    if result.returncode != 0:
        raise CorpusError("`%s` failed (%d): %s" % (" ".join(command), result.returncode,
                                                   result.stderr.decode("latin-1").strip()))
    verses = []
    for number, raw in enumerate(result.stdout.decode("latin-1").splitlines(), 1):
        if not raw.strip():
            continue
        if not _VERSE_REFERENCE.match(raw):
            raise CorpusError("bible output line %d has no verse reference: %r" % (number, raw[:60]))
        verses.append(squash(to_ascii(_VERSE_REFERENCE.sub("", raw, count=1))))
    if len(verses) != KJV_VERSE_COUNT:
        raise CorpusError("expected %d KJV verses from `bible`, got %d"
                          % (KJV_VERSE_COUNT, len(verses)))
    return verses


# -------------------------------------------------------------------- WordNet

_ADJECTIVE_POSITION = re.compile(r"\((a|p|ip)\)$")


def wordnet_lines(with_words=False):
    """One line per synset: its gloss (definition and quoted examples).

    with_words prefixes the synset's words: "dog, domestic dog, Canis familiaris: a member of ...".
    """
    lines = []
    for name in WORDNET_FILES:
        path = os.path.join(WORDNET_DIR, name)
        try:
            handle = open(path, encoding="latin-1")
        except OSError as error:
            raise CorpusError("cannot read %s (%s): apt-get install wordnet-base"
                              % (path, error.strerror))
        with handle:
            for number, raw in enumerate(handle, 1):
                if raw.startswith("  "):  # licence header lines
                    continue
                bar = raw.find(" | ")
                if bar < 0:
                    raise CorpusError("%s:%d: synset line without a gloss" % (path, number))
                gloss = squash(to_ascii(raw[bar + 3:]))
                if gloss and with_words:
                    gloss = "%s: %s" % (", ".join(_synset_words(raw, path, number)), gloss)
                if gloss:
                    lines.append(gloss)
    return lines


def _synset_words(line, path, number):
    """The words of a data.* line: "offset lex_filenum ss_type w_cnt (word lex_id)+ ..."."""
    fields = line.split(" ")
    try:
        count = int(fields[3], 16)
    except (IndexError, ValueError):
        raise CorpusError("%s:%d: bad word count field" % (path, number))
    words = fields[4:4 + 2 * count:2]
    if len(words) != count:
        raise CorpusError("%s:%d: line ends before its %d words" % (path, number, count))
    return [_ADJECTIVE_POSITION.sub("", word).replace("_", " ") for word in words]


# ---------------------------------------------------------------------- GCIDE

_B64_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64_VALUE = {c: i for i, c in enumerate(_B64_DIGITS)}


def _dictd_number(text, where):
    value = 0
    for c in text:
        if c not in _B64_VALUE:
            raise CorpusError("%s: bad dictd base64 number %r" % (where, text))
        value = value * 64 + _B64_VALUE[c]
    return value


def gcide_entries():
    """Entry byte ranges from the dictd index, in file order, minus the database notes."""
    ranges = set()
    try:
        handle = open(GCIDE_INDEX, encoding="latin-1")
    except OSError as error:
        raise CorpusError("cannot read %s (%s): apt-get install dict-gcide"
                          % (GCIDE_INDEX, error.strerror))
    with handle:
        for number, raw in enumerate(handle, 1):
            fields = raw.rstrip("\n").split("\t")
            if len(fields) != 3:
                raise CorpusError("%s:%d: expected 3 tab-separated fields" % (GCIDE_INDEX, number))
            if fields[0].startswith("00-"):  # database notes and their aliases
                continue
            where = "%s:%d" % (GCIDE_INDEX, number)
            ranges.add((_dictd_number(fields[1], where), _dictd_number(fields[2], where)))
    return sorted(ranges)


# A whole line naming where a sense came from ("[1913 Webster]", "[WordNet 1.5 +PJC]").
_SOURCE_TAG = re.compile(r"^\[[^\]]*(Webster|WordNet|PJC|RDH|Century|MW10|\bAS\b)[^\]]*\]\.?$")
# Pronunciation key "\Ab"a*ca\" and the phonetic respelling that may follow it.
_PRONUNCIATION = re.compile(r"\s*\\[^\\]{0,80}\\(\s*\([^()]{0,160}\))?")
_RESPELLING_MARKS = re.compile(r"[\[\"*`'#]")
# Etymologies, inflections and usage labels: "[L. libatio, fr. libare ...]", "[Obs.]".
# Mostly Latin, Greek and Old English forms, noise for an English word model.
_BRACKETED = re.compile(r"\[[^\[\]]*\]")
# Accented letters: "[=a]", "['e]", "[i^]", "[.a]", "[oo^]".
_ACCENTED = re.compile(r"\[([='`\"~^.\-,*]?)([A-Za-z]{1,2})(\^?)\]")
_LIGATURES = {"ae", "oe", "AE", "OE", "th", "ng"}
_NAMED_MARKUP = {
    "imac": "i", "aum": "a", "add": "a", "asl": "a", "udd": "u",
    "eth": "th", "thorn": "th", "yogh": "y",
    "alpha": "alpha", "beta": "beta", "gamma": "gamma", "delta": "delta",
    "epsilon": "epsilon", "eta": "eta", "theta": "theta", "iota": "iota",
    "kappa": "kappa", "lambda": "lambda", "mu": "mu", "nu": "nu", "xi": "xi",
    "omicron": "omicron", "pi": "pi", "rho": "rho", "sigma": "sigma",
    "tau": "tau", "upsilon": "upsilon", "phi": "phi", "chi": "chi",
    "root": " ", "deg": " degrees", "sect": " ", "dsdot": " ", "bprime": " ",
    "pounds": " pounds ", "sec": " ", "min": " ", "times": " x ", "rarr": " ",
    "para": " ", "nbsp": " ", "middot": " ", "divby": " ", "div": " ",
    "dag": " ", "dagger": " ", "hand": " ", "bar": " ", "flat": " flat",
    "sharp": " sharp", "ldqo": '"', "rdqo": '"', "rsquo": "'", "break": " ",
}
_NAMED = re.compile(r"\[(%s)\]" % "|".join(sorted(_NAMED_MARKUP, key=len, reverse=True)))


def _accented(match):
    before, letters, after = match.groups()
    if before or after or letters in _LIGATURES:
        return letters
    return match.group(0)  # an ordinary bracketed word such as "[a]"


def _drop_pronunciation(match):
    respelling = match.group(1)
    if respelling and not _RESPELLING_MARKS.search(respelling):
        return respelling  # a real parenthetical, not a respelling
    return ""


def gcide_paragraph(lines):
    text = " ".join(line.strip() for line in lines)
    text = _PRONUNCIATION.sub(_drop_pronunciation, text)
    text = _NAMED.sub(lambda m: _NAMED_MARKUP[m.group(1)], text)
    text = _ACCENTED.sub(_accented, text)
    text = _BRACKETED.sub(" ", text)
    text = text.replace("{", "").replace("}", "")
    return squash(to_ascii(text))


def gcide_lines():
    """One line per dictionary paragraph (a sense, a note, a usage example)."""
    entries = gcide_entries()
    try:
        with gzip.open(GCIDE_DICT, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise CorpusError("cannot read %s (%s): apt-get install dict-gcide"
                          % (GCIDE_DICT, error))
    lines = []
    for offset, length in entries:
        if offset + length > len(data):
            raise CorpusError("%s: index entry at %d+%d is beyond the end of %s"
                              % (GCIDE_INDEX, offset, length, GCIDE_DICT))
        text = data[offset:offset + length].decode("cp1252", errors="replace")
        block = []
        for raw in text.splitlines() + [""]:
            stripped = raw.strip()
            # A headword line starts at column 0 and may follow text without a blank line.
            starts_entry = bool(stripped) and not raw[0].isspace()
            ends_block = not stripped or starts_entry or bool(_SOURCE_TAG.match(stripped))
            if ends_block and block:
                paragraph = gcide_paragraph(block)
                if any(c.isalpha() for c in paragraph):
                    lines.append(paragraph)
                block = []
            if stripped and (starts_entry or not ends_block):
                block.append(stripped)
    return lines


# ---------------------------------------------------------------------- output

SOURCES = {"kjv": kjv_lines, "wordnet": wordnet_lines,
           "wordnet-entries": lambda: wordnet_lines(with_words=True), "gcide": gcide_lines}


def read_text(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def licence_text(name, sources):
    parts = ["Shelf corpus `%s` (%s.txt, %s.tokens.txt)" % (name, name, name),
             "Built by scripts/make-corpus.sh from Debian packages; sources in this order:", ""]
    number = 0
    if "kjv" in sources:
        number += 1
        parts += [
            "%d. The King James Version of the Bible (1611), all 31,102 verses, from the"
            " Debian package bible-kjv-text (read with the `bible` command of bible-kjv)." % number,
            "   Licence: public domain in most countries; the Debian copyright file states:",
            "",
            "   > The copyright for the King James Version text of the Bible is expired since",
            "   > the translation was done in 1611 under King James the first of Great Britain.",
            "",
            "   (In the United Kingdom, rights in the KJV are vested in the Crown by letters patent.)",
            "",
        ]
    if "wordnet" in sources or "wordnet-entries" in sources:
        number += 1
        copyright_file = "/usr/share/doc/wordnet-base/copyright"
        licence = _wordnet_licence(copyright_file)
        parts += [
            "%d. WordNet 3.0 %s (definitions and examples) of every synset, from the"
            " Debian package wordnet-base (/usr/share/wordnet/data.*)."
            % (number, "words and glosses" if "wordnet-entries" in sources else "glosses"),
            "   Licence (WordNet 3.0 license, quoted from %s):" % copyright_file,
            "",
        ] + ["   " + line if line else "" for line in licence] + [""]
    if "gcide" in sources:
        number += 1
        parts += [
            "%d. GCIDE, the GNU Collaborative International Dictionary of English 0.48"
            " (derived from Webster's Revised Unabridged Dictionary, 1913), from the"
            " Debian package dict-gcide (/usr/share/dictd/gcide.dict.dz)." % number,
            "   Licence: GNU General Public License, version 2 or (at your option) any later"
            " version (/usr/share/doc/dict-gcide/copyright), whose text ends this file.",
            "",
            "This corpus is therefore distributed under the GNU GPL, version 2 or later, as a"
            " whole. Word vectors trained on it (such as Shelf's bundled snapshot, default.bin)"
            " are distributed under the same terms; the corpus text itself is their source,"
            " and scripts/make-corpus.sh with scripts/build-site.sh rebuild both.",
            "",
        ]
    if name in SHUFFLED:
        parts += ["The lines of all sources are mixed in one fixed pseudo-random order (seed %r),"
                  " so that any prefix of the file is a fair sample of the whole." % SHUFFLE_SEED, ""]
    if name in LIVE_PREFIX_WORDS:
        parts += ["%s.live.txt (the site's data/default.txt, which the page trains on live) holds the"
                  " first lines of %s.txt, up to %d words; the same notices apply to it."
                  % (name, name, LIVE_PREFIX_WORDS[name]), ""]
    if "gcide" in sources:
        parts += ["-" * 78, "GNU GENERAL PUBLIC LICENSE, version 2 (/usr/share/common-licenses/GPL-2):", ""]
        parts += _common_licence("GPL-2").rstrip("\n").split("\n")
    return "\n".join(parts)


def _common_licence(name):
    path = os.path.join("/usr/share/common-licenses", name)
    try:
        return read_text(path)
    except OSError as error:
        raise CorpusError("cannot read %s (%s): apt-get install base-files" % (path, error.strerror))


def _wordnet_licence(path):
    """The `License: WordNet3.0` paragraph of the machine-readable copyright file."""
    try:
        text = read_text(path)
    except OSError as error:
        raise CorpusError("cannot read %s (%s)" % (path, error.strerror))
    lines, inside = [], False
    for raw in text.splitlines():
        if raw.startswith("License: WordNet3.0"):
            inside = True
            continue
        if inside:
            if not raw.startswith(" "):
                break
            body = raw[1:]
            lines.append("" if body == "." else body)
    if not lines:
        raise CorpusError("%s: no `License: WordNet3.0` paragraph" % path)
    return lines


def shuffled(lines, seed=SHUFFLE_SEED):
    """The lines in a fixed pseudo-random order: sorted by a SHA-256 of the seed and the line's
    position, so the order depends on nothing but the input (not on Python's random module)."""
    def key(item):
        return hashlib.sha256(("%s:%d" % (seed, item[0])).encode("ascii")).digest()
    return [line for _, line in sorted(enumerate(lines), key=key)]


def prefix(lines, words):
    """The first lines holding at most `words` whitespace-separated words in all."""
    count = 0
    for number, line in enumerate(lines):
        count += len(line.split())
        if count > words:
            return lines[:number]
    return lines


def write_atomically(path, lines):
    temporary = path + ".partial"
    with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line)
            handle.write("\n")
    os.replace(temporary, path)


def build(name, out_dir, cache):
    sources = CORPORA[name]
    text_lines = []
    for source in sources:
        if source not in cache:
            cache[source] = SOURCES[source]()
        text_lines.extend(cache[source])
    if name in SHUFFLED:
        text_lines = shuffled(text_lines)
    token_lines = [t for t in (tokens_line(line) for line in text_lines) if t]
    base = os.path.join(out_dir, name)
    write_atomically(base + ".LICENSE.txt", licence_text(name, sources).rstrip("\n").split("\n"))
    write_atomically(base + ".tokens.txt", token_lines)
    if name in LIVE_PREFIX_WORDS:
        write_atomically(base + ".live.txt", prefix(text_lines, LIVE_PREFIX_WORDS[name]))
    write_atomically(base + ".txt", text_lines)  # last: its presence marks a complete build
    words = sum(len(line.split()) for line in text_lines)
    tokens = sum(len(line.split()) for line in token_lines)
    per_source = ", ".join("%s %d lines" % (s, len(cache[s])) for s in sources)
    print("%s: %d lines, %d words (%s); tokens: %d lines, %d [a-z]+ tokens"
          % (base + ".txt", len(text_lines), words, per_source, len(token_lines), tokens))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("corpora", nargs="+", choices=sorted(CORPORA))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    cache = {}
    try:
        for name in args.corpora:
            build(name, args.out, cache)
    except CorpusError as error:
        print("build_corpus.py: error: %s" % error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
