//! The PDF reader (.pdf): turns a PDF draft or published resolution into the text the
//! plain-text reader already understands. The text layer of each page is extracted with
//! [`pdf_extract`] (which lays characters out by their position, so lines, blank lines between
//! paragraphs and the spaces between words come out as printed); page furniture is removed —
//! running headers and footers (a line repeated at the top or the bottom of most pages, such as
//! "S/RES/837 (1993)"), print dates, file paths and URLs, page numbers ("1/3", "Page 2",
//! "- 2 -") —; ligatures are spelt out; and the pages are joined and read by
//! [`read_text`], which also rejoins words hyphenated across lines. A
//! provision's line numbers are lines of that extracted text; [`pdf_text`] gives the page of
//! each.
//!
//! Refused, each with a plain message saying what to do: a file that is not a PDF or is
//! damaged, an encrypted PDF, a PDF without a text layer (a scan: OCR is out of scope), and a
//! PDF over the limits against PDF bombs ([`MAX_PAGES`], [`MAX_OBJECTS`],
//! [`MAX_STREAM_BYTES`], [`MAX_TOTAL_STREAM_BYTES`]). The extracting crate can panic on
//! malformed input; the reader catches that with [`std::panic::catch_unwind`] and refuses the
//! file as damaged.

use super::{read_text, Mandate, ReadOptions, SourceFormat};
use crate::error::{Diagnostic, Error};
use std::io::Read;

/// The most pages read: far above any resolution (the longest are about 60 pages).
pub const MAX_PAGES: usize = 2_000;
/// The most objects in one PDF.
pub const MAX_OBJECTS: usize = 500_000;
/// The largest a single compressed stream may decompress to (64 MiB).
pub const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;
/// The largest all compressed streams together may decompress to (256 MiB).
pub const MAX_TOTAL_STREAM_BYTES: u64 = 256 * 1024 * 1024;

/// The limits in force; smaller ones in tests.
#[derive(Debug, Clone, Copy)]
struct Limits {
    pages: usize,
    objects: usize,
    stream: u64,
    total: u64,
}

impl Limits {
    const DEFAULT: Limits = Limits {
        pages: MAX_PAGES,
        objects: MAX_OBJECTS,
        stream: MAX_STREAM_BYTES,
        total: MAX_TOTAL_STREAM_BYTES,
    };
}

/// The text of a PDF as the reader gives it to [`read_text`]: one line per entry, page
/// furniture removed, and the page (1-based) each line was printed on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfText {
    /// The lines, in reading order.
    pub lines: Vec<String>,
    /// The page of each line.
    pub pages: Vec<u32>,
}

impl PdfText {
    /// The text, one line after another.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            s.push_str(l);
            s.push('\n');
        }
        s
    }

    /// The page of a 1-based line number of [`PdfText::text`] (a provision's `first_line`).
    pub fn page_of(&self, line: u32) -> Option<u32> {
        self.pages.get((line as usize).checked_sub(1)?).copied()
    }
}

/// Reads a PDF draft from the bytes of its file. `label` names the source in the result and
/// in errors. Provision line numbers are lines of the extracted text ([`pdf_text`]).
pub fn read_pdf(label: &str, bytes: &[u8], options: &ReadOptions) -> Result<Mandate, Error> {
    let _ = options;
    let text = pdf_text_limited(label, bytes, Limits::DEFAULT)?;
    let mut mandate = read_text(label, &text.text(), SourceFormat::Pdf);
    mandate.path = label.to_string();
    mandate.pages = text.pages;
    Ok(mandate)
}

/// The extracted text of a PDF, page furniture removed, with each line's page.
pub fn pdf_text(label: &str, bytes: &[u8]) -> Result<PdfText, Error> {
    pdf_text_limited(label, bytes, Limits::DEFAULT)
}

fn refuse(label: &str, message: impl Into<String>, hint: &str) -> Error {
    Error::Mandate(Diagnostic::new(label, message.into()).hint(hint))
}

const DAMAGED_HINT: &str = "open it in a PDF viewer and print or save it again as PDF, or \
     export the draft as plain text (.txt), Markdown (.md) or Word (.docx)";
const ENCRYPTED_HINT: &str = "save it again without encryption (in a PDF viewer, or with \
     `qpdf --decrypt in.pdf out.pdf`), or export the draft as plain text";
