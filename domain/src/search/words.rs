//! Words into terms: lower-cased (ё read as е), stop words dropped, stems by the Snowball stemmers
//! (Russian for Cyrillic words, English for Latin ones); an idea's terms weighted by where they occur.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Most distinct terms indexed per idea.
const IDEA_TERMS: usize = 300;
/// Longest term stored.
const TERM_CHARS: usize = 60;

static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));
static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

const STOP_RU: &[&str] = &[
    "и",
    "в",
    "во",
    "не",
    "что",
    "он",
    "на",
    "я",
    "с",
    "со",
    "как",
    "а",
    "то",
    "все",
    "она",
    "так",
    "его",
    "но",
    "да",
    "ты",
    "к",
    "у",
    "же",
    "вы",
    "за",
    "бы",
    "по",
    "только",
    "ее",
    "мне",
    "было",
    "вот",
    "от",
    "меня",
    "еще",
    "нет",
    "о",
    "из",
    "ему",
    "когда",
    "даже",
    "ну",
    "ли",
    "если",
    "уже",
    "или",
    "ни",
    "быть",
    "был",
    "него",
    "до",
    "вас",
    "там",
    "потом",
    "себя",
    "ей",
    "может",
    "они",
    "тут",
    "где",
    "есть",
    "надо",
    "ней",
    "для",
    "мы",
    "тебя",
    "их",
    "чем",
    "была",
    "сам",
    "чтоб",
    "без",
    "чего",
    "раз",
    "тоже",
    "себе",
    "под",
    "будет",
    "ж",
    "тогда",
    "кто",
    "этот",
    "того",
    "потому",
    "этого",
    "какой",
    "ним",
    "здесь",
    "этом",
    "почти",
    "мой",
    "тем",
    "чтобы",
    "нее",
    "были",
    "куда",
    "зачем",
    "всех",
    "можно",
    "при",
    "об",
    "хоть",
    "после",
    "над",
    "больше",
    "тот",
    "через",
    "эти",
    "нас",
    "про",
    "всего",
    "них",
    "какая",
    "много",
    "эту",
    "моя",
    "свою",
    "этой",
    "перед",
    "том",
    "такой",
    "им",
    "более",
    "всю",
    "между",
    "это",
    "также",
    "которые",
    "который",
];
const STOP_EN: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for", "with", "at", "by",
    "from", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these",
    "those", "as", "not", "no", "we", "our", "i", "my", "you", "your", "they", "their", "there",
    "so", "if", "can", "should", "would", "could", "will", "all", "more", "into", "about", "than",
    "also", "do", "does",
];

fn stem(word: &str) -> Option<String> {
    if word.chars().any(|c| ('а'..='я').contains(&c)) {
        if STOP_RU.contains(&word) {
            return None;
        }
        Some(RUSSIAN.stem(word).into_owned())
    } else if word.chars().all(|c| c.is_ascii_digit()) {
        // House numbers and years: kept whole when they say something.
        (word.len() >= 3).then(|| word.to_owned())
    } else {
        if STOP_EN.contains(&word) || word.chars().count() < 2 {
            return None;
        }
        Some(ENGLISH.stem(word).into_owned())
    }
}

/// The distinct terms of `text` in the order they first occur.
pub fn terms(text: &str) -> Vec<String> {
    let lower = text.to_lowercase().replace('ё', "е");
    let mut seen = Vec::new();
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if let Some(term) = stem(word) {
            let term: String = term.chars().take(TERM_CHARS).collect();
            if !term.is_empty() && !seen.contains(&term) {
                seen.push(term);
            }
        }
    }
    seen
}

/// The terms of an idea with their weights: 2 for the title's words, 1 for the text's only.
pub(super) fn weighted(title: &str, body: &str) -> BTreeMap<String, i16> {
    let mut out = BTreeMap::new();
    for term in terms(title) {
        out.insert(term, 2);
    }
    for term in terms(body) {
        if out.len() >= IDEA_TERMS {
            break;
        }
        out.entry(term).or_insert(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_and_english_word_forms_share_a_term() {
        assert_eq!(terms("библиотеки"), terms("библиотека"));
        assert_eq!(terms("Библиотекам"), terms("библиотеке"));
        assert_eq!(terms("ёлки"), terms("елка"));
        assert_eq!(terms("libraries"), terms("library"));
        assert_eq!(terms("opening hours"), terms("open hour"));
    }

    #[test]
    fn stop_words_and_punctuation_are_dropped() {
        assert_eq!(terms("и в на, the of!"), Vec::<String>::new());
        assert_eq!(terms("парк, парки; ПАРКОВ"), vec!["парк".to_owned()]);
        assert_eq!(terms("дом 12, 2026 год"), vec!["дом", "2026", "год"]);
    }

    #[test]
    fn title_words_weigh_double() {
        let w = weighted("Новые парки", "Парки и скамейки");
        assert_eq!(w.get("парк"), Some(&2));
        assert_eq!(w.get("скамейк"), Some(&1));
    }
}
