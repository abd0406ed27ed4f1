//! Reading bytes into a dossier, and writing a dossier back: size, encoding, depth, format, version
//! and type checks before any rule runs, each failure explained in French.
//!
//! The checks run from the cheapest to the dearest: the size and the nesting depth are checked on the
//! raw bytes, so that a huge or deeply nested file never reaches the JSON parser's recursion.

use crate::fr;
use crate::json::{self, ErrorKind, Json, Map, Number, Value};
use crate::model::{Dossier, FORMAT, VERSION};
use crate::shape::{Shape, DOSSIER};

/// Largest file accepted, in bytes (1 MiB; a real dossier is a few kilobytes).
pub const MAX_BYTES: usize = 1 << 20;
/// Deepest nesting of `[` and `{` accepted (a real dossier nests 4 levels).
pub const MAX_DEPTH: usize = 64;

/// What the user is told to do when a file is not a dossier at all.
const DOWNLOAD_AGAIN: &str = "Téléchargez le dossier depuis le formulaire du site.";
const NOT_A_DOSSIER: &str = "Ce fichier n’est pas un dossier EXPLOR :";

/// A dossier read from a file, with the paths of the fields this version does not define.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub dossier: Dossier,
    /// Dotted paths of the fields this version does not define (`applicant.foo`,
    /// `budget.expenses[1].bar`), in the order of the form; they take no part in the judgement.
    pub unknown_fields: Vec<String>,
}

/// What a field's value must be, for [`DossierError::WrongType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    Integer,
    Cents,
    Bool,
    Answer,
    Object,
    List,
}

/// Why some bytes are not a dossier. `Display` is a French sentence that says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DossierError {
    /// Larger than [`MAX_BYTES`]; `size` is the file's size in bytes.
    TooLarge { size: usize },
    /// Nothing but white space.
    Empty,
    /// Not UTF-8; `offset` is the 0-based position of the first invalid byte.
    NotUtf8 { offset: usize },
    /// `[` and `{` nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Not JSON; `truncated` when the text stops before the JSON ends. Line and column are 1-based.
    NotJson {
        line: usize,
        column: usize,
        truncated: bool,
    },
    /// JSON, but not an object at the top level; `found` names what it is (« une liste »).
    NotAnObject { found: &'static str },
    /// `format` is not `explor-dossier`; `None` when absent or not text.
    WrongFormat { found: Option<String> },
    /// `version` is not 1; `found` is its JSON text (`2`, `"1"`), `None` when absent.
    WrongVersion { found: Option<String> },
    /// An object names the same field twice; `field` is its dotted path, line and column (1-based)
    /// the place of the second one. Parsers disagree on which value counts, so neither is taken.
    DuplicateKey {
        field: String,
        line: usize,
        column: usize,
    },
    /// A field has the wrong type; `field` is its dotted path, `found` names what it is.
    WrongType {
        field: String,
        expected: Expected,
        found: &'static str,
    },
}

impl std::fmt::Display for DossierError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&fr::typeset(&self.sentence()))
    }
}

impl std::error::Error for DossierError {}

