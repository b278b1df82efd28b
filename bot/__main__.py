"""``python -m bot`` is ``kesco-bot``."""

import sys

from bot.cli import main

sys.exit(main())
