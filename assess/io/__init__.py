"""Files in and out, safely: atomic writes and Excel text that cannot run as a formula."""
