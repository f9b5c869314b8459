"""The kill -9 harness's writer: open a vault through the production engine and commit cases until killed.

    python crash_writer.py VAULT CANARY SEED        (passphrase in BORAPP_PASSPHRASE)

Each committed case's id and ref are printed and flushed only after its commit returned, so every case the test
reads was durable when printed. Notes vary in size so the WAL grows and checkpoints happen while the writer is killed.
Imports stay lean (no Alembic, no services) so fifty writers start quickly.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
from pathlib import Path

from borapp.models import Case, Child, Parent, db
from borapp.services.vault.keywrap import KeyFile


def main(argv: list[str]) -> int:
    path, canary, seed = Path(argv[0]), argv[1], int(argv[2])
    data_key = KeyFile.read(path.with_name(path.name + ".keys")).unwrap("passphrase", os.environ["BORAPP_PASSPHRASE"])
    if data_key is None:
        print("wrong passphrase", file=sys.stderr)
        return 3
    engine = db.create_vault_engine(path, data_key)
    sessions = db.session_factory(engine)
    rng = random.Random(seed)
    for n in range(1_000_000):
        with sessions.begin() as session:
            case = Case(ref=f"crash-{os.getpid()}-{n}", registered_on=dt.date(2026, 3, 5),
                        notes=f"{canary} note " + "x" * rng.randrange(0, 12_000))
            case.parents.append(Parent(role="resident", name=f"{canary} parent", address=f"{canary} street 1"))
            case.children.append(Child(name=f"{canary} child"))
            session.add(case)
            session.flush()
            case_id, ref = case.id, case.ref
        print(case_id, ref, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
