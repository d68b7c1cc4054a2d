"""``python -m munitions_model``: the seed reproduction and the command line."""

import sys

from munitions_model.cli import main

sys.exit(main())
