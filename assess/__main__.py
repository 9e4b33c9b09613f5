"""``python -m assess``: see :mod:`assess.cli`."""

import sys

from assess.cli import main

if __name__ == "__main__":
    sys.exit(main())
