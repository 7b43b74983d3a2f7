//! Word's automatic numbering, fuzzed by its structure rather than its bytes. The input is
//! decoded (with `arbitrary`'s `Unstructured`, as libfuzzer-sys re-exports it) into list
//! definitions — levels, starts and start overrides (small, at Word's limit of 32767, at and
//! past `u32::MAX`, negative, thirty digits, not a number), formats, number texts made of
//! `%1`…`%9` and other characters, restarts, legal numbering, level styles — paragraph styles
//! that carry numbering, and a body of paragraphs that use them, a paragraph possibly repeated
//! hundreds of times so that counters run on. The three parts are written as well-formed
//! WordprocessingML, packed into a zip and read with `read_docx`, tracked changes accepted.
//!
//! Checks: a mandate or a refusal, never a panic; a refusal names a part of the package; a
//! mandate's provisions stay in order within the body's paragraphs and every provision text is
//! bounded by the body's text plus the labels Word's limits allow (no label of thousands of
//! letters).
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use policycheck::mandate::{read_docx, ReadOptions};
use std::fmt::Write as _;
use std::io::Write as _;
use zip::write::SimpleFileOptions;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The most paragraphs in a body: enough for counters to run past 260 letters and past 32767.
const MAX_PARAGRAPHS: usize = 1200;

const FORMATS: [&str; 12] = [
    "decimal",
    "decimalZero",
    "lowerLetter",
    "upperLetter",
    "lowerRoman",
    "upperRoman",
    "bullet",
    "none",
    "ordinal",
    "cardinalText",
    "chicago",
    "",
];

const TEXTS: [&str; 10] = [
    "The Security Council,",
    "Recalling its resolution 2100 (2013),",
    "Decides that the Mission shall monitor the borders;",
    "Requests the Secretary-General to report;",
    "To protect civilians;",
    "(a) To support the transition;",
    "Calls upon Member States to contribute troops;",
    "Decides to remain seized of the matter.",
    "",
    "and shall patrol;",
];

/// Escapes text for an attribute value or element content.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A start or start override value, as written in `w:val`.
fn start(u: &mut Unstructured) -> Result<String> {
    // Mostly starts Word accepts, so that most drafts are read and their labels computed.
    Ok(match u.int_in_range(0..=15u8)? {
        0..=8 => u.int_in_range(0..=60u32)?.to_string(),
        9 => u.int_in_range(230..=300u32)?.to_string(),
        10 => u.int_in_range(32_760..=32_775u32)?.to_string(),
        11 => (u32::MAX - u.int_in_range(0..=3u32)?).to_string(),
        12 => u.arbitrary::<u32>()?.to_string(),
        13 => format!("-{}", u.int_in_range(0..=5u32)?),
        14 => "123456789012345678901234567890".to_string(),
        _ => ["", "x", " 7 ", "+3", "1e3", "0x10"][u.int_in_range(0..=5usize)?].to_string(),
    })
}

/// Number texts as drafts use them: paragraphs, letters, romans, legal numbering.
const LEVEL_TEXTS: [&str; 10] = [
    "%1.",
    "(%2)",
    "(%3)",
    "%1.%2",
    "%1.%2.%3",
    "%1.%2.",
    "%2)",
    "Article %1",
    "%1",
    "",
];

/// A number text (`w:lvlText`): half the time one drafts use, else placeholders, separators
/// and other characters — mostly a few, sometimes up to 48 (past Word's 31).
fn level_text(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1, 2)? {
        return Ok(LEVEL_TEXTS[u.int_in_range(0..=LEVEL_TEXTS.len() - 1)?].to_string());
    }
    let n = if u.ratio(1, 8)? {
        u.int_in_range(0..=48usize)?
    } else {
        u.int_in_range(0..=6usize)?
    };
    let mut s = String::new();
    for _ in 0..n {
        match u.int_in_range(0..=9u8)? {
            0..=4 => {
                let _ = write!(s, "%{}", u.int_in_range(0..=10u8)?);
            }
            5 => s.push('.'),
            6 => s.push_str(["(", ")", " ", "\t"][u.int_in_range(0..=3usize)?]),
            7 => s.push('%'),
            8 => s.push(char::from(u.int_in_range(b'A'..=b'z')?)),
            _ => s.push(['é', '．', '１', '\u{a0}', '—'][u.int_in_range(0..=4usize)?]),
        }
    }
    Ok(s)
}

