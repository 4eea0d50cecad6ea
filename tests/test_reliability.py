"""Issue 13: nothing silently wrong, nothing that hangs, no traceback.

Each section of the issue has its tests here; the inputs vary (hypothesis) wherever a
class of inputs, not one example, is what the promise is about.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cisai
from cisai import DataError, PartialDate, QueryError
from conftest import _load_script

USER = Path(__file__).resolve().parent / "data" / "user"

INSTRUMENT = """\
sources:
  s1:
    url: https://example.org/a-page
instruments:
  - id: my-law
    kind: law
    titles:
      - {{text: {title}, lang: en}}
    number: {number}
    jurisdiction: KZ
    status: active
    summary: {summary}
    date: {date}
    events:
      - {{kind: adopted, date: {date}, sources: [s1]}}
    attestation: secondary_report
    confidence: low
    sources: [s1]
    added_in: "2026.11.0"
"""


def instrument_file(tmp_path: Path, **fields: str) -> Path:
    values = {"title": "My law", "number": "'12'", "summary": "A law.", "date": '"2025-04"'}
    values.update(fields)
    path = tmp_path / "mine.yaml"
    path.write_text(INSTRUMENT.format(**values), encoding="utf-8")
    return path


fast = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# -- 2. dates: one rule everywhere ------------------------------------------------------------

days = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]
MONTHS += ["September", "October", "November", "December"]


def guessed_forms(d: dt.date) -> list[str]:
    """Writings of a date that some parser would guess at, and that cisai must refuse."""
    y, m, day = d.year, d.month, d.day
    return [
        f"{y}{m:02d}{day:02d}",
        f"{y}/{m:02d}/{day:02d}",
        f"{y}.{m:02d}.{day:02d}",
        f"{day:02d}/{m:02d}/{y}",
        f"{m:02d}/{day:02d}/{y}",
        f"{day:02d}.{m:02d}.{y}",
        f"-{y}",
        f"{y % 100:02d}",
        f"{y}-{m}-{day}" if m < 10 or day < 10 else f"{y}-{m:02d}-{day:02d}T00:00",
        f"{y:05d}",
        f"{y} {MONTHS[m - 1]} {day}",
        f"{day} {MONTHS[m - 1]}",
    ]


@given(days)
def test_reduced_iso_and_month_names_are_read_exactly(d: dt.date) -> None:
    name = MONTHS[d.month - 1]
    assert PartialDate.parse(d.isoformat()) == PartialDate(d.year, d.month, d.day)
    assert PartialDate.parse(d.isoformat()[:7]) == PartialDate(d.year, d.month)
    assert PartialDate.parse(d.isoformat()[:4]) == PartialDate(d.year)
    assert PartialDate.parse(f"{name} {d.year}") == PartialDate(d.year, d.month)
    assert PartialDate.parse(f"{d.day} {name} {d.year}") == PartialDate(d.year, d.month, d.day)
    assert PartialDate.parse(f"{name} {d.day}, {d.year}") == PartialDate(d.year, d.month, d.day)
    assert PartialDate.parse(d) == PartialDate(d.year, d.month, d.day)


@given(days, st.data())
def test_other_writings_are_refused_not_guessed(d: dt.date, data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(guessed_forms(d)))
    with pytest.raises(QueryError) as info:
        PartialDate.parse(text)
    assert repr(text) in str(info.value)
    assert "'2025-07'" in str(info.value)  # and it says what is accepted


@given(st.text(max_size=30))
def test_any_text_is_a_date_in_an_accepted_form_or_an_error(text: str) -> None:
    try:
        parsed = PartialDate.parse(text)
    except QueryError:
        return
    stripped = text.strip()
    if re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", stripped):
        assert parsed.isoformat() == stripped
    else:  # a month name, and the four-digit year written last
        assert re.search(r"[A-Za-z]", stripped)
        assert stripped.endswith(f"{parsed.year:04d}")


@fast
@given(days, st.data())
def test_date_criteria_follow_the_same_rule(d: dt.date, data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(guessed_forms(d)))
    for criterion in ("since", "until", "in_force_on"):
        with pytest.raises(QueryError, match=re.escape(repr(text))):
            cisai.instruments(**{criterion: text})


@fast
@given(days, st.data(), st.booleans())
def test_yaml_date_fields_follow_the_same_rule(
    tmp_path: Path, d: dt.date, data: st.DataObject, quoted: bool
) -> None:
    text = data.draw(st.sampled_from(guessed_forms(d)))
    path = instrument_file(tmp_path, date=json.dumps(text) if quoted else text)
    with pytest.raises(DataError) as info:
        cisai.load(path, bundled=False)
    assert any(text in p.message and p.field == "date" for p in info.value.problems)


@pytest.mark.parametrize(("written", "wrong"), [("02025", "1045"), ("99", "1999"), ("-2025", "")])
def test_unquoted_yaml_numbers_are_not_years(tmp_path: Path, written: str, wrong: str) -> None:
    with pytest.raises(DataError) as info:
        cisai.load(instrument_file(tmp_path, date=written), bundled=False)
    assert any(f"invalid date {written!r}" in p.message for p in info.value.problems)


@pytest.mark.parametrize("written", ["2025", "2025-04", "2025-04-03", "April 2025", "3 April 2025"])
def test_yaml_dates_in_accepted_forms_load(tmp_path: Path, written: str) -> None:
    ds = cisai.load(instrument_file(tmp_path, date=written))
    assert ds.get("my-law").date == PartialDate.parse(written)


JSON_RECORD = {
    "id": "x-law",
    "kind": "law",
    "titles": [{"text": "X", "lang": "en"}],
    "jurisdiction": "KZ",
    "status": "active",
    "summary": "A law.",
    "attestation": "secondary_report",
    "confidence": "low",
    "sources": [{"url": "https://example.org/x"}],
    "added_in": "2026.11.0",
}


@fast
@given(days)
def test_json_dates_take_exactly_the_schema_pattern(d: dt.date) -> None:
    pattern = re.compile(cisai.json_schema()["$defs"]["PartialDate"]["pattern"])
    for text in [d.isoformat(), d.isoformat()[:7], str(d.year)]:
        assert pattern.search(text)
        record = cisai.from_json(json.dumps({**JSON_RECORD, "date": text}), cisai.Instrument)
        assert str(record.date) == text
    for value in [f"{MONTHS[d.month - 1]} {d.year}", d.year, *guessed_forms(d)]:
        assert not pattern.search(str(value)) or isinstance(value, int)
        with pytest.raises(DataError, match="date"):
            cisai.from_json(json.dumps({**JSON_RECORD, "date": value}), cisai.Instrument)


def test_json_text_fields_take_only_strings() -> None:
    with pytest.raises(DataError, match="expected a string, got a number"):
        cisai.from_json(json.dumps({**JSON_RECORD, "number": 12}), cisai.Instrument)


# -- 2. YAML 1.1 implicit typing keeps what the author wrote ------------------------------------

yaml11_numbers = st.one_of(
    st.from_regex(r"\A0[0-7]{1,6}\Z"),  # octal
    st.from_regex(r"\A0x[0-9A-F]{1,6}\Z"),  # hexadecimal
    st.from_regex(r"\A[1-9][0-9]?(:[0-5][0-9]){1,2}\Z"),  # sexagesimal
    st.from_regex(r"\A\+[0-9]{1,6}\Z"),  # signed
    st.from_regex(r"\A[1-9]_[0-9]{3}\Z"),  # underscores
    st.from_regex(r"\A[0-9]{1,3}\.[0-9]{1,3}0\Z"),  # a float with a trailing zero
    st.from_regex(r"\A[0-9]{4}-[0-9]-[0-9]{2}\Z").filter(lambda t: t[5] != "0"),  # a 1.1 date
)


@fast
@given(yaml11_numbers, st.sampled_from(["title", "number", "summary"]))
def test_unquoted_numbers_in_text_fields_keep_their_text(
    tmp_path: Path, written: str, field: str
) -> None:
    ds = cisai.load(instrument_file(tmp_path, **{field: written}))
    record = ds.get("my-law")
    value = {"title": record.title, "number": record.number, "summary": record.summary}[field]
    assert value == written


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "true", "False", "YES", "Off"])
@pytest.mark.parametrize("field", ["title", "number", "summary"])
def test_unquoted_booleans_in_text_fields_are_refused(
    tmp_path: Path, word: str, field: str
) -> None:
    path = instrument_file(tmp_path, **{field: word})
    with pytest.raises(DataError) as info:
        cisai.load(path, bundled=False)
    problem = next(p for p in info.value.problems if p.field and field in p.field)
    assert "quote the value" in problem.message


@pytest.mark.parametrize("written", ["0x10", "010", "1:30", "0o7"])
def test_unquoted_non_decimal_integers_in_number_fields_are_refused(written: str) -> None:
    from cisai._converter import structure
    from cisai._yamlio import parse_yaml_document

    value, _ = parse_yaml_document(f"n: {written}", "x.yaml")
    if isinstance(value["n"], int):
        with pytest.raises(ValueError, match="decimal"):
            structure(value["n"], int)


# -- 2. nothing skipped in silence; an empty path is an error ------------------------------------

GOOD = (USER / "kz-sample.yaml").read_text(encoding="utf-8")


def test_an_unreadable_sub_folder_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    from cisai.cli import main

    (tmp_path / "ok.yaml").write_text(GOOD, encoding="utf-8")
    hidden = tmp_path / "locked"
    hidden.mkdir()
    (hidden / "more.yaml").write_text("topics: [nonsense]\n", encoding="utf-8")
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fspath(path)) == hidden:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(DataError, match="cannot read folder: Permission denied") as info:
        cisai.load(tmp_path)
    assert info.value.problems[0].file == str(hidden)
    assert main(["validate", str(tmp_path)]) == 1
    assert "cannot read folder" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["A.YAML", "b.Yml", "c.yAmL"])
def test_data_file_suffixes_match_in_any_case(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    ds = cisai.load(tmp_path)
    assert "sample-kz-ministry-ai" in ds


def test_a_json_suffix_in_upper_case_is_read_as_json(tmp_path: Path) -> None:
    (tmp_path / "D.JSON").write_text('{"schema_version": "1.0", "bodies": 3}', encoding="utf-8")
    with pytest.raises(DataError, match="bodies must be a list"):
        cisai.load(tmp_path)


@pytest.mark.parametrize("empty", ["", [""], ["ok", ""]])
def test_an_empty_path_is_an_error(empty: object) -> None:
    with pytest.raises(QueryError, match="empty path"):
        cisai.load(extra=empty)  # type: ignore[arg-type]


def test_an_empty_data_path_on_the_command_line_is_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from cisai.cli import main

    assert main(["list", "bodies", "--data", ""]) == 2
    assert "empty path" in capsys.readouterr().err


# -- 1. time and memory grow with the input, never faster -----------------------------------------


def chain(lines: int) -> str:
    links = [f"l{i}: &l{i} {{<<: *l{i - 1}, k{i}: 0}}\n" for i in range(2, lines + 1)]
    return "l1: &l1 {k1: 0}\n" + "".join(links)


@pytest.mark.parametrize("lines", [1_000, 6_000, 20_000])
def test_a_merge_key_chain_is_refused_while_constructing(tmp_path: Path, lines: int) -> None:
    import time
    import tracemalloc

    path = tmp_path / "chain.yaml"
    path.write_text(chain(lines), encoding="utf-8")
    tracemalloc.start()
    started = time.process_time()
    try:
        with pytest.raises(DataError, match="merge keys"):
            cisai.load(path, bundled=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Bounded: the memory is a small multiple of the file, not its square.
    assert peak < 400 * path.stat().st_size + 20_000_000
    assert time.process_time() - started < 60  # generous; the benchmark shows the growth


@given(st.integers(1, 40), st.integers(1, 30))
def test_merge_keys_within_the_budget_still_merge(templates: int, keys: int) -> None:
    from cisai._yamlio import parse_yaml_document

    lines = [
        f"t{t}: &t{t} {{{', '.join(f'k{k}: {k}' for k in range(keys))}}}" for t in range(templates)
    ]
    lines += [f"r{t}: {{<<: *t{t}, own: {t}}}" for t in range(templates)]
    data, _ = parse_yaml_document("\n".join(lines) + "\n", "x.yaml")
    for t in range(templates):
        assert data[f"r{t}"] == {**{f"k{k}": k for k in range(keys)}, "own": t}


def misspelt(count: int) -> str:
    """``count`` bodies with misspelt parents: the same file the benchmark times."""
    bench: Any = _load_script("benchmarks/bench.py")
    text: str = bench.misspelt_parents(count)
    return text


def test_suggestions_for_many_misspelt_references_stay_useful(tmp_path: Path) -> None:
    path = tmp_path / "bodies.yaml"
    path.write_text(misspelt(2_000), encoding="utf-8")
    with pytest.raises(DataError) as info:
        cisai.load(path, bundled=False)
    problems = info.value.problems
    assert len(problems) == 2_000
    hits = sum(f"did you mean 'body-{p.record_id[5:]}'" in p.message for p in problems)  # type: ignore[index]
    assert hits == 2_000  # the right id first, for every one


@given(st.randoms(use_true_random=False), st.integers(301, 600))
@settings(max_examples=15, deadline=None)
def test_the_suggestion_index_finds_what_a_full_comparison_finds(
    rnd: random.Random, count: int
) -> None:
    import difflib

    from cisai._errors import suggest

    def word() -> str:
        parts = ["".join(rnd.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=rnd.randint(2, 7)))]
        return "-".join(parts * 1 + [rnd.choice(["law", "decree", "body", "kz", "by"])])

    ids = sorted({word() for _ in range(count)})
    wanted = rnd.choice(ids)
    position = rnd.randrange(len(wanted))
    typo = wanted[:position] + ("x" if wanted[position] != "x" else "y") + wanted[position + 1 :]
    full = difflib.get_close_matches(typo, ids, n=3, cutoff=0.6)
    if typo in ids or not full:
        return
    ours = re.findall(r"'([^']*)'", suggest(typo, ids))

    def ratio(option: str) -> float:
        return difflib.SequenceMatcher(None, typo, option).ratio()

    assert ours
    assert ratio(ours[0]) == ratio(full[0])  # as close as the best of a full comparison


# -- 4. wrong argument types: only cisai errors, on every public function ------------------------

DS = cisai.load()
LAW = DS.model_law
COLLECTIONS = sorted(DS.collections())

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=8),
    st.binary(max_size=4),
    st.lists(
        st.one_of(st.none(), st.integers(), st.text(max_size=3), st.lists(st.none())), max_size=3
    ),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.frozensets(st.integers(), max_size=2),
    st.builds(object),
    st.sampled_from(
        [PartialDate(2025), dt.date(2025, 1, 1), LAW.titles[0], LAW.events[0], DS.bodies[0], DS, 1j]
    ),
)
not_text = junk.filter(lambda v: not isinstance(v, str))

CALLS = {
    "load(extra=)": (not_text, lambda x: cisai.load(extra=x)),
    "load(bundled=)": (junk, lambda x: cisai.load(bundled=x)),
    "get": (junk, lambda x: cisai.get(x)),
    "compare(on=)": (junk, lambda x: cisai.compare(on=x)),
    "compare(topic=)": (junk, lambda x: cisai.compare(topic=x)),
    "compare(dataset=)": (junk, lambda x: cisai.compare(dataset=x)),
    "Comparison.row": (junk, lambda x: cisai.compare().row(x)),
    "to_dict": (junk, lambda x: cisai.to_dict(x)),
    "to_json": (junk, lambda x: cisai.to_json(x)),
    "to_json(indent=)": (junk, lambda x: cisai.to_json(LAW, indent=x)),
    "from_json(text)": (junk, lambda x: cisai.from_json(x, cisai.Instrument)),
    "from_json(cls)": (junk, lambda x: cisai.from_json("{}", x)),
    "to_jsonl": (junk, lambda x: cisai.to_jsonl(x)),
    "to_csv": (junk, lambda x: cisai.to_csv(x)),
    "to_csv(bom=)": (junk, lambda x: cisai.to_csv(LAW, bom=x)),
    "to_jsonld": (junk, lambda x: cisai.to_jsonld(x)),
    "to_jsonld(dataset=)": (junk, lambda x: cisai.to_jsonld(LAW, x)),
    "PartialDate(year)": (junk, lambda x: PartialDate(x)),
    "PartialDate(month)": (junk, lambda x: PartialDate(2025, x)),
    "PartialDate(day)": (junk, lambda x: PartialDate(2025, 1, x)),
    "PartialDate.parse": (junk, lambda x: PartialDate.parse(x)),
    "PartialDate.overlaps": (junk, lambda x: PartialDate(2025).overlaps(x)),
    "PartialDate.contains": (junk, lambda x: PartialDate(2025).contains(x)),
    "Dataset.get": (junk, lambda x: DS.get(x)),
    "Dataset[]": (junk, lambda x: DS[x]),
    "Dataset.parts_of": (junk, lambda x: DS.parts_of(x)),
    "Dataset.referring_to": (junk, lambda x: DS.referring_to(x)),
    "in Dataset": (junk, lambda x: x in DS),
    "Dataset.jurisdiction": (junk, lambda x: DS.jurisdiction(x)),
    "Dataset.principle_concept": (junk, lambda x: DS.principle_concept(x)),
    "Dataset.competencies_of": (junk, lambda x: DS.competencies_of(x)),
    "Dataset.holder_of": (junk, lambda x: DS.holder_of(x)),
    "in_force(instrument)": (junk, lambda x: cisai.in_force(x, "2025-06-01")),
    "in_force(day)": (junk, lambda x: cisai.in_force(LAW, x)),
    "search": (junk, lambda x: cisai.search(x)),
    "search(dataset=)": (junk, lambda x: cisai.search("law", dataset=x)),
    "instruments(**)": (
        st.tuples(st.sampled_from(sorted(cisai.CRITERIA)), junk),
        lambda x: cisai.instruments(**{x[0]: x[1]}),
    ),
    "compare_principles(jurisdiction=)": (junk, lambda x: cisai.compare_principles(jurisdiction=x)),
    "compare_principles(concept=)": (junk, lambda x: cisai.compare_principles(concept=x)),
    "compare_competencies(holder=)": (junk, lambda x: cisai.compare_competencies(holder=x)),
    "compare_competencies(kind=)": (junk, lambda x: cisai.compare_competencies(kind=x)),
}
for _name in COLLECTIONS:
    CALLS[f"{_name}.sorted(key)"] = (junk, lambda x, n=_name: DS.collections()[n].sorted(x))
    CALLS[f"{_name}.sorted(reverse)"] = (
        junk,
        lambda x, n=_name: DS.collections()[n].sorted("id", reverse=x),
    )
    CALLS[f"{_name}[]"] = (junk, lambda x, n=_name: DS.collections()[n][x])
    CALLS[f"{_name}.filter"] = (
        st.tuples(st.sampled_from(sorted(cisai.CRITERIA)), junk),
        lambda x, n=_name: DS.collections()[n].filter(**{x[0]: x[1]}),
    )
    CALLS[f"{_name}.filter (empty)"] = (
        st.tuples(st.sampled_from(sorted(cisai.CRITERIA)), junk),
        lambda x, n=_name: DS.collections()[n][:0].filter(**{x[0]: x[1]}),
    )


@pytest.mark.parametrize("call", sorted(CALLS))
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_wrong_arguments_raise_only_cisai_errors(call: str, data: st.DataObject) -> None:
    strategy, function = CALLS[call]
    value = data.draw(strategy)
    try:
        function(value)
    except cisai.CisaiError:
        pass
    except IndexError:  # the sequence protocol: an int index past the end, as for a tuple
        assert call.endswith("[]")
        assert isinstance(value, int)


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda: DS.instruments.sorted(None), "key"),  # type: ignore[arg-type]
        (lambda: DS.instruments.filter(issuer={}), "issuer"),
        (lambda: DS.competencies.filter(body=[["x"]]), "body"),
        (lambda: DS.principles.filter(instrument={}), "instrument"),
        (lambda: DS.instruments.filter(text=["ai", None]), "text"),
        (lambda: cisai.from_json(None, cisai.Dataset), "text"),  # type: ignore[arg-type]
        (lambda: cisai.load(extra=1), "extra"),  # type: ignore[arg-type]
        (lambda: PartialDate("2025"), "year"),  # type: ignore[arg-type]
        (lambda: cisai.compare().row(None), "code"),  # type: ignore[arg-type]
        (lambda: cisai.to_jsonld("cis-model-law-ai-2025"), "expected a record"),
        (lambda: cisai.to_json(PartialDate(2025)), "expected a record"),
        (lambda: cisai.to_csv([LAW.titles[0]]), "expected records"),
    ],
)
def test_a_wrong_type_names_the_argument(call: object, named: str) -> None:
    with pytest.raises(cisai.ArgumentError, match=named) as info:
        call()  # type: ignore[operator]
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, QueryError)


# -- 3. errors that name the right thing ---------------------------------------------------------


@pytest.mark.parametrize(
    ("collection", "criteria"),
    [
        ("bodies", {"kind": "ministry"}),
        ("bodies", {"attestation": "official_report"}),
        ("bodies", {"confidence": "high"}),
        ("provisions", {"part": "definitions"}),
        ("competencies", {"body": "by-president"}),
    ],
)
def test_a_valid_criterion_holds_on_an_empty_selection(collection: str, criteria: dict) -> None:
    empty = DS.collections()[collection].filter(text="zzz-nothing-matches")
    assert empty.filter(**criteria) == ()
    assert empty[:0].filter(**criteria) == ()


JURISDICTION = """\
sources:
  s1:
    url: https://example.org/a-page
