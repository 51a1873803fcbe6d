//! JSON Lines: claims as spec v1 records with the document's title, URL and date added;
//! documents with the fields `sitrep doc` prints.

use std::io::{BufWriter, Write};

use super::Sink;
use crate::{Error, Result, StoredClaim, StoredDocument};

pub(super) struct JsonLines {
    out: BufWriter<Box<dyn Write + Send>>,
}

impl JsonLines {
    pub(super) fn new(out: Box<dyn Write + Send>) -> Self {
        JsonLines {
            out: BufWriter::with_capacity(1 << 16, out),
        }
    }

    fn line<T: serde::Serialize>(&mut self, record: &T) -> Result<()> {
        serde_json::to_writer(&mut self.out, record)
            .map_err(|e| Error::Io(std::io::Error::other(e)))?;
        self.out.write_all(b"\n")?;
        Ok(())
    }
}

impl Sink for JsonLines {
    fn claim(&mut self, claim: &StoredClaim) -> Result<()> {
        self.line(claim)
    }

    fn document(&mut self, document: &StoredDocument) -> Result<()> {
        self.line(document)
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}
