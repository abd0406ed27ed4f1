//! The site's files that are not pages: `sitemap.xml`, `robots.txt`, the calendar, the edition as JSON
//! for the form, and the dossier's JSON Schema.

use wasm_validator::{html, Edition};

use crate::config::PublicUrl;
use crate::output::Output;

/// The calendar's file name in the site.
pub const CALENDAR_FILE: &str = "calendrier.ics";
/// The edition's JSON file name in the site.
pub const EDITION_FILE: &str = "edition.json";
/// The dossier schema's file name in the site.
pub const SCHEMA_FILE: &str = "dossier.schema.json";

/// Adds the extra files; `page_paths` are the pages' paths from the root (`""`, `appel/`).
pub fn add(
    edition: &Edition,
    page_paths: &[String],
    public: &PublicUrl,
    output: &mut Output,
) -> anyhow::Result<()> {
    output.add(
        "sitemap.xml",
        sitemap(page_paths, public).into_bytes(),
        "sitemap",
    )?;
    output.add("robots.txt", robots(public).into_bytes(), "robots")?;
    let calendar = crate::ics::calendar(edition, public.host(), &public.absolute(""))
        .map_err(|e| anyhow::anyhow!("content/edition.toml : {e}"))?;
    output.add(CALENDAR_FILE, calendar.into_bytes(), "calendrier")?;
    let mut json = serde_json::to_string_pretty(edition)?;
    json.push('\n');
    output.add(EDITION_FILE, json.into_bytes(), "content/edition.toml")?;
    let mut schema = wasm_validator::schema::dossier_schema_json();
    if !schema.ends_with('\n') {
        schema.push('\n');
    }
    output.add(SCHEMA_FILE, schema.into_bytes(), "wasm-validator")?;
    Ok(())
}

/// Every page's absolute URL (sitemaps protocol 0.9), without dates so builds stay identical.
pub fn sitemap(page_paths: &[String], public: &PublicUrl) -> String {
    let mut paths: Vec<&String> = page_paths.iter().collect();
    paths.sort();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    // The sitemaps protocol asks for & ' " < > as entities in a URL: the HTML escaper writes them.
    for path in paths {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            html::escape(&public.absolute(path))
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots(public: &PublicUrl) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        public.absolute("sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public() -> PublicUrl {
        PublicUrl {
            origin: "https://example.org".to_owned(),
            base_path: "/explor/".to_owned(),
        }
    }

    #[test]
    fn the_sitemap_lists_absolute_urls_in_order() {
        let xml = sitemap(&["appel/".to_owned(), String::new()], &public());
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <url><loc>https://example.org/explor/</loc></url>\n  <url><loc>https://example.org/explor/appel/</loc></url>\n</urlset>\n"
        );
    }

    #[test]
    fn the_sitemap_escapes_its_urls() {
        let xml = sitemap(&["a&b/'c'/".to_owned()], &public());
        assert!(
            xml.contains("<loc>https://example.org/explor/a&amp;b/&#39;c&#39;/</loc>"),
            "{xml}"
        );
    }

    #[test]
    fn robots_points_to_the_sitemap() {
        assert_eq!(
            robots(&public()),
            "User-agent: *\nAllow: /\nSitemap: https://example.org/explor/sitemap.xml\n"
        );
    }
}
