//! Plain text: the whole file is one document, its id the file name.

use std::io::BufRead;

use crate::{decode, read_all, Event, Format};
use sitrep_core::Document;

/// Plain text files (`.txt`, or anything not recognised as another format).
pub struct Text;

impl Format for Text {
    fn read(&self, path: &str, input: &mut dyn BufRead, sink: &mut dyn FnMut(Event)) {
        let Some(bytes) = read_all(path, input, sink) else {
            return;
        };
        let mut text = decode(path, None, bytes, sink);
        if text.starts_with('\u{feff}') {
            text.drain(..3);
        }
        let id = std::path::Path::new(path)
            .file_name()
            .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned());
        sink(Event::Document(Document::new(id, text)));
    }
}

#[cfg(test)]
mod tests {
    use crate::{read_bytes, Event, InputFormat};

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let mut events = Vec::new();
        read_bytes(
            "dir/bad.txt",
            b"3 killed \xff here",
            InputFormat::Auto,
            &mut |e| events.push(e),
        );
        assert!(
            matches!(&events[0], Event::Warning(p) if p.to_string().starts_with("dir/bad.txt: invalid UTF-8"))
        );
        assert!(
            matches!(&events[1], Event::Document(d) if d.id == "bad.txt" && d.text == "3 killed \u{fffd} here")
        );
    }

    #[test]
    fn empty_file_is_an_empty_document() {
        let mut events = Vec::new();
        read_bytes("empty.txt", b"", InputFormat::Auto, &mut |e| events.push(e));
        assert!(matches!(&events[..], [Event::Document(d)] if d.text.is_empty()));
    }
}
