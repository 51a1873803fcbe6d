//! placeholder
use serde::Serialize;
use std::path::Path;
#[derive(Debug, Clone, Copy)]
pub enum Split {
    Dev,
    Test,
}
impl std::str::FromStr for Split {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "dev" => Ok(Split::Dev),
            "test" => Ok(Split::Test),
            _ => Err("bad split".into()),
        }
    }
}
#[derive(Serialize)]
pub struct Report {}
impl Report {
    pub fn table(&self) -> String {
        String::new()
    }
}
pub fn run(
    _gold: &Path,
    _split: Split,
    _only: Option<&str>,
    _log: &mut dyn FnMut(&str),
) -> Result<Report, String> {
    Ok(Report {})
}
