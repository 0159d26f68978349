//! The emitter's scalars: `analyze_scalar`, `choose_scalar_style` and the three writers
//! (plain, single-quoted, double-quoted with `escape`).

use super::*;

impl Emitter {
    /// `analyze_scalar`.
    pub(super) fn analyze(&self, scalar: &[char]) -> Analysis {
        if scalar.is_empty() {
            return Analysis {
                empty: true,
                multiline: false,
                allow_flow_plain: false,
                allow_block_plain: true,
                allow_single_quoted: true,
            };
        }
        // Most scalars of a profile are words (`dev`, `threads`, `s3_region`, `demo.duckdb`):
        // no indicator, space, break or special character, whatever the rules below say of each
        // character, so every style is allowed. (A `-` or `.` first could start `---`, `...` or
        // an entry, and is left to the rules.)
        if is_word(scalar) {
            return Analysis {
                empty: false,
                multiline: false,
                allow_flow_plain: true,
                allow_block_plain: true,
                allow_single_quoted: true,
            };
        }
        self.analyze_characters(scalar)
    }

    /// `analyze_scalar`'s rules, character by character, for a non-empty scalar.
    fn analyze_characters(&self, scalar: &[char]) -> Analysis {
        let mut block_indicators = false;
        let mut flow_indicators = false;
        let mut line_breaks = false;
        let mut special_characters = false;
        let mut leading_space = false;
        let mut leading_break = false;
        let mut trailing_space = false;
        let mut trailing_break = false;
        let mut break_space = false;
        let mut space_break = false;

        if scalar.starts_with(&['-', '-', '-']) || scalar.starts_with(&['.', '.', '.']) {
            block_indicators = true;
            flow_indicators = true;
        }
        let mut preceded_by_whitespace = true;
        let mut followed_by_whitespace = scalar.len() == 1 || is_space_or_break(scalar[1]);
        let mut previous_space = false;
        let mut previous_break = false;
        let len = scalar.len();
        for (index, &ch) in scalar.iter().enumerate() {
            if index == 0 {
                if "#,[]{}&*!|>'\"%@`".contains(ch) {
                    flow_indicators = true;
                    block_indicators = true;
                }
                if ch == '?' || ch == ':' {
                    flow_indicators = true;
                    if followed_by_whitespace {
                        block_indicators = true;
                    }
                }
                if ch == '-' && followed_by_whitespace {
                    flow_indicators = true;
                    block_indicators = true;
                }
            } else {
                if ",?[]{}".contains(ch) {
                    flow_indicators = true;
                }
                if ch == ':' {
                    flow_indicators = true;
                    if followed_by_whitespace {
                        block_indicators = true;
                    }
                }
                if ch == '#' && preceded_by_whitespace {
                    flow_indicators = true;
                    block_indicators = true;
                }
            }
            if is_break(ch) {
                line_breaks = true;
            }
            if !(ch == '\n' || ('\x20'..='\x7E').contains(&ch)) {
                let unicode = (ch == '\u{85}'
                    || ('\u{A0}'..='\u{D7FF}').contains(&ch)
                    || ('\u{E000}'..='\u{FFFD}').contains(&ch)
                    || ('\u{10000}'..'\u{10FFFF}').contains(&ch))
                    && ch != '\u{FEFF}';
                if !unicode || !self.allow_unicode {
                    special_characters = true;
                }
            }
            if ch == ' ' {
                if index == 0 {
                    leading_space = true;
                }
                if index == len - 1 {
                    trailing_space = true;
                }
                if previous_break {
                    break_space = true;
                }
                previous_space = true;
                previous_break = false;
            } else if is_break(ch) {
                if index == 0 {
                    leading_break = true;
                }
                if index == len - 1 {
                    trailing_break = true;
                }
                if previous_space {
                    space_break = true;
                }
                previous_space = false;
                previous_break = true;
            } else {
                previous_space = false;
                previous_break = false;
            }
            preceded_by_whitespace = is_space_or_break(ch);
            followed_by_whitespace = index + 2 >= len || is_space_or_break(scalar[index + 2]);
        }

        let mut allow_flow_plain = true;
        let mut allow_block_plain = true;
        let mut allow_single_quoted = true;
        if leading_space || leading_break || trailing_space || trailing_break {
            allow_flow_plain = false;
            allow_block_plain = false;
        }
        if break_space {
            allow_flow_plain = false;
            allow_block_plain = false;
            allow_single_quoted = false;
        }
        if space_break || special_characters {
            allow_flow_plain = false;
            allow_block_plain = false;
            allow_single_quoted = false;
        }
        if line_breaks {
            allow_flow_plain = false;
            allow_block_plain = false;
        }
        if flow_indicators {
            allow_flow_plain = false;
        }
        if block_indicators {
            allow_block_plain = false;
        }
        Analysis {
            empty: false,
            multiline: line_breaks,
            allow_flow_plain,
            allow_block_plain,
            allow_single_quoted,
        }
    }

