"""The edge cases' verdict: printed, and added to the run's JUnit report next to schemathesis' own."""

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from buffer_profiles_testkit.contract.edge_cases.runner import EdgeReport

SUITE_NAME = "contract edge cases"


SHOWN_PER_CHECK = 3  # failures printed in full per check; the JUnit report holds every one


def summary(report: EdgeReport) -> str:
    verdict = "all passed" if not report.failures else f"{len(report.failures)} failure(s)"
    if report.not_verified:
        verdict += f", {len(report.not_verified)} not verified"
    skipped = f", {report.skipped} skipped" if report.skipped else ""
    judging_ms = report.checks_seconds / max(report.cases, 1) * 1000
    return (
        f"edge cases: {report.cases} sent in {report.seconds:.1f} s{skipped}, {verdict} "
        f"(judging {judging_ms:.3f} ms a case)"
    )


def failure_lines(report: EdgeReport) -> list[str]:
    """The first few failures of each check in full, then how many more there are."""
    lines: list[str] = []
    shown: dict[str, int] = {}
    for failure in report.failures:
        shown[failure.check] = shown.get(failure.check, 0) + 1
        if shown[failure.check] <= SHOWN_PER_CHECK:
            lines.append(failure.describe())
    for check, count in shown.items():
        if count > SHOWN_PER_CHECK:
            lines.append(f"{check}: {count - SHOWN_PER_CHECK} more edge case(s) failed it (the JUnit report has all)")
    return lines


def failure_text(check: str, message: str, curl: str) -> str:
    # The same first line as schemathesis' custom-check failures, so that readers of the report find both.
    return f"- Edge check failed: `{check}`\n\n    {message}\n\n    {curl}\n"


def add_to_junit(path: Path, report: EdgeReport) -> None:
    """Append the edge cases as one more test suite (one test case per failing check, one for the rest)."""
    if path.exists():
        tree = ElementTree.parse(path)
        root = tree.getroot()
    else:
        root = ElementTree.Element("testsuites")
        tree = ElementTree.ElementTree(root)
    suite = ElementTree.SubElement(
        root, "testsuite", name=SUITE_NAME, tests=str(report.cases), failures=str(len(report.failures))
    )
    suite.set("time", f"{report.seconds:.3f}")
    for failure in report.failures:
        case = ElementTree.SubElement(suite, "testcase", name=failure.case, classname=SUITE_NAME)
        element = ElementTree.SubElement(case, "failure", type="failure", message=failure.check)
        element.text = failure_text(failure.check, failure.message, failure.curl)
    passed = report.cases - len({failure.case for failure in report.failures})
    ElementTree.SubElement(suite, "testcase", name=f"{passed} other edge cases", classname=SUITE_NAME)
    tree.write(path, encoding="utf-8", xml_declaration=True)