const NO_TEXT_HINT: &str = "OCR is out of scope for policycheck: run OCR first (e.g. \
     `ocrmypdf scan.pdf draft.pdf`), or export the draft as text";

fn pdf_text_limited(label: &str, bytes: &[u8], limits: Limits) -> Result<PdfText, Error> {
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_none() {
        return Err(refuse(
            label,
            "this is not a PDF file: it does not start with %PDF-",
            DAMAGED_HINT,
        ));
    }
    check_streams(label, bytes, limits)?;
    let encrypted_raw = find(bytes, b"/Encrypt").is_some();
    let loaded = std::panic::catch_unwind(|| pdf_extract::Document::load_mem(bytes));
    let doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) if encrypted_raw => {
            return Err(refuse(
                label,
                format!("this PDF is encrypted and cannot be read ({e})"),
                ENCRYPTED_HINT,
            ))
        }
        Ok(Err(e)) => {
            return Err(refuse(
                label,
                format!("this PDF is damaged and cannot be read ({e})"),
                DAMAGED_HINT,
            ))
        }
        Err(_) => {
            return Err(refuse(
                label,
                "this PDF is damaged and cannot be read (its structure is broken)",
                DAMAGED_HINT,
            ))
        }
    };
    if doc.trailer.get(b"Encrypt").is_ok() || doc.is_encrypted() {
        return Err(refuse(
            label,
            "this PDF is encrypted: policycheck does not read encrypted PDFs",
            ENCRYPTED_HINT,
        ));
    }
    if doc.objects.len() > limits.objects {
        return Err(refuse(
            label,
            format!(
                "this PDF has {} objects, more than the limit of {} (a guard against PDF bombs)",
                doc.objects.len(),
                limits.objects
            ),
            DAMAGED_HINT,
        ));
    }
    let pages = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| doc.get_pages()))
        .map_err(|_| {
            refuse(
                label,
                "this PDF is damaged and cannot be read (its page tree is broken)",
                DAMAGED_HINT,
            )
        })?;
    if pages.len() > limits.pages {
        return Err(refuse(
            label,
            format!(
                "this PDF has {} pages, more than the limit of {} pages (a guard against PDF bombs)",
                pages.len(),
                limits.pages
            ),
            "split the document and check the draft on its own",
        ));
    }
    if pages.is_empty() {
        return Err(refuse(label, "this PDF has no pages", DAMAGED_HINT));
    }
    let mut texts: Vec<String> = Vec::with_capacity(pages.len());
    for number in pages.keys() {
        let page = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut out = Lines::default();
            pdf_extract::output_doc_page(&doc, &mut out, *number).map(|()| out.text)
        }));
        match page {
            Ok(Ok(s)) => texts.push(s),
            Ok(Err(e)) => {
                return Err(refuse(
                    label,
                    format!("the text of page {number} of this PDF cannot be read ({e})"),
                    DAMAGED_HINT,
                ))
            }
            Err(_) => {
                return Err(refuse(
                    label,
                    format!(
                    "the text of page {number} of this PDF cannot be read (the page is damaged)"
                ),
                    DAMAGED_HINT,
                ))
            }
        }
    }
    let text = assemble(&texts);
    if text.lines.iter().all(|l| l.trim().is_empty()) {
        return Err(refuse(
            label,
            format!(
                "this PDF has no text layer ({} {} of images or drawings only, as a scan is): there is nothing to read",
                texts.len(),
                if texts.len() == 1 { "page" } else { "pages" }
            ),
            NO_TEXT_HINT,
        ));
    }
    Ok(text)
}

/// Lays a page's characters out as lines, as `pdf_extract::PlainTextOutput` does, but with a
/// wider gap taken for a space: Chromium's PDFs place a kerned capital apart from the rest of
/// its word ("N ovember" with the narrower gap).
#[derive(Default)]
struct Lines {
    text: String,
    height: f64,
    last_end: f64,
    last_y: f64,
    started: bool,
    word_start: bool,
}

/// The gap between two characters, in ems, above which a space is put between them.
const SPACE_GAP: f64 = 0.3;

