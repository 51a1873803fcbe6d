//! Feeds: RSS 2.0, RSS 1.0 (RDF) and Atom. One document per item or entry, with its link,
//! title, author and date; items that carry the full article (`content:encoded`, Atom
//! `content`) give its text in paragraphs, the others their summary. The channel's title is
//! the publisher. Elements of other namespaces are passed over; a date that cannot be read is
//! a warning and the item still comes; broken XML ends the file with an error after the items
//! read before it.

use std::io::BufRead;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event as Xml;
use sitrep_core::{Document, Meta};

use crate::{problem, Event, Format};

/// RSS and Atom feeds (`.rss`, `.atom`, or XML whose root is a feed).
pub struct Feed;

/// The fields of one item as they are read.
#[derive(Default)]
struct Item {
    title: String,
    link: String,
    id: String,
    date: String,
    author: String,
    summary: String,
    content: String,
}

/// Where text being read goes.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Title,
    Link,
    Id,
    Date,
    Author,
    Summary,
    Content,
    ChannelTitle,
}

impl Format for Feed {
    fn read(&self, path: &str, input: &mut dyn BufRead, sink: &mut dyn FnMut(Event)) {
        let mut reader = quick_xml::Reader::from_reader(input);
        let mut buf = Vec::new();
        let mut item: Option<Item> = None;
        let mut field: Option<Field> = None;
        let mut depth_in_field = 0usize;
        let mut channel_title = String::new();
        let mut in_channel_title_scope = true;
        let mut count = 0u64;
        loop {
            let event = match reader.read_event_into(&mut buf) {
                Ok(e) => e,
                Err(e) => {
                    let at = reader.buffer_position();
                    sink(Event::Error(problem(
                        path,
                        None,
                        format!("broken XML at byte {at}: {e}"),
                    )));
                    return;
                }
            };
            match event {
                Xml::Start(e) => {
                    let name = local(e.local_name().as_ref());
                    if field.is_some() {
                        depth_in_field += 1;
                        // Markup inside a field (XHTML content) keeps its paragraph breaks.
                        if is_block(&name) {
                            push(&mut item, &mut channel_title, field, "\n\n");
                        }
                        continue;
                    }
                    if name == "item" || name == "entry" {
                        item = Some(Item::default());
                        in_channel_title_scope = false;
                        continue;
                    }
                    field = match (&item, name.as_str()) {
                        (Some(_), "title") => Some(Field::Title),
                        (Some(_), "link") => {
                            if let Some(href) = attribute(&e, "href") {
                                set_link(&mut item, &e, href);
                                None
                            } else {
                                Some(Field::Link)
                            }
                        }
                        (Some(_), "guid" | "id") => Some(Field::Id),
                        (Some(_), "pubdate" | "date" | "published" | "updated" | "issued") => {
                            Some(Field::Date)
                        }
                        (Some(_), "creator" | "author" | "name") => Some(Field::Author),
                        (Some(_), "description" | "summary") => Some(Field::Summary),
                        (Some(_), "encoded" | "content") => Some(Field::Content),
                        (None, "title") if in_channel_title_scope && channel_title.is_empty() => {
                            Some(Field::ChannelTitle)
                        }
                        _ => None,
                    };
                    // Atom's <author><name>…</name></author>: the name is the author.
                    if field == Some(Field::Author) && name == "author" {
                        field = Some(Field::Author);
                    }
                    depth_in_field = 0;
                }
                Xml::Empty(e) => {
                    let name = local(e.local_name().as_ref());
                    if field.is_some() {
                        if name == "br" {
                            push(&mut item, &mut channel_title, field, "\n");
                        }
                        continue;
                    }
                    if name == "link" && item.is_some() {
                        if let Some(href) = attribute(&e, "href") {
                            set_link(&mut item, &e, href);
                        }
                    }
                }
                Xml::End(e) => {
                    let name = local(e.local_name().as_ref());
                    if field.is_some() {
                        if depth_in_field > 0 {
                            depth_in_field -= 1;
                            if is_block(&name) {
                                push(&mut item, &mut channel_title, field, "\n\n");
                            }
                            continue;
                        }
                        field = None;
                        continue;
                    }
                    if name == "item" || name == "entry" {
                        if let Some(done) = item.take() {
                            count += 1;
                            match document(path, count, &channel_title, done, sink) {
                                Some(d) => sink(Event::Document(d)),
                                None => sink(Event::Warning(problem(
                                    path,
                                    None,
                                    format!("item {count} has no text: skipped"),
                                ))),
                            }
                        }
                    }
                }
                Xml::Text(t) if field.is_some() => {
                    push(&mut item, &mut channel_title, field, &t.xml10_content());
                }
                Xml::CData(t) if field.is_some() => {
                    let text = t.into_inner().into_owned();
                    push(&mut item, &mut channel_title, field, &text);
                }
                Xml::GeneralRef(r) if field.is_some() => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => {
                            let name = r.xml10_content();
                            resolve_predefined_entity(&name)
                                .map(str::to_string)
                                .unwrap_or_else(|| format!("&{name};"))
                        }
                    };
                    push(&mut item, &mut channel_title, field, &resolved);
                }
                Xml::Eof => {
                    if item.is_some() {
                        sink(Event::Error(problem(
                            path,
                            None,
                            format!("the feed ends inside item {} (truncated?)", count + 1),
                        )));
                        return;
                    }
                    break;
                }
                _ => {}
            }
            buf.clear();
        }
        if count == 0 {
            sink(Event::Warning(problem(path, None, "a feed with no items")));
        }
    }
}

fn local(name: &str) -> String {
    name.to_ascii_lowercase()
}

