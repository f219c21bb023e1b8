"""The claims tracker: list, show, compare and history; recording a claim and moving it
through its lifecycle; the attribution sentence, in newsroom style."""
