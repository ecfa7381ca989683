"""tidings.analysis.lexicon answers as LemmInflect's own functions do, without their dicts."""

from __future__ import annotations

import gzip
import random
import string
import subprocess
import sys
from pathlib import Path

import lemminflect
import pytest
from lemminflect import config

from tidings.analysis import lexicon


def _file_words() -> list[str]:
    words: set[str] = set()
    for path in (config.lemma_lu_fn, config.inflection_lu_fn):
        for line in gzip.decompress(Path(path).read_bytes()).decode().split("\n"):
            words.add(line.partition(",")[0])
    return sorted(words)


WORDS = _file_words()


def test_words_of_both_files_as_lemminflect_answers() -> None:
    # What verbforms asks (lower case; any or VERB) for a fifth of the files' words (every
    # word of both files was checked once, in three cases and every part of speech: 212,274
    # forms, no difference; all of them here would take 20 s).
    differences = []
    words = random.Random(11).sample(WORDS, 15_000)
    for word in words:
        low = word.lower()
        if lexicon.lemmas(low) != lemminflect.getAllLemmas(low):
            differences.append(("lemmas", low))
        if lexicon.inflections(low, "VERB") != lemminflect.getAllInflections(low, "VERB"):
            differences.append(("inflections", low))
    assert len(WORDS) > 70_000
    assert differences == []


@pytest.mark.parametrize("upos", ["NOUN", "PROPN", "ADJ", "ADV", "AUX"])
def test_other_cases_and_parts_of_speech(upos: str) -> None:
    rng = random.Random(upos)
    words = rng.sample(WORDS, 1000) + ["be", "can", "Must", "WILL", "", "x", "run's", "Aachen"]
    words += ["".join(rng.choice(string.ascii_letters) for _ in range(rng.randint(1, 8))) for _ in range(200)]
    for word in words:
        for form in (word, word.capitalize(), word.upper()):
            for asked in (None, upos):
                # equal as dicts and in key order (what getAllLemmas' caller sees first)
                ours, theirs = lexicon.lemmas(form, asked), lemminflect.getAllLemmas(form, asked)
                assert (ours, list(ours)) == (theirs, list(theirs)), (form, asked)
                ours, theirs = lexicon.inflections(form, asked), lemminflect.getAllInflections(form, asked)
                assert (ours, list(ours)) == (theirs, list(theirs)), (form, asked)


def test_unknown_part_of_speech_answers_nothing() -> None:
    assert lexicon.lemmas("runs", "VERBS") == {} == lemminflect.getAllLemmas("runs", "VERBS")
    assert lexicon.inflections("run", "X") == {} == lemminflect.getAllInflections("run", "X")


def test_verbforms_leave_lemminflects_dicts_unbuilt() -> None:
    # In a fresh process: the name cues' questions are answered without LemmInflect's own
    # dictionaries (49 MB) ever being loaded.
    code = (
        "from tidings.analysis import verbforms as v\n"
        "assert v.readings('slices') == frozenset({'VERB', 'NOUN'}), v.readings('slices')\n"
        "assert v.is_inflected_verb('widens') and not v.is_inflected_verb('names')\n"
        "assert set(v.verb_lemmas('saw')) == {'saw', 'see'} and v.is_bare_base('launch')\n"
        "assert not v.is_bare_base('cut')\n"
        "from lemminflect.core.Lemmatizer import Lemmatizer\n"
        "from lemminflect.core.Inflections import Inflections\n"
        "assert not hasattr(Lemmatizer(), 'lemma_dict') and not hasattr(Inflections(), 'infl_dict')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
