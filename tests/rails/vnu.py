"""Validate many HTML documents with the Nu HTML Checker (vnu.jar from npm) in one JVM."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def pastikan_vnu() -> None:
    """Skip (or fail under CI=true) when java or vnu.jar is missing."""
    missing = []
    if shutil.which("java") is None:
        missing.append("java")
    if not VNU_JAR.exists():
        missing.append(str(VNU_JAR))
    if missing:
        msg = f"Nu HTML Checker unavailable (missing: {', '.join(missing)}); run `npm ci`."
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)


def validasi(dokumen: dict[str, str]) -> dict[str, list[str]]:
    """Return {name: [error messages]} for documents with errors; {} when all are valid."""
    if not dokumen:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, str] = {}  # file name → document name
        for i, (nama, html) in enumerate(dokumen.items()):
            path = Path(tmp) / f"doc{i}.html"
            path.write_text(html, encoding="utf-8")
            files[path.name] = nama
        argv = ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout"]
        proc = subprocess.run(  # noqa: S603 (fixed argv, our own temporary files)
            [*argv, *(str(Path(tmp) / f) for f in files)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    messages = json.loads(proc.stdout or "{}").get("messages", [])
    errors: dict[str, list[str]] = {}
    for m in messages:
        if m.get("type") == "error" or m.get("subType") == "fatal":
            nama = files.get(m.get("url", "").rsplit("/", 1)[-1], m.get("url", "?"))
            errors.setdefault(nama, []).append(
                f"line {m.get('lastLine', '?')}: {m.get('message')}"
                f" | {m.get('extract', '').strip()[:120]}"
            )
    if proc.returncode not in (0, 1) and not messages:
        raise RuntimeError(f"vnu failed: {proc.stderr[:2000]}")
    return errors
