"""MkDocs hook: build the site for another origin, e.g. `SITE_ORIGIN=http://127.0.0.1:8123`.

Material's language switcher stays on the same page only when site_url is the address the site is
served from. The browser tests serve on a free port and `make serve PORT=...` on the chosen one;
this keeps the path of site_url (/zh/, /en/) and replaces only the origin.
"""

import os
from urllib.parse import urlsplit


def on_config(config):
    origin = os.environ.get("SITE_ORIGIN")
    if origin:
        config.site_url = origin.rstrip("/") + urlsplit(config.site_url).path
    return config
