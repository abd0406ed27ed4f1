//! Reading bytes into a dossier, and writing a dossier back: size, encoding, depth, format, version
//! and type checks before any rule runs, each failure explained in French.
//!
//! The checks run from the cheapest to the dearest: the size and the encoding on the raw bytes, then
//! the JSON reader (which bounds nesting and fields per object as it reads, without recursing past
//! the limit), the header, and one typed reading that names a wrong type's field by its path.

use crate::fr;
use crate::json::{
    self, ErrorKind, Found, Json, Map, Number, Place, Reading, Shape, TypeError, Value,
};
use crate::model::{Dossier, FORMAT, VERSION};

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
    /// UTF-16 (as some editors save « Unicode » text): told by its byte order mark, or by a NUL byte
    /// beside each ASCII character at the start.
    Utf16,
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
    /// `version` is a number not written as an integer (`1e0`, `1.0`); `written` is as written.
    VersionNotInteger { written: String },
    /// `version` is not 1; `found` is its JSON text (`2`, `"1"`), `None` when absent.
    WrongVersion { found: Option<String> },
    /// An object names the same field twice; `field` is its dotted path, line and column (1-based)
    /// the place of the second one. Parsers disagree on which value counts, so neither is taken.
    DuplicateKey {
        field: String,
        line: usize,
        column: usize,
    },
    /// An object has more than [`json::MAX_FIELDS`] fields; `field` is its dotted path (empty for
    /// the top level). No dossier comes near: the file was made to cost time.
    TooManyFields { field: String },
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
                fr::int(*size as i64),
                fr::int(MAX_BYTES as i64)
            ),
            DossierError::Empty => format!("{NOT_A_DOSSIER} il est vide. {DOWNLOAD_AGAIN}"),
            DossierError::NotUtf8 { offset } => format!(
                "{NOT_A_DOSSIER} son texte n’est pas encodé en UTF-8 (octet n° {} invalide). \
                 {DOWNLOAD_AGAIN} S’il a été ouvert puis enregistré dans un autre logiciel, \
                 reprenez le fichier téléchargé tel quel.",
                fr::int(*offset as i64 + 1)
            ),
            DossierError::Utf16 => format!(
                "{NOT_A_DOSSIER} son texte est encodé en UTF-16, alors qu’un dossier est en \
                 UTF-8. S’il a été ouvert puis enregistré dans un autre logiciel, reprenez le \
                 fichier téléchargé tel quel, ou enregistrez-le de nouveau en choisissant \
                 l’encodage UTF-8 (dans le Bloc-notes de Windows : Fichier, Enregistrer sous, \
                 Encodage : UTF-8)."
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
            DossierError::TooManyFields { field } => format!(
                "{NOT_A_DOSSIER} {} compte plus de {} champs, alors qu’un dossier en a au plus \
                 quelques dizaines. {DOWNLOAD_AGAIN}",
                if field.is_empty() {
                    "son objet principal".to_owned()
                } else {
                    format!("son objet {field}")
                },
                fr::int(json::MAX_FIELDS as i64)
            ),
            DossierError::VersionNotInteger { written } => format!(
                "Ce dossier EXPLOR écrit sa version {written} : écrivez-la {VERSION}, en nombre \
                 entier, sans point ni exposant (\"version\": {VERSION}). Corrigez ce champ, ou {}",
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
    if is_utf16(bytes) {
        return Err(DossierError::Utf16);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| DossierError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    // A byte order mark, as some Windows editors write, is not an error worth refusing a file for.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(DossierError::Empty);
    }
    let root = match read_json(text)? {
        Value::Object(map) => map,
        other => {
            return Err(DossierError::NotAnObject {
                found: describe(Found::of(&other)),
            })
        }
    };
    check_header(&root)?;
    let mut reading = Reading::default();
    let Some(dossier) = Dossier::read(&Value::Object(root), &Place::Root, &mut reading) else {
        // Reading stops only on a wrong type, which it records.
        return Err(reading.error.map_or_else(
            || DossierError::WrongType {
                field: "format".to_owned(),
                expected: Expected::Object,
                found: "un contenu illisible",
            },
            DossierError::from,
        ));
    };
    let mut unknown_fields = reading.unknown;
    crate::shape::sort_in_form_order(&mut unknown_fields, String::as_str);
    Ok(Parsed {
        dossier,
        unknown_fields,
    })
}

/// Whether `bytes` look like UTF-16: a byte order mark, or a NUL byte on one side of the first
/// character, as UTF-16 writes `{` or a space. (No UTF-8 dossier starts with a NUL: JSON has none.)
fn is_utf16(bytes: &[u8]) -> bool {
    match bytes {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => true,
        [first, second, ..] => (*first == 0) != (*second == 0),
        _ => false,
    }
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
        ErrorKind::TooManyFields { path } => DossierError::TooManyFields { field: path },
        ErrorKind::Eof | ErrorKind::Syntax => DossierError::NotJson {
            line: e.line,
            column: e.column,
            truncated: e.kind == ErrorKind::Eof,
        },
    })
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
        Some(number @ Value::Number(Number::Other(written)))
            if matches!(Found::of(number), Found::Decimal | Found::Exponent) =>
        {
            Err(DossierError::VersionNotInteger {
                written: written.clone(),
            })
        }
        Some(other) => Err(DossierError::WrongVersion {
            found: Some(value_text(other)),
        }),
    }
}

impl From<TypeError> for DossierError {
    fn from(e: TypeError) -> Self {
        DossierError::WrongType {
            field: e.field,
            expected: Expected::of(e.expected),
            found: describe(e.found),
        }
    }
}

impl Expected {
    fn of(shape: Shape) -> Expected {
        match shape {
            Shape::Text => Expected::Text,
            Shape::Integer => Expected::Integer,
            Shape::Cents => Expected::Cents,
            Shape::Bool => Expected::Bool,
            Shape::Optional(Shape::Bool) => Expected::Answer,
            Shape::Optional(inner) => Expected::of(*inner),
            Shape::Object(_) => Expected::Object,
            Shape::List(_) => Expected::List,
        }
    }
}

/// A short text for a scalar JSON value (`2`, `"1"`), its kind for anything else.
fn value_text(value: &Value) -> String {
    match value {
        Value::Number(Number::Int(n)) => n.to_string(),
        Value::Number(Number::Big(n)) => n.to_string(),
        Value::Number(Number::Other(written)) => written.clone(),
        Value::String(s) => format!("\"{s}\""),
        other => describe(Found::of(other)).to_owned(),
    }
}

/// Names what a JSON value is in French, for error messages.
fn describe(found: Found) -> &'static str {
    match found {
        Found::Null => "null",
        Found::Bool => "true ou false",
        Found::Integer => "un nombre entier",
        Found::LargeInteger => "un nombre entier trop grand",
        Found::Decimal => "un nombre décimal",
        Found::Exponent => "un nombre écrit avec un exposant",
        Found::Text => "un texte",
        Found::List => "une liste",
        Found::Object => "un objet",
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
