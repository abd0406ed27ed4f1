//! `explor init` for another network: the organiser and the region, given as options or answered
//! at the keyboard, written into the new project's `content/edition.toml` with `toml_edit`
//! (comments and layout kept), checked by the rules core's loader before anything is written; and
//! the model's words recorded in `content/site.toml`'s `[origin]`, so that the build can say which
//! pages still name them (see [`crate::leftovers`]).

use std::io::{BufRead, Write};

use anyhow::{anyhow, bail, Context};
use toml_edit::{DocumentMut, Item, Value};
use wasm_validator::edition::load::{parse, parse_warned, EDITION_FILE};
use wasm_validator::edition::review::own_prefix;
use wasm_validator::Edition;

use crate::config::SITE_FILE;

/// Le réseau qui organise l’appel (sinon, celui du modèle est gardé).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct NetworkArgs {
    /// Nom du réseau qui organise l’appel (à donner avec --courriel, --site-web et --adresse).
    #[arg(long, value_name = "NOM")]
    pub organisateur: Option<String>,
    /// Adresse électronique de l’organisateur, qui reçoit les dossiers.
    #[arg(long, value_name = "ADRESSE")]
    pub courriel: Option<String>,
    /// Site de l’organisateur (adresse complète en https://).
    #[arg(long = "site-web", value_name = "ADRESSE")]
    pub site_web: Option<String>,
    /// Adresse postale de l’organisateur.
    #[arg(long, value_name = "ADRESSE")]
    pub adresse: Option<String>,
    /// Nom de la région de l’appel (à donner avec ses départements, --departement).
    #[arg(long, value_name = "NOM")]
    pub region: Option<String>,
    /// Un département de la région, sous la forme CODE:NOM:PRÉFIXES (par exemple
    /// 35:Ille-et-Vilaine:35 ; préfixes de code postal séparés par des virgules, celui du numéro
    /// s’ils sont omis). Répétez l’option pour chaque département.
    #[arg(long = "departement", value_name = "CODE:NOM:PRÉFIXES")]
    pub departements: Vec<String>,
}

/// The organiser of the new call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organiser {
    pub name: String,
    pub email: String,
    pub website: String,
    pub address: String,
}

/// One département of the new region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Departement {
    pub code: String,
    pub name: String,
    pub prefixes: Vec<String>,
}

/// What the new project says of its network; `None` and empty keep the model's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    pub organiser: Option<Organiser>,
    pub region: Option<String>,
    pub departements: Vec<Departement>,
}

impl NetworkArgs {
    /// Whether no option of the network was given.
    pub fn is_empty(&self) -> bool {
        self.organisateur.is_none()
            && self.courriel.is_none()
            && self.site_web.is_none()
            && self.adresse.is_none()
            && self.region.is_none()
            && self.departements.is_empty()
    }

    /// The network the options describe; an organiser is given whole, a new region with its
    /// départements, so that nothing of the model's organiser or region stays behind unnoticed.
    pub fn network(&self) -> anyhow::Result<Network> {
        let given = [
            ("--organisateur", &self.organisateur),
            ("--courriel", &self.courriel),
            ("--site-web", &self.site_web),
            ("--adresse", &self.adresse),
        ];
        let missing: Vec<&str> = given
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(o, _)| *o)
            .collect();
        let organiser = match (&self.organisateur, &self.courriel, &self.site_web, &self.adresse) {
            (Some(name), Some(email), Some(website), Some(address)) => Some(Organiser {
                name: name.clone(),
                email: email.clone(),
                website: website.clone(),
                address: address.clone(),
            }),
            _ if missing.len() == given.len() => None,
            _ => bail!(
                "l’organisateur se donne en entier, pour que rien de celui du modèle ne reste (les dossiers partiraient à son adresse) : il manque {}. Exemple : explor init mon-site --organisateur \"Réseau Bretagne Solidaire\" --courriel explor@example.org --site-web https://www.example.org/ --adresse \"1 rue de la Paix, 35000 Rennes\"",
                missing.join(", ")
            ),
        };
        if self.region.is_some() && self.departements.is_empty() {
            bail!("--region demande aussi les départements de la région (sinon ceux du modèle resteraient) : ajoutez --departement CODE:NOM:PRÉFIXES pour chacun, par exemple --departement 35:Ille-et-Vilaine:35");
        }
        let departements = self
            .departements
            .iter()
            .map(|d| departement(d))
            .collect::<anyhow::Result<_>>()?;
        Ok(Network {
            organiser,
            region: self.region.clone(),
            departements,
        })
    }
}

