//! A spreadsheet read into rows of cells, each row keeping the number a person sees in Excel
//! (or the line number of a CSV), so that every message can say where to look.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Sheets, open_workbook_from_rs};

use crate::cells::Cell;
use scrutineer_graph::Date;

/// One sheet of a workbook, or one CSV file.
#[derive(Clone, Debug)]
pub struct Table {
    pub file: PathBuf,
    /// The sheet's name; empty for a CSV file, which has no sheets.
    pub sheet: String,
    pub rows: Vec<Row>,
    /// Every sheet of the workbook, in order; empty for a CSV file.
    pub sheets: Vec<String>,
    /// Whether the sheet was asked for by name (`--sheet`) rather than taken as the first.
    pub chosen: bool,
}

#[derive(Clone, Debug)]
pub struct Row {
    /// The row number as the spreadsheet shows it (1 is the top row).
    pub number: usize,
    /// The first cell's column, 0 for column A.
    pub first_column: usize,
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in a column of the sheet (0 for A); a missing cell is blank.
    pub fn cell(&self, column: usize) -> &Cell {
        column
            .checked_sub(self.first_column)
            .and_then(|i| self.cells.get(i))
            .unwrap_or(&Cell::Empty)
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.text().is_none())
    }

    /// How many cells have text.
    pub fn filled(&self) -> usize {
        self.cells.iter().filter(|c| c.text().is_some()).count()
    }
}

/// The letters Excel shows above a column: 0 is `A`, 25 `Z`, 26 `AA`.
pub fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII")
}

/// The largest spreadsheet read. A register or tracker is a few hundred kilobytes; what it
/// adds to a partnership file must fit in the loader's 16 MB anyway.
pub const MAX_SHEET_BYTES: u64 = 64 * 1024 * 1024;

/// The bytes of a spreadsheet, read as every input is: a regular file only (a pipe or a
/// device is refused, not read), at most [`MAX_SHEET_BYTES`].
fn sheet_bytes(path: &Path) -> Result<Vec<u8>, String> {
    scrutineer_graph::files::read_bytes(path, MAX_SHEET_BYTES).map_err(|e| e.to_string())
}

/// Reads a CSV, XLSX, XLS, XLSB or ODS file. `sheet` picks a sheet of a workbook (default: the
/// first); a CSV has one.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Table, String> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "txt" => {
            if sheet.is_some() {
                return Err(format!(
                    "`{}` is a CSV file, which has no sheets; leave out --sheet",
                    path.display()
                ));
            }
            read_csv(path)
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path, sheet),
        _ => Err(format!(
            "`{}` is not a spreadsheet this import reads; give a .csv, .xlsx, .xls, .xlsb or .ods file",
            path.display()
        )),
    }
}

fn read_csv(path: &Path) -> Result<Table, String> {
    let bytes = sheet_bytes(path)?;
    // Excel's "CSV UTF-8" starts with a byte order mark, which would otherwise stick to the
    // first header.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows: Vec<Row> = Vec::new();
    // Line numbers are counted here, from where each record starts, and not taken from the
    // reader: it counts a line at each `\n` it has consumed, and it stops a CRLF row at the
    // `\r`, so every row after the first would be numbered one too low.
    let mut lines = LineCounter::default();
    for record in reader.byte_records() {
        let record = record.map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let mut at = record.position().map(|p| p.byte() as usize).unwrap_or(0);
        // The rest of the row before's CRLF, which the reader leaves unread.
        if at > 0 && bytes.get(at - 1) == Some(&b'\r') && bytes.get(at) == Some(&b'\n') {
            at += 1;
        }
        // The reader passes over empty lines and gives the record the position where they
        // begin. A blank row is kept in their place, since a gap is where a table ends and the
        // notes below it begin.
        let mut gap = false;
        loop {
            match bytes.get(at..).unwrap_or_default() {
                [b'\r', b'\n', ..] => at += 2,
                [b'\n' | b'\r', ..] => at += 1,
                _ => break,
            }
            gap = true;
        }
        let number = lines.line_at(bytes, at);
        if gap {
            rows.push(Row {
                number: number - 1,
                first_column: 0,
                cells: Vec::new(),
            });
        }
        let cells = record
            .iter()
            .enumerate()
            .map(|(i, field)| match std::str::from_utf8(field) {
                Ok(t) if t.trim().is_empty() => Ok(Cell::Empty),
                Ok(t) => Ok(Cell::Text(t.to_string())),
                Err(_) => Err(format!(
                    "`{}`, row {number}, column {}: the text is not UTF-8; save the file as \"CSV UTF-8\"",
                    path.display(),
                    column_letters(i)
                )),
            })
            .collect::<Result<Vec<_>, _>>()?;
        rows.push(Row {
            number,
            first_column: 0,
            cells,
        });
    }
    Ok(Table {
        file: path.to_path_buf(),
        sheet: String::new(),
        rows,
        sheets: Vec::new(),
        chosen: false,
    })
}

