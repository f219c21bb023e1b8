"""``python -m claimtrack``: the command line."""

from claimtrack.cli import main

main(prog_name="claimtrack")
