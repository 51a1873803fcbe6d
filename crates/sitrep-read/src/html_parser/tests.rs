use super::parse_document;
use ego_tree::NodeRef;
use scraper::{Html, Node};

/// The tree as markup: elements with their attributes (sorted), text; comments, doctypes
/// and template fragments left out, as sitrep's parser makes no nodes for them.
fn outline(page: &Html) -> String {
    fn walk(node: NodeRef<'_, Node>, out: &mut String) {
        match node.value() {
            Node::Element(e) => {
                out.push('<');
                out.push_str(e.name());
                let mut attrs: Vec<_> = e.attrs().collect();
                attrs.sort();
                for (name, value) in attrs {
                    out.push_str(&format!(" {name}={value:?}"));
                }
                out.push('>');
                for child in node.children() {
                    walk(child, out);
                }
                out.push_str(&format!("</{}>", e.name()));
            }
            Node::Text(t) => out.push_str(t),
            Node::Document | Node::Fragment => {
                for child in node.children() {
                    walk(child, out);
                }
            }
            _ => {}
        }
    }
    let mut out = String::new();
    walk(page.tree.root(), &mut out);
    out
}

fn ours(html: &str) -> String {
    outline(&parse_document(html))
}

fn html5ever(html: &str) -> String {
    outline(&Html::parse_document(html))
}

/// Pages on which sitrep's parser must build html5ever's tree exactly.
const SAME_AS_HTML5EVER: &[&str] = &[
    "",
    "plain text only",
    "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>A &amp; B</title></head><body><p>x</p></body></html>",
    "<title>T</title><p>One<p>Two",
    "<p>One<div>Two</div>Three",
    "<ul><li>a<li>b<ul><li>c</ul><li>d</ul>",
    "<dl><dt>a<dd>b<dt>c</dl>",
    "<h1>One<h2>Two</h2>",
    "<p>a<br>b<br/>c</br>d</p>",
    "</p>stray end",
    "<div><span>a</div>b</span>c",
    "<div>a</span>b</div>",
    "<!DOCTYPE html><table><tr><td>a<td>b<tr><td>c</table>",
    "<!DOCTYPE html><table><td>a</td></table>",
    "<!DOCTYPE html><table>loose<tr><td>x</td></tr></table>",
    "<!DOCTYPE html><table><div>moved</div><tr><td>x</table>",
    "<!DOCTYPE html><table><tr><td><table><tr><td>in</table>out</td></tr></table>",
    "<!DOCTYPE html><table><thead><tr><th>h<tbody><tr><td>d</table>",
    "<!DOCTYPE html><table><caption>c</caption><colgroup><col><col></colgroup><tr><td>x</table>",
    "<!DOCTYPE html><p>a<table><tr><td>b</table>",
    "<p>a<table><tr><td>b</table>",
    "<td>not in a table</td><tr>nor this",
    "<script>if (a < b && c) document.write('<p>x</p>')</script><p>after",
    "<style>p > a { color: red }</style><p>s",
    "<textarea>\nfirst &amp; line</textarea>",
    "<pre>\ncode\n</pre>",
    "<pre><b>x</b>\ny</pre>",
    "<noscript><img src=x></noscript><p>n",
    "<select><option>a<option>b<optgroup><option>c</select>",
    "<svg class=icon><path d='M0'/><circle/></svg><p>after svg",
    "<svg><title>icon</title></svg>text",
    "<math><mi>x</mi></math>",
    "<p><svg><g><p>breaks out</p></g></svg>",
    "<form><input name=q><button>Go</button></form><p>after",
    "<form>a<form>b</form>c</form>d",
    "<a href=1>one<a href=2>two</a>",
    "<p>a<b>bold</b>c<i>it</i></p>",
    "<img src=a alt='x &copy y'><image src=b>",
    "<head></head>text<body class=x>more</body></html>after",
    "<html><body><p>x</p></body></html><p>after html</p>",
    "<meta name=a content=b><link rel=canonical href=/x><p>body",
    "<head><title>a</title></head><script>x</script><p>y",
    "<!DOCTYPE html><div hidden aria-hidden=true style='display:none'>h</div>",
    "<p>1 < 2 and 3 > 2 &lt; &gt; &nbsp; &#8217; &#x2014; &notanentity; &amp</p>",
    "<P CLASS=Up>Upper</P>",
    "<div><!-- a comment --><p>x<!-- --></div>",
    "<button>a<button>b</button>",
    "<iframe src=x><p>not a tag</p></iframe>after",
    "<div id=a><section><article><p>deep</article></section></div>",
    "<table><tr><td>a</td></tr><script>s</script></table>",
    "<center><font face=x>old</font></center>",
    "<ol><li><p>a<li>b</ol>",
    "<div>a<li>b<li>c</div>",
    "<h2><a href=x>Title</a></h2><p>Lead, with commas, and more.</p>",
    "<p>cut off at the end <a href=\"x",
    "<p>x</p><plaintext><b>raw</b>",
];

#[test]
fn builds_html5evers_tree_on_these_pages() {
    let mut differ = Vec::new();
    for html in SAME_AS_HTML5EVER {
        let (a, b) = (ours(html), html5ever(html));
        if a != b {
            differ.push(format!("{html}\n  ours:      {a}\n  html5ever: {b}"));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn misnested_formatting_closes_instead_of_reparenting() {
    // html5ever's adoption agency gives `<b></b><p><b>x</b>y</p>`; the text and its order are
    // the same, only the bold wrapper differs.
    assert_eq!(
        ours("<b><p>x</b>y</p>"),
        "<html><head></head><body><b><p>xy</p></b></body></html>"
    );
}

#[test]
fn deep_and_broken_input_does_not_fail() {
    let deep = "<div>".repeat(20_000) + "x";
    let page = parse_document(&deep);
    assert!(page
        .tree
        .root()
        .descendants()
        .any(|n| n.value().as_text().is_some_and(|t| &**t == "x")));
    for html in [
        "<",
        "</",
        "<!",
        "<!-",
        "<a",
        "<a b",
        "<a b=",
        "<a b='",
        "&",
        "&#",
        "&#x",
        "<svg><![CDATA[x",
        "\r\n<p>\r</p>",
    ] {
        let _ = ours(html);
    }
    assert_eq!(
        ours("<p>a\r\nb\rc</p>"),
        "<html><head></head><body><p>a\nb\nc</p></body></html>"
    );
}