/// A list level (`w:lvl`), `ilvl` usually 0–8.
fn level(u: &mut Unstructured, out: &mut String, styles: &[String]) -> Result<()> {
    let ilvl = if u.ratio(1, 16)? {
        u.int_in_range(9..=300u32)?
    } else {
        u.int_in_range(0..=8u32)?
    };
    let _ = write!(out, r#"<w:lvl w:ilvl="{ilvl}">"#);
    if !u.ratio(1, 10)? {
        let _ = write!(out, r#"<w:start w:val="{}"/>"#, esc(&start(u)?));
    }
    let format = FORMATS[u.int_in_range(0..=FORMATS.len() - 1)?];
    let _ = write!(out, r#"<w:numFmt w:val="{format}"/>"#);
    if u.ratio(1, 4)? {
        let _ = write!(
            out,
            r#"<w:lvlRestart w:val="{}"/>"#,
            u.int_in_range(0..=10u32)?
        );
    }
    if u.ratio(1, 6)? {
        out.push_str("<w:isLgl/>");
    }
    if !styles.is_empty() && u.ratio(1, 5)? {
        let s = &styles[u.int_in_range(0..=styles.len() - 1)?];
        let _ = write!(out, r#"<w:pStyle w:val="{s}"/>"#);
    }
    let _ = write!(out, r#"<w:lvlText w:val="{}"/>"#, esc(&level_text(u)?));
    out.push_str("</w:lvl>");
    Ok(())
}

/// `w:numPr` with either half possibly missing.
fn num_pr(u: &mut Unstructured, nums: u32) -> Result<String> {
    let mut s = String::from("<w:numPr>");
    if !u.ratio(1, 8)? {
        let _ = write!(s, r#"<w:ilvl w:val="{}"/>"#, u.int_in_range(0..=9u32)?);
    }
    if !u.ratio(1, 8)? {
        let _ = write!(s, r#"<w:numId w:val="{}"/>"#, u.int_in_range(0..=nums + 1)?);
    }
    s.push_str("</w:numPr>");
    Ok(s)
}

/// The three parts: document, numbering, styles.
fn parts(u: &mut Unstructured) -> Result<(String, String, String)> {
    let styles: Vec<String> = (0..u.int_in_range(0..=3u8)?)
        .map(|i| format!("S{i}"))
        .collect();
    let abstracts = u.int_in_range(1..=3u32)?;
    let nums = u.int_in_range(1..=4u32)?;

    let mut numbering =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}">"#);
    for a in 0..abstracts {
        let _ = write!(numbering, r#"<w:abstractNum w:abstractNumId="{a}">"#);
        for _ in 0..u.int_in_range(0..=9u8)? {
            level(u, &mut numbering, &styles)?;
        }
        numbering.push_str("</w:abstractNum>");
    }
    for n in 1..=nums {
        let _ = write!(
            numbering,
            r#"<w:num w:numId="{n}"><w:abstractNumId w:val="{}"/>"#,
            u.int_in_range(0..=abstracts)?
        );
        for _ in 0..u.int_in_range(0..=2u8)? {
            let _ = write!(
                numbering,
                r#"<w:lvlOverride w:ilvl="{}">"#,
                u.int_in_range(0..=9u32)?
            );
            if u.ratio(3, 4)? {
                let _ = write!(
                    numbering,
                    r#"<w:startOverride w:val="{}"/>"#,
                    esc(&start(u)?)
                );
            }
            if u.ratio(1, 4)? {
                level(u, &mut numbering, &styles)?;
            }
            numbering.push_str("</w:lvlOverride>");
        }
        numbering.push_str("</w:num>");
    }
    numbering.push_str("</w:numbering>");

    let mut style_part =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}">"#);
    for (i, s) in styles.iter().enumerate() {
        let _ = write!(
            style_part,
            r#"<w:style w:type="paragraph" w:styleId="{s}">"#
        );
        if i > 0 && u.ratio(1, 2)? {
            let _ = write!(style_part, r#"<w:basedOn w:val="S{}"/>"#, i - 1);
        }
        if u.ratio(2, 3)? {
            let _ = write!(style_part, "<w:pPr>{}</w:pPr>", num_pr(u, nums)?);
        }
        style_part.push_str("</w:style>");
    }
    style_part.push_str("</w:styles>");

    let mut body = String::new();
    let mut paragraphs = 0usize;
    while paragraphs < MAX_PARAGRAPHS && !u.is_empty() {
        let mut p = String::from("<w:p><w:pPr>");
        if !styles.is_empty() && u.ratio(1, 4)? {
            let s = &styles[u.int_in_range(0..=styles.len() - 1)?];
            let _ = write!(p, r#"<w:pStyle w:val="{s}"/>"#);
        }
        if u.ratio(3, 4)? {
            p.push_str(&num_pr(u, nums)?);
        }
        let text = TEXTS[u.int_in_range(0..=TEXTS.len() - 1)?];
        let _ = write!(
            p,
            r#"</w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            esc(text)
        );
        // Mostly once; sometimes many times, so that counters run far on.
        let times = match u.int_in_range(0..=15u8)? {
            0 => u.int_in_range(2..=MAX_PARAGRAPHS)?,
            _ => 1,
        };
        for _ in 0..times.min(MAX_PARAGRAPHS - paragraphs) {
            body.push_str(&p);
        }
        paragraphs += times;
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    );
    Ok((document, numbering, style_part))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok((document, numbering, styles)) = parts(&mut u) else {
        return;
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in [
        ("word/document.xml", &document),
        ("word/numbering.xml", &numbering),
        ("word/styles.xml", &styles),
    ] {
        if zip.start_file(name, stored).is_err() || zip.write_all(part.as_bytes()).is_err() {
            return;
        }
    }
    let Ok(cursor) = zip.finish() else { return };
    let bytes = cursor.into_inner();
    match read_docx("fuzz.docx", &bytes, &ReadOptions::default()) {
        Ok(m) => {
            // Each paragraph gains at most a label and a space: 31 characters of number text
            // (4 bytes each at most), 9 level numbers of at most 15 characters
            // (mmmdccclxxxviii) each.
            let bound = document.len() + MAX_PARAGRAPHS * (31 * 4 + 9 * 15 + 1);
            let mut total = 0usize;
            for p in &m.provisions {
                assert!(p.first_line >= 1 && p.first_line <= p.last_line, "{p:?}");
                for c in &p.clauses {
                    assert!(c.start <= c.end && c.end <= p.text.len(), "{p:?}");
                }
                total += p.text.len();
            }
            assert!(
                total <= bound,
                "{total} bytes of text from {} of XML",
                document.len()
            );
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.contains("fuzz.docx"), "{message}");
        }
    }
});
