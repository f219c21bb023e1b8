"""Write a synthetic package of N claims, for measuring claimtrack at scale.

    .venv/bin/python scripts/synth.py --rows 1000000 --out /tmp/synth-1m [--error-rate 0.01] [--seed 0]

With --error-rate, that share of claims is broken, one rule each; planted.json in the
package lists every planted problem (file, line, column, rule).
"""

import argparse
import sys
import time
from pathlib import Path

from claimtrack.synthetic import write_package

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True, help="how many claims")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write the package to")
    parser.add_argument("--error-rate", type=float, default=0.0, help="share of claims to break (0 to 1)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random generator")
    args = parser.parse_args()
    if not 0 <= args.error_rate <= 1:
        parser.error("--error-rate must be between 0 and 1")
    started = time.perf_counter()
    planted = write_package(args.out, rows=args.rows, error_rate=args.error_rate, seed=args.seed)
    size = (args.out / "data" / "claims.csv").stat().st_size
    print(
        f"wrote {args.rows:,} claims ({size / 1e6:.1f} MB) and {len(planted):,} planted problems "
        f"to {args.out} in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
