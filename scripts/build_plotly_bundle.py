#!/usr/bin/env python3
"""Rebuild the partial plotly.js bundle that HTML reports embeds (``make plotly-bundle``; needs node and npm).

The trace list is the ``traces`` key of ``careerlib/templates/careerlib_offline/plotly-custom.json``
(``components``: optional plotly.js components, today only ``calendars``, left out to save 0.1 MB).
This script:

1. pins npm ``plotly.js`` in ``scripts/plotly-bundle/package.json`` to the plotly.js the installed
   Python plotly embeds (moving the pin with ``npm install --save-exact`` after a plotly upgrade),
   otherwise installs exactly ``package-lock.json`` (``npm ci``);
2. bundles ``plotly.js/lib/core`` plus those traces with the pinned esbuild, minified, with the
   options plotly.js uses for its own dist files;
3. writes ``plotly-custom.min.js`` (plotly.js's licence header kept, a header naming version and
   traces, licence notices of bundled packages at the end) and the manifest (version, size, sha256).

The same lock file and trace list give the same bytes. CI never runs this: the built file is committed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NPM_DIR = ROOT / "scripts" / "plotly-bundle"
BUNDLE_DIR = ROOT / "careerlib" / "templates" / "careerlib_offline"
MANIFEST = BUNDLE_DIR / "plotly-custom.json"
PLOTLY_JS = NPM_DIR / "node_modules" / "plotly.js"
ESBUILD = NPM_DIR / "node_modules" / ".bin" / "esbuild"
# plotly.js's own esbuild options (its esbuild-config.js), minified. CSS is only imported by map traces.
ESBUILD_OPTIONS = [
    "--bundle", "--minify", "--format=iife", "--global-name=Plotly", "--target=es2016",
    "--define:global=window", "--define:define.amd=false", "--loader:.css=empty",
    "--legal-comments=eof", "--log-level=warning",
]
# The UMD wrapper of plotly.js's dist files: the page gets window.Plotly, a bundler gets the module.
WRAPPER_HEAD = """(
 function(root, factory) {
  if (typeof module === "object" && module.exports) {
   module.exports = factory();
  } else {
   root.moduleName = factory();
  }
} (typeof self !== "undefined" ? self : this, () => {
"""
WRAPPER_TAIL = "\nwindow.Plotly = Plotly;\nreturn Plotly;\n}));\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="build into memory and exit 1 if the committed bundle differs (reproducibility)")
    args = parser.parse_args(argv)
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found: building the bundle needs node and npm (the reports only need the built file)")

    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    traces = sorted(set(manifest["traces"]))
    components = sorted(set(manifest.get("components", [])))
    version = python_plotlyjs_version()
    install(version)
    unknown = [t for t in traces + components if not (PLOTLY_JS / "lib" / f"{t}.js").exists()]
    if unknown:
        known = sorted(p.stem for p in (PLOTLY_JS / "lib").glob("*.js") if not p.stem.startswith(("index", "core")))
        sys.exit(f"{MANIFEST.name}: plotly.js {version} has no module {', '.join(unknown)}; known: {', '.join(known)}")

    bundle = build(traces, components, version)
    data = bundle.encode("utf-8")
    manifest = {
        "about": manifest["about"],
        "traces": traces,
        "components": components,
        "plotly.js": version,
        "esbuild": esbuild_version(),
        "bundle": "plotly-custom.min.js",
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    target = BUNDLE_DIR / manifest["bundle"]
    if args.check:
        same = target.exists() and target.read_bytes() == data
        print(f"{target.relative_to(ROOT)}: {'identical' if same else 'DIFFERS from'} a fresh build")
        return 0 if same else 1
    from careerlib.io import atomic_write_bytes, atomic_write_text

    atomic_write_bytes(target, data)
    atomic_write_text(MANIFEST, json.dumps(manifest, indent=2) + "\n")
    print(f"{target.relative_to(ROOT)}: plotly.js {version}, {len(traces)} traces "
          f"({', '.join(traces)}), {len(data) / 1e6:.2f} MB")
    return 0


def python_plotlyjs_version() -> str:
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def npm(*args: str) -> None:
    subprocess.run(["npm", *args, "--no-audit", "--no-fund"], cwd=NPM_DIR, check=True)


def install(version: str) -> None:
    """node_modules exactly as the lock file says, with plotly.js at ``version``."""
    package = json.loads((NPM_DIR / "package.json").read_text(encoding="utf-8"))
    if package["devDependencies"]["plotly.js"] != version:
        print(f"Python plotly embeds plotly.js {version}; moving the npm pin (package.json, package-lock.json)")
        npm("install", "--save-exact", f"plotly.js@{version}")
        return
    installed = NPM_DIR / "node_modules" / ".package-lock.json"
    locked = json.loads((NPM_DIR / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    if installed.exists():
        present = json.loads(installed.read_text(encoding="utf-8"))["packages"]
        # npm leaves out optional packages for other platforms (esbuild's binaries)
        if all(present.get(k) == v for k, v in locked.items() if k and not (v.get("optional") and k not in present)):
            return
    npm("ci")


def esbuild_version() -> str:
    return subprocess.run([str(ESBUILD), "--version"], capture_output=True, text=True, check=True).stdout.strip()


def entry_source(modules: list[str]) -> str:
    """What the bundle is: plotly.js's core with these trace (and component) modules registered."""
    modules = "".join(f"    require('plotly.js/lib/{m}'),\n" for m in modules)
    return f"var Plotly = require('plotly.js/lib/core');\nPlotly.register([\n{modules}]);\nmodule.exports = Plotly;\n"


def build(traces: list[str], components: list[str], version: str) -> str:
    body = subprocess.run(
        [str(ESBUILD), *ESBUILD_OPTIONS], input=entry_source(traces + components), cwd=NPM_DIR,
        capture_output=True, text=True, encoding="utf-8", check=True,
    ).stdout
    return header(traces, components, version) + WRAPPER_HEAD + body.rstrip("\n") + WRAPPER_TAIL


def header(traces: list[str], components: list[str], version: str) -> str:
    """plotly.js's own licence banner (from its dist file), then what this bundle holds."""
    dist = (PLOTLY_JS / "dist" / "plotly.js").read_text(encoding="utf-8")
    banner = re.match(r"/\*\*.*?\*/\n", dist, re.S)
    if banner is None or f"plotly.js v{version}" not in banner.group(0):
        sys.exit(f"plotly.js {version}: no licence banner at the top of dist/plotly.js; check the package")
    return banner.group(0) + (
        f"/* careerlib partial bundle of plotly.js {version} (MIT licence, as above; notices of the packages\n"
        f" * it bundles at the end). Traces: {', '.join(traces)}.\n"
        f" * Optional components: {', '.join(components) or 'none'}.\n"
        f" * Built by scripts/build_plotly_bundle.py with esbuild {esbuild_version()} from\n"
        f" * scripts/plotly-bundle/package-lock.json; edit the list in plotly-custom.json, then `make plotly-bundle`.\n"
        " */\n"
    )


if __name__ == "__main__":
    sys.exit(main())
