//! The JSON Schema of `explor-dossier` version 1, generated from the model's types with schemars,
//! published with the site (`dossier.schema.json`) so that other tools can write dossiers. Native
//! only: behind the `schema` feature, never in the WebAssembly module.

use serde_json::{json, Value};

use crate::model::{Dossier, FORMAT, VERSION};

/// The schema as pretty JSON, ending with a new line. `format` and `version` are pinned with
/// `const`, which the derived schema cannot express.
pub fn dossier_schema_json() -> String {
    let mut schema = serde_json::to_value(schemars::schema_for!(Dossier)).unwrap_or(Value::Null);
    if let Some(root) = schema.as_object_mut() {
        root.insert(
            "title".into(),
            json!("Dossier EXPLOR (explor-dossier, version 1)"),
        );
        root.insert(
            "description".into(),
            json!(
                "Dossier de candidature à l’appel EXPLOR. Montants en centimes d’euro (entiers), \
                 dates AAAA-MM-JJ, pays en code ISO 3166-1 alpha-2."
            ),
        );
    }
    if let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        properties.insert(
            "format".into(),
            json!({ "type": "string", "const": FORMAT }),
        );
        properties.insert(
            "version".into(),
            json!({ "type": "integer", "const": VERSION }),
        );
    }
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_describes_the_dossier() {
        let schema: Value = serde_json::from_str(&dossier_schema_json()).expect("JSON");
        assert_eq!(schema["properties"]["format"]["const"], FORMAT);
        assert_eq!(schema["properties"]["version"]["const"], 1);
        let required = schema["required"].as_array().expect("required list");
        assert!(required.contains(&json!("format")) && required.contains(&json!("version")));
        let text = dossier_schema_json();
        for name in [
            "amount_cents",
            "previous_explor",
            "need_identified",
            "expert_profile",
            "sdgs",
        ] {
            assert!(text.contains(name), "{name}");
        }
        assert_eq!(dossier_schema_json(), text, "stable output");
    }

    /// Money has its own Rust type (`Cents`), but the published schema still says what the file
    /// holds: an integer in place, not a new definition other tools would have to follow.
    #[test]
    fn amounts_are_plain_integers_in_the_schema() {
        let schema: Value = serde_json::from_str(&dossier_schema_json()).expect("JSON");
        for line in ["Expense", "Resource"] {
            assert_eq!(
                schema["$defs"][line]["properties"]["amount_cents"],
                json!({ "default": 0, "format": "int64", "type": "integer" }),
                "{line}"
            );
        }
        assert!(schema["$defs"].get("Cents").is_none());
    }
}
