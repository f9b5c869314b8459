"""The vaults a restore set aside beside the vault (`vault.bordb.before-restore-<time>`): none is removed by
the app (the older may be the only copy of the latest work); an erasure names them, as it names the backups that
still hold the case."""

from __future__ import annotations

from pathlib import Path

from borapp.services.vault.vault import SIDECARS


def set_aside_vaults(target: Path) -> list[Path]:
    """Oldest first: each opens with the passphrase it had and still holds a case erased since, as a backup does."""
    target = Path(target)
    found = target.parent.glob(f"{target.name}.before-restore-*") if target.parent.is_dir() else []
    return sorted(p for p in found if not p.name.endswith((".keys",) + SIDECARS))
