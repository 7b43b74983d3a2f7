//! The JUnit XML report, for CI systems that show test results: one `<testsuite>` per
//! document (named by its path), one `<testcase>` per rule (name the rule id, classname the
//! document's path). A missing rule is a `<failure type="missing">` whose message is the
//! verdict and recommendation and whose body says where to look and what language would close
//! the gap. A partly met rule passes, with a `<system-out>` note saying so — unless the caller
//! asks for partial rules to fail (the CLI's `--fail-on partial`), when it is a
//! `<failure type="partial">`. Deterministic: no timestamps, no durations.

use crate::error::Error;
use crate::evaluate::Verdict;
use crate::report::finding::{document_findings, Finding};
use crate::report::view::{DocumentView, ReportView};
use crate::vocab::{inert, inert_lines};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

/// The view as JUnit XML. With `partial_fails` a partly met rule is a failure too; without
/// it, a passing test case with a note.
pub fn render_junit(view: &ReportView, partial_fails: bool) -> Result<String, Error> {
    let mut report = Report::new(view.tool.name.as_str());
    for document in &view.documents {
        report.add_test_suite(suite(document, &view.rulebook.id, partial_fails));
    }
    xml(&report)
}

/// The test suite of one document checked against the rulebook `rulebook`.
pub(crate) fn suite(document: &DocumentView, rulebook: &str, partial_fails: bool) -> TestSuite {
    let found = document_findings(document);
    // Names on one line and text without control characters or lines that begin with a
    // workflow command, for CI logs that print the report.
    let path = inert(&document.path);
    let mut suite = TestSuite::new(path.as_ref());
    suite.add_property(("score", document.score_text.as_str()));
    suite.add_property(("rulebook", inert(rulebook).as_ref()));
    for rule in &document.rules {
        let finding = found.iter().find(|f| f.rule.id == rule.id);
        let fails = match rule.verdict {
            Verdict::Met => false,
            Verdict::Missing => true,
            Verdict::Partial => partial_fails,
        };
        let status = match finding {
            Some(f) if fails => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status
                    .set_message(inert(&f.summary()).as_ref())
                    .set_type(rule.verdict.as_str())
                    .set_description(inert_lines(&details(f)).as_ref());
                status
            }
            _ => TestCaseStatus::success(),
        };
        let mut case = TestCase::new(inert(&rule.id).as_ref(), status);
        case.set_classname(path.as_ref());
        if let (Some(f), false) = (finding, fails) {
            let out = format!("{}\n{}", f.summary(), details(f));
            case.set_system_out(inert_lines(&out).as_ref());
        }
        suite.add_test_case(case);
    }
    suite
}

/// A JUnit report as XML ending in a newline.
pub(crate) fn xml(report: &Report) -> Result<String, Error> {
    let mut xml = report.to_string().map_err(|e| Error::Io {
        action: "write",
        path: "JUnit report".into(),
        source: std::io::Error::other(e.to_string()),
    })?;
    if !xml.ends_with('\n') {
        xml.push('\n');
    }
    Ok(xml)
}

/// Where the finding stands and what would close it, on separate lines.
fn details(f: &Finding<'_>) -> String {
    let mut s = format!("{}:{}: {}", f.document.path, f.start_line, f.placement());
    if !f.rule.suggested.is_empty() {
        s.push_str("\nSuggested language: ");
        s.push_str(&f.rule.suggested);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample;
    use crate::report::view::ViewOptions;

    #[test]
    fn a_missing_rule_fails_and_a_met_one_passes() {
        let (rulebook, assessment) = sample();
        let view = ReportView::build(&rulebook, &[assessment], &ViewOptions::default());
        let xml = render_junit(&view, false).unwrap();
        assert!(
            xml.contains(r#"<testsuite name="drafts/one.md" tests="2""#),
            "{xml}"
        );
        assert!(xml.contains(r#"failures="1""#), "{xml}");
        assert!(xml.contains(r#"<testcase name="crime-task" classname="drafts/one.md"/>"#));
        assert!(xml.contains(r#"<failure message="Missing: Do Expert group." type="missing">"#));
        assert!(!xml.contains("time="), "no durations: {xml}");
        assert!(!xml.contains("timestamp"), "no timestamps: {xml}");
    }

    #[test]
    fn partial_rules_fail_only_when_asked() {
        let (rulebook, mut assessment) = sample();
        assessment.rules[1].verdict = Verdict::Partial;
        let view = ReportView::build(&rulebook, &[assessment], &ViewOptions::default());
        let lenient = render_junit(&view, false).unwrap();
        assert!(lenient.contains(r#"failures="0""#), "{lenient}");
        assert!(lenient.contains("<system-out>Partly met: Do Expert group."));
        let strict = render_junit(&view, true).unwrap();
        assert!(strict.contains(r#"type="partial""#), "{strict}");
    }
}
