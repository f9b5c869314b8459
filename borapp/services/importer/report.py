"""What an import did or would do: counts, problems per row and column, warnings, new names, notes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Problem:
    """One problem or warning. `row` as a spreadsheet numbers it (the header is row 1), 0 for the whole file;
    `column` the canonical column ('' for the whole row); `heading` the column as the file spells it."""

    row: int
    column: str
    message: str
    heading: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ImportReport:
    kind: str
    path: str = ""
    dry_run: bool = False
    skip_invalid: bool = False
    rows: int = 0  # data rows read (empty lines not counted)
    created: int = 0
    updated: int = 0
    unchanged: list[str] = field(default_factory=list)  # records already in the vault that the file leaves as they are
    would_change: list[int] = field(default_factory=list)  # rows refused: they would change a case (no `update`)
    written: bool = False  # the changes were committed (never on a dry run)
    fatal: bool = False  # the file as a whole cannot be imported (e.g. a required column is missing)
    not_a_list: bool = False  # fatal as no column heading is known: another file altogether, said in one error
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    new_organisations: list[str] = field(default_factory=list)
    new_municipalities: list[str] = field(default_factory=list)
    new_coordinators: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    possible_duplicates: list[str] = field(default_factory=list)

    # ---- recording ----------------------------------------------------------------------------------------------

    def error(self, row: int, column: str, message: str, heading: str = "") -> None:
        self.errors.append(Problem(row, column, message, heading or column))

    def warn(self, row: int, column: str, message: str, heading: str = "") -> None:
        self.warnings.append(Problem(row, column, message, heading or column))

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)

    def duplicate(self, message: str) -> None:
        if message not in self.possible_duplicates:
            self.possible_duplicates.append(message)

    def settle(self, columns: dict[str, int]) -> None:
        """Once every row is checked: a bad row keeps only its errors (a warning about what it would import says
        nothing of a row that is not imported), and problems go by row, then by column in `columns`' order (the
        sheet's), so the file can be walked top-down (the vault's checks came after every row's own)."""
        bad = set(self.bad_rows)
        self.warnings = [w for w in self.warnings if w.row not in bad]

        def place(problem: Problem) -> tuple[int, int]:
            return problem.row, columns.get(problem.column, len(columns)) if problem.column else -1

        self.errors.sort(key=place)
        self.warnings.sort(key=place)

    # ---- reading ------------------------------------------------------------------------------------------------

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.errors if p.row > 1})

    @property
    def empty(self) -> bool:
        """The file held no data rows (only a header, or nothing)."""
        return not self.fatal and self.rows == 0

    @property
    def ok(self) -> bool:
        """True when the import went through as asked: no errors, or --skip-invalid and the good rows imported."""
        if self.fatal:
            return False
        if not self.errors:
            return True
        return self.skip_invalid and (self.created + self.updated + len(self.unchanged)) > 0

    def to_dict(self) -> dict:
        return {
            "ok": self.ok, "kind": self.kind, "file": self.path, "dry_run": self.dry_run, "rows": self.rows,
            "created": self.created, "updated": self.updated, "unchanged": len(self.unchanged),
            "imported": self.written,
            "errors": [p.to_dict() for p in self.errors], "skipped": list(self.skipped),
            "warnings": [p.to_dict() for p in self.warnings], "unknown_columns": list(self.unknown_columns),
            "new_organisations": list(self.new_organisations),
            "new_municipalities": list(self.new_municipalities),
            "new_coordinators": list(self.new_coordinators), "notes": list(self.notes),
            "possible_duplicates": list(self.possible_duplicates),
        }
