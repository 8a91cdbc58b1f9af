//! A small writer of HCL blocks and attributes, shared by Terraform and Packer. Values from the
//! scenario go through [`crate::quote::hcl`]; names are the writer's own.

use crate::quote;

/// HCL text being written, two spaces a level.
#[derive(Default)]
pub(crate) struct Hcl {
    out: String,
    depth: usize,
}

impl Hcl {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// A line of the writer's own (a comment, a fixed attribute).
    pub fn line(&mut self, text: &str) {
        self.indent();
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// `header {`, then what follows is inside.
    pub fn open(&mut self, header: &str) {
        self.line(&format!("{header} {{"));
        self.depth += 1;
    }

    /// `}`.
    pub fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.line("}");
    }

    /// `name = "text"`, quoted and escaped.
    pub fn string(&mut self, name: &str, text: &str) {
        self.line(&format!("{name} = {}", quote::hcl(text)));
    }

    /// `name = literal` for numbers, booleans and references.
    pub fn raw(&mut self, name: &str, literal: impl std::fmt::Display) {
        self.line(&format!("{name} = {literal}"));
    }

    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    pub fn finish(self) -> String {
        self.out
    }
}
