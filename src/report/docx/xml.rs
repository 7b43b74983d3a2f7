//! A small WordprocessingML writer over quick-xml: paragraphs in a named style, runs of text
//! (bold, italic), tables and page breaks. Text is escaped by quick-xml, so a draft's words
//! can never become markup. Writing goes to memory, which cannot fail.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// The WordprocessingML main namespace.
pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The relationships namespace.
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A run of text: the words and how they are set.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    /// The words.
    pub text: &'a str,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// Plain words.
pub fn plain(text: &str) -> Run<'_> {
    Run {
        text,
        bold: false,
        italic: false,
    }
}

/// Bold words.
pub fn bold(text: &str) -> Run<'_> {
    Run {
        text,
        bold: true,
        italic: false,
    }
}

/// Italic words.
pub fn italic(text: &str) -> Run<'_> {
    Run {
        text,
        bold: false,
        italic: true,
    }
}

/// An XML part being written.
pub struct Xml {
    w: Writer<Vec<u8>>,
}

impl Xml {
    /// A part with its XML declaration.
    pub fn new() -> Xml {
        let mut x = Xml {
            w: Writer::new(Vec::new()),
        };
        x.event(Event::Decl(BytesDecl::new(
            "1.0",
            Some("UTF-8"),
            Some("yes"),
        )));
        x
    }

    // Writing into a Vec<u8> cannot fail, so the io::Result is dropped.
    fn event(&mut self, e: Event<'_>) {
        let _ = self.w.write_event(e);
    }

    /// `<name attrs…>`.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut s = BytesStart::new(name);
        for (key, value) in attrs {
            s.push_attribute((*key, crate::vocab::inert(value).as_ref()));
        }
        self.event(Event::Start(s));
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// `<name attrs…/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut s = BytesStart::new(name);
        for (key, value) in attrs {
            s.push_attribute((*key, crate::vocab::inert(value).as_ref()));
        }
        self.event(Event::Empty(s));
    }

    /// Escaped text. Characters XML may not hold (control characters) and those no report
    /// may carry raw (bidirectional controls, noncharacters) are written as visible escapes
    /// (`\u{1b}`), so that a draft holding them still gives a document Word opens.
    pub fn text(&mut self, text: &str) {
        self.event(Event::Text(BytesText::new(&crate::vocab::inert_lines(
            text,
        ))));
    }

    /// `<name>text</name>`.
    pub fn element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close(name);
    }

    /// A run of words, spaces kept.
    pub fn run(&mut self, run: Run<'_>) {
        self.open("w:r", &[]);
        if run.bold || run.italic {
            self.open("w:rPr", &[]);
            if run.bold {
                self.empty("w:b", &[]);
            }
            if run.italic {
                self.empty("w:i", &[]);
            }
            self.close("w:rPr");
        }
        self.element("w:t", &[("xml:space", "preserve")], run.text);
        self.close("w:r");
    }

    /// A paragraph in `style` (a style id of styles.xml) holding `runs`.
    pub fn para(&mut self, style: &str, runs: &[Run<'_>]) {
        self.open("w:p", &[]);
        self.open("w:pPr", &[]);
        self.empty("w:pStyle", &[("w:val", style)]);
        self.close("w:pPr");
        for r in runs {
            self.run(*r);
        }
        self.close("w:p");
    }

    /// A page break (a paragraph holding only the break).
    pub fn page_break(&mut self) {
        self.open("w:p", &[]);
        self.open("w:r", &[]);
        self.empty("w:br", &[("w:type", "page")]);
        self.close("w:r");
        self.close("w:p");
    }

    /// A table in the `MemoTable` style: a header row, then `rows`; `widths` in twentieths
    /// of a point, one per column.
    pub fn table(&mut self, widths: &[u32], header: &[&str], rows: &[Vec<Run<'_>>]) {
        self.open("w:tbl", &[]);
        self.open("w:tblPr", &[]);
        self.empty("w:tblStyle", &[("w:val", "MemoTable")]);
        self.empty("w:tblW", &[("w:w", "5000"), ("w:type", "pct")]);
        self.empty("w:tblLayout", &[("w:type", "fixed")]);
        self.close("w:tblPr");
        self.open("w:tblGrid", &[]);
        for w in widths {
            self.empty("w:gridCol", &[("w:w", &w.to_string())]);
        }
        self.close("w:tblGrid");
        self.open("w:tr", &[]);
        self.open("w:trPr", &[]);
        self.empty("w:tblHeader", &[]);
        self.close("w:trPr");
        for (h, w) in header.iter().zip(widths) {
            self.cell(*w, &[bold(h)]);
        }
        self.close("w:tr");
        for row in rows {
            self.open("w:tr", &[]);
            self.open("w:trPr", &[]);
            self.empty("w:cantSplit", &[]);
            self.close("w:trPr");
            for (run, w) in row.iter().zip(widths) {
                self.cell(*w, std::slice::from_ref(run));
            }
            self.close("w:tr");
        }
        self.close("w:tbl");
        // Word needs a paragraph between a table and what follows.
        self.para("TableEnd", &[]);
    }

    fn cell(&mut self, width: u32, runs: &[Run<'_>]) {
        self.open("w:tc", &[]);
        self.open("w:tcPr", &[]);
        self.empty("w:tcW", &[("w:w", &width.to_string()), ("w:type", "dxa")]);
        self.close("w:tcPr");
        self.para("TableText", runs);
        self.close("w:tc");
    }

    /// The part's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.w.into_inner()
    }
}

impl Default for Xml {
    fn default() -> Self {
        Xml::new()
    }
}
