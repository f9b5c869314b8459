"""The outbox screen's parts: the table model, the editor, the preview and printing from memory."""