    /// `choose_scalar_style` for an event with no requested style.
    pub(super) fn choose_style(&self, analysis: &Analysis, implicit_plain: bool) -> Style {
        if implicit_plain
            && !(self.simple_key_context && (analysis.empty || analysis.multiline))
            && ((self.flow_level > 0 && analysis.allow_flow_plain)
                || (self.flow_level == 0 && analysis.allow_block_plain))
        {
            return Style::Plain;
        }
        if analysis.allow_single_quoted && !(self.simple_key_context && analysis.multiline) {
            return Style::Single;
        }
        Style::Double
    }

    pub(super) fn write_plain(&mut self, text: &[char], split: bool) {
        if self.root_context {
            self.open_ended = true;
        }
        if text.is_empty() {
            return;
        }
        if !self.whitespace {
            self.write_raw(" ");
        }
        self.whitespace = false;
        self.indention = false;
        let mut spaces = false;
        let mut breaks = false;
        let (mut start, mut end) = (0usize, 0usize);
        while end <= text.len() {
            let ch = text.get(end).copied();
            if spaces {
                if ch != Some(' ') {
                    if start + 1 == end && self.column > self.best_width && split {
                        self.write_indent();
                        self.whitespace = false;
                        self.indention = false;
                    } else {
                        self.write_chars(&text[start..end]);
                    }
                    start = end;
                }
            } else if breaks {
                if !ch.is_some_and(is_break) {
                    if text[start] == '\n' {
                        self.write_line_break(None);
                    }
                    for &br in &text[start..end] {
                        self.write_line_break(if br == '\n' { None } else { Some(br) });
                    }
                    self.write_indent();
                    self.whitespace = false;
                    self.indention = false;
                    start = end;
                }
            } else if ch.is_none_or(|c| c == ' ' || is_break(c)) {
                self.write_chars(&text[start..end]);
                start = end;
            }
            if let Some(c) = ch {
                spaces = c == ' ';
                breaks = is_break(c);
            }
            end += 1;
        }
    }

    pub(super) fn write_single_quoted(&mut self, text: &[char], split: bool) {
        self.write_indicator("'", true, false, false);
        let mut spaces = false;
        let mut breaks = false;
        let (mut start, mut end) = (0usize, 0usize);
        while end <= text.len() {
            let ch = text.get(end).copied();
            if spaces {
                if ch != Some(' ') {
                    if start + 1 == end
                        && self.column > self.best_width
                        && split
                        && start != 0
                        && end != text.len()
                    {
                        self.write_indent();
                    } else {
                        self.write_chars(&text[start..end]);
                    }
                    start = end;
                }
            } else if breaks {
                if !ch.is_some_and(is_break) {
                    if text[start] == '\n' {
                        self.write_line_break(None);
                    }
                    for &br in &text[start..end] {
                        self.write_line_break(if br == '\n' { None } else { Some(br) });
                    }
                    self.write_indent();
                    start = end;
                }
            } else if ch.is_none_or(|c| c == ' ' || c == '\'' || is_break(c)) && start < end {
                self.write_chars(&text[start..end]);
                start = end;
            }
            if ch == Some('\'') {
                self.write_raw("''");
                start = end + 1;
            }
            if let Some(c) = ch {
                spaces = c == ' ';
                breaks = is_break(c);
            }
            end += 1;
        }
        self.write_indicator("'", false, false, false);
    }

