//! Building diagnostics and rendering them like rustc does.

use std::fmt;

use crate::model::{Diagnostic, DiagnosticKind, Severity, Span};

/// How far back from a position to look for the start of its line before showing a window.
const LINE_SCAN_LIMIT: usize = 1024;
/// Characters shown before the position in a window of a long line.
const WINDOW_BEFORE: usize = 40;
/// Characters shown from the position on, in a long line.
const WINDOW_AFTER: usize = 80;
/// The mark where a long line was cut.
const ELLIPSIS: char = '…';

impl Diagnostic {
    /// A diagnostic at `span` of `source`, which is the file called `file`.
    pub fn new(
        severity: Severity,
        kind: DiagnosticKind,
        file: &str,
        source: &str,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            kind,
            file: file.to_owned(),
            span,
            message: message.into(),
            source_line: source_line(source, span.start),
        }
    }

    /// The diagnostic in rustc's style:
    ///
    /// ```text
    /// error: expected `=` before the result type
    ///  --> schema/api.tl:12:16
    ///    |
    /// 12 | foo#1234 a:int Bar;
    ///    |                ^^^
    /// ```
    pub fn render(&self) -> String {
        self.to_string()
    }

    /// `file:line:column: severity: message` on one line.
    pub fn summary(&self) -> String {
        format!(
            "{}:{}:{}: {}: {}",
            self.file, self.span.line, self.span.column, self.severity, self.message
        )
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Renders the diagnostic like rustc (see [`Diagnostic::render`]), without a final newline.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line_number = self.span.line.to_string();
        let gutter = " ".repeat(line_number.len());
        writeln!(f, "{}: {}", self.severity, self.message)?;
        writeln!(
            f,
            " --> {}:{}:{}",
            self.file, self.span.line, self.span.column
        )?;
        writeln!(f, "{gutter} |")?;
        let shown: String = self.source_line.chars().map(shown).collect();
        writeln!(f, "{line_number} | {shown}")?;
        let (pad, carets) = self.caret_layout();
        write!(f, "{gutter} | {}{}", " ".repeat(pad), "^".repeat(carets))
    }
}

impl std::error::Error for Diagnostic {}

impl Diagnostic {
    /// Where the carets start (in display columns) and how many there are.
    fn caret_layout(&self) -> (usize, usize) {
        let column = usize::try_from(self.span.column)
            .unwrap_or(usize::MAX)
            .saturating_sub(1);
        let line_chars = self.source_line.chars().count();
        // A window of a long line has fewer characters than the column; the position is
        // then just after the leading ellipsis and the characters kept before it.
        let before = if line_chars < column {
            WINDOW_BEFORE + 1
        } else {
            column
        };
        let pad = self
            .source_line
            .chars()
            .take(before)
            .map(|c| shown(c).chars().count())
            .sum();
        let span_bytes = self.span.end.saturating_sub(self.span.start);
        let mut carets = 0;
        let mut bytes = 0;
        for c in self.source_line.chars().skip(before) {
            if bytes >= span_bytes {
                break;
            }
            bytes += c.len_utf8();
            carets += shown(c).chars().count();
        }
        (pad, carets.max(1))
    }
}

/// How a character of the source line is shown: a tab as four spaces, any other control
/// character escaped (`\u{1b}`), so that a snippet never moves the terminal's cursor or
/// changes its colours; everything else as it is.
fn shown(c: char) -> std::borrow::Cow<'static, str> {
    match c {
        '\t' => "    ".into(),
        c if c.is_control() => format!("\\u{{{:x}}}", u32::from(c)).into(),
        c => String::from(c).into(),
    }
}

