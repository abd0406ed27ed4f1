//! The error summary's lines: short, named by the field they concern, grouped by the form's
//! sections. The grouping keeps the form's order and each section once; a line is the field's
//! label and the message's first clause (what is wrong), the whole message staying beside the field.

/// The first clause of `message`: up to its first colon (« Ce champ est obligatoire »), else its
/// first sentence, without the final full stop.
pub fn first_clause(message: &str) -> &str {
    let colon = message.find("\u{a0}:").or_else(|| message.find(" :"));
    let stop = message.find(". ");
    let end = match (colon, stop) {
        (Some(c), Some(s)) => c.min(s),
        (Some(c), None) => c,
        (None, Some(s)) => s,
        (None, None) => message.len(),
    };
    message[..end].trim_end_matches('.').trim_end()
}

/// The first clause of the rules' `required` message.
const REQUIRED: &str = "Ce champ est obligatoire";

/// A summary line: « Label : first clause », or the clause alone when the field has no label, its
/// label is a whole sentence (a question, a tick box's statement) that the clause restates, or the
/// clause names it already.
pub fn line(label: &str, message: &str) -> String {
    let clause = first_clause(message);
    let named = clause
        .to_ascii_lowercase()
        .contains(&label.to_ascii_lowercase());
    if label.is_empty() || label.ends_with(['?', '.']) || named {
        return clause.to_owned();
    }
    // The commonest line, shortest: on a phone, « Nom de l’association : à remplir » holds on one
    // line where « … : ce champ est obligatoire » takes two.
    if clause == REQUIRED {
        return format!("{label}\u{a0}: à remplir");
    }
    // « Ce champ est obligatoire » reads « Nom : ce champ est obligatoire »; a proper noun would
    // lose its capital, so only a sentence's usual first words are lowered.
    const LOWERED: [&str; 12] = [
        "Ce ",
        "Cette ",
        "Le ",
        "La ",
        "Les ",
        "L’",
        "Un ",
        "Une ",
        "Indiquez",
        "Choisissez",
        "Cochez",
        "Corrigez",
    ];
    // Each begins with an ASCII capital: lowered without the module carrying Unicode's case tables.
    let lower = if LOWERED.iter().any(|w| clause.starts_with(w)) {
        let mut text = clause.to_owned();
        text[..1].make_ascii_lowercase();
        text
    } else {
        clause.to_owned()
    };
    format!("{label}\u{a0}: {lower}")
}

/// Groups `items` (each with its section's name, in form order) by section, each section once in
/// the order it first appears.
pub fn group<T>(items: Vec<(String, T)>) -> Vec<(String, Vec<T>)> {
    let mut groups: Vec<(String, Vec<T>)> = Vec::new();
    for (section, item) in items {
        match groups.iter_mut().find(|(s, _)| *s == section) {
            Some((_, list)) => list.push(item),
            None => groups.push((section, vec![item])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_the_label_and_what_is_wrong() {
        let required = "Ce champ est obligatoire\u{a0}: indiquez le nom de l’association.";
        assert_eq!(
            line("Nom de l’association", required),
            "Nom de l’association\u{a0}: à remplir"
        );
        let postal =
            "Le code postal «\u{202f}5900\u{202f}» n’a que 4 chiffres\u{a0}: il manque un chiffre.";
        assert_eq!(
            line("Code postal du siège", postal),
            "Code postal du siège\u{a0}: le code postal «\u{202f}5900\u{202f}» n’a que 4 chiffres"
        );
        assert_eq!(line("", "Cochez la case. Merci."), "Cochez la case");
        let question = "Le besoin a-t-il été identifié avec le partenaire\u{a0}?";
        let answer = "Indiquez si le besoin a été identifié avec le partenaire.";
        assert_eq!(
            line(question, answer),
            "Indiquez si le besoin a été identifié avec le partenaire"
        );
        let sdgs = "Choisissez au moins un des 17 Objectifs de développement durable (ODD).";
        assert_eq!(
            line("Objectifs de développement durable", sdgs),
            "Choisissez au moins un des 17 Objectifs de développement durable (ODD)"
        );
        let tick = "La mission est en lien avec les valeurs de la charte.";
        assert_eq!(
            line(tick, "Cochez la case\u{a0}: l’appel le demande."),
            "Cochez la case"
        );
        assert_eq!(line("Pays", "Sénégal absent"), "Pays\u{a0}: Sénégal absent");
    }

    #[test]
    fn sections_keep_the_form_order_each_once() {
        let items = vec![
            ("Association".to_owned(), 1),
            ("Association".to_owned(), 2),
            ("Mission".to_owned(), 3),
            ("Budget".to_owned(), 4),
            ("Mission".to_owned(), 5),
        ];
        assert_eq!(
            group(items),
            vec![
                ("Association".to_owned(), vec![1, 2]),
                ("Mission".to_owned(), vec![3, 5]),
                ("Budget".to_owned(), vec![4]),
            ]
        );
    }
}