jurisdictions:
  - id: {id}
    code: {code}
    name: Somewhere else
    kind: state
    model_law_participant: false
    attestation: secondary_report
    confidence: low
    sources: [s1]
    added_in: "2026.11.0"
"""


@fast
@given(st.sampled_from([j.code for j in DS.jurisdictions]), st.sampled_from([str.upper, str.lower]))
def test_a_jurisdiction_code_belongs_to_one_record(tmp_path: Path, code: str, case: object) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(JURISDICTION.format(id="my-state", code=case(code)), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(DataError) as info:
        cisai.load(path)
    problem = next(p for p in info.value.problems if p.field == "code" and p.file == str(path))
    assert "already used by" in problem.message
    assert "override" in problem.message


def test_two_user_jurisdictions_with_one_code_are_refused(tmp_path: Path) -> None:
    one = JURISDICTION.format(id="aa-one", code="QQ")
    two = JURISDICTION.format(id="aa-two", code="QQ").split("jurisdictions:\n")[1]
    (tmp_path / "j.yaml").write_text(one + two, encoding="utf-8")
    with pytest.raises(DataError, match="'QQ' is already used by 'aa-one'"):
        cisai.load(tmp_path, bundled=False)


# -- 4. text that cannot be written out is refused on the way in ---------------------------------

surrogates = st.integers(0xD800, 0xDFFF)


@fast
@given(surrogates, st.sampled_from(["title", "summary", "number"]), st.booleans())
def test_a_lone_surrogate_is_refused_at_load(
    tmp_path: Path, code: int, field: str, as_json: bool
) -> None:
    from cisai.cli import main

    escaped = f'"bad \\u{code:04x} text"'
    if as_json:
        doc = json.loads(cisai.to_json(DS))
        record = doc["instruments"][0]
        if field == "title":
            record["titles"][0]["text"] = f"bad {chr(code)} text"
        else:
            record[field] = f"bad {chr(code)} text"
        path = tmp_path / "doc.json"
        path.write_text(json.dumps(doc), encoding="utf-8")  # json escapes it: \udXXX
        rid = record["id"]
    else:  # YAML itself refuses the escape, on its line
        path = instrument_file(tmp_path, **{field: escaped})
        with pytest.raises(DataError, match="invalid Unicode character escape") as info:
            cisai.load(path, bundled=False)
        assert info.value.line is not None
        return
    with pytest.raises(DataError) as info:
        cisai.load(path, bundled=False)
    problem = next(p for p in info.value.problems if "lone surrogate" in p.message)
    assert (problem.file, problem.record_id) == (str(path), rid)
    assert field in (problem.field or "")
    assert main(["validate", "--no-bundled", "--format", "json", str(path)]) == 1


# -- 4. export targets ----------------------------------------------------------------------------


def run_cli(*args: str) -> tuple[int, str, str]:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "cisai", *args], capture_output=True, text=True, check=False
    )
    return result.returncode, result.stdout, result.stderr


def assert_one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 1
    assert err.startswith("cisai: error: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    for word in words:
        assert word in err


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: "", ["empty path"]),
        (lambda d: str(d), ["it is a folder"]),
        (lambda d: str(d / ("n" * 300)), ["File name too long"]),
        (lambda d: str(d / "missing" / "x.json"), ["no such folder"]),
        (lambda d: "/dev/full", ["No space left on device"]),
        (lambda d: str(d / "bad\x00name"), ["cannot write"]),
    ],
)
def test_bad_export_targets_are_one_line_errors(tmp_path: Path, make: object, words: list) -> None:
    from cisai.cli import main

    target = make(tmp_path)  # type: ignore[operator]
    if "\x00" in target:
        import io
        import sys

        err = io.StringIO()
        old, sys.stderr = sys.stderr, err
        try:
            code = main(["schema", "-o", target])
        finally:
            sys.stderr = old
        assert_one_line_error(code, err.getvalue(), *words)
        return
    code, _, err = run_cli("export", "--format", "jsonl", "-o", target)
    assert_one_line_error(code, err, *words)
    assert not list(tmp_path.glob(".cisai-*"))


@pytest.mark.parametrize(
    "failure",
    [
        OSError(28, "No space left on device"),
        OSError(27, "File too large"),
        PermissionError(13, "Permission denied"),
    ],
)
@pytest.mark.parametrize("where", ["tempfile.mkstemp", "os.fsync", "os.replace"])
def test_a_failed_export_leaves_nothing_behind(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    failure: OSError,
    where: str,
) -> None:
    import os
    import tempfile

    from cisai.cli import main

    target = tmp_path / "out.json"
    target.write_text("before", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> object:
        raise failure

    module, name = where.split(".")
    monkeypatch.setattr({"os": os, "tempfile": tempfile}[module], name, fail)
    assert main(["schema", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert_one_line_error(1, err, failure.strerror or "")
    assert target.read_text(encoding="utf-8") == "before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@pytest.mark.parametrize(("signame", "code"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_signal_during_an_export_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signame: str, code: int
) -> None:
    import os
    import signal

    from cisai.cli import main

    target = tmp_path / "out.json"
    real = os.fsync

    def fsync_then_term(fd: int) -> None:
        real(fd)
        os.kill(os.getpid(), getattr(signal, signame))

    monkeypatch.setattr(os, "fsync", fsync_then_term)
    before = signal.getsignal(signal.SIGTERM)
    assert main(["schema", "-o", str(target)]) == code
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) is before


def test_devices_and_fifos_are_written_through(tmp_path: Path) -> None:
    import os
    import threading

    code, out, err = run_cli("schema", "-o", "/dev/stdout")
    assert (code, err) == (0, "")
    assert json.loads(out)["$schema"].startswith("https://json-schema.org/")
    assert run_cli("schema", "-o", "/dev/null")[0] == 0
    assert Path("/dev/null").is_char_device()
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, _, err = run_cli("export", "--format", "jsonl", "-o", str(fifo))
    reader.join(30)
    assert (code, err) == (0, "")
    assert fifo.is_fifo()
    assert got[0].count(b"\n") == len(DS)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe.json"]


def test_a_link_to_a_file_is_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run_cli("schema", "-o", str(link))[0] == 0
    assert link.is_symlink()
    assert "$schema" in real.read_text(encoding="utf-8")


# -- 4. closed streams ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [["list"], ["info"], ["validate", str(USER)], ["show", "by-president"], ["schema"]]
)
@pytest.mark.parametrize("closed", ["stdout", "stderr", "stdin", "stdout+stderr"])
def test_closed_streams_never_give_a_traceback(args: list[str], closed: str) -> None:
    import subprocess
    import sys

    fds = {"stdin": 0, "stdout": 1, "stderr": 2}
    shut = [fds[c] for c in closed.split("+")]
    script = "import os,sys,subprocess;" + "".join(f"os.close({fd});" for fd in shut)
    script += f"os.execv(sys.executable, [sys.executable, '-m', 'cisai', *{args!r}])"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr
    if "stdout" in closed:
        assert result.returncode == 1
        assert result.stdout == ""
        if "stderr" not in closed:
            assert (
                result.stderr == "cisai: error: standard output is closed: nothing can be written\n"
            )
    else:
        assert result.returncode == 0


OVERRIDE_BODY = """\
sources:
  my-source:
    url: https://example.org/my-president-page
