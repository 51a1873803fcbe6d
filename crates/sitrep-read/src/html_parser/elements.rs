//! The HTML standard's categories of elements, as the tree builder uses them.

use super::tokenizer::{StartTag, TextMode};

/// Elements with no end tag and no content.
#[rustfmt::skip]
pub(super) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area" | "base" | "basefont" | "bgsound" | "br" | "col" | "embed" | "frame" | "hr" | "img"
            | "input" | "keygen" | "link" | "meta" | "param" | "source" | "track" | "wbr"
    )
}

/// Elements that go in `<head>` when they come before the body.
#[rustfmt::skip]
pub(super) fn belongs_in_head(name: &str) -> bool {
    matches!(
        name,
        "base" | "basefont" | "bgsound" | "link" | "meta" | "title" | "noscript" | "noframes"
            | "style" | "script" | "template"
    )
}

/// Start tags that close an open `<p>` (the standard's list; `table` only outside quirks
/// mode, so it is not here).
#[rustfmt::skip]
pub(super) fn closes_paragraph(name: &str) -> bool {
    matches!(
        name,
        "address" | "article" | "aside" | "blockquote" | "center" | "details" | "dialog" | "dir"
            | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer" | "header" | "hgroup"
            | "main" | "menu" | "nav" | "ol" | "p" | "search" | "section" | "summary" | "ul"
            | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "listing" | "form" | "plaintext"
            | "hr" | "xmp" | "dd" | "dt" | "li"
    )
}

pub(super) fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The standard's "special" elements: an end tag for another element does not close them.
#[rustfmt::skip]
pub(super) fn is_special(name: &str) -> bool {
    matches!(
        name,
        "address" | "applet" | "area" | "article" | "aside" | "base" | "basefont" | "bgsound"
            | "blockquote" | "body" | "br" | "button" | "caption" | "center" | "col" | "colgroup"
            | "dd" | "details" | "dir" | "div" | "dl" | "dt" | "embed" | "fieldset" | "figcaption"
            | "figure" | "footer" | "form" | "frame" | "frameset" | "h1" | "h2" | "h3" | "h4"
            | "h5" | "h6" | "head" | "header" | "hgroup" | "hr" | "html" | "iframe" | "img"
            | "input" | "keygen" | "li" | "link" | "listing" | "main" | "marquee" | "menu"
            | "meta" | "nav" | "noembed" | "noframes" | "noscript" | "object" | "ol" | "p"
            | "param" | "plaintext" | "pre" | "script" | "search" | "section" | "select"
            | "source" | "style" | "summary" | "table" | "tbody" | "td" | "template" | "textarea"
            | "tfoot" | "th" | "thead" | "title" | "tr" | "track" | "ul" | "wbr" | "xmp"
    )
}

/// Inline formatting elements, whose end tag the standard answers with its adoption agency.
#[rustfmt::skip]
pub(super) fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b" | "big" | "code" | "em" | "font" | "i" | "nobr" | "s" | "small" | "strike"
            | "strong" | "tt" | "u"
    )
}

/// Elements that end a search for an element "in scope".
#[rustfmt::skip]
pub(super) fn bounds_scope(name: &str) -> bool {
    matches!(
        name,
        "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template"
    )
}

/// Elements that end a search for a formatting element: those of a scope, bar `<table>`.
pub(super) fn bounds_formatting(name: &str) -> bool {
    bounds_scope(name) && name != "table"
}

/// Parts of a table's frame, inside which other content is moved before the table.
pub(super) fn is_table_frame(name: &str) -> bool {
    matches!(name, "table" | "tbody" | "thead" | "tfoot" | "tr")
}

/// SVG and MathML elements whose content is HTML again (lower-cased, as tokenized).
pub(super) fn is_integration_point(name: &str) -> bool {
    matches!(
        name,
        "foreignobject" | "desc" | "title" | "mi" | "mo" | "mn" | "ms" | "mtext" | "annotation-xml"
    )
}

/// HTML start tags that leave SVG or MathML.
#[rustfmt::skip]
pub(super) fn breaks_out_of_foreign(tag: &StartTag<'_>) -> bool {
    matches!(
        &*tag.name,
        "b" | "big" | "blockquote" | "body" | "br" | "center" | "code" | "dd" | "div" | "dl"
            | "dt" | "em" | "embed" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "head" | "hr"
            | "i" | "img" | "li" | "listing" | "menu" | "meta" | "nobr" | "ol" | "p" | "pre"
            | "ruby" | "s" | "small" | "span" | "strong" | "strike" | "sub" | "sup" | "table"
            | "tt" | "u" | "ul" | "var"
    ) || (&*tag.name == "font"
        && tag.attrs.iter().any(|(n, _)| matches!(&**n, "color" | "face" | "size")))
}

/// How the text after an HTML element's start tag is read, when not as markup.
pub(super) fn text_mode(name: &str) -> Option<TextMode> {
    match name {
        "title" | "textarea" => Some(TextMode::Rcdata),
        // Scripting counts as enabled, as in scraper: `<noscript>` content is text.
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
            Some(TextMode::Rawtext)
        }
        "plaintext" => Some(TextMode::Plaintext),
        _ => None,
    }
}

/// Whether a doctype puts the page in quirks mode, by the standard's main cases.
pub(super) fn doctype_quirks(doctype: &str) -> bool {
    let lower = doctype.trim().to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("html") else {
        return true;
    };
    let rest = rest.trim();
    if rest.is_empty() {
        return false;
    }
    let has_system_id = rest.matches('"').count() >= 4 || rest.matches('\'').count() >= 4;
    ((rest.contains("html 4.01 transitional") || rest.contains("html 4.01 frameset"))
        && !has_system_id)
        || rest.contains("html 4.0 transitional")
        || rest.contains("html 3.2")
        || rest.contains("html 2.0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doctypes_that_ask_for_quirks() {
        assert!(!doctype_quirks(" html"));
        assert!(!doctype_quirks(
            r#"html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd""#
        ));
        assert!(doctype_quirks(
            r#"HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN""#
        ));
        assert!(!doctype_quirks(
            r#"HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd""#
        ));
        assert!(doctype_quirks("svg"));
    }
}
