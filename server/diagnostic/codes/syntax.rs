//! The syntax family (FL0xx): the bytes are not loadable YAML as upstream loads them.
//! floe reads both files with PyYAML's `yaml.safe_load`; these rules report, each with a position,
//! everything that makes that call fail or silently lose data.

use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports text that is not valid YAML: bad indentation, tabs used for indentation, an
    /// unclosed quote or bracket, a missing `:` after a key.
    ///
    /// ## Why is this bad?
    /// floe cannot load the file at all; every command that reads it fails.
    ///
    /// ## Example
    /// ```yaml
    /// catalogs:
    ///   default:
    ///    type: polaris     # indented one space less than its sibling
    ///     uri: http://polaris:8181/api/catalog
    /// ```
    ///
    /// ## Fix
    /// Correct the YAML at the reported position. Indent with spaces, never tabs.
    pub static YAML_SYNTAX = ("FL001", "yaml-syntax", Syntax, Error, "Text that is not valid YAML");
}

declare_rule! {
    /// ## What it does
    /// Reports every mapping key that appears more than once in the same mapping, pointing at
    /// the repeated key and, as related information, at the first one.
    ///
    /// ## Why is this bad?
    /// YAML loaders (PyYAML included) silently keep only the last value. The first block is
    /// ignored without a word, which is how a profile or a credential setting "disappears".
    ///
    /// ## Example
    /// ```yaml
    /// compute:
    ///   default:
    ///     type: duckdb
    ///   default:          # replaces the profile above
    ///     type: snowflake
    /// ```
    ///
    /// ## Fix
    /// Remove one of the keys, or merge their contents into one.
    pub static DUPLICATE_KEY = ("FL002", "duplicate-key", Syntax, Error, "A mapping key repeated in the same mapping");
}

declare_rule! {
    /// ## What it does
    /// Reports files that are not UTF-8 text, or that contain control characters (NUL and other
    /// non-printable characters) that PyYAML refuses with "special characters are not allowed".
    ///
    /// ## Why is this bad?
    /// floe cannot read the file. Usually a binary file was saved under a YAML name, or an editor
    /// wrote another encoding.
    ///
    /// ## Example
    /// A `platform.yaml` saved as UTF-16, or holding a stray `\0` byte.
    ///
    /// ## Fix
    /// Save the file as UTF-8 and remove control characters.
    pub static INVALID_ENCODING = ("FL003", "invalid-encoding", Syntax, Error, "File is not UTF-8 text or contains forbidden control characters");
}

declare_rule! {
    /// ## What it does
    /// Reports aliases that expand beyond floe-lint's budget (an alias bomb, "billion laughs"),
    /// and aliases that refer to a node containing themselves.
    ///
    /// ## Why is this bad?
    /// A few lines of anchors and aliases can expand to billions of nodes and exhaust memory in
    /// any tool that loads the file, including floe itself.
    ///
    /// ## Example
    /// ```yaml
    /// a: &a [x, x, x, x, x, x, x, x, x, x]
    /// b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    /// c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
    /// ```
    ///
    /// ## Fix
    /// Write the values out, or use far fewer nested aliases.
    pub static ALIAS_LIMIT = ("FL004", "alias-limit", Syntax, Error, "Aliases expand beyond the budget, or recursively");
}

declare_rule! {
    /// ## What it does
    /// Reports a second YAML document (`---`) in a floe configuration file.
    ///
    /// ## Why is this bad?
    /// floe loads each file with `yaml.safe_load`, which fails with "expected a single document
    /// in the stream, but found another document".
    ///
    /// ## Example
    /// ```yaml
    /// name: orders
    /// version: "1.0.0"
    /// ---
    /// name: returns
    /// ```
    ///
    /// ## Fix
    /// Keep one document per file: one `floe.yaml` per pipeline, one `platform.yaml` per environment.
    pub static MULTIPLE_DOCUMENTS = ("FL005", "multiple-documents", Syntax, Error, "More than one YAML document in a file");
}

declare_rule! {
    /// ## What it does
    /// Reports values that PyYAML's safe loader cannot construct: custom tags (`!Ref`, `!!python/…`),
    /// a plain `=` value, a `<<` merge key whose value is not a mapping.
    ///
    /// ## Why is this bad?
    /// floe's `yaml.safe_load` raises a ConstructorError and the file does not load.
    ///
    /// ## Example
    /// ```yaml
    /// catalogs:
    ///   default: !include catalog.yaml
    /// ```
    ///
    /// ## Fix
    /// Write the value as plain YAML: no custom tags, merge only mappings.
    pub static UNLOADABLE_VALUE = ("FL006", "unloadable-value", Syntax, Error, "A tag or value that yaml.safe_load cannot construct");
}

declare_rule! {
    /// ## What it does
    /// Reports a file that exceeds floe-lint's size budget.
    ///
    /// ## Why is this bad?
    /// Configuration files are small; a file this large is almost certainly not a floe
    /// configuration (a data dump, a generated artefact), and reading it would cost the editor
    /// and CI time and memory for nothing.
    ///
    /// ## Example
    /// A 200 MB `platform.yaml` produced by a broken template.
    ///
    /// ## Fix
    /// Check the file; split or regenerate it.
    pub static FILE_TOO_LARGE = ("FL007", "file-too-large", Syntax, Error, "File exceeds the size budget");
}

declare_rule! {
    /// ## What it does
    /// Stands for the findings of a file past floe-lint's per-file budget (1,000 by default):
    /// the first ones are reported (errors first), the rest are counted in this one finding,
    /// whose severity is the highest of those it stands for, so the exit code does not change.
    ///
    /// ## Why is this bad?
    /// A file with thousands of findings is usually generated or mangled; listing every one would
    /// flood the terminal and freeze the editor, and computing their locations would cost time
    /// that grows with the file.
    ///
    /// ## Example
    /// A platform.yaml generated with a wrong key under each of 50,000 storage profiles.
    ///
    /// ## Fix
    /// Fix the findings shown (often one template mistake), then check again.
    pub static TOO_MANY_FINDINGS = ("FL008", "too-many-findings", Syntax, Info, "Findings past the per-file budget, counted in one");
}
