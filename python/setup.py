"""Builds tempctl's release binary (Swift) and bundles it in the package.

`pip install ./python` from a clone of the repository runs `swift build -c release --product
tempctl` in the repository root (the parent of this folder) and copies the binary and its resource
bundles into `tempctl/bin/`. Needs what the README's set-up installs (Swift 6, libgsl-dev,
libopenblas-dev, liblapacke-dev, libsqlite3-dev, zlib1g-dev, libhdf5-dev): `bash scripts/setup.sh`.
TEMPCTL_BINARY=/path/to/tempctl skips the build and bundles that binary instead.
"""
import os
import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


class BuildWithBinary(build_py):
    def run(self):
        super().run()
        binary = os.environ.get("TEMPCTL_BINARY")
        if binary:
            binary = Path(binary)
        else:
            if not (ROOT / "Package.swift").exists():
                raise SystemExit(f"tempctl: no Package.swift in {ROOT}; install from a clone of the repository "
                                 "(pip install ./python) or set TEMPCTL_BINARY to a built tempctl")
            if shutil.which("swift") is None:
                raise SystemExit("tempctl: `swift` is not on PATH; install Swift 6 and run `bash scripts/setup.sh` first")
            subprocess.run(["bash", str(ROOT / "scripts" / "setup.sh")], check=True)
            subprocess.run(["swift", "build", "-c", "release", "--product", "tempctl"], cwd=ROOT, check=True)
            binary = ROOT / ".build" / "release" / "tempctl"
        target = Path(self.build_lib) / "tempctl" / "bin"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(binary, target / "tempctl")
        # SwiftPM resource bundles (the default suggest model, SQLite's) live beside the binary.
        for bundle in binary.parent.glob("*.resources"):
            dest = target / bundle.name
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(bundle, dest)


setup(cmdclass={"build_py": BuildWithBinary})
