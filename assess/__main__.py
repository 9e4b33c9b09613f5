"""``python -m assess``: see :mod:`assess.cli.parser`."""

import sys

from assess.cli.parser import main

if __name__ == "__main__":
    sys.exit(main())
