#!/usr/bin/env bash
# Debian packages the PDF, the browser tests (three engines) and the HTML checker need. Installs what is missing
# when run as root, otherwise says exactly what to install and fails.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)   # the W3C Nu HTML checker (vnu-jar)
# The other engines of tests/test_engines.py: Gecko (Firefox, driven over its own WebDriver BiDi) and WebKit
# (WebKitGTK's MiniBrowser, which libwebkit2gtk-4.1-0 brings, through WebKitWebDriver, on an Xvfb display).
command -v firefox-esr >/dev/null 2>&1 || need+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || need+=(webkit2gtk-driver)
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
# grep reads all of fc-list's output: with -q it would stop early, and pipefail would see SIGPIPE.
fc-list 2>/dev/null | grep 'Noto Sans CJK' >/dev/null || need+=(fonts-noto-cjk)
# The PDFs' faces are named in docs/assets/stylesheets/print.css: Noto Sans CJK JP and DejaVu Sans (+ Mono).
fc-list 2>/dev/null | grep 'DejaVu Sans Mono' >/dev/null || need+=(fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  echo "Missing system packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
