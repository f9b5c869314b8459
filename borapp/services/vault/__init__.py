"""The vault: the encrypted file, its keys, and caring for it (backups, restore, passphrase, who is working).

- `vault.Vault`: create, unlock, lock, rekey, recover, check; `vault.unlock_key`, `vault.vault_files`
- `keywrap`: the key file (the data key wrapped by passphrase and recovery key)
- `backup_file` (one encrypted backup file) and `backups` (scheduled, dated, rotated), `restore`
- `passphrase_change`, `passphrase_strength`; `record_counts` for `check` and the status bar
- `workspace.Workspace`: the open vault with the coordinator working, what every service call runs against
"""
