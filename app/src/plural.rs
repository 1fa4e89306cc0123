//! Counts with their nouns in the right form: "1 комментарий, 2 комментария, 5 комментариев",
//! "1 comment, 2 comments" (CLDR's cardinal rules: Russian one / few / many, English one / other).

use crate::i18n::Lang;

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    /// Ideas of a project.
    Idea,
    /// Residents who joined.
    Participant,
    /// Ideas the commission selected.
    Selected,
    /// Comments on an idea.
    Comment,
    /// Ideas posted since the page was opened.
    NewIdea,
    /// Votes of the residents' vote.
    Vote,
}

impl Noun {
    /// The Russian forms (one, few, many) and the English ones (one, other).
    const fn forms(self) -> ([&'static str; 3], [&'static str; 2]) {
        match self {
            Noun::Idea => (["идея", "идеи", "идей"], ["idea", "ideas"]),
            Noun::Participant => (
                ["участник", "участника", "участников"],
                ["participant", "participants"],
            ),
            Noun::Selected => (
                ["отобрана", "отобраны", "отобрано"],
                ["selected", "selected"],
            ),
            Noun::Comment => (
                ["комментарий", "комментария", "комментариев"],
                ["comment", "comments"],
            ),
            Noun::NewIdea => (
                ["новая идея", "новые идеи", "новых идей"],
                ["new idea", "new ideas"],
            ),
            Noun::Vote => (["голос", "голоса", "голосов"], ["vote", "votes"]),
        }
    }
}

/// The form of `noun` that goes with `n` in `lang`.
pub fn noun(lang: Lang, n: i64, noun: Noun) -> &'static str {
    let (ru, en) = noun.forms();
    let n = n.unsigned_abs();
    match lang {
        Lang::Ru => match (n % 10, n % 100) {
            (1, h) if h != 11 => ru[0],
            (2..=4, h) if !(12..=14).contains(&h) => ru[1],
            _ => ru[2],
        },
        Lang::En if n == 1 => en[0],
        Lang::En => en[1],
    }
}

/// `n` and its noun: "21 комментарий", "3 comments".
pub fn counted(lang: Lang, n: i64, what: Noun) -> String {
    format!("{n} {}", noun(lang, n, what))
}

/// A sum in roubles with its digits grouped by thin no-break spaces: "1 500 000 ₽".
pub fn roubles(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{out}\u{a0}₽")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roubles_are_grouped_by_thousands() {
        assert_eq!(roubles(1_500_000), "1\u{202f}500\u{202f}000\u{a0}₽");
        assert_eq!(roubles(300), "300\u{a0}₽");
    }

    #[test]
    fn counts_take_the_form_their_number_asks_for() {
        let ru: Vec<String> = [0, 1, 2, 5, 11, 12, 21, 22, 25, 101, 111, 1004]
            .into_iter()
            .map(|n| counted(Lang::Ru, n, Noun::Comment))
            .collect();
        assert_eq!(
            ru,
            [
                "0 комментариев",
                "1 комментарий",
                "2 комментария",
                "5 комментариев",
                "11 комментариев",
                "12 комментариев",
                "21 комментарий",
                "22 комментария",
                "25 комментариев",
                "101 комментарий",
                "111 комментариев",
                "1004 комментария",
            ]
        );
        assert_eq!(counted(Lang::En, 1, Noun::Comment), "1 comment");
        assert_eq!(counted(Lang::En, 0, Noun::Idea), "0 ideas");
        assert_eq!(counted(Lang::Ru, 3, Noun::Participant), "3 участника");
        assert_eq!(counted(Lang::Ru, 1, Noun::Selected), "1 отобрана");
    }
}