impl pdf_extract::OutputDev for Lines {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.started = false;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let (x, y) = (trm.m31, self.height - trm.m32);
        let fx = font_size * trm.m11 + font_size * trm.m21;
        let fy = font_size * trm.m12 + font_size * trm.m22;
        let size = (fx * fy).abs().sqrt();
        if self.started && self.word_start {
            let dy = (y - self.last_y).abs();
            if dy > size * 1.5 {
                self.text.push('\n');
            }
            if x < self.last_end && dy > size * 0.5 {
                self.text.push('\n');
            } else if x > self.last_end + size * SPACE_GAP {
                self.text.push(' ');
            }
        }
        self.text.push_str(char);
        self.started = true;
        self.word_start = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.word_start = true;
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// Measures what every compressed stream in the file decompresses to, without keeping it, and
/// refuses a file whose streams exceed the limits. Scans the raw bytes, so object streams
/// (which a PDF library unpacks as it loads) are measured before anything is loaded.
fn check_streams(label: &str, bytes: &[u8], limits: Limits) -> Result<(), Error> {
    let mut total: u64 = 0;
    let mut at = 0;
    let mut buf = vec![0u8; 64 * 1024];
    while let Some(i) = find(&bytes[at..], b"stream") {
        let mut start = at + i + b"stream".len();
        // "endstream" also contains "stream": skip it.
        if at + i >= 3 && &bytes[at + i - 3..at + i] == b"end" {
            at = start;
            continue;
        }
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |e| start + e);
        let data = &bytes[start..end];
        at = end.max(start);
        if data.len() < 2 || data[0] & 0x0F != 8 {
            // Not zlib data (an image, or another filter): not inflated when text is read.
            continue;
        }
        let mut decoder = flate2::read::ZlibDecoder::new(data);
        let mut size: u64 = 0;
        loop {
            match decoder.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    size += n as u64;
                    if size > limits.stream {
                        return Err(bomb(
                            label,
                            format!(
                                "a stream in this PDF decompresses to more than the limit of {} for one stream (a guard against PDF bombs)",
                                mb(limits.stream)
                            ),
                        ));
                    }
                    if total + size > limits.total {
                        return Err(bomb(
                            label,
                            format!(
                                "the streams of this PDF decompress to more than the limit of {} in all (a guard against PDF bombs)",
                                mb(limits.total)
                            ),
                        ));
                    }
                }
            }
        }
        total += size;
    }
    Ok(())
}

fn bomb(label: &str, message: String) -> Error {
    refuse(
        label,
        message,
        "a real draft is far smaller: check that the right file was named, or export the draft as plain text",
    )
}

