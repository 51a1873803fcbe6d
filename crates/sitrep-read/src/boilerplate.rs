//! Lines of a page's main text that are the site talking, not the article: "Read more: …"
//! link labels, newsletter and follow-us prompts, credit and copyright lines. The extractor
//! keeps them when they sit inside the article's markup; they carry no claims, and a "Related:"
//! headline with figures in it would give wrong ones. The cues are data, in
//! `data/boilerplate.toml`.

use std::sync::LazyLock;

use serde::Deserialize;

/// The cues, as `data/boilerplate.toml` writes them.
#[derive(Deserialize)]
struct Cues {
    max_words: usize,
    starts: Vec<String>,
    contains: Vec<String>,
    credit_reach: usize,
    credits: Vec<String>,
    prompts: Vec<Prompt>,
    dateline_words: usize,
    day_names: Vec<String>,
    date_words: Vec<String>,
}

/// A line that starts with `starts` and names one of `names` ("Follow us on Twitter").
#[derive(Deserialize)]
struct Prompt {
    starts: String,
    names: Vec<String>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    toml::from_str(include_str!("../data/boilerplate.toml"))
        .expect("data/boilerplate.toml is valid")
});

/// Whether a line of main text is boilerplate: short, and opening with or holding a cue.
///
/// ```
/// use sitrep_read::boilerplate::is_boilerplate;
/// assert!(is_boilerplate("Read more: Tencent profit falls as Alibaba threat weighs"));
/// assert!(is_boilerplate("Follow Newsbeat on Instagram, Facebook and Twitter."));
/// assert!(!is_boilerplate("Read the statement in full on the ministry's website."));
/// ```
pub fn is_boilerplate(line: &str) -> bool {
    let cues = &*CUES;
    let line = line.trim();
    let words = line.split_whitespace().count();
    if words == 0 || words > cues.max_words {
        return false;
    }
    let lower = line.to_lowercase().replace('\u{2019}', "'");
    cues.starts.iter().any(|s| lower.starts_with(s.as_str()))
        || cues.contains.iter().any(|c| lower.contains(c.as_str()))
        || is_caption(cues, &lower)
        || is_dateline(cues, line)
        || is_address(line)
        || cues.prompts.iter().any(|p| {
            lower.starts_with(p.starts.as_str())
                && p.names.iter().any(|n| lower.contains(n.as_str()))
        })
}