bodies:
  - id: by-president
    name: The President (my own wording)
    kind: head_of_state
    jurisdiction: BY
    attestation: secondary_report
    confidence: low
    sources: [my-source]
    override: true
    added_in: "2026.11.0"
"""


def test_an_override_that_changes_the_type_is_blamed_on_the_users_file(tmp_path: Path) -> None:
    text = INSTRUMENT.format(title="T", number="'1'", summary="S", date='"2025"')
    text = text.replace("id: my-law", "id: by-president\n    override: true")
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        cisai.load(path)
    assert {p.file for p in info.value.problems} == {str(path)}
    assert "must keep the record's type" in str(info.value)


def test_validate_reports_every_files_problems_beside_a_newer_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cisai.cli import main

    future = tmp_path / "a.json"
    future.write_text(json.dumps({"schema_version": "2.0", "topics": []}), encoding="utf-8")
    broken = tmp_path / "b.yaml"
    broken.write_text("topics: 3\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        cisai.load([future, broken], bundled=False)
    assert {p.file for p in info.value.problems} == {str(future), str(broken)}
    for fmt in ("text", "json"):
        assert main(["validate", "--no-bundled", "--format", fmt, str(future), str(broken)]) == 1
        out = capsys.readouterr().out
        assert str(future) in out
        assert "topics must be a list" in out
    with pytest.raises(cisai.SchemaError):  # alone, it is still a SchemaError
        cisai.load(future, bundled=False)


def test_validate_counts_an_override(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cisai.cli import main

    path = tmp_path / "o.yaml"
    path.write_text(OVERRIDE_BODY, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.startswith("ok: 1 record in 1 path(s) valid")
    assert main(["validate", str(path), str(USER)]) == 0
    assert capsys.readouterr().out.startswith("ok: 3 records in 2 path(s) valid")


def test_an_export_with_user_data_loads_back_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cisai.cli import main

    override = tmp_path / "o.yaml"
    override.write_text(OVERRIDE_BODY, encoding="utf-8")
    exported = tmp_path / "all.json"
    args = ["export", "--data", str(override), "--data", str(USER), "-o", str(exported)]
    assert main(args) == 0
    again = cisai.load(exported, bundled=False)
    original = cisai.load([override, USER])
    assert list(again) == list(original)
    assert again.get("by-president").name == "The President (my own wording)"
    assert main(["validate", "--no-bundled", str(exported)]) == 0
    capsys.readouterr()


# -- 6. smaller holes ------------------------------------------------------------------------


def body(body_id: str, parent: str | None) -> str:
    line = f"    parent: {parent}\n" if parent else ""
    return (
        f"  - id: {body_id}\n    name: B\n    kind: ministry\n{line}"
        "    attestation: secondary_report\n    confidence: low\n    sources: [s1]\n"
        '    added_in: "2026.11.0"\n'
    )


@fast
@given(st.integers(2, 12), st.integers(0, 5))
def test_body_parent_cycles_are_refused(tmp_path: Path, length: int, tail: int) -> None:
    ring = [f"ring-{i}" for i in range(length)]
    text = "sources:\n  s1:\n    url: https://example.org/a-page\nbodies:\n"
    text += "".join(body(b, ring[(i + 1) % length]) for i, b in enumerate(ring))
    # a chain hanging off the ring is not itself in the cycle
    text += "".join(body(f"tail-{i}", f"tail-{i - 1}" if i else ring[0]) for i in range(tail))
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        cisai.load(path, bundled=False)
    cyclic = {p.record_id for p in info.value.problems if "form a cycle" in p.message}
    assert cyclic == set(ring)
    assert len(info.value.problems) == length


TOPICS = """\
topics:
  - id: alpha
    label: Alpha
    aliases: [{a}]
    added_in: "2026.11.0"
  - id: beta
    label: Beta
    aliases: [{b}]
    added_in: "2026.11.0"