/// The line (from 1) a byte of a CSV file is on, counting `\r\n`, `\n` and a lone `\r` each
/// as one line break, as the CSV reader does. Asked for positions in increasing order, so the
/// file is counted through once.
#[derive(Default)]
struct LineCounter {
    counted_to: usize,
    breaks: usize,
}

impl LineCounter {
    fn line_at(&mut self, bytes: &[u8], at: usize) -> usize {
        let at = at.min(bytes.len());
        if at > self.counted_to {
            let span = &bytes[self.counted_to..at];
            self.breaks += span
                .iter()
                .enumerate()
                .filter(|&(i, &b)| {
                    b == b'\n' || (b == b'\r' && bytes.get(self.counted_to + i + 1) != Some(&b'\n'))
                })
                .count();
            self.counted_to = at;
        }
        self.breaks + 1
    }
}

fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<Table, String> {
    // Read into memory by the safe reader, then parsed from there: calamine opening the path
    // itself would read a pipe or a device named as a workbook.
    let data = std::io::Cursor::new(sheet_bytes(path)?);
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let opened = match extension.as_str() {
        "xls" => open_workbook_from_rs(data)
            .map(Sheets::Xls)
            .map_err(calamine::Error::Xls),
        "xlsb" => open_workbook_from_rs(data)
            .map(Sheets::Xlsb)
            .map_err(calamine::Error::Xlsb),
        "ods" => open_workbook_from_rs(data)
            .map(Sheets::Ods)
            .map_err(calamine::Error::Ods),
        _ => open_workbook_from_rs(data)
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::Xlsx),
    };
    let mut book =
        opened.map_err(|e| format!("cannot open `{}` as a workbook: {e}", path.display()))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names.iter().find(|n| *n == s).cloned().ok_or_else(|| {
            format!(
                "`{}` has no sheet `{s}`; its sheets are: {}",
                path.display(),
                quoted(&names)
            )
        })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| format!("`{}` has no sheets", path.display()))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("cannot read sheet `{name}` of `{}`: {e}", path.display()))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| Row {
            number: top as usize + i + 1,
            first_column: left as usize,
            cells: cells.iter().map(cell).collect(),
        })
        .collect();
    Ok(Table {
        file: path.to_path_buf(),
        sheet: name,
        rows,
        sheets: names,
        chosen: sheet.is_some(),
    })
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            // `as_datetime` allows for workbooks that count from 1904.
            Some(t) if dt.is_datetime() => Cell::Date(Date(t.date())),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| d.parse::<Date>().ok())
            .map(Cell::Date)
            .unwrap_or_else(|| Cell::Text(s.clone())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::column_letters;

    #[test]
    fn columns_are_lettered_as_excel_does() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}

#[cfg(test)]
mod csv_tests {
    #[test]
    fn an_empty_line_is_a_blank_row() {
        let dir = std::env::temp_dir().join(format!("scrutineer-import-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("gap.csv");
        std::fs::write(&path, "A,B\n1,2\n\nnote\n\"x\ny\",3\n").unwrap();
        let t = super::read(&path, None).unwrap();
        let shape: Vec<(usize, usize)> = t.rows.iter().map(|r| (r.number, r.filled())).collect();
        assert_eq!(shape, vec![(1, 2), (2, 2), (3, 0), (4, 1), (5, 2)]);
    }

    /// The same sheet saved with Windows line endings, and with old Mac ones, is numbered the
    /// same: a row's number is the line it starts on, whatever ends the lines.
    #[test]
    fn rows_are_numbered_alike_whatever_ends_the_lines() {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in [
            ("lf.csv", "T\n\nA,B\n1,2\n\nnote\n\"x\ny\",3\n4,5\n"),
            (
                "crlf.csv",
                "T\r\n\r\nA,B\r\n1,2\r\n\r\nnote\r\n\"x\r\ny\",3\r\n4,5\r\n",
            ),
            ("cr.csv", "T\r\rA,B\r1,2\r\rnote\r\"x\ry\",3\r4,5\r"),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            let t = super::read(&path, None).unwrap();
            let shape: Vec<(usize, usize)> =
                t.rows.iter().map(|r| (r.number, r.filled())).collect();
            assert_eq!(
                shape,
                vec![
                    (1, 1),
                    (2, 0),
                    (3, 2),
                    (4, 2),
                    (5, 0),
                    (6, 1),
                    (7, 2),
                    (9, 2)
                ],
                "{name}"
            );
        }
    }
}
