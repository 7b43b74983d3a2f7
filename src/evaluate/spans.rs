//! Spans of a provision's text: sentences, the task a match stands in, word distances and
//! excerpts for evidence.

use crate::fixed_regex::fixed_regex;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The sentences of a provision, split at semicolons and at full stops followed by a capital
/// letter; sub-paragraph markers and abbreviations like "No." do not end a sentence.
pub fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end_here = match b {
            b';' => true,
            b'.' => {
                let next_upper = text[i + 1..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase());
                let followed_by_space = bytes.get(i + 1).is_some_and(|c| c.is_ascii_whitespace());
                let word_before = text[..i]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                let abbreviation = matches!(
                    word_before,
                    "No" | "no"
                        | "Nos"
                        | "para"
                        | "paras"
                        | "Art"
                        | "Add"
                        | "Corr"
                        | "Rev"
                        | "Mr"
                        | "Mrs"
                        | "Dr"
                        | "St"
                ) || word_before.len() == 1;
                followed_by_space && next_upper && !abbreviation
            }
            _ => false,
        };
        if end_here {
            out.push(start..i + 1);
            start = i + 1;
        }
        i += 1;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    if out.is_empty() {
        out.push(0..text.len());
    }
    out
}

/// The words that open a coordinated task: ", to keep …", "; and to submit …", " and to
/// report …" (the `to` and the word after it are checked by [`opens_task`]).
static COORDINATED: LazyLock<Regex> = LazyLock::new(|| {
    fixed_regex(
        r"(?:[,;:]\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)(?:(?:also|further|as\s+appropriate|where\s+appropriate)\s*,?\s*)?to\s+([A-Za-z]+)",
    )
});

/// Whether the word after "to" is a verb opening a task ("to keep", "to report") rather than
/// a noun phrase ("to the Council", "to all States").
fn opens_task(word: &str) -> bool {
    !matches!(
        word.to_ascii_lowercase().as_str(),
        "the"
            | "a"
            | "an"
            | "all"
            | "its"
            | "his"
            | "her"
            | "their"
            | "this"
            | "these"
            | "those"
            | "that"
            | "any"
            | "each"
            | "such"
            | "which"
            | "whom"
            | "what"
            | "other"
            | "both"
            | "no"
            | "date"
            | "paragraph"
            | "paragraphs"
            | "resolution"
            | "resolutions"
    ) && word.chars().next().is_some_and(char::is_lowercase)
}

/// Where the tasks of `span` begin after its first: a sentence such as "Requests the
/// Secretary-General to continue his good offices, to keep the Council informed and to submit
/// a report" holds three, each opened by a coordinated "to …". In text order.
pub fn task_starts(text: &str, span: &Range<usize>) -> Vec<usize> {
    static INFINITIVE: LazyLock<Regex> = LazyLock::new(|| fixed_regex(r"\bto\s+([A-Za-z]+)"));
    let Some(hay) = text.get(span.clone()) else {
        return Vec::new();
    };
    // Only an infinitive after a first one is coordinated with it: in "shall have the
    // authority, in addition to that set forth above, to grant exceptions" the first is the
    // task itself.
    let Some(first) = INFINITIVE
        .captures_iter(hay)
        .find(|c| c.get(1).is_some_and(|w| opens_task(w.as_str())))
        .and_then(|c| c.get(0))
    else {
        return Vec::new();
    };
    COORDINATED
        .captures_iter(hay)
        .filter(|c| c.get(1).is_some_and(|w| opens_task(w.as_str())))
        .filter_map(|c| c.get(0))
        .filter(|m| m.end() > first.end())
        .map(|m| span.start + m.start())
        .collect()
}

/// The task of `span` that the match starting at `at` stands in, given the span's
/// [`task_starts`]. Exclusions are looked for here, so that "keep the Council informed" voids
/// the report, not the good offices beside it.
pub fn task_segment(starts: &[usize], span: &Range<usize>, at: usize) -> Range<usize> {
    let i = starts.partition_point(|&b| b <= at);
    let start = if i == 0 { span.start } else { starts[i - 1] };
    let end = starts.get(i).copied().unwrap_or(span.end);
    start..end
}

/// Number of words between two matches (0 when they touch or overlap).
pub fn words_between(text: &str, a: &Range<usize>, b: &Range<usize>) -> usize {
    let (lo, hi) = if a.start <= b.start {
        (a.end, b.start)
    } else {
        (b.end, a.start)
    };
    if hi <= lo {
        return 0;
    }
    text.get(lo..hi).map_or(0, |s| {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    })
}

/// The words around a match, on one line: up to about 80 characters before and 120 after,
/// cut at word boundaries, with "…" where the provision goes on.
pub fn excerpt(text: &str, hit: Range<usize>) -> String {
    let mut start = hit.start.saturating_sub(80);
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    if start > 0 {
        if let Some(sp) = text[start..hit.start].find(char::is_whitespace) {
            start += sp + 1;
        }
    }
    let mut end = (hit.end + 120).min(text.len());
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    if end < text.len() {
        if let Some(sp) = text[hit.end..end].rfind(char::is_whitespace) {
            end = hit.end + sp;
        }
    }
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.push_str(
        text[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
    );
    if end < text.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_semicolons_and_full_stops() {
        let t = "Decides to act; requests the report. Further decides to stay No. 5 seized";
        let s: Vec<&str> = sentence_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            [
                "Decides to act;",
                " requests the report.",
                " Further decides to stay No. 5 seized"
            ]
        );
    }

    #[test]
    fn a_task_segment_ends_where_a_coordinated_task_begins() {
        let t = "Requests the Secretary-General to continue the mission of good offices entrusted to him by paragraph 6 of resolution 367 (1975), to keep the Security Council informed of the progress made and to submit a report by 31 May 1978.";
        let all = 0..t.len();
        let starts = task_starts(t, &all);
        let seg = |w: &str| &t[task_segment(&starts, &all, t.find(w).unwrap())];
        assert_eq!(
            seg("good offices"),
            "Requests the Secretary-General to continue the mission of good offices entrusted to him by paragraph 6 of resolution 367 (1975)"
        );
        assert_eq!(
            seg("informed"),
            ", to keep the Security Council informed of the progress made"
        );
        assert_eq!(seg("report"), " and to submit a report by 31 May 1978.");
        // The first infinitive is the task itself, however it is introduced (S/RES/873 (1993)).
        let t = "Decides further that the Committee shall have the authority, in addition to that set forth in the aforementioned paragraph, to grant exceptions to the prohibitions";
        assert_eq!(task_starts(t, &(0..t.len())), Vec::<usize>::new());
        // "to the Council" or "to all States" opens no task.
        let t = "Calls upon all States to provide information to the Committee and to all States concerned";
        let all = 0..t.len();
        assert_eq!(task_starts(t, &all), Vec::<usize>::new());
    }

    #[test]
    fn words_between_counts_the_words_in_the_gap() {
        let t = "experts on illicit arms trafficking";
        assert_eq!(words_between(t, &(0..7), &(24..35)), 3);
        assert_eq!(words_between(t, &(24..35), &(0..7)), 3);
    }

    #[test]
    fn excerpts_cut_at_words_and_mark_omissions() {
        let t = format!("{} arrest {}", "word ".repeat(40), "more ".repeat(40));
        let i = t.find("arrest").unwrap();
        let e = excerpt(&t, i..i + 6);
        assert!(e.starts_with('…') && e.ends_with('…'));
        assert!(e.contains(" arrest "));
        assert_eq!(excerpt("short arrest", 6..12), "short arrest");
    }
}