"""


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        ('""', "b1", "must not be empty"),
        ('"  "', "b1", "must not be empty"),
        ("beta", "b1", "is the id of the topic 'beta'"),
        ("Beta", "b1", "is the id of the topic 'beta'"),
        ("same", "same", "also an alias of"),
        ("Same ", "same", "also an alias of"),
    ],
)
def test_topic_aliases_name_one_topic(tmp_path: Path, a: str, b: str, message: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(TOPICS.format(a=a, b=b), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(message)) as info:
        cisai.load(path, bundled=False)
    assert info.value.field is not None
    assert info.value.field.startswith("aliases[0]")


@given(
    st.sampled_from(
        ["https://exa mple.org/x", "https://example.org/\tx", "https://example.org/x\n"]
        + [f"https://example.org/{chr(c)}x" for c in [*range(32), 127, 0x85, 0xA0, 0x2028, 0x3000]]
    )
)
@fast
def test_source_urls_with_whitespace_or_controls_are_refused(tmp_path: Path, url: str) -> None:
    path = instrument_file(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("https://example.org/a-page", json.dumps(url)),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        cisai.load(path, bundled=False)
    assert any("not an http(s) URL" in p.message for p in info.value.problems)


# -- 5. processes ---------------------------------------------------------------------------------

FORK_SCRIPT = """
import os, sys, threading, time
import cisai