/// Whether a line is only a date, a time, a byline, or these together ("Monday, November 18,
/// 2019", "5:45 AM PST 11/19/2019 by Patrick Shanley", "by Jeff Foust").
fn is_dateline(cues: &Cues, line: &str) -> bool {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > cues.dateline_words {
        return false;
    }
    // "by" and a name of one to four capitalised words end it.
    let by = words.iter().rposition(|w| w.eq_ignore_ascii_case("by"));
    let (date, name) = match by {
        Some(k) => (&words[..k], &words[k + 1..]),
        None => (&words[..], &[][..]),
    };
    let named = (1..=4).contains(&name.len())
        && name
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if by.is_some() && !named {
        return false;
    }
    // One date, named by its month or weekday: "4:14 p.m." or "29 November 2018 | 20 January
    // 2019" in a list are the article's own times.
    let named_days = date
        .iter()
        .filter(|w| {
            let w = w.trim_end_matches(['.', ':']).to_lowercase();
            cues.day_names.contains(&w)
        })
        .count();
    // With a byline after it, a date may be all numbers ("11/19/2019 by Lars Brandle").
    let bylined_numbers =
        by.is_some() && date.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    // A day, not only a month: "March 2025" on its own heads a part of a timeline.
    let has_day = date.iter().any(|w| {
        let w = w.trim_end_matches(['.', ':']);
        w.chars().any(|c| c.is_ascii_digit()) && w.len() != 4
    });
    let dated = ((1..=2).contains(&named_days) && has_day || bylined_numbers)
        && date
            .iter()
            .filter(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
            .count()
            <= 1
        && date.iter().all(|w| {
            let w = w.trim_end_matches(['.', ':']).to_lowercase();
            w.chars().all(|c| c.is_ascii_digit() || "/:.-".contains(c))
                || w.strip_suffix("th")
                    .or(w.strip_suffix("st"))
                    .or(w.strip_suffix("nd"))
                    .or(w.strip_suffix("rd"))
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
                || cues.date_words.contains(&w)
                || cues.day_names.contains(&w)
        });
    (by.is_some() && date.is_empty()) || dated
}

/// Whether a line is one e-mail address or social-media handle and nothing else
/// ("paul.takahashi@chron.com", "@paultakahashi"): a writer's contact line. A web address on
/// its own may be the article's ("www.jeongdongtheater.com" for a venue) and stays.
fn is_address(line: &str) -> bool {
    let line = line.trim();
    !line.contains(char::is_whitespace) && line.contains('@')
}

/// Whether a lower-cased line ends with a picture credit after some text of its own.
fn is_caption(cues: &Cues, lower: &str) -> bool {
    let tail_start = lower
        .char_indices()
        .rev()
        .nth(cues.credit_reach)
        .map_or(0, |(k, _)| k);
    cues.credits.iter().any(|credit| {
        let Some(k) = lower[tail_start..]
            .find(credit.as_str())
            .map(|k| tail_start + k)
        else {
            return false;
        };
        // A whole word ("/ ap", not "/ apartments"), after a caption of some length.
        let whole = !lower[k + credit.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        whole && lower[..k].chars().filter(|c| c.is_alphabetic()).count() >= 20
    })
}

/// The text without its boilerplate lines; blank lines left behind close up.
///
/// ```
/// use sitrep_read::boilerplate::without_boilerplate;
/// let text = "Two soldiers were killed.\n\nLike this story? Share it with a friend!";
/// assert_eq!(without_boilerplate(text), "Two soldiers were killed.");
/// ```
pub fn without_boilerplate(text: &str) -> String {
    let kept: Vec<&str> = text.split('\n').filter(|l| !is_boilerplate(l)).collect();
    if kept.len() == text.split('\n').count() {
        return text.to_string();
    }
    close_up(&kept.join("\n"))
}

/// The text with the blank lines left where lines were taken out closed up: one blank line
/// between paragraphs, none at either end.
pub(crate) fn close_up(text: &str) -> String {
    let mut blocks: Vec<&str> = text.split("\n\n").map(str::trim).collect();
    blocks.retain(|b| !b.is_empty());
    blocks.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_lines_go_and_article_lines_stay() {
        for line in [
            "Related: Possible Water Plumes on Europa: The Discovery in Images",
            "Associated Press writers Alan Fram and Zeke Miller contributed to this report.",
            "Get the day\u{2019}s top headlines delivered to your inbox every morning.",
            "Write to Al Root at allen.root@dowjones.com",
            "Copyright 2019 Inexhibit",
            "Advertisement",
            "Rep. Ilhan Omar speaks at the Capitol on July 25, 2019. J. Scott Applewhite / AP file",
            "The core stage of the rocket after the installation of its engines. (credit: NASA)",
            "Monday, November 18, 2019",
            "5:45 AM PST 11/19/2019 by Patrick Shanley",
            "by Jeff Foust",
            "Updated: 14 March 2025, 09:30 GMT",
            "paul.takahashi@chron.com",
            "@paultakahashi",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
        for line in [
            "Following the attack, security forces moved in.",
            "Main image credit: Getty",
            "On Monday, 12 were killed.",
            "By Tuesday, 40",
            "March 2025",
            "By the river",
            "1,200",
            "4:14 p.m.",
            "02-751-1500",
            "29 November 2018 | 20 January 2019",
            "www.jeongdongtheater.com",
            "Five soldiers were killed in the attack, the ministry told the AP.",
            "Prices rose 4% in the month for rent paid per room / apartment",
            "Write to the ministry, the families were told, and wait.",
            "Advertisements for the rally promised 10,000 people, but about 2,000 came, \
             organisers said, after police closed the roads into the square and warned \
             that anyone who joined would be arrested under the emergency law.",
            "",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
    }
}
