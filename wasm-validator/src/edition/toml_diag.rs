//! Locating problems in TOML files (the edition file, and for the generator its site settings and
//! pages' front matter), so that every error names the file, the line and, where known, the column
//! that the staff have to fix, in French. Native only (feature `load`), like the loader that uses it.

use std::fmt::Display;

use serde::de::{Deserializer, IntoDeserializer, Unexpected, Visitor};

/// 1-based line and column (in characters) of the byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// Reads the TOML `text` into `T`; on failure, an error `origin:line:column : message` in French,
/// the position shifted by `line_offset` lines when the TOML starts further down in its file (front
/// matter).
///
/// serde says what is wrong through the methods of its error trait (a missing key, an unknown key
/// and the known ones, the type found and the one expected); `toml` keeps only the English sentence
/// they make. So when reading fails, the text is read again through `toml_edit` into `T` with an
/// error type of ours, [`Problem`], which keeps what serde said; the position comes from `toml`'s
/// error (both meet the keys in the same order, so they speak of the same problem). A syntax error has no such account: `toml`'s own words
/// follow a French lead.
pub fn from_toml<T: serde::de::DeserializeOwned>(
    origin: impl Display,
    text: &str,
    line_offset: usize,
) -> Result<T, String> {
    toml::from_str(text).map_err(|err| {
        let problem = toml_edit::Document::parse(text)
            .ok()
            .and_then(|doc| T::deserialize(Node::table(doc.as_table()).into_tree()).err());
        toml_error(origin, text, line_offset, &err, problem)
    })
}

fn toml_error(
    origin: impl Display,
    text: &str,
    line_offset: usize,
    err: &toml::de::Error,
    problem: Option<Problem>,
) -> String {
    let message = match problem {
        Some(problem) => problem.french(),
        None => format!(
            "syntaxe TOML incorrecte ({}).",
            err.message().trim_end().replace('\n', " ")
        ),
    };
    match err.span() {
        Some(span) => {
            let (line, column) = line_col(text, span.start);
            format!("{origin}:{}:{column} : {message}", line + line_offset)
        }
        None => format!("{origin} : {message}"),
    }
}

/// What serde found wrong, as its error methods say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Missing(String),
    Unknown {
        key: String,
        known: Vec<String>,
    },
    /// A value of the wrong type (`found`, in French) where serde expected `expected` (serde's name
    /// of the type: `i64`, `a string`, `struct Departement`).
    Type {
        found: String,
        expected: String,
    },
    Value {
        found: String,
        expected: String,
    },
    Length(usize),
    Twice(String),
    /// A sentence of one of our own readers (the dates of the edition), already in French.
    Said(String),
}

impl Problem {
    fn french(&self) -> String {
        match self {
            Problem::Missing(key) => {
                format!("il manque la clé {key} ; ajoutez la ligne « {key} = … » à cette table.")
            }
            Problem::Unknown { key, known } if known.is_empty() => {
                format!("clé {key} inconnue : cette table n’en a aucune.")
            }
            Problem::Unknown { key, known } => format!(
                "clé {key} inconnue ; les clés possibles sont : {}.",
                known.join(", ")
            ),
            Problem::Type { found, expected } => {
                format!(
                    "type incorrect : {found} au lieu {}.",
                    expected_fr(expected)
                )
            }
            Problem::Value { found, expected } => {
                format!(
                    "valeur incorrecte : {found} au lieu {}.",
                    expected_fr(expected)
                )
            }
            Problem::Length(n) => format!("nombre d’éléments incorrect ({n})."),
            Problem::Twice(key) => format!("la clé {key} est écrite deux fois ; gardez-en une."),
            Problem::Said(sentence) => format!("{sentence}."),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.french())
    }
}

impl std::error::Error for Problem {}

impl serde::de::Error for Problem {
    fn custom<M: Display>(message: M) -> Self {
        Problem::Said(message.to_string())
    }
    fn missing_field(field: &'static str) -> Self {
        Problem::Missing(field.to_owned())
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Problem::Unknown {
            key: field.to_owned(),
            known: expected.iter().map(|k| (*k).to_owned()).collect(),
        }
    }
    fn invalid_type(found: Unexpected<'_>, expected: &dyn serde::de::Expected) -> Self {
        Problem::Type {
            found: found_fr(found),
            expected: expected.to_string(),
        }
    }
    fn invalid_value(found: Unexpected<'_>, expected: &dyn serde::de::Expected) -> Self {
        Problem::Value {
            found: found_fr(found),
            expected: expected.to_string(),
        }
    }
    fn invalid_length(len: usize, _: &dyn serde::de::Expected) -> Self {
        Problem::Length(len)
    }
    fn duplicate_field(field: &'static str) -> Self {
        Problem::Twice(field.to_owned())
    }
}