/// The text of the line holding byte `offset` of `source`, without its line break.
///
/// Long lines are cut around the position with `…`, so that diagnostics on a gigantic
/// line stay small; [`Diagnostic::render`] still puts the carets at the right place.
pub(crate) fn source_line(source: &str, offset: usize) -> String {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = source.get(..offset).unwrap_or("");
    let after = source.get(offset..).unwrap_or("");
    let scan_start = floor_char_boundary(before, before.len().saturating_sub(LINE_SCAN_LIMIT));
    let recent = before.get(scan_start..).unwrap_or("");
    let (head, windowed) = match recent.rfind('\n') {
        Some(newline) => (recent.get(newline + 1..).unwrap_or(""), false),
        None if scan_start == 0 => (recent, false),
        None => {
            let keep = recent
                .char_indices()
                .rev()
                .nth(WINDOW_BEFORE - 1)
                .map_or(0, |(i, _)| i);
            (recent.get(keep..).unwrap_or(""), true)
        }
    };
    let ahead = after
        .get(..floor_char_boundary(after, LINE_SCAN_LIMIT))
        .unwrap_or("");
    let rest = ahead.split('\n').next().unwrap_or("");
    let cut_short = rest.len() == ahead.len() && ahead.len() < after.len();
    let mut line = String::with_capacity(head.len() + rest.len().min(4 * WINDOW_AFTER) + 8);
    if windowed {
        line.push(ELLIPSIS);
    }
    line.push_str(head);
    let keep_after = if cut_short || head.len() + rest.len() > LINE_SCAN_LIMIT {
        WINDOW_AFTER
    } else {
        usize::MAX
    };
    for (taken, c) in rest.chars().enumerate() {
        if taken == keep_after {
            line.push(ELLIPSIS);
            break;
        }
        line.push(c);
    }
    if line.ends_with('\r') {
        line.pop();
    }
    line
}

/// The largest char boundary of `s` at or below `index`.
fn floor_char_boundary(s: &str, index: usize) -> usize {
    let mut i = index.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(source: &str, offset: usize, line: u32, column: u32, len: usize) -> Diagnostic {
        let span = Span {
            file: 0,
            start: offset,
            end: offset + len,
            line,
            column,
        };
        Diagnostic::new(
            Severity::Error,
            DiagnosticKind::Syntax,
            "a.tl",
            source,
            span,
            "oops",
        )
    }

    #[test]
    fn renders_like_rustc() {
        let src = "x = X;\nfoo#1234 a:int Bar;\n";
        let d = at(src, 22, 2, 16, 3);
        assert_eq!(d.source_line, "foo#1234 a:int Bar;");
        assert_eq!(
            d.render(),
            "error: oops\n --> a.tl:2:16\n  |\n2 | foo#1234 a:int Bar;\n  |                ^^^"
        );
    }

    #[test]
    fn control_characters_are_escaped_in_snippets() {
        let src = "x = X;\nfoo\u{1b}[31m#zz a:int = Bar;\n";
        let d = at(src, 15, 2, 9, 3);
        let rendered = d.render();
        assert!(!rendered.contains('\u{1b}'), "{rendered:?}");
        assert!(rendered.contains("foo\\u{1b}[31m#zz"), "{rendered}");
        // The carets stay under `#zz`, after the six characters of `\u{1b}`.
        let lines: Vec<&str> = rendered.lines().collect();
        let code = lines[3].find("#zz").unwrap();
        let caret = lines[4].find('^').unwrap();
        assert_eq!(code, caret, "{rendered}");
        assert!(lines[4].ends_with("^^^"), "{rendered}");
    }

    #[test]
    fn windows_long_lines() {
        let src = format!("{}BAD{}", "a ".repeat(5000), " b".repeat(5000));
        let d = at(&src, 10_000, 1, 10_001, 3);
        assert!(d.source_line.chars().count() < 200, "{}", d.source_line);
        let rendered = d.render();
        let lines: Vec<&str> = rendered.lines().collect();
        let code = lines[3].find("BAD").unwrap();
        let caret = lines[4].find('^').unwrap();
        assert_eq!(
            lines[3][..code].chars().count(),
            lines[4][..caret].chars().count()
        );
        assert!(lines[4].ends_with("^^^"));
    }
}
