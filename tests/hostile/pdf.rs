//! Hostile PDFs (issue 13): a scan (no text layer), an encrypted PDF, a damaged one, a file
//! named .pdf that is not one, and PDF bombs — a stream that inflates far beyond its size, and
//! more pages than the limit. Each is refused with exit 2 and a message that says which case it
//! is and what to do; nothing is written and nothing hangs.

use super::{crate_path, refused_draft, run, tmp, write};
use std::io::Write as _;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(crate_path("tests/fixtures/pdf").join(name)).expect("PDF fixture")
}

/// A PDF with `objects` (numbered from 1, object 1 the catalog) and a correct cross-reference
/// table, as a PDF writer makes it.
fn pdf_of(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

#[test]
fn pdf_scan_without_text_layer() {
    refused_draft("pdf_scanned", "scan.pdf", &fixture("scanned.pdf"));
}

#[test]
fn pdf_encrypted() {
    refused_draft("pdf_encrypted", "locked.pdf", &fixture("encrypted.pdf"));
}

#[test]
fn pdf_damaged_truncated() {
    let whole = fixture("S_RES_0856_1993.pdf");
    refused_draft("pdf_truncated", "cut.pdf", &whole[..whole.len() / 3]);
}

#[test]
fn pdf_that_is_not_a_pdf() {
    refused_draft(
        "pdf_not_a_pdf",
        "draft.pdf",
        b"The Security Council,\n\n1. Decides;\n",
    );
}

#[test]
fn pdf_bomb_stream_refused_naming_the_limit() {
    // 80 MB of spaces in one content stream: about 80 kB on disk.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..80 {
        z.write_all(&chunk).expect("deflate");
    }
    let content = z.finish().expect("deflate");
    assert!(content.len() < 200_000, "{} bytes", content.len());
    let pdf = pdf_of(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
        stream("/Filter /FlateDecode", &content),
    ]);
    refused_draft("pdf_bomb_stream", "bomb.pdf", &pdf);
}

#[test]
fn pdf_bomb_pages_refused_naming_the_limit() {
    // 2,001 pages that share one small content stream.
    let pages = 2_001;
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", i + 4)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )
        .into_bytes(),
        stream("", b"BT /F1 12 Tf 72 720 Td (Decides) Tj ET"),
    ];
    for _ in 0..pages {
        objects.push(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>".to_vec(),
        );
    }
    refused_draft("pdf_bomb_pages", "pages.pdf", &pdf_of(&objects));
}

#[test]
fn pdf_in_a_folder_beside_a_scan_one_is_refused_the_other_read() {
    // A folder run goes on past a refused PDF: the good draft is scored, the scan named.
    let dir = tmp();
    write(dir.path(), "scan.pdf", &fixture("scanned.pdf"));
    write(
        dir.path(),
        "S_RES_0856_1993.pdf",
        &fixture("S_RES_0856_1993.pdf"),
    );
    let r = run(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(r.code, 2, "stderr: {}", r.stderr);
    assert!(r.stderr.contains("scan.pdf"), "{}", r.stderr);
    assert!(r.stderr.contains("no text layer"), "{}", r.stderr);
    assert!(r.stdout.contains("S_RES_0856_1993.pdf"), "{}", r.stdout);
}
