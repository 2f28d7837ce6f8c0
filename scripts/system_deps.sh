#!/usr/bin/env bash
# System packages the full test suite needs: Chromium for the browser tests, PostgreSQL for
# the shared edit-log tests, Tesseract (with Vietnamese and orientation data) and poppler for
# scanned PDFs, LibreOffice Writer for .doc/.rtf/.odt (and to rebuild the corpus). Idempotent.
set -uo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
tessdata=$(ls -d /usr/share/tesseract-ocr/*/tessdata 2>/dev/null | head -n1)
[ -n "$tessdata" ] && [ -f "$tessdata/vie.traineddata" ] || need+=(tesseract-ocr-vie)
[ -n "$tessdata" ] && [ -f "$tessdata/osd.traineddata" ] || need+=(tesseract-ocr-osd)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if ! command -v soffice >/dev/null 2>&1; then
  if apt-cache show libreoffice-writer-nogui >/dev/null 2>&1; then need+=(libreoffice-writer-nogui); else need+=(libreoffice-writer); fi
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1
fi
