"""`python -m jiceng`: the command line, the only layer of jiceng that prints."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import jiceng


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m jiceng",
        description=(
            "jiceng (基层): typed entities and state machines for grassroots governance. "
            "The main job, a policy simulation of a seed preset that prints its report, "
            "arrives with jiceng.sim; this release ships the kernel."
        ),
    )
    parser.add_argument("--version", action="version", version=f"jiceng {jiceng.__version__}")
    parser.parse_args(argv)
    print(f"jiceng {jiceng.__version__}")
    print("Kernel: " + ", ".join(name for name in jiceng.__all__ if not name.startswith("_")))
    print("The policy simulation (a 娄底-scale year of grid events, points and dividends)")
    print("is not part of this release yet; `python -m jiceng --help` will list its options.")
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through main()
    sys.exit(main())
