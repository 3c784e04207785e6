"""Every page of a journey runs under the project's Content-Security-Policy; the browser's reports of a
violation are collected and fail the test."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, ConsoleMessage

# Injected by the browser before any page script (outside the page's CSP): every violation the
# browser reports becomes a console message the fixtures collect.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber} sample=${e.sample}`);
});
"""


def watch_csp(context: BrowserContext) -> list[str]:
    violations: list[str] = []
    context.add_init_script(REPORT_CSP_VIOLATIONS)

    def on_console(message: ConsoleMessage) -> None:
        if "CSP violation" in message.text or "Content Security Policy" in message.text:
            violations.append(f"{message.page.url if message.page else ''}: {message.text}")

    context.on("console", on_console)
    return violations


def no_csp_violations(violations: list[str]) -> None:
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
