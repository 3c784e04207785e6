"""What comes in from outside, checked before anything reads it: query parameters (params.py),
request sizes (limits.py), uploaded files (files.py, archives.py) and YAML (yamlsafe.py).

Every check answers in Vietnamese and never raises anything but its own error types, so that a bad
input becomes a message on the page and never a server error. Exports, the other direction, go
through xaso.documents.cells.
"""
