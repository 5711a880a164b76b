#!/usr/bin/env python3
"""Two independent checks of the documents' claims (tests/it/reports.rs), from PyPI, run in the
virtual environment `tests/setup` makes ($HOME/.cache/woonmonitor/venv):

  page (page-validation 0.11.0)  the Rust validator's PDF/UA-1 and PDF/A-1a profiles
  outloud 0.2.1                  PDF/UA-1 (Matterhorn) and WCAG 2.2 checks; no error, no warning

Usage: pdf_validators.py FILE.pdf...

Prints one line per file and check, `ok ...` or `FAIL ...` with the findings, then a summary.
Exit status 0 when every file passes every check, 1 when any fails; an import error (the
validators not installed) ends the script with status 1 before any line.
"""
import sys

import outloud
import page

PROFILES = [("page PDF/UA-1", "ua1"), ("page PDF/A-1a", "1a")]


def main(files):
    print(f"page {page.__version__}, outloud {outloud.__version__}")
    failed = 0
    for path in files:
        for label, profile in PROFILES:
            try:
                r = page.validate_pdf(path, profile=profile)
            except page.PageError as exc:
                failed += 1
                print(f"FAIL {label} {path}: {type(exc).__name__}: {exc}")
                continue
            if r.is_compliant and r.rules.failed == 0:
                print(f"ok   {label} {path}: {r.rules.passed}/{r.rules.total} rules")
            else:
                failed += 1
                why = "; ".join(f"{f.rule_id} {f.message}" for f in r.failures)
                print(f"FAIL {label} {path}: {r.rules.failed} of {r.rules.total} rules: {why}")
        r = outloud.check(path)
        if r.verdict == "pass":
            print(f"ok   outloud {path}: {r.infos} info")
        else:
            failed += 1
            why = r.error or "; ".join(
                f"{f.rule} {f.severity} {f.message}" for f in r.sorted_findings() if f.severity != "info"
            )
            print(f"FAIL outloud {path}: {r.verdict}: {why}")
    print(f"validators: {len(files)} files, {failed} failed checks")
    return 1 if failed or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