delay = float(sys.argv[1])
loader = threading.Thread(target=lambda: cisai.load(sys.argv[2:] or None))
loader.start()
time.sleep(delay)
pid = os.fork()
if pid == 0:
    ds = cisai.load()
    os._exit(0 if len(ds) > 100 else 3)
for _ in range(600):
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    time.sleep(0.1)
else:
    os.kill(pid, 9)
    print("child hung")
    sys.exit(1)
loader.join()
sys.exit(os.waitstatus_to_exitcode(status))
"""


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this system")
@pytest.mark.parametrize("delay", [0.0, 0.005, 0.02, 0.04, 0.08])
@pytest.mark.parametrize("extra", [[], [str(USER)]])
def test_a_fork_during_the_first_load_gives_a_working_child(delay: float, extra: list[str]) -> None:
    import subprocess
    import sys
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads, on purpose
        result = subprocess.run(
            [
                sys.executable,
                "-W",
                "ignore::DeprecationWarning",
                "-c",
                FORK_SCRIPT,
                str(delay),
                *extra,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("written", ["0123", "0x1F", "1:30", "2025"])
def test_an_unquoted_number_as_a_source_id_is_known_by_its_text(
    tmp_path: Path, written: str
) -> None:
    path = instrument_file(tmp_path)
    text = path.read_text(encoding="utf-8").replace("  s1:\n", f"  {written}:\n")
    path.write_text(text.replace("[s1]", f"[{written}]"), encoding="utf-8")
    ds = cisai.load(path)
    assert ds.get("my-law").sources[0].url == "https://example.org/a-page"


def test_suggestions_are_right_when_threads_load_at_once(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    files = []
    for n in range(6):
        path = tmp_path / f"b{n}.yaml"
        path.write_text(misspelt(320 + 40 * n), encoding="utf-8")
        files.append(path)

    def problems_of(path: Path) -> list[str]:
        with pytest.raises(DataError) as info:
            cisai.load(path, bundled=False)
        return [p.message for p in info.value.problems]

    alone = [problems_of(path) for path in files]
    with ThreadPoolExecutor(6) as pool:
        together = list(pool.map(problems_of, files * 2))
    assert together == alone * 2


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-10, 3000),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=12),
        st.sampled_from(["2025", "2025-04", "2025-4", "April 2025", "20250403", "law", "KZ"]),
        st.sampled_from(["2026.11.0", "https://example.org/x", "official_report", "en"]),
    ),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=5), inner, max_size=2)
    ),
    max_leaves=4,
)


@settings(max_examples=150, deadline=None)
@given(st.data(), json_values)
def test_json_records_cisai_accepts_are_valid_by_the_schema(
    data: st.DataObject, value: object
) -> None:
    import jsonschema

    schema = cisai.json_schema()
    validator = jsonschema.Draft202012Validator(
        {"$ref": "#/$defs/Instrument", "$defs": schema["$defs"]}
    )
    record = json.loads(cisai.to_json(LAW))
    paths: list[tuple[object, ...]] = [(k,) for k in record]
    paths += [("titles", 0, "text"), ("events", 0, "date"), ("sources", 0, "url")]
    paths += [("events", 0, "kind"), ("sources", 0, "kind"), ("titles", 0, "lang")]
    path = data.draw(st.sampled_from(paths))
    node = record
    for step in path[:-1]:
        node = node[step]  # type: ignore[index]
    node[path[-1]] = value  # type: ignore[index]
    try:
        cisai.from_json(json.dumps(record), cisai.Instrument)
    except DataError:
        return
    assert not list(validator.iter_errors(record)), (path, value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "Bad Id"),
        ("added_in", "２０２６.11.0"),  # full-width digits: not the schema's [0-9]
        ("sources", []),
        ("jurisdiction", 7),
    ],
)
def test_from_json_refuses_a_record_the_schema_refuses(field: str, value: object) -> None:
    record = json.loads(cisai.to_json(LAW))
    record[field] = value
    with pytest.raises(DataError) as info:
        cisai.from_json(json.dumps(record), cisai.Instrument)
    assert info.value.field == f"$.{field}"