fn attribute(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref().eq_ignore_ascii_case(name))
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// An Atom `<link href>`: the item's link unless it points elsewhere than the article
/// (`rel="enclosure"`, `rel="replies"` …).
fn set_link(item: &mut Option<Item>, e: &quick_xml::events::BytesStart, href: String) {
    let rel = attribute(e, "rel").unwrap_or_else(|| "alternate".into());
    if let Some(item) = item {
        if rel == "alternate" && item.link.is_empty() {
            item.link = href;
        }
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "tr"
    )
}

fn push(item: &mut Option<Item>, channel_title: &mut String, field: Option<Field>, text: &str) {
    let Some(field) = field else { return };
    if field == Field::ChannelTitle {
        channel_title.push_str(text);
        return;
    }
    let Some(item) = item else { return };
    let target = match field {
        Field::Title => &mut item.title,
        Field::Link => &mut item.link,
        Field::Id => &mut item.id,
        Field::Date => &mut item.date,
        Field::Author => &mut item.author,
        Field::Summary => &mut item.summary,
        Field::Content => &mut item.content,
        Field::ChannelTitle => return,
    };
    target.push_str(text);
}

/// The document of a finished item, or none when it has no text.
fn document(
    path: &str,
    count: u64,
    channel_title: &str,
    item: Item,
    sink: &mut dyn FnMut(Event),
) -> Option<Document> {
    let body = if item.content.trim().is_empty() {
        item.summary
    } else {
        item.content
    };
    // Escaped HTML (the usual RSS description) becomes text in paragraphs.
    let text = if body.contains('<') {
        crate::formats::html::paragraphs(&body)
    } else {
        body.trim().to_string()
    };
    let text = crate::boilerplate::without_boilerplate(&text);
    if text.is_empty() {
        return None;
    }
    let date = item.date.trim();
    let published = if date.is_empty() {
        None
    } else {
        let parsed = crate::parse_date(date);
        if parsed.is_none() {
            sink(Event::Warning(problem(
                path,
                None,
                format!("item {count}: unreadable date {date:?}"),
            )));
        }
        parsed
    };
    let link = item.link.trim().to_string();
    let id = [link.as_str(), item.id.trim()]
        .into_iter()
        .find(|s| !s.is_empty())
        .map_or_else(|| format!("{path}#{count}"), str::to_string);
    let some = |s: &str| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!s.is_empty()).then_some(s)
    };
    Some(Document {
        id,
        text,
        meta: Meta {
            title: some(&item.title),
            byline: some(&item.author),
            published,
            url: some(&link),
            source: some(channel_title),
            language: None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documents(events: &[Event]) -> Vec<&Document> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Document(d) => Some(d),
                _ => None,
            })
            .collect()
    }

    fn read(xml: &str) -> Vec<Event> {
        let mut out = Vec::new();
        Feed.read("news.rss", &mut xml.as_bytes(), &mut |e| out.push(e));
        out
    }

    #[test]
    fn rss_items_with_full_content_and_summaries() {
        let ev = read(
            r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:x="urn:unknown">
            <channel><title>The Ledger</title><link>https://ledger.example</link>
            <item><title>Strike on Kharkiv</title><link>https://ledger.example/a</link>
              <pubDate>Fri, 14 Mar 2025 09:30:00 +0200</pubDate><dc:creator>Mara Ellison</dc:creator>
              <description>Short summary.</description><x:rating>5</x:rating>
              <content:encoded><![CDATA[<p>At least <b>12</b> civilians were killed.</p><p>More than 40 were wounded.</p><p>The post Strike on Kharkiv appeared first on The Ledger.</p>]]></content:encoded></item>
            <item><title>Second</title><guid>urn:2</guid><pubDate>someday</pubDate>
              <description>Three soldiers were captured &amp; two were wounded.</description></item>
            </channel></rss>"#,
        );
        let docs = documents(&ev);
        assert_eq!(docs.len(), 2, "{ev:?}");
        assert_eq!(docs[0].id, "https://ledger.example/a");
        assert_eq!(
            docs[0].text,
            "At least 12 civilians were killed.\n\nMore than 40 were wounded."
        );
        assert_eq!(docs[0].meta.published.unwrap().to_string(), "2025-03-14");
        assert_eq!(docs[0].meta.byline.as_deref(), Some("Mara Ellison"));
        assert_eq!(docs[0].meta.source.as_deref(), Some("The Ledger"));
        assert_eq!(docs[1].id, "urn:2");
        assert_eq!(
            docs[1].text,
            "Three soldiers were captured & two were wounded."
        );
        assert!(ev
            .iter()
            .any(|e| matches!(e, Event::Warning(p) if p.message.contains("unreadable date"))));
    }

    #[test]
    fn atom_entries_and_broken_xml() {
        let ev = read(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
            <entry><title>One</title><link rel="alternate" href="https://wire.example/1"/>
              <updated>2024-12-19T15:30:00Z</updated><author><name>Desk</name></author>
              <content type="html">&lt;p&gt;Five were killed.&lt;/p&gt;</content></entry>
            <entry><title>Two</title><summary>Ten were wounded.</summary></entry>
            <entry><title>Broken"#,
        );
        let docs = documents(&ev);
        assert_eq!(docs.len(), 2, "{ev:?}");
        assert_eq!(docs[0].id, "https://wire.example/1");
        assert_eq!(docs[0].text, "Five were killed.");
        assert_eq!(docs[0].meta.published.unwrap().to_string(), "2024-12-19");
        assert_eq!(docs[0].meta.source.as_deref(), Some("Wire"));
        assert_eq!(docs[1].id, "news.rss#2");
        assert!(
            matches!(ev.last(), Some(Event::Error(p)) if p.message.contains("truncated")),
            "{ev:?}"
        );
    }
}
