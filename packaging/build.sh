#!/usr/bin/env bash
# Builds the one-folder application into dist/campaign-canvas/ with PyInstaller.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" -m pip install --quiet -e '.[package]'   # PyInstaller, as pyproject.toml bounds it
"$PY" -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
    packaging/campaign-canvas.spec
cp packaging/campaign-canvas.desktop packaging/io.campaigncanvas.CampaignCanvas.metainfo.xml \
    resources/icons/app.svg dist/campaign-canvas/
echo "Built dist/campaign-canvas/campaign-canvas"