/// What serde found, in French.
fn found_fr(found: Unexpected<'_>) -> String {
    match found {
        Unexpected::Str(text) => format!("le texte \"{text}\""),
        Unexpected::Signed(n) => format!("le nombre entier {n}"),
        Unexpected::Unsigned(n) => format!("le nombre entier {n}"),
        Unexpected::Bool(b) => format!("la valeur {b}"),
        Unexpected::Seq => "une liste".to_owned(),
        Unexpected::Map => "une table".to_owned(),
        // A decimal, as written in the file (see `Node::Decimal`).
        Unexpected::Other(text) => format!("le nombre décimal {text}"),
        other => other.to_string(),
    }
}

/// A TOML value read by `toml_edit`, handed to serde with any error type.
enum Node {
    Text(String),
    Integer(i64),
    /// A decimal as written: no float type here (clippy.toml), and none is ever wanted.
    Decimal(String),
    Boolean(bool),
    List(Vec<Node>),
    Table(Vec<(String, Node)>),
}

impl Node {
    fn table(table: &toml_edit::Table) -> Node {
        let entries = table
            .iter()
            .filter_map(|(k, item)| Some((k.to_owned(), Node::item(item)?)));
        Node::sorted(entries.collect())
    }

    /// A table's entries in the order `toml` hands them to serde (by key), so that the problem
    /// said is the one whose place `toml` gives.
    fn sorted(mut entries: Vec<(String, Node)>) -> Node {
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        Node::Table(entries)
    }

    fn item(item: &toml_edit::Item) -> Option<Node> {
        match item {
            toml_edit::Item::None => None,
            toml_edit::Item::Value(value) => Some(Node::value(value)),
            toml_edit::Item::Table(table) => Some(Node::table(table)),
            toml_edit::Item::ArrayOfTables(tables) => {
                Some(Node::List(tables.iter().map(Node::table).collect()))
            }
        }
    }

    fn value(value: &toml_edit::Value) -> Node {
        use toml_edit::Value as V;
        match value {
            V::String(s) => Node::Text(s.value().clone()),
            V::Integer(i) => Node::Integer(*i.value()),
            V::Float(f) => Node::Decimal(f.display_repr().into_owned()),
            V::Boolean(b) => Node::Boolean(*b.value()),
            V::Datetime(d) => Node::Text(d.value().to_string()),
            V::Array(items) => Node::List(items.iter().map(Node::value).collect()),
            V::InlineTable(table) => Node::sorted(
                table
                    .iter()
                    .map(|(k, v)| (k.to_owned(), Node::value(v)))
                    .collect(),
            ),
        }
    }

    fn into_tree<E>(self) -> Tree<E> {
        Tree(self, std::marker::PhantomData)
    }
}

impl<'de, E: serde::de::Error> IntoDeserializer<'de, E> for Node {
    type Deserializer = Tree<E>;
    fn into_deserializer(self) -> Tree<E> {
        self.into_tree()
    }
}

/// A [`Node`] as a serde deserializer whose errors are `E`.
struct Tree<E>(Node, std::marker::PhantomData<E>);

