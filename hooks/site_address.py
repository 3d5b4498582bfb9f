"""MkDocs hook: build for the address the site will be read at (tools/build_site.py sets both variables).

- SITE_URL=https://example.org/nn-optimization/ : the Chinese site is built for <SITE_URL>zh/ and the
  English one for <SITE_URL>en/ (sitemap, canonical links, 404 page, notebook downloads). Unset, the
  site_url of mkdocs.yml / mkdocs.en.yml stands.
- OFFLINE=true turns on Material's offline plugin (mkdocs.yml): pages link to .html files and search works
  from file://. This hook does the rest that file:// needs:
  - no instant navigation (it fetches pages, which file:// refuses);
  - the iframe-worker shim that runs search there comes from npm (node_modules), not from a CDN;
  - no <link rel="alternate"> in the head: Material's script fetches the other language's sitemap.xml for
    them (refused too); the language switcher, overrides/partials/alternate.html, needs no sitemap.
"""

import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
IFRAME_WORKER = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
IFRAME_WORKER_URI = "assets/iframe-worker/shim.js"  # the offline plugin adds a CDN copy unless one is named
ALTERNATE_LINK = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')


def offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(100)  # before the offline plugin, which looks for an iframe-worker polyfill
def on_config(config):
    base = os.environ.get("SITE_URL")
    if base:
        config.site_url = base.rstrip("/") + "/" + config.theme["language"] + "/"
    if offline(config):
        config.theme["features"] = [f for f in config.theme["features"] if f != "navigation.instant"]
        config.extra["polyfills"] = [IFRAME_WORKER_URI]
    return config


def on_files(files, config):
    if offline(config):
        if not IFRAME_WORKER.is_file():
            raise PluginError(f"{IFRAME_WORKER} is missing: run `make setup-site` (npm ci) first")
        files.append(File.generated(config, IFRAME_WORKER_URI, abs_src_path=str(IFRAME_WORKER)))
    return files


def on_post_page(output, page, config):
    if offline(config):
        output = ALTERNATE_LINK.sub("", output)
    return output
