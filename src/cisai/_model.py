"""The typed records of the dataset: frozen, slotted, keyword-only attrs classes.

Every record has a stable lowercase ``id`` and says how we know it: its ``sources``
(at least one URL), its ``attestation`` (the official text, an official report about
it, or a secondary report), a ``confidence``, ``notes`` (e.g. where sources disagree),
``unknowns`` (what is known *not* to be known) and the data versions in which it was
added and last changed. Topics and principle concepts are the exception: they are our
own vocabularies, not claims about the world, so they carry no sources.

Nothing here reads files or imports cattrs or PyYAML; this module only describes.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Iterable, Mapping
from typing import ClassVar, TypeAlias, TypeVar

import attrs

from cisai._dates import PartialDate

_T = TypeVar("_T")

__all__ = [
    "PROVENANCE_FIELDS",
    "RECORD_TYPES",
    "SEARCHED_FIELDS",
    "TYPE_NAMES",
    "AnyRecord",
    "Attestation",
    "Body",
    "BodyKind",
    "Competency",
    "CompetencyKind",
    "Confidence",
    "Event",
    "EventKind",
    "Instrument",
    "InstrumentKind",
    "InstrumentStatus",
    "Jurisdiction",
    "JurisdictionKind",
    "LifecycleStage",
    "Locator",
    "Objective",
    "Principle",
    "PrincipleConcept",
    "Prohibition",
    "Provision",
    "ProvisionPart",
    "Relation",
    "RelationKind",
    "ReviewProcess",
    "Source",
    "SourceKind",
    "Title",
    "TitleKind",
    "Topic",
    "Unknown",
    "field_order",
]
"""What ``cisai`` exports from this module: each public name is listed only here."""


# --------------------------------------------------------------------------------------
# Closed vocabularies
# --------------------------------------------------------------------------------------


class Attestation(enum.Enum):
    """How we know a record: the closer to the official text, the stronger."""

    OFFICIAL_TEXT = "official_text"
    """Taken from the official text of the act itself."""
    OFFICIAL_REPORT = "official_report"
    """Reported by the issuer or another official body (its site, an official register)."""
    SECONDARY_REPORT = "secondary_report"
    """Reported by the press, a tracker, a legal database or another secondary source."""


class Confidence(enum.Enum):
    """How sure the sources make us (see the dossiers' scale)."""

    HIGH = "high"
    """An official source, or two or more independent sources that agree."""
    MEDIUM = "medium"
    """One secondary source."""
    LOW = "low"
    """An inference, an uncorroborated claim, or a source whose date or context is unclear."""


class SourceKind(enum.Enum):
    """What sort of publication a source is."""

    OFFICIAL = "official"
    GAZETTE = "gazette"
    LEGAL_DATABASE = "legal_database"
    STATE_MEDIA = "state_media"
    SECONDARY = "secondary"


class TitleKind(enum.Enum):
    """What a title is: the official one, a translation, or an earlier or short form."""

    OFFICIAL = "official"
    TRANSLATION = "translation"
    """A translation by a source (not an official title in that language)."""
    OWN_RENDERING = "own_rendering"
    """Our own translation, given because no source gives one."""
    WORKING = "working"
    """A working title used during drafting."""
    DESCRIPTIVE = "descriptive"
    """A description used by sources in place of the exact title."""
    SHORT = "short"


class InstrumentKind(enum.Enum):
    """The kind of a policy instrument (an act, a document, an institution, a statement)."""

    MODEL_LAW = "model_law"
    LAW = "law"
    CODE = "code"
    DRAFT_LAW = "draft_law"
    DECREE = "decree"
    ORDER = "order"
    RESOLUTION = "resolution"
    CONCEPT = "concept"
    STRATEGY = "strategy"
    PROGRAMME = "programme"
    STANDARD = "standard"
    INSTITUTION = "institution"
    AGREEMENT = "agreement"
    TREATY = "treaty"
    DECLARATION = "declaration"
    STATEMENT = "statement"
    INITIATIVE = "initiative"
    CODE_OF_CONDUCT = "code_of_conduct"
    RECOMMENDATION = "recommendation"
    REFERENCE_DOCUMENT = "reference_document"
    MEETING = "meeting"


class InstrumentStatus(enum.Enum):
    """Where an instrument stands, as of the data version that last changed it."""

    ANNOUNCED = "announced"
    IN_PREPARATION = "in_preparation"
    DRAFT = "draft"
    ADOPTED = "adopted"
    SIGNED = "signed"
    IN_FORCE = "in_force"
    PARTIALLY_IN_FORCE = "partially_in_force"
    NOT_IN_FORCE = "not_in_force"
    EXPIRED = "expired"
    REPEALED = "repealed"
    SUPERSEDED = "superseded"
    ACTIVE = "active"
    """An institution that exists and works."""
    HELD = "held"
    """A meeting or event that took place."""
    PUBLISHED = "published"
    """A statement or document that was made public."""
    UNKNOWN = "unknown"


class EventKind(enum.Enum):
    """What happened to an instrument on a date."""

    PROPOSED = "proposed"
    ANNOUNCED = "announced"
    DISCUSSED = "discussed"
    PRESENTED = "presented"
    SUBMITTED = "submitted"
    AWARDED = "awarded"
    APPROVED = "approved"
    ADOPTED = "adopted"
    SIGNED = "signed"
    RATIFIED = "ratified"
    ESTABLISHED = "established"
    AGREED = "agreed"
    PUBLISHED = "published"
    REPORTED = "reported"
    """A source reported it; the act's own date is not known (the report's date is)."""
    IN_FORCE = "in_force"
    AMENDED = "amended"
    REPEALED = "repealed"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"
    OTHER = "other"


class RelationKind(enum.Enum):
    """How one instrument stands to another (read: *this* <kind> *target*)."""

    IMPLEMENTS = "implements"
    AMENDS = "amends"
    SUPERSEDES = "supersedes"
    SUCCEEDS = "succeeds"
    BASED_ON = "based_on"
    PART_OF = "part_of"
    RELATED_TO = "related_to"


class BodyKind(enum.Enum):
    """The kind of an organisation or office."""

    PARLIAMENTARY_ASSEMBLY = "parliamentary_assembly"
    PARLIAMENT = "parliament"
    PARLIAMENTARY_CHAMBER = "parliamentary_chamber"
    PARLIAMENTARY_COMMISSION = "parliamentary_commission"
    COUNCIL = "council"
    EXPERT_COUNCIL = "expert_council"
    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    GOVERNMENT = "government"
    MINISTRY = "ministry"
    STATE_COMMITTEE = "state_committee"
    AGENCY = "agency"
    REGULATOR = "regulator"
    ACADEMY = "academy"
    RESEARCH_INSTITUTE = "research_institute"
    CENTRE = "centre"
    UNIVERSITY = "university"
    COURT = "court"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    INTERSTATE_BODY = "interstate_body"
    ASSOCIATION = "association"
    COMPANY = "company"
    WORKING_GROUP = "working_group"
    OFFICIAL = "official"
    """A single office holder (e.g. a state secretary) acting in that capacity."""
    OTHER = "other"


class CompetencyKind(enum.Enum):
    """What a competency empowers a body to do (a closed vocabulary, refined from the sources)."""

    COORDINATION = "coordination"
    """Coordinating other bodies' work in the field."""
    POLICY_MAKING = "policy_making"
    """Shaping or carrying state policy in the field."""
    RULE_MAKING = "rule_making"
    """Making rules, and approving criteria, lists of requirements or methods."""
    SUPERVISION = "supervision"
    """Supervision, control and audit."""
    ENFORCEMENT = "enforcement"
    """Imposing sanctions or otherwise enforcing the rules."""
    REGISTERS = "registers"
    """Keeping or publishing lists or registers (e.g. of trusted systems)."""
    CERTIFICATION = "certification"
    """Certification, conformity assessment or risk assessment."""
    ADVISORY = "advisory"
    """Advising or consulting, without binding powers."""
    FUNDING = "funding"
    """Funding and other support measures."""
    STANDARDISATION = "standardisation"
    """Setting or adopting standards."""
    INTERNATIONAL_COOPERATION = "international_cooperation"
    """Representing the state or cooperating abroad in the field."""
    ADMINISTRATION = "administration"
    """Running or managing something (a programme, a platform, an organisation)."""
    IMPLEMENTATION = "implementation"
    """Carrying out an instrument (a strategy, a programme, a plan)."""
    RESEARCH_SUPPORT = "research_support"
    """Supporting or organising research."""


class ProvisionPart(enum.Enum):
    """A part (block) of a law's content."""

    SCOPE = "scope"
    REGULATORY_OBJECTIVES = "regulatory_objectives"
    COMPETENCIES = "competencies"
    PRINCIPLES = "principles"
    RIGHTS_OF_DEVELOPERS_AND_RESEARCHERS = "rights_of_developers_and_researchers"
    INTERNATIONAL_COOPERATION = "international_cooperation"
    DATA_AND_INFORMATION_SECURITY = "data_and_information_security"
    PROHIBITIONS = "prohibitions"
    DEFINITIONS = "definitions"
    STATE_SUPPORT = "state_support"
    RISK_CLASSIFICATION = "risk_classification"


class JurisdictionKind(enum.Enum):
    """A state, or an organisation whose instruments span states."""

    STATE = "state"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    INTERSTATE_UNION = "interstate_union"


REFERS_TO = "refers_to"
"""The key of a field's attrs metadata that names the collection its ids point into.

A reference is declared once, on its field, e.g. ``body: str | None =
attrs.field(default=None, metadata={REFERS_TO: "bodies"})``. The checks read the
declarations to find every reference, in records and in raw mappings alike.
Jurisdictions are referred to by their code.
"""


# --------------------------------------------------------------------------------------
# Value types (parts of records)
# --------------------------------------------------------------------------------------


def _tuple(value: Iterable[_T]) -> tuple[_T, ...]:
    """Accept any iterable where a tuple is stored (records never hold lists)."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, str | bytes):
        raise TypeError(f"expected a sequence, not a string: {value!r}")
    return tuple(value)


def _fields_repr(value: attrs.AttrsInstance) -> str:
    """``Title(text='...', lang='en', kind=...)``: the repr attrs would generate, written once.

    attrs compiles a repr for each class at every start-up; the value types share this
    one instead (their values hold no cycles, so attrs' guard against them is not needed).
    """
    cls = type(value)
    fields = ", ".join(f"{a.name}={getattr(value, a.name)!r}" for a in attrs.fields(cls))
    return f"{cls.__qualname__}({fields})"


def _short_repr(record: AnyRecord) -> str:
    """``<Instrument 'id' 2025-04-18: Title...>``: type, id, title or name, date.

    A record holds its sources, events and notes; the generated repr printed all of them
    (several kilobytes for one instrument). ``attrs.asdict`` or ``cisai.to_dict`` gives
    every field. ``Record``, ``Topic`` and ``PrincipleConcept`` name it as their repr, and
    every record type is one of them or derives from ``Record``; declared ``repr=False``,
    none has attrs compile a repr of its own at start-up.
    """
    label = getattr(record, "title", None) or getattr(record, "name", None)
    label = label or getattr(record, "label", None) or getattr(record, "gist", None)
    date = getattr(record, "date", None)
    text = f"<{type(record).__name__} {record.id!r}"
    if date is not None:
        text += f" {date}"
    if isinstance(label, str) and label:
        label = " ".join(label.split())
        text += ": " + (label if len(label) <= 60 else label[:59].rstrip() + "…")
    return text + ">"


@attrs.frozen(kw_only=True, repr=False)
class Source:
    """A page or document a fact was taken from."""

    __repr__ = _fields_repr

    url: str
    """The address of the page or document (http or https)."""
    title: str | None = None
    """The page's title, where known."""
    publisher: str | None = None
    """The site or organisation that published it."""
    kind: SourceKind = SourceKind.SECONDARY
    """What sort of publication it is."""
    language: str | None = None
    """ISO 639-1 code of the page's language, e.g. ``"ru"``."""
    published: PartialDate | None = None
    """When the page was published, where known."""
    retrieved: bool = True
    """False when only the URL is known (e.g. cited by a seed) and its text was not read."""
    note: str | None = None
    """Anything else worth knowing about the source."""


@attrs.frozen(kw_only=True, repr=False)
class Title:
    """A title (or name) in one language."""

    __repr__ = _fields_repr

    text: str
    """The title as the source gives it."""
    lang: str
    """ISO 639-1 language code: ``en``, ``ru``, ``be``, ``kk``, ``uz``, ``tg``, ``az``, ..."""
    kind: TitleKind = TitleKind.OFFICIAL
    """Whether it is the official title, a translation, an earlier or short form, ..."""
    note: str | None = None
    """Why the title is given, e.g. when a working title was changed."""


@attrs.frozen(kw_only=True, repr=False)
class Unknown:
    """Something known *not* to be known: a field the sources leave open, and why."""

    __repr__ = _fields_repr

    field: str
    """The field (or facet, such as ``text`` or ``model_law_link``) that is not known."""
    note: str
    """What the sources leave open and why, in our own words."""


@attrs.frozen(kw_only=True, repr=False)
class Event:
    """A dated step in an instrument's life: proposed, adopted, signed, in force, ..."""

    __repr__ = _fields_repr

    kind: EventKind
    """What happened."""
    date: PartialDate | None = None
    """``None`` when the sources give no date (the event is still known to have happened)."""
    body: str | None = attrs.field(default=None, metadata={REFERS_TO: "bodies"})
    """The acting body's id."""
    place: str | None = None
    """Where it happened, where the sources say."""
    note: str | None = None
    """What the sources add, in our own words."""
    confidence: Confidence | None = None
    """``None`` means: as confident as the record itself."""
    sources: tuple[Source, ...] = attrs.field(converter=_tuple)
    """Where the event is reported (at least one)."""


@attrs.frozen(kw_only=True, repr=False)
class Relation:
    """A typed link from one instrument to another (``target`` is an instrument id)."""

    __repr__ = _fields_repr

    kind: RelationKind
    """How this instrument stands to the target."""
    target: str = attrs.field(metadata={REFERS_TO: "instruments"})
    """The id of the other instrument."""
    note: str | None = None
    """What the sources say about the relation."""
    confidence: Confidence | None = None
    """``None`` means: as confident as the instrument itself."""
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_tuple)
    """Empty means: the instrument's own sources state the relation."""


@attrs.frozen(kw_only=True, repr=False)
class Locator:
    """Where a source places something in an act: an article, paragraph or section.

    Only ever taken from a source that states it (never guessed); a locator from an
    unofficial compilation is low confidence.
    """

    __repr__ = _fields_repr

    text: str
    """The place as the source gives it, e.g. ``"Art. 17(3)"`` or ``"para. 19(c)"``."""
    source: Source
    """The source that states the place (in data files: a catalogued source id or URL)."""
    confidence: Confidence
    """How sure that source makes us of the place (not of the record itself)."""
    note: str | None = None
    """What else the source says about the place, in our own words."""


# --------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Record:
    """What every record has: its id, how we know it, and when it entered the data."""

    __repr__ = _short_repr

    collection: ClassVar[str] = ""
    """The key of this record type in data files and Dataset documents."""

    id: str
    """A stable lowercase slug, unique in the whole dataset."""
    attestation: Attestation
    """How we know it: the official text, an official report, or a secondary report."""
    confidence: Confidence
    """How sure the sources make us: high, medium or low."""
    sources: tuple[Source, ...] = attrs.field(converter=_tuple)
    """Where the facts come from (at least one)."""
    notes: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    """Remarks in our own words, e.g. where sources disagree."""
    unknowns: tuple[Unknown, ...] = attrs.field(default=(), converter=_tuple)
    """What is known not to be known about this record."""
    added_in: str
    """The data version (``DATA_VERSION``) in which the record first appeared."""
    changed_in: str | None = None
    """The data version in which the record last changed (``None``: never since added)."""
    override: bool = False
    """True when this record, from a user's data, replaces the bundled record with its id."""


@attrs.frozen(kw_only=True, repr=False)
class Topic:
    """A node of the topic taxonomy (a tree); records are tagged with topic ids."""

    __repr__ = _short_repr

    collection: ClassVar[str] = "topics"

    id: str
    """A stable lowercase slug."""
    label: str
    """The topic's name."""
    parent: str | None = attrs.field(default=None, metadata={REFERS_TO: "topics"})
    """The id of the broader topic (None at the top of the tree)."""
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    """Other names a query may use for the topic."""
    description: str | None = None
    """What the topic covers."""
    added_in: str
    """The data version in which the topic first appeared."""
    changed_in: str | None = None
    """The data version in which the topic last changed."""
    override: bool = False
    """True when this topic, from a user's data, replaces the bundled topic with its id."""


@attrs.frozen(kw_only=True, repr=False)
class PrincipleConcept:
    """A concept that principles of different instruments share, for comparing them.

    The vocabulary is cisai's own (like the topics), so it carries no sources; which
    concepts a principle maps to is cisai's editorial judgement, not a claim of a source.
    """

    __repr__ = _short_repr

    collection: ClassVar[str] = "principle_concepts"

    id: str
    """A stable lowercase slug (``"transparency"``)."""
    label: str
    """The concept's English name."""
    label_ru: str | None = None
    """The concept's Russian name."""
    definition: str
    """What the concept covers, in our own words."""
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    """Other names a query may use for the concept."""
    added_in: str
    """The data version in which the concept first appeared."""
    changed_in: str | None = None
    """The data version in which the concept last changed."""
    override: bool = False
    """True when this concept, from a user's data, replaces the bundled concept with its id."""


@attrs.frozen(kw_only=True, repr=False)
class Jurisdiction(Record):
    """A state or an international organisation whose instruments the data covers."""

    collection: ClassVar[str] = "jurisdictions"

    code: str
    """ISO 3166-1 alpha-2 code for a state (``"BY"``), an upper-case acronym otherwise."""
    name: str
    """The English name."""
    names: tuple[Title, ...] = attrs.field(default=(), converter=_tuple)
    """Names in other languages."""
    kind: JurisdictionKind
    """A state, an international organisation or an interstate union."""
    model_law_participant: bool | None = None
    """Whether its deputies took part in drafting and adopting the model law (None: unknown)."""
    alpha_3: str | None = None
    """ISO 3166-1 alpha-3 code of a state (``"BLR"``), so lookups accept it too."""


@attrs.frozen(kw_only=True, repr=False)
class Body(Record):
    """An organisation or office: an assembly, a ministry, an academy, a centre, ..."""

    collection: ClassVar[str] = "bodies"

    name: str
    """The English name."""
    names: tuple[Title, ...] = attrs.field(default=(), converter=_tuple)
    """Names in other languages."""
    kind: BodyKind
    """What sort of body it is."""
    jurisdiction: str | None = attrs.field(default=None, metadata={REFERS_TO: "jurisdictions"})
    """The code of the jurisdiction the body belongs to (``"BY"``, ``"CIS"``, ...)."""
    parent: str | None = attrs.field(default=None, metadata={REFERS_TO: "bodies"})
    """The id of the body it belongs to or works under."""
    established_by: str | None = attrs.field(default=None, metadata={REFERS_TO: "instruments"})
    """The id of the instrument that created it, where known."""


@attrs.frozen(kw_only=True, repr=False)
class Instrument(Record):
    """A policy instrument: a law, decree, concept, strategy, institution, statement, ..."""

    collection: ClassVar[str] = "instruments"

    kind: InstrumentKind
    """What sort of instrument it is."""
    titles: tuple[Title, ...] = attrs.field(converter=_tuple)
    """Every title the sources give; the first is English and is the display title."""
    number: str | None = None
    """Its number as the act gives it (``"99-З"``), where known."""
    jurisdiction: str = attrs.field(metadata={REFERS_TO: "jurisdictions"})
    """The code of the jurisdiction it belongs to (``"BY"``, ``"CIS"``, ...)."""
    issuers: tuple[str, ...] = attrs.field(
        default=(), converter=_tuple, metadata={REFERS_TO: "bodies"}
    )
    """Ids of the bodies that issued it."""
    date: PartialDate | None = None
    """The date of its defining event (adoption, signature, approval, ...)."""
    status: InstrumentStatus
    """Where it stands, as of the data version that last changed it."""
    topics: tuple[str, ...] = attrs.field(
        default=(), converter=_tuple, metadata={REFERS_TO: "topics"}
    )
    """Ids of the topics it is tagged with."""
    summary: str
    """Our own words, never the act's wording."""
    events: tuple[Event, ...] = attrs.field(default=(), converter=_tuple)
    """Its timeline, in chronological order."""
    relations: tuple[Relation, ...] = attrs.field(default=(), converter=_tuple)
    """Its typed links to other instruments."""

    @property
    def title(self) -> str:
        """The display (English) title."""
        return self.titles[0].text

    def titles_in(self, lang: str) -> tuple[Title, ...]:
        """The titles given in one language (``"ru"``, ``"be"``, ...)."""
        return tuple(t for t in self.titles if t.lang == lang)


_CONCEPTS_NOTE = (
    "Ids of principle concepts. The mapping is cisai's editorial judgement, "
    "not a claim of the source."
)


@attrs.frozen(kw_only=True, repr=False)
class Principle(Record):
    """A principle of an instrument, as the sources report it.

    ``concepts`` map it to the shared vocabulary of principle concepts for comparing
    instruments; that mapping is cisai's editorial judgement, not a claim of the
    source. ``name`` is our English rendering; ``names`` are the names as the sources
    give them. ``wording`` is only ever set from the official text (attestation
    ``official_text``); a principle described by officials or the press is a reported
    statement, and its ``gist`` is in our own words.
    """

    collection: ClassVar[str] = "principles"

    instrument: str = attrs.field(metadata={REFERS_TO: "instruments"})
    """The id of the instrument the principle belongs to."""
    name: str
    """A short English name: our rendering, not the source's words."""
    names: tuple[Title, ...] = attrs.field(default=(), converter=_tuple)
    """The name as the sources give it, in their language (official, or a source's translation)."""
    concepts: tuple[str, ...] = attrs.field(
        default=(),
        converter=_tuple,
        metadata={"description": _CONCEPTS_NOTE, REFERS_TO: "principle_concepts"},
    )
    """Ids of principle concepts: cisai's editorial mapping, not a claim of the source."""
    locators: tuple[Locator, ...] = attrs.field(default=(), converter=_tuple)
    """Where sources place it in the act (article, paragraph), each with its source."""
    gist: str
    """What the principle says, in our own words."""
    wording: str | None = None
    """The principle's words, only ever from the official text (attestation ``official_text``)."""
    reported_by: str | None = None
    """Who stated it (a person and role), when it is a reported statement."""
    date: PartialDate | None = None
    """When it was stated or reported."""
    topics: tuple[str, ...] = attrs.field(
        default=(), converter=_tuple, metadata={REFERS_TO: "topics"}
    )
    """Ids of the topics it is tagged with."""


@attrs.frozen(kw_only=True, repr=False)
class Competency(Record):
    """A power an instrument gives to a body or a role."""

    collection: ClassVar[str] = "competencies"

    instrument: str = attrs.field(metadata={REFERS_TO: "instruments"})
    """The id of the instrument that gives the power."""
    holder: str | None = attrs.field(default=None, metadata={REFERS_TO: "bodies"})
    """The id of the body that holds it, where the sources name one."""
    holder_role: str | None = None
    """The role holding it when no body is named (e.g. "the authorized body")."""
    kind: CompetencyKind
    """What sort of power it is."""
    name: str | None = None
    """A short English name of the power: our rendering, not the source's words."""
    names: tuple[Title, ...] = attrs.field(default=(), converter=_tuple)
    """The power's name as the sources give it, in their language."""
    locators: tuple[Locator, ...] = attrs.field(default=(), converter=_tuple)
    """Where sources place it in the act (article, paragraph), each with its source."""
    gist: str
    """What it empowers, in our own words."""
    topics: tuple[str, ...] = attrs.field(
        default=(), converter=_tuple, metadata={REFERS_TO: "topics"}
    )
    """Ids of the topics it is tagged with."""


@attrs.frozen(kw_only=True, repr=False)
class Prohibition(Record):
    """Something an instrument forbids, as the sources report it.

    ``wording`` is only ever set from the official text (attestation ``official_text``).
    """

    collection: ClassVar[str] = "prohibitions"

    instrument: str = attrs.field(metadata={REFERS_TO: "instruments"})
    """The id of the instrument that forbids it."""
    name: str
    """A short English name: our rendering, not the source's words."""
    names: tuple[Title, ...] = attrs.field(default=(), converter=_tuple)
    """The name as the sources give it, in their language."""
    locators: tuple[Locator, ...] = attrs.field(default=(), converter=_tuple)
    """Where sources place it in the act (article, paragraph), each with its source."""
    gist: str
    """What is forbidden, in our own words."""
    wording: str | None = None
    """The prohibition's words, only ever from the official text (attestation ``official_text``)."""
    topics: tuple[str, ...] = attrs.field(
        default=(), converter=_tuple, metadata={REFERS_TO: "topics"}
    )
    """Ids of the topics it is tagged with."""


@attrs.frozen(kw_only=True, repr=False)
class Objective(Record):
    """A regulatory objective of an instrument, as stated by its drafters or issuer."""

    collection: ClassVar[str] = "objectives"

    instrument: str = attrs.field(metadata={REFERS_TO: "instruments"})
    """The id of the instrument it belongs to."""
    gist: str
    """The objective, in our own words."""
    stated_by: str | None = None
    """Who stated it."""
    date: PartialDate | None = None
    """When it was stated (objectives stated during drafting may differ from the final text)."""
    topics: tuple[str, ...] = attrs.field(
        default=(), converter=_tuple, metadata={REFERS_TO: "topics"}
    )
    """Ids of the topics it is tagged with."""


@attrs.frozen(kw_only=True, repr=False)
class Provision(Record):
    """A part (block) of an instrument's content that the sources say it has."""

    collection: ClassVar[str] = "provisions"

    instrument: str = attrs.field(metadata={REFERS_TO: "instruments"})
    """The id of the instrument it belongs to."""
    part: ProvisionPart
    """Which part of the content it is."""
    gist: str
    """What the sources say the part contains, in our own words."""
    wording: str | None = None
    """Only from the official text."""
    topics: tuple[str, ...] = attrs.field(
        default=(), converter=_tuple, metadata={REFERS_TO: "topics"}
    )
    """Ids of the topics it is tagged with."""


@attrs.frozen(kw_only=True, repr=False)
class LifecycleStage(Record):
    """A stage of the AI lifecycle that an instrument is said to cover."""

    collection: ClassVar[str] = "lifecycle_stages"

    instrument: str = attrs.field(metadata={REFERS_TO: "instruments"})
    """The id of the instrument that covers the stage."""
    name: str
    """The stage's name."""
    gist: str | None = None
    """What the sources say about it."""


@attrs.frozen(kw_only=True, repr=False)
class ReviewProcess(Record):
    """How a draft was reviewed before adoption."""

    collection: ClassVar[str] = "review_processes"

    instrument: str = attrs.field(metadata={REFERS_TO: "instruments"})
    """The id of the reviewed instrument."""
    gist: str
    """How the review went, in our own words."""
    stage_count: int | None = None
    """How many review stages there were, where reported."""
    comments_per_stage: str | None = None
    """The size of the comments each participant sent per stage, as reported."""


AnyRecord: TypeAlias = (
    Topic
    | PrincipleConcept
    | Jurisdiction
    | Body
    | Instrument
    | Principle
    | Competency
    | Prohibition
    | Objective
    | Provision
    | LifecycleStage
    | ReviewProcess
)

RECORD_TYPES: tuple[type[AnyRecord], ...] = typing.get_args(AnyRecord)
"""Every record type, in the order their collections appear in files and documents: the
union above, read at run time, so the two cannot differ."""

TYPE_NAMES: Mapping[type, str] = {
    cls: "".join(f"_{c}" if c.isupper() and i else c for i, c in enumerate(cls.__name__)).lower()
    for cls in RECORD_TYPES
}
"""Each record type's snake_case name (``LifecycleStage`` -> ``"lifecycle_stage"``): the
``type`` of a JSON Lines or CSV row, and the CLI's name for the type."""

PROVENANCE_FIELDS: tuple[str, ...] = tuple(a.name for a in attrs.fields(Record) if a.name != "id")
"""How a record is known and when it entered the data, in the order outputs give them
(after the id and the record's own fields)."""


_FIELD_ORDER: dict[type, tuple[str, ...]] = {}
"""Filled on first use (each entry computed the same whoever fills it first). Not
``functools.cache``: its wrapper would make the public signature take ``Hashable``."""


def field_order(cls: type) -> tuple[str, ...]:
    """A record type's fields in the order every output gives them: ``id``, the type's
    own fields, then its provenance (:data:`PROVENANCE_FIELDS`).

    >>> field_order(Topic)
    ('id', 'label', 'parent', 'aliases', 'description', 'added_in', 'changed_in', 'override')
    """
    order = _FIELD_ORDER.get(cls)
    if order is None:
        names = [a.name for a in attrs.fields(cls)]
        own = [n for n in names if n != "id" and n not in PROVENANCE_FIELDS]
        tail = [n for n in PROVENANCE_FIELDS if n in names]
        order = ("id", *own, *tail) if "id" in names else tuple(names)
        _FIELD_ORDER[cls] = order
    return order


SEARCHED_FIELDS: tuple[tuple[str, ...], ...] = (
    ("titles", "names", "name", "label", "aliases"),
    ("id", "number", "code"),
    ("summary", "gist", "description", "wording"),
    ("notes",),
)
"""The fields word search reads (``cisai.search``, the ``text`` criterion), in groups,
best first: a hit in an earlier group ranks higher. A record type searches those of
them it has."""