impl<'de, E: serde::de::Error> Deserializer<'de> for Tree<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        use serde::de::value::{MapDeserializer, SeqDeserializer};
        match self.0 {
            Node::Text(text) => visitor.visit_string(text),
            Node::Integer(i) => visitor.visit_i64(i),
            Node::Decimal(text) => Err(E::invalid_type(Unexpected::Other(&text), &visitor)),
            Node::Boolean(b) => visitor.visit_bool(b),
            Node::List(items) => visitor.visit_seq(SeqDeserializer::new(items.into_iter())),
            Node::Table(entries) => visitor.visit_map(MapDeserializer::new(entries.into_iter())),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_some(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        match self.0 {
            Node::Text(text) => visitor.visit_enum(text.into_deserializer()),
            other => other.into_tree().deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// What serde expected (`i64`, `a string`, `struct Departement`), as « d’un … » in French.
fn expected_fr(expected: &str) -> String {
    match expected {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "d’un nombre entier",
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "d’un nombre entier positif ou nul",
        "a string" => "d’un texte entre guillemets",
        "a boolean" => "de true ou false",
        "a sequence" => "d’une liste [ … ]",
        e if e.starts_with("struct ") || e.starts_with("a map") => "d’une table",
        other => return format!("de : {other}"),
    }
    .to_owned()
}

/// The 1-based line of `key = …` in the TOML table `table` (`""` for the top level, dotted for a
/// nested one: `mission.types`), in its `nth` occurrence (for arrays of tables). Used to point at a
/// fact whose value is well-formed but wrong. Read by `toml_edit`, which keeps every key's place.
pub fn toml_key_line(text: &str, table: &str, key: &str, nth: usize) -> Option<usize> {
    let document = toml_edit::Document::parse(text).ok()?;
    let mut current = document.as_table();
    let mut index = Some(nth);
    for name in table.split('.').filter(|n| !n.is_empty()) {
        current = match current.get(name)? {
            toml_edit::Item::Table(t) => t,
            toml_edit::Item::ArrayOfTables(tables) => tables.get(index.take()?)?,
            _ => return None,
        };
    }
    // `nth` counts the occurrences of an array of tables; a plain table has only one.
    if index.is_some_and(|n| n > 0) {
        return None;
    }
    Some(line_col(text, current.key(key)?.span()?.start).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        // After "bé " (4 bytes, 3 characters).
        assert_eq!(line_col(text, 10), (2, 4));
        assert_eq!(line_col(text, 999), (3, 1));
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Funding {
        rate_percent: i64,
        cap_cents: i64,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        funding: Funding,
        #[serde(default)]
        count: u32,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Empty {}

    fn error<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        from_toml::<T>("t.toml", text, 0).unwrap_err().to_string()
    }

    const FUNDING: &str = "[funding]\nrate_percent = 40\ncap_cents = 80000\n";

    #[test]
    fn serde_problems_are_said_in_french_at_their_place() {
        assert_eq!(
            error::<Doc>(FUNDING),
            "t.toml:1:1 : il manque la clé name ; ajoutez la ligne « name = … » à cette table."
        );
        assert_eq!(
            error::<Doc>(&format!("name = \"x\"\n{FUNDING}cap = 3\n")),
            "t.toml:5:1 : clé cap inconnue ; les clés possibles sont : rate_percent, cap_cents."
        );
        assert_eq!(
            error::<Empty>("x = 1\n"),
            "t.toml:1:1 : clé x inconnue : cette table n’en a aucune."
        );
        let with = |from: &str, to: &str| format!("name = \"x\"\n{}", FUNDING.replace(from, to));
        assert_eq!(
            error::<Doc>(&with("80000", "\"800 €\"")),
            "t.toml:4:13 : type incorrect : le texte \"800 €\" au lieu d’un nombre entier."
        );
        assert_eq!(
            error::<Doc>(&with("80000", "40.5")),
            "t.toml:4:13 : type incorrect : le nombre décimal 40.5 au lieu d’un nombre entier."
        );
        assert_eq!(
            error::<Doc>(&format!("name = [\"a\"]\n{FUNDING}")),
            "t.toml:1:8 : type incorrect : une liste au lieu d’un texte entre guillemets."
        );
        assert_eq!(
            error::<Doc>("name = \"x\"\nfunding = 3\n"),
            "t.toml:2:11 : type incorrect : le nombre entier 3 au lieu d’une table."
        );
        assert_eq!(
            error::<Doc>(&format!("name = \"x\"\ncount = -1\n{FUNDING}")),
            "t.toml:2:9 : valeur incorrecte : le nombre entier -1 au lieu d’un nombre entier positif ou nul."
        );
        // With two problems, the one said is the one whose place `toml` gives.
        assert_eq!(
            error::<Doc>(&format!("name = 1\n{FUNDING}cap = 3\n")),
            "t.toml:5:1 : clé cap inconnue ; les clés possibles sont : rate_percent, cap_cents."
        );
    }

    #[test]
    fn a_syntax_error_keeps_the_parser_s_words_after_a_french_lead() {
        let err = error::<Doc>("name = \n");
        assert!(
            err.starts_with("t.toml:1:8 : syntaxe TOML incorrecte ("),
            "{err}"
        );
    }

    #[test]
    fn key_lines_follow_tables_and_repetitions() {
        let text = "id = 1\n[funding]\ncap = 2\n[[t]]\nid = \"a\"\n[[t]]\nid = \"b\"\n";
        assert_eq!(toml_key_line(text, "", "id", 0), Some(1));
        assert_eq!(toml_key_line(text, "funding", "cap", 0), Some(3));
        assert_eq!(toml_key_line(text, "t", "id", 1), Some(7));
        assert_eq!(toml_key_line(text, "t", "missing", 0), None);
        // A key is found by the table it belongs to, not by a line that merely starts like it.
        let tricky = "s = \"\"\"\n[funding]\ncap = 1\n\"\"\"\n[funding] # real\n  cap=2\n";
        assert_eq!(toml_key_line(tricky, "funding", "cap", 0), Some(6));
        let nested =
            "[mission]\nmax = 1\n[[mission.types]]\nid = \"a\"\n[[mission.types]]\nid = \"b\"\n";
        assert_eq!(toml_key_line(nested, "mission.types", "id", 1), Some(6));
        assert_eq!(toml_key_line(nested, "mission", "max", 0), Some(2));
    }
}
