//! Markdown tables, the tool's only output format, so results paste straight into RESULTS.md.

/// A Markdown table built row by row.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column names.
    pub fn new<S: AsRef<str>>(header: &[S]) -> Self {
        Table {
            header: header.iter().map(|h| h.as_ref().to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row; missing cells print empty.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let line = |cells: &[String]| {
            let mut out = String::from("|");
            for i in 0..self.header.len() {
                out.push(' ');
                out.push_str(cells.get(i).map(String::as_str).unwrap_or(""));
                out.push_str(" |");
            }
            out
        };
        writeln!(f, "{}", line(&self.header))?;
        let rule: Vec<String> = self.header.iter().map(|_| "---".to_string()).collect();
        writeln!(f, "{}", line(&rule))?;
        for row in &self.rows {
            writeln!(f, "{}", line(row))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_header_rule_and_rows() {
        let mut table = Table::new(&["hệ thống", "nDCG@10"]);
        table.row(vec!["tracuu".into(), "0.612".into()]);
        assert_eq!(
            table.to_string(),
            "| hệ thống | nDCG@10 |\n| --- | --- |\n| tracuu | 0.612 |\n"
        );
    }
}
