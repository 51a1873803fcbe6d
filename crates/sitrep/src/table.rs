//! Aligned text tables for the terminal: each column as wide as its widest cell, up to a cap,
//! with longer cells cut and marked with "…".

use std::io::{self, BufWriter, Write};

/// The widest a column grows before its cells are cut.
const MAX_WIDTH: usize = 48;

/// Writes `rows` under `header` to standard output.
pub fn print(header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = write(&mut out, header, rows).and_then(|_| out.flush());
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes the table to `out`; the last column is never cut.
pub fn write(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let last = header.len() - 1;
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (k, cell) in row.iter().enumerate().take(last) {
            widths[k] = widths[k].max(cell.chars().count().min(MAX_WIDTH));
        }
    }
    let mut line = String::with_capacity(256);
    let mut write_line = |out: &mut dyn Write, cells: &mut dyn Iterator<Item = &str>| {
        line.clear();
        for (k, cell) in cells.enumerate() {
            if k > 0 {
                line.push_str("  ");
            }
            let start = line.len();
            if k == last {
                line.push_str(cell);
            } else {
                push_fitted(&mut line, cell, widths[k]);
            }
            if cell.contains(['\n', '\t']) {
                let cleaned = line[start..].replace(['\n', '\t'], " ");
                line.truncate(start);
                line.push_str(&cleaned);
            }
        }
        out.write_all(line.trim_end().as_bytes())?;
        out.write_all(b"\n")
    };
    write_line(out, &mut header.iter().copied())?;
    for row in rows {
        write_line(out, &mut row.iter().map(String::as_str))?;
    }
    Ok(())
}

/// Appends `cell` padded or cut to `width` characters.
fn push_fitted(line: &mut String, cell: &str, width: usize) {
    let mut n = 0;
    for (i, c) in cell.char_indices() {
        if n + 1 == width && cell[i..].chars().nth(1).is_some() {
            line.push('…');
            return;
        }
        line.push(c);
        n += 1;
    }
    line.extend(std::iter::repeat_n(' ', width.saturating_sub(n)));
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_align_and_long_cells_are_cut() {
        let mut out = Vec::new();
        let long = "x".repeat(60);
        super::write(
            &mut out,
            &["A", "B"],
            &[vec!["one".into(), "last".into()], vec![long, "y".into()]],
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let column = |line: &str, c: char| line.chars().position(|x| x == c);
        assert_eq!(column(lines[1], 'l'), column(lines[2], 'y'));
        assert!(lines[2].contains('…'));
        assert_eq!(lines[2].chars().count(), 48 + 2 + 1);
    }
}