/// `CODE:NOM:PRÉFIXES` (`35:Ille-et-Vilaine:35`, `2A:Corse-du-Sud:20`), the prefixes optional.
pub fn departement(text: &str) -> anyhow::Result<Departement> {
    let mut parts = text.splitn(3, ':').map(str::trim);
    let code = parts.next().unwrap_or("").to_owned();
    let name = parts.next().unwrap_or("").to_owned();
    if code.is_empty() || name.is_empty() {
        bail!("« {text} » n’est pas un département sous la forme CODE:NOM:PRÉFIXES ; écrivez par exemple 35:Ille-et-Vilaine:35 (les préfixes de code postal, séparés par des virgules, peuvent être omis : 35:Ille-et-Vilaine)");
    }
    let prefixes: Vec<String> = match parts.next() {
        Some(list) => list
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect(),
        None => own_prefix(&code).map(str::to_owned).into_iter().collect(),
    };
    Ok(Departement {
        code,
        name,
        prefixes,
    })
}

/// Reads one answer; the end of the input (no keyboard) is an error: nothing is created.
fn answer(
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    question: &str,
) -> anyhow::Result<String> {
    write!(output, "{question}")?;
    output.flush()?;
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        bail!("aucune réponse : rien n’a été créé. Relancez explor init, ou donnez le réseau en options (explor init --help).");
    }
    Ok(line.trim().to_owned())
}

/// An answer that may not be empty.
fn required(
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    question: &str,
) -> anyhow::Result<String> {
    loop {
        let given = answer(input, output, question)?;
        if !given.is_empty() {
            return Ok(given);
        }
        writeln!(output, "Cette réponse est nécessaire.")?;
    }
}

/// Asks for the network at the keyboard; Enter alone keeps the model's organiser or region.
pub fn ask(
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    model: &Edition,
) -> anyhow::Result<Network> {
    writeln!(output, "Adaptez le nouveau projet à votre réseau, ou appuyez sur Entrée pour garder ce que le modèle indique (entre crochets).")?;
    let mut network = Network::default();
    let name = answer(
        input,
        output,
        &format!("Organisateur (nom du réseau) [{}] : ", model.organiser.name),
    )?;
    if !name.is_empty() {
        network.organiser = Some(Organiser {
            name,
            email: required(
                input,
                output,
                "Adresse électronique qui reçoit les dossiers : ",
            )?,
            website: required(input, output, "Site web (https://…) : ")?,
            address: required(input, output, "Adresse postale : ")?,
        });
    }
    let region = answer(input, output, &format!("Région [{}] : ", model.region))?;
    if region.is_empty() {
        return Ok(network);
    }
    network.region = Some(region);
    writeln!(output, "Départements de la région, un par ligne, sous la forme CODE:NOM:PRÉFIXES (par exemple 35:Ille-et-Vilaine:35) ; une ligne vide pour finir.")?;
    loop {
        let line = answer(input, output, "Département : ")?;
        if line.is_empty() && !network.departements.is_empty() {
            return Ok(network);
        }
        match departement(&line) {
            Ok(d) => network.departements.push(d),
            Err(err) => writeln!(output, "{err}")?,
        }
    }
}

/// The model's edition as the starter holds it.
pub fn model(starter_edition: &str) -> anyhow::Result<Edition> {
    parse(starter_edition, &format!("content/{EDITION_FILE}")).map_err(|e| anyhow!("{e}"))
}

/// The starter files a network changes, and what the loader questions in its edition.
#[derive(Debug, Clone, Default)]
pub struct Adapted {
    /// `(path in the project, text)`.
    pub files: Vec<(String, String)>,
    /// The edition's warnings (`content/edition.toml:LINE : attention : …`).
    pub warnings: Vec<String>,
}