    pub(super) fn write_double_quoted(&mut self, text: &[char], split: bool) {
        self.write_indicator("\"", true, false, false);
        let (mut start, mut end) = (0usize, 0usize);
        while end <= text.len() {
            let ch = text.get(end).copied();
            let needs_escape = match ch {
                None => true,
                Some(c) => {
                    matches!(
                        c,
                        '"' | '\\' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}'
                    ) || !(('\x20'..='\x7E').contains(&c)
                        || (self.allow_unicode
                            && (('\u{A0}'..='\u{D7FF}').contains(&c)
                                || ('\u{E000}'..='\u{FFFD}').contains(&c))))
                }
            };
            if needs_escape {
                if start < end {
                    self.write_chars(&text[start..end]);
                    start = end;
                }
                if let Some(c) = ch {
                    let data = escape(c);
                    self.write_raw(&data);
                    start = end + 1;
                }
            }
            if 0 < end
                && end + 1 < text.len()
                && (ch == Some(' ') || start >= end)
                && self.column as isize + (end as isize - start as isize) > self.best_width as isize
                && split
            {
                let mut data: Vec<char> = if start < end {
                    text[start..end].to_vec()
                } else {
                    Vec::new()
                };
                data.push('\\');
                if start < end {
                    start = end;
                }
                self.write_chars(&data);
                self.write_indent();
                self.whitespace = false;
                self.indention = false;
                if text.get(start) == Some(&' ') {
                    self.write_raw("\\");
                }
            }
            end += 1;
        }
        self.write_indicator("\"", false, false, false);
    }
}

/// A letter, digit or `_`, then those or `-`, `.`, `/`.
fn is_word(scalar: &[char]) -> bool {
    let word = |c: &char| c.is_ascii_alphanumeric() || *c == '_';
    scalar.split_first().is_some_and(|(first, rest)| {
        word(first) && rest.iter().all(|c| word(c) || matches!(c, '-' | '.' | '/'))
    })
}

fn escape(ch: char) -> String {
    let named = match ch {
        '\0' => Some('0'),
        '\x07' => Some('a'),
        '\x08' => Some('b'),
        '\x09' => Some('t'),
        '\x0A' => Some('n'),
        '\x0B' => Some('v'),
        '\x0C' => Some('f'),
        '\x0D' => Some('r'),
        '\x1B' => Some('e'),
        '"' => Some('"'),
        '\\' => Some('\\'),
        '\u{85}' => Some('N'),
        '\u{A0}' => Some('_'),
        '\u{2028}' => Some('L'),
        '\u{2029}' => Some('P'),
        _ => None,
    };
    if let Some(n) = named {
        return format!("\\{n}");
    }
    let code = u32::from(ch);
    if code <= 0xFF {
        format!("\\x{code:02X}")
    } else if code <= 0xFFFF {
        format!("\\u{code:04X}")
    } else {
        format!("\\U{code:08X}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::DumpOptions;
    use super::*;

    /// Where the word shortcut answers, the character rules answer the same: words of every
    /// allowed character in every place, and near misses the shortcut must leave to the rules.
    #[test]
    fn the_word_shortcut_agrees_with_the_rules() {
        let emitter = Emitter::new(DumpOptions::RUNTIME);
        let words = [
            "a",
            "Z",
            "_",
            "9",
            "dev",
            "s3_region",
            "demo.duckdb",
            "a-b",
            "a/b/c",
            "x-",
            "x.",
            "x/",
            "a..b",
            "a--b",
            "1.0",
            "0x1F",
            "_-./",
        ];
        let not_words = [
            "-", "-a", ".", "...", "---", ".a", "/a", "a b", "a:b", "a#b", "a,b", "é", "a\n", "",
            " a", "a ",
        ];
        for text in words {
            let chars: Vec<char> = text.chars().collect();
            assert!(is_word(&chars), "{text}");
            assert_eq!(
                emitter.analyze(&chars),
                emitter.analyze_characters(&chars),
                "{text}"
            );
        }
        for text in not_words {
            let chars: Vec<char> = text.chars().collect();
            assert!(!is_word(&chars), "{text}");
        }
    }
}