impl DossierError {
    fn sentence(&self) -> String {
        match self {
            DossierError::TooLarge { size } => format!(
                "{NOT_A_DOSSIER} il fait {} octets, alors qu’un dossier en fait au plus {} (1 Mio). \
                 Vérifiez que vous avez choisi le bon fichier : un dossier téléchargé depuis le \
                 formulaire du site ne pèse que quelques kilo-octets.",
                fr::int(*size as i128),
                fr::int(MAX_BYTES as i128)
            ),
            DossierError::Empty => format!("{NOT_A_DOSSIER} il est vide. {DOWNLOAD_AGAIN}"),
            DossierError::NotUtf8 { offset } => format!(
                "{NOT_A_DOSSIER} son texte n’est pas encodé en UTF-8 (octet n° {} invalide). \
                 {DOWNLOAD_AGAIN} S’il a été ouvert puis enregistré dans un autre logiciel, \
                 reprenez le fichier téléchargé tel quel.",
                fr::int(*offset as i128 + 1)
            ),
            DossierError::TooDeep => format!(
                "{NOT_A_DOSSIER} ses données sont imbriquées sur plus de {MAX_DEPTH} niveaux. \
                 {DOWNLOAD_AGAIN}"
            ),
            DossierError::NotJson { line, column, truncated: true } => format!(
                "{NOT_A_DOSSIER} son contenu JSON s’arrête avant la fin (ligne {line}, colonne \
                 {column}) ; le fichier a sans doute été tronqué. Demandez-en une nouvelle copie \
                 ou {}",
                lower_first(DOWNLOAD_AGAIN)
            ),
            DossierError::NotJson { line, column, .. } => format!(
                "{NOT_A_DOSSIER} ce n’est pas du JSON valide (erreur ligne {line}, colonne \
                 {column}). {DOWNLOAD_AGAIN} S’il a été modifié à la main, reprenez le fichier \
                 téléchargé."
            ),
            DossierError::NotAnObject { found } => format!(
                "{NOT_A_DOSSIER} il contient {found} au lieu d’un objet JSON {{ … }}. {DOWNLOAD_AGAIN}"
            ),
            DossierError::WrongFormat { found: Some(found) } => format!(
                "{NOT_A_DOSSIER} son champ format vaut {} au lieu de {}. {DOWNLOAD_AGAIN}",
                fr::quote(found),
                fr::quote(FORMAT)
            ),
            DossierError::WrongFormat { found: None } => format!(
                "{NOT_A_DOSSIER} il n’a pas de champ format valant {}. {DOWNLOAD_AGAIN}",
                fr::quote(FORMAT)
            ),
            DossierError::DuplicateKey { field, line, column } => format!(
                "{NOT_A_DOSSIER} le champ {field} y figure deux fois (la seconde à la ligne {line}, \
                 colonne {column}), et rien ne dit laquelle des deux valeurs est la bonne. Gardez-en \
                 une seule, ou {}",
                lower_first(DOWNLOAD_AGAIN)
            ),
            DossierError::WrongVersion { found } => version_sentence(found.as_deref()),
            DossierError::WrongType { field, expected, found } => format!(
                "Le champ {field} doit être {}, pas {found}. Corrigez ce champ, ou {}",
                expected.phrase(),
                lower_first(DOWNLOAD_AGAIN)
            ),
        }
    }
}

fn version_sentence(found: Option<&str>) -> String {
    let what = match found {
        Some(found) => format!("est au format {FORMAT} version {}", fr::quote(found)),
        None => "n’indique pas sa version (champ version)".to_owned(),
    };
    format!(
        "Ce dossier EXPLOR {what}, mais cet outil lit la version {VERSION}. Téléchargez le dossier \
         depuis le formulaire du site de l’appel en cours, ou utilisez l’outil de la même version \
         que le dossier."
    )
}

fn lower_first(sentence: &str) -> String {
    let mut chars = sentence.chars();
    match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_lowercase())
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}

impl Expected {
    fn phrase(self) -> &'static str {
        match self {
            Expected::Text => "un texte entre guillemets",
            Expected::Integer => "un nombre entier",
            Expected::Cents => "un nombre entier de centimes",
            Expected::Bool => "true ou false",
            Expected::Answer => "true, false ou null",
            Expected::Object => "un objet { … }",
            Expected::List => "une liste [ … ]",
        }
    }
}