fn mb(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{bytes} bytes")
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Lines at the top and at the bottom of a page where furniture is looked for.
const EDGE: usize = 3;

/// Joins the pages' text into lines, page furniture removed.
fn assemble(pages: &[String]) -> PdfText {
    let pages: Vec<Vec<String>> = pages
        .iter()
        .map(|p| p.lines().map(clean).collect())
        .collect();
    // Where furniture is looked for: the first and last EDGE lines with text of each page.
    let edges: Vec<Vec<usize>> = pages.iter().map(|lines| edge_lines(lines)).collect();
    // How many pages carry each edge line (digits ignored, so "Page 2" and "Page 3" count as one).
    let mut count: std::collections::BTreeMap<String, usize> = Default::default();
    for (lines, edge) in pages.iter().zip(&edges) {
        let mut seen: Vec<String> = edge.iter().map(|&i| key(&lines[i])).collect();
        seen.sort();
        seen.dedup();
        for k in seen {
            *count.entry(k).or_default() += 1;
        }
    }
    let n = pages.len();
    let repeated = |k: &str| n >= 2 && count.get(k).copied().unwrap_or(0) * 2 > n;
    let mut out = PdfText::default();
    for (p, (lines, edge)) in pages.iter().zip(&edges).enumerate() {
        let page = p as u32 + 1;
        let kept: Vec<&String> = lines
            .iter()
            .enumerate()
            .filter(|(i, l)| !(edge.contains(i) && (repeated(&key(l)) || is_furniture(l))))
            .map(|(_, l)| l)
            .collect();
        // Blank lines at the top and bottom of a page are margins, not paragraph breaks.
        let first = kept.iter().position(|l| !l.is_empty());
        let last = kept.iter().rposition(|l| !l.is_empty());
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        if let (Some(prev), Some(next)) = (out.lines.last(), kept.get(first)) {
            if ends_paragraph(prev, next) {
                out.lines.push(String::new());
                out.pages.push(page - 1);
            }
        }
        for l in &kept[first..=last] {
            out.lines.push((*l).clone());
            out.pages.push(page);
        }
    }
    out
}

/// Whether a page that ends with `prev` and a page that starts with `next` meet between two
/// paragraphs (a blank line is put between them) rather than inside one.
fn ends_paragraph(prev: &str, next: &str) -> bool {
    let next_first = next.split_whitespace().next().unwrap_or("");
    let starts_upper = next_first.chars().next().is_some_and(char::is_uppercase);
    let marker = next_first.ends_with('.')
        && next_first[..next_first.len() - 1]
            .chars()
            .all(|c| c.is_ascii_digit())
        || next_first.starts_with('(');
    prev.ends_with(';')
        || prev.ends_with('.')
        || prev.ends_with(':')
        || prev.ends_with(']')
        || (prev.ends_with(',') && (marker || (starts_upper && next_first.ends_with("ing"))))
}

/// Indices of the first and last EDGE lines that have text.
fn edge_lines(lines: &[String]) -> Vec<usize> {
    let with_text: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
    let mut v: Vec<usize> = with_text.iter().take(EDGE).copied().collect();
    v.extend(with_text.iter().rev().take(EDGE).copied());
    v.sort_unstable();
    v.dedup();
    v
}

/// A line with ligatures spelt out, spaces collapsed and trimmed.
fn clean(line: &str) -> String {
    let mut s = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        let lig = match c {
            '\u{FB00}' => "ff",
            '\u{FB01}' => "fi",
            '\u{FB02}' => "fl",
            '\u{FB03}' => "ffi",
            '\u{FB04}' => "ffl",
            '\u{FB05}' | '\u{FB06}' => "st",
            _ => "",
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !s.is_empty() {
            s.push(' ');
        }
        space = false;
        if lig.is_empty() {
            s.push(c);
        } else {
            s.push_str(lig);
        }
    }
    s
}

/// The line without spaces, lower case, every digit as `#`: how repeated furniture is
/// recognised (extraction sometimes spaces out the digits of a header: "1 2 /7 /2 6").
fn key(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c.is_ascii_digit() {
                '#'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Whether an edge line is page furniture on its own: a page number, a line that starts with
/// a print date and time, a URL or a file path.
fn is_furniture(line: &str) -> bool {
    let k = key(line);
    if k.is_empty() {
        return false;
    }
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c == '#');
    // "2", "- 2 -", "-2-", "1/3", "Page 2", "Page 2 of 3", "p. 2".
    let core = k.trim_matches(|c| c == '-' || c == '–' || c == '—');
    if digits(core) {
        return true;
    }
    if let Some((a, b)) = core.split_once('/') {
        if digits(a) && digits(b) {
            return true;
        }
    }
    for prefix in ["page", "p."] {
        if let Some(rest) = core.strip_prefix(prefix) {
            let (a, b) = rest.split_once("of").unwrap_or((rest, "#"));
            if digits(a) && digits(b) {
                return true;
            }
        }
    }
    // A print date and time at the start ("12/7/26, 6:19 AM …", "2026-12-07 06:19 …").
    let date = regex_lite_date(&k);
    date || k.starts_with("file:")
        || k.starts_with("http://")
        || k.starts_with("https://")
        || k.starts_with("www.")
        || k.contains("file:///")
        || (k.len() > 2 && k.as_bytes()[1] == b':' && k.as_bytes()[2] == b'\\')
}

/// Whether a key (digits as `#`) starts with a date followed by a time: `#/#/##,#:##` or
/// `####-##-##…#:##` in any digit counts.
fn regex_lite_date(k: &str) -> bool {
    let mut chars = k.chars().peekable();
    let mut groups = 0;
    let mut seps = String::new();
    let mut n = 0;
    while groups < 3 {
        n = 0;
        while chars.peek() == Some(&'#') {
            chars.next();
            n += 1;
        }
        if n == 0 || n > 6 {
            return false;
        }
        groups += 1;
        if groups < 3 {
            match chars.next() {
                Some(c @ ('/' | '-' | '.')) => seps.push(c),
                _ => return false,
            }
        }
    }
    if seps.chars().any(|c| !seps.starts_with(c)) {
        return false;
    }
    let rest: String = chars.collect();
    // The spaces are gone from the key: "2026-12-07 06:19" is "####-##-####:##".
    if rest.starts_with(":#") && n >= 3 {
        return true;
    }
    let rest = rest.trim_start_matches(',');
    let rest = rest.trim_start_matches('t');
    let hours = rest.chars().take_while(|c| *c == '#').count();
    (1..=2).contains(&hours) && rest[hours..].starts_with(":#")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn furniture_is_recognised() {
        for f in [
            "2",
            "- 2 -",
            "1/3",
            "1 /1 1",
            "Page 2",
            "Page 2 of 3",
            "1 2 /7 /2 6 , 6 :1 9 AM S_RES_0 8 5 6 _1 9 9 3 _EN_GOLD.txt",
            "2026-12-07 06:19 draft",
            "file:///tmp/pdfwork/pdfs/S_RES_0 8 5 6 _1 9 9 3 .html 1 /2",
            "https://undocs.org/S/RES/866(1993)",
        ] {
            assert!(is_furniture(&clean(f)), "{f}");
        }
        for t in [
            "RESOLUTION 856 (1993)",
            "1. Decides to act;",
            "The Security Council,",
            "(S/26200),",
            "on 10 August 1993",
            "12 October 1993 resolution",
        ] {
            assert!(!is_furniture(&clean(t)), "{t}");
        }
    }

    #[test]
    fn running_headers_and_page_numbers_go_and_pages_join() {
        let pages = [
            "S/RES/837 (1993)\n\nThe Security Council,\n\nRecalling its resolution,\n\n1. Decides that the\n\n- 1 -\n".to_string(),
            "\n\nS/RES/837 (1993)\nmission shall act;\n\n2. Requests a report;\n- 2 -\n".to_string(),
            "S/RES/837 (1993)\n3. Decides to remain seized.\n- 3 -".to_string(),
        ];
        let t = assemble(&pages);
        assert_eq!(
            t.lines,
            lines("The Security Council,\n\nRecalling its resolution,\n\n1. Decides that the\nmission shall act;\n\n2. Requests a report;\n\n3. Decides to remain seized.")
        );
        assert_eq!(t.pages, [1, 1, 1, 1, 1, 2, 2, 2, 2, 3]);
        assert_eq!(t.page_of(6), Some(2));
        assert_eq!(t.page_of(0), None);
    }

    #[test]
    fn ligatures_and_spaces_are_normalised() {
        assert_eq!(clean("  the  ﬁrst  ofﬁce\t"), "the first office");
    }

    #[test]
    fn not_a_pdf_and_garbage_are_refused_without_panicking() {
        let o = ReadOptions::default();
        for bytes in [
            &b"hello"[..],
            b"%PDF-1.4\n",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
            b"%PDF-1.4\nstream\nx\x9c\x03\x00endstream",
        ] {
            match read_pdf("x.pdf", bytes, &o) {
                Err(Error::Mandate(d)) => assert!(d.hint.is_some(), "{}", d.message),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_stream_bomb_is_refused_naming_the_limit() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![b' '; 4 * 1024 * 1024]).unwrap();
        let data = z.finish().unwrap();
        let mut pdf = b"%PDF-1.4\n1 0 obj << /Length 1 /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend_from_slice(&data);
        pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
        let limits = Limits {
            stream: 1024 * 1024,
            ..Limits::DEFAULT
        };
        match pdf_text_limited("b.pdf", &pdf, limits) {
            Err(Error::Mandate(d)) => {
                assert!(
                    d.message.contains("limit of 1 MB for one stream"),
                    "{}",
                    d.message
                )
            }
            other => panic!("{other:?}"),
        }
        let limits = Limits {
            total: 2 * 1024 * 1024,
            ..Limits::DEFAULT
        };
        match pdf_text_limited("b.pdf", &pdf, limits) {
            Err(Error::Mandate(d)) => {
                assert!(d.message.contains("limit of 2 MB in all"), "{}", d.message)
            }
            other => panic!("{other:?}"),
        }
    }
}