/// The new project's edition and site files for `network` (`None` when it changes nothing), with
/// the loader's warnings; refused, naming the value, before anything is written.
pub fn files(
    network: &Network,
    edition_text: &str,
    site_text: &str,
) -> anyhow::Result<Option<Adapted>> {
    let (edition, origin) = rewrite_edition(edition_text, network)?;
    let shown = format!("content/{EDITION_FILE}");
    let loaded = parse_warned(&edition, &shown).map_err(|e| refused(&e.to_string()))?;
    if edition == edition_text {
        return Ok(None);
    }
    let mut files = vec![(shown, edition)];
    // Only the model's words that changed are looked for: with none (the same organiser and
    // region, new départements), `site.toml` stays the model's.
    if !origin.is_empty() {
        files.push((
            format!("content/{SITE_FILE}"),
            with_origin(site_text, &origin)?,
        ));
    }
    Ok(Some(Adapted {
        files,
        warnings: loaded.warnings,
    }))
}

/// The loader's refusal (`file:line : key : what`) told about the option that gave the value: the
/// file's line means nothing to someone who has not seen the file yet.
fn refused(message: &str) -> anyhow::Error {
    const OPTIONS: [(&str, &str); 6] = [
        ("organiser.name", "--organisateur"),
        ("organiser.email", "--courriel"),
        ("organiser.website", "--site-web"),
        ("organiser.address", "--adresse"),
        ("region", "--region"),
        ("eligibility.departements", "--departement"),
    ];
    let told = message.split_once(" : ").and_then(|(_, rest)| {
        let (key, what) = rest.split_once(" : ")?;
        let (_, option) = OPTIONS.iter().find(|(k, _)| *k == key)?;
        Some(format!("{option} ({key}) : {what}"))
    });
    anyhow!(
        "rien n’a été écrit, car le fichier content/{EDITION_FILE} serait refusé avec cette valeur : {} Corrigez-la et relancez explor init.",
        told.as_deref().unwrap_or(message)
    )
}