/// Reads a dossier from the bytes of a file. Never panics; every refusal says what to do.
pub fn parse_dossier(bytes: &[u8]) -> Result<Parsed, DossierError> {
    if bytes.len() > MAX_BYTES {
        return Err(DossierError::TooLarge { size: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| DossierError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    // A byte order mark, as some Windows editors write, is not an error worth refusing a file for.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(DossierError::Empty);
    }
    check_depth(text.as_bytes())?;
    let value = read_json(text)?;
    let mut root = match value {
        Value::Object(map) => map,
        other => {
            return Err(DossierError::NotAnObject {
                found: describe(&other),
            })
        }
    };
    check_header(&root)?;
    let mut unknown_fields = Vec::new();
    if let Shape::Object(fields) = DOSSIER {
        check_object(&mut root, fields, "", &mut unknown_fields)?;
    }
    unknown_fields.sort_by_cached_key(|path| crate::shape::sort_key(path));
    let dossier =
        Dossier::from_json(&Value::Object(root)).ok_or_else(|| DossierError::WrongType {
            field: "format".to_owned(),
            expected: Expected::Object,
            found: "un contenu illisible",
        })?;
    Ok(Parsed {
        dossier,
        unknown_fields,
    })
}

/// Writes a dossier as pretty JSON, fields in the order of the format, ending with a new line.
pub fn to_json(dossier: &Dossier) -> String {
    let mut text = json::to_pretty(&dossier.to_json());
    text.push('\n');
    text
}

/// Reads JSON text into a value, refusing an object that names a field twice.
fn read_json(text: &str) -> Result<Value, DossierError> {
    json::parse(text, MAX_DEPTH).map_err(|e| match e.kind {
        ErrorKind::Duplicate { path } => DossierError::DuplicateKey {
            field: path,
            line: e.line,
            column: e.column,
        },
        ErrorKind::TooDeep => DossierError::TooDeep,
        ErrorKind::Eof | ErrorKind::Syntax => DossierError::NotJson {
            line: e.line,
            column: e.column,
            truncated: e.kind == ErrorKind::Eof,
        },
    })
}

/// Refuses nesting deeper than [`MAX_DEPTH`] by counting brackets outside strings, without recursion.
fn check_depth(bytes: &[u8]) -> Result<(), DossierError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in bytes {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(DossierError::TooDeep);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn check_header(root: &Map) -> Result<(), DossierError> {
    match root.get("format") {
        Some(Value::String(format)) if format == FORMAT => {}
        Some(Value::String(format)) => {
            return Err(DossierError::WrongFormat {
                found: Some(format.clone()),
            })
        }
        _ => return Err(DossierError::WrongFormat { found: None }),
    }
    match root.get("version") {
        Some(Value::Number(Number::Int(n))) if *n == i64::from(VERSION) => Ok(()),
        Some(Value::Null) | None => Err(DossierError::WrongVersion { found: None }),
        Some(other) => Err(DossierError::WrongVersion {
            found: Some(value_text(other)),
        }),
    }
}

/// Checks the types of an object's fields against their shapes, drops `null` where a value has a
/// default (so a `null` reads as an empty field), and records the paths of unknown fields.
fn check_object(
    map: &mut Map,
    fields: &[(&str, Shape)],
    path: &str,
    unknown: &mut Vec<String>,
) -> Result<(), DossierError> {
    let mut nulls = Vec::new();
    for (name, value) in map.iter_mut() {
        let field = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        match fields.iter().find(|(known, _)| known == name) {
            None => unknown.push(field),
            Some((_, shape)) if value.is_null() && *shape != Shape::Answer => {
                nulls.push(name.clone())
            }
            Some((_, shape)) => check_value(value, *shape, &field, unknown)?,
        }
    }
    for name in nulls {
        map.remove(&name);
    }
    Ok(())
}

fn check_value(
    value: &mut Value,
    shape: Shape,
    field: &str,
    unknown: &mut Vec<String>,
) -> Result<(), DossierError> {
    let wrong = |expected: Expected, value: &Value| DossierError::WrongType {
        field: field.to_owned(),
        expected,
        found: describe(value),
    };
    match (shape, &mut *value) {
        (Shape::Text, Value::String(_)) | (Shape::Bool, Value::Bool(_)) => Ok(()),
        (Shape::Answer, Value::Bool(_) | Value::Null) | (Shape::Version, _) => Ok(()),
        (Shape::Integer | Shape::Cents, Value::Number(Number::Int(_))) => Ok(()),
        (Shape::Object(fields), Value::Object(map)) => check_object(map, fields, field, unknown),
        (Shape::List(item), Value::Array(items)) => {
            for (i, element) in items.iter_mut().enumerate() {
                // A list item has no default to fall back on, so `null` is a wrong type there.
                check_value(element, *item, &format!("{field}[{i}]"), unknown)?;
            }
            Ok(())
        }
        (shape, value) => Err(wrong(expected(shape), value)),
    }
}

fn expected(shape: Shape) -> Expected {
    match shape {
        Shape::Text => Expected::Text,
        Shape::Integer | Shape::Version => Expected::Integer,
        Shape::Cents => Expected::Cents,
        Shape::Bool => Expected::Bool,
        Shape::Answer => Expected::Answer,
        Shape::Object(_) => Expected::Object,
        Shape::List(_) => Expected::List,
    }
}

/// A short text for a scalar JSON value (`2`, `"1"`), its kind for anything else.
fn value_text(value: &Value) -> String {
    match value {
        Value::Number(Number::Int(n)) => n.to_string(),
        Value::Number(Number::Big(n)) => n.to_string(),
        Value::String(s) => format!("\"{s}\""),
        other => describe(other).to_owned(),
    }
}

/// Names a JSON value's kind in French, for error messages.
fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true ou false",
        Value::Number(Number::Int(_)) => "un nombre entier",
        Value::Number(Number::Big(_)) => "un nombre entier aussi grand",
        Value::Number(Number::Other(_)) => "un nombre décimal",
        Value::String(_) => "un texte",
        Value::Array(_) => "une liste",
        Value::Object(_) => "un objet",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> DossierError {
        parse_dossier(text.as_bytes()).expect_err("refused")
    }

    #[test]
    fn a_field_named_twice_is_refused_with_its_path_and_place() {
        let text = "{\"format\": \"explor-dossier\", \"version\": 1,\n\"applicant\": {\"name\": \"A\",\n  \"name\": \"B\"}}";
        assert_eq!(
            error_of(text),
            DossierError::DuplicateKey {
                field: "applicant.name".to_owned(),
                line: 3,
                column: 3,
            }
        );
        assert_eq!(
            error_of(text).to_string(),
            "Ce fichier n’est pas un dossier EXPLOR\u{a0}: le champ applicant.name y figure deux fois \
             (la seconde à la ligne 3, colonne 3), et rien ne dit laquelle des deux valeurs est la bonne. \
             Gardez-en une seule, ou téléchargez le dossier depuis le formulaire du site."
        );
        let in_a_list = r#"{"format": "explor-dossier", "version": 1, "budget": {"expenses": [{}, {"label": "", "label": ""}]}}"#;
        assert!(matches!(
            error_of(in_a_list),
            DossierError::DuplicateKey { field, .. } if field == "budget.expenses[1].label"
        ));
        let header = r#"{"format": "autre", "format": "explor-dossier", "version": 1}"#;
        assert!(
            matches!(error_of(header), DossierError::DuplicateKey { field, .. } if field == "format")
        );
    }

    #[test]
    fn the_same_name_in_different_objects_is_no_duplicate() {
        let text = r#"{"format": "explor-dossier", "version": 1, "applicant": {"name": "A"}, "partner": {"name": "B"},
            "budget": {"expenses": [{"label": "x"}, {"label": "y"}]}}"#;
        let parsed = parse_dossier(text.as_bytes()).expect("a dossier");
        assert_eq!(parsed.dossier.partner.name, "B");
        assert_eq!(parsed.dossier.budget.expenses[1].label, "y");
    }

    #[test]
    fn text_after_the_json_is_still_refused() {
        let text = r#"{"format": "explor-dossier", "version": 1} {}"#;
        assert!(matches!(
            error_of(text),
            DossierError::NotJson { line: 1, .. }
        ));
    }
}
