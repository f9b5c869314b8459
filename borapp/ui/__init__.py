"""The desktop face: Qt widgets that show and edit, and call services. No SQL, no files."""