/// `(key, model value)` of `[origin]`, for each value the network changed.
type Changed = Vec<(&'static str, String)>;

/// The edition file with the network's organiser and region; every other text of the file that
/// named the model's organiser or region (titles, the organiser's tagline, a source's label) names
/// the new ones, and the id takes the new region's slug.
pub fn rewrite_edition(text: &str, network: &Network) -> anyhow::Result<(String, Changed)> {
    let model = model(text)?;
    let mut document: DocumentMut = text
        .parse()
        .context("le fichier d’édition du modèle est illisible")?;
    let mut origin = Changed::new();
    let mut swaps = Vec::new();
    if let Some(region) = &network.region {
        if *region != model.region {
            origin.push(("region", model.region.clone()));
            swaps.push((model.region.clone(), region.clone()));
        }
    }
    if let Some(o) = &network.organiser {
        let m = &model.organiser;
        for (key, old, new) in [
            ("organiser", &m.name, &o.name),
            ("address", &m.address, &o.address),
            ("email", &m.email, &o.email),
            ("website", &m.website, &o.website),
        ] {
            if old != new {
                origin.push((key, old.clone()));
            }
        }
        if m.name != o.name {
            swaps.push((m.name.clone(), o.name.clone()));
        }
    }
    swap_strings(document.as_item_mut(), &swaps);
    let root = document.as_table_mut();
    if let Some(region) = &network.region {
        set(root, &["region"], region);
        let id = model.id.replace(
            &wasm_validator::fr::slug(&model.region),
            &wasm_validator::fr::slug(region),
        );
        set(root, &["id"], &id);
    }
    if let Some(o) = &network.organiser {
        for (key, value) in [
            ("name", &o.name),
            ("email", &o.email),
            ("website", &o.website),
            ("address", &o.address),
        ] {
            set(root, &["organiser", key], value);
        }
    }
    if !network.departements.is_empty() {
        let list = departements(&network.departements);
        if let Some(slot) = root
            .get_mut("eligibility")
            .and_then(Item::as_table_like_mut)
            .and_then(|t| t.get_mut("departements"))
            .and_then(Item::as_value_mut)
        {
            let decor = slot.decor().clone();
            *slot = list;
            *slot.decor_mut() = decor;
        }
    }
    Ok((document.to_string(), origin))
}

/// Every string of `item` with each `(old, new)` replaced, its spaces and comments kept.
fn swap_strings(item: &mut Item, swaps: &[(String, String)]) {
    match item {
        Item::Value(value) => swap_value(value, swaps),
        Item::Table(table) => table.iter_mut().for_each(|(_, i)| swap_strings(i, swaps)),
        Item::ArrayOfTables(tables) => tables
            .iter_mut()
            .for_each(|t| t.iter_mut().for_each(|(_, i)| swap_strings(i, swaps))),
        Item::None => {}
    }
}

fn swap_value(value: &mut Value, swaps: &[(String, String)]) {
    match value {
        Value::String(s) => {
            let old = s.value().clone();
            let new = swaps
                .iter()
                .filter(|(from, _)| !from.is_empty())
                .fold(old.clone(), |text, (from, to)| {
                    text.replace(from.as_str(), to)
                });
            if new != old {
                let decor = value.decor().clone();
                *value = Value::from(new);
                *value.decor_mut() = decor;
            }
        }
        Value::Array(array) => array.iter_mut().for_each(|v| swap_value(v, swaps)),
        Value::InlineTable(table) => table.iter_mut().for_each(|(_, v)| swap_value(v, swaps)),
        _ => {}
    }
}

/// Sets the string at `path` (a table then a key), its spaces and trailing comment kept.
fn set(root: &mut toml_edit::Table, path: &[&str], text: &str) {
    let (key, tables) = match path.split_last() {
        Some(split) => split,
        None => return,
    };
    let mut table: &mut dyn toml_edit::TableLike = root;
    for name in tables {
        match table.get_mut(name).and_then(Item::as_table_like_mut) {
            Some(inner) => table = inner,
            None => return,
        }
    }
    if let Some(value) = table.get_mut(key).and_then(Item::as_value_mut) {
        let decor = value.decor().clone();
        *value = Value::from(text);
        *value.decor_mut() = decor;
    }
}

/// The départements as the model writes them: one inline table per line.
fn departements(list: &[Departement]) -> Value {
    let mut array = toml_edit::Array::new();
    for d in list {
        let mut table = toml_edit::InlineTable::new();
        table.insert("code", d.code.as_str().into());
        table.insert("name", d.name.as_str().into());
        let prefixes: toml_edit::Array = d.prefixes.iter().map(String::as_str).collect();
        table.insert("postal_prefixes", Value::Array(prefixes));
        let mut value = Value::InlineTable(table);
        value.decor_mut().set_prefix("\n  ");
        array.push_formatted(value);
    }
    array.set_trailing_comma(true);
    array.set_trailing("\n");
    Value::Array(array)
}

/// `site.toml` with an `[origin]` table holding the model's values that the network changed.
fn with_origin(site_text: &str, origin: &Changed) -> anyhow::Result<String> {
    let mut document: DocumentMut = site_text
        .parse()
        .context("le fichier site.toml du modèle est illisible")?;
    let mut table = toml_edit::Table::new();
    table.decor_mut().set_prefix(
        "\n# Written by `explor init`: what the call this project was started from named, and this one\n\
         # no longer does. The build warns about every page that still names one of them (« à relire »).\n\
         # Remove a line (or the whole table) to stop looking for it.\n",
    );
    for (key, value) in origin {
        table.insert(key, toml_edit::value(value.as_str()));
    }
    document.insert("origin", Item::Table(table));
    Ok(document.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: &str =
        include_str!("../../../../tests/fixtures/editions/explor-2025/edition.toml");

    fn bretagne() -> Network {
        Network {
            organiser: Some(Organiser {
                name: "Réseau Bretagne Solidaire".to_owned(),
                email: "explor@bretagne.example.org".to_owned(),
                website: "https://bretagne.example.org/".to_owned(),
                address: "1 rue de la Paix, 35000 Rennes".to_owned(),
            }),
            region: Some("Bretagne".to_owned()),
            departements: vec![
                departement("35:Ille-et-Vilaine:35").unwrap(),
                departement("29:Finistère").unwrap(),
            ],
        }
    }

    #[test]
    fn the_network_is_written_with_comments_and_layout_kept() {
        let (text, origin) = rewrite_edition(MODEL, &bretagne()).unwrap();
        let e = model(&text).unwrap();
        assert_eq!(e.region, "Bretagne");
        assert_eq!(e.organiser.name, "Réseau Bretagne Solidaire");
        assert_eq!(e.organiser.email, "explor@bretagne.example.org");
        assert_eq!(e.eligibility.departements.len(), 2);
        assert_eq!(e.eligibility.departements[1].postal_prefixes, ["29"]);
        assert!(e.title.ends_with("– Bretagne"), "{}", e.title);
        assert!(e.id.ends_with("-bretagne"), "{}", e.id);
        // Comments stay as they were; no value names the model's organiser or region any more.
        let values: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect();
        assert!(
            !values
                .iter()
                .any(|l| l.contains("Hauts-de-France") || l.contains("Lianes coopération")),
            "{text}"
        );
        // Every comment line of the model is still there.
        for line in MODEL.lines().filter(|l| l.trim_start().starts_with('#')) {
            assert!(text.contains(line), "lost: {line}");
        }
        assert!(text.contains("departements = [\n  { code = \"35\", name = \"Ille-et-Vilaine\", postal_prefixes = [\"35\"] },\n"), "{text}");
        let keys: Vec<&str> = origin.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["region", "organiser", "address", "email", "website"]);
    }

    #[test]
    fn only_what_changed_is_written_and_recorded() {
        const SITE: &str = "[site]\nurl = \"https://example.org/\"\n";
        assert!(files(&Network::default(), MODEL, SITE).unwrap().is_none());
        let same_region = Network {
            departements: vec![departement("02:Aisne:02").unwrap()],
            ..Network::default()
        };
        let adapted = files(&same_region, MODEL, SITE).unwrap().unwrap();
        let paths: Vec<&str> = adapted.files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["content/edition.toml"]);
        assert_eq!(
            model(&adapted.files[0].1)
                .unwrap()
                .eligibility
                .departements
                .len(),
            1
        );
        let adapted = files(&bretagne(), MODEL, SITE).unwrap().unwrap();
        let site = &adapted.files[1].1;
        assert!(site.starts_with(SITE) && site.contains("\n[origin]\nregion = \"Hauts-de-France\"\norganiser = \"Lianes coopération\"\n"), "{site}");
        let parsed: crate::config::SiteFile = toml::from_str(site).unwrap();
        assert_eq!(
            parsed.origin.unwrap().email.as_deref(),
            Some("Explor-RRMA@lianescooperation.org")
        );
    }

    #[test]
    fn options_must_give_the_whole_organiser_and_a_region_with_its_departements() {
        let half = NetworkArgs {
            organisateur: Some("Réseau".to_owned()),
            ..NetworkArgs::default()
        };
        let err = half.network().unwrap_err().to_string();
        assert!(
            err.contains("il manque --courriel, --site-web, --adresse"),
            "{err}"
        );
        let region = NetworkArgs {
            region: Some("Bretagne".to_owned()),
            ..NetworkArgs::default()
        };
        assert!(region
            .network()
            .unwrap_err()
            .to_string()
            .contains("--departement"));
        assert!(departement("35").is_err());
        assert!(NetworkArgs::default().is_empty());
    }

    #[test]
    fn the_keyboard_answers_are_the_options_answers() {
        let model = model(MODEL).unwrap();
        let mut out = Vec::new();
        let input = "Réseau Bretagne Solidaire\nexplor@bretagne.example.org\n\nhttps://bretagne.example.org/\n1 rue de la Paix, 35000 Rennes\nBretagne\n\n35\n35:Ille-et-Vilaine:35\n29:Finistère\n\n";
        let got = ask(&mut input.as_bytes(), &mut out, &model).unwrap();
        assert_eq!(got, bretagne());
        let shown = String::from_utf8(out).unwrap();
        assert!(
            shown.contains("[Lianes coopération]")
                && shown.contains("Cette réponse est nécessaire."),
            "{shown}"
        );
        let kept = ask(&mut "\n\n".as_bytes(), &mut Vec::new(), &model).unwrap();
        assert_eq!(kept, Network::default());
        let closed = ask(&mut "Réseau\n".as_bytes(), &mut Vec::new(), &model).unwrap_err();
        assert!(closed.to_string().contains("aucune réponse"), "{closed}");
    }
}
