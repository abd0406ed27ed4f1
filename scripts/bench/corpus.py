#!/usr/bin/env python3
"""Synthetic corpus for the build benchmark: N pages of French call-like Markdown, written twice.

`OUT/explor/` is an `explor` project (content/edition.toml, rules.toml and data copied from the repository,
content/site.toml, content/pages/…, the real templates/), `OUT/hugo/` the same pages in Hugo's layout
(TOML front matter, a `fact` shortcode for the edition's facts, layouts doing the same template work as
the real theme: head, navigation, table of contents, footer, fingerprinted style sheet with SRI).

Pages are grouped as a network publishing every regional call of every edition would group them:
`<year>/<region>/appel-NNNN.md`. Each has five to seven sections, lists, a budget table, French
punctuation, facts of the edition, and links to other pages and to their anchors, so the build's
Markdown, typography, fact and link stages all have work to do. The text is deterministic (seeded).

Usage: scripts/bench/corpus.py --pages 10000 --out target/bench/corpus-10000 [--repo .]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tomllib
from pathlib import Path

REGIONS = [
    "auvergne-rhone-alpes", "bourgogne-franche-comte", "bretagne", "centre-val-de-loire", "corse",
    "grand-est", "hauts-de-france", "ile-de-france", "normandie", "nouvelle-aquitaine", "occitanie",
    "pays-de-la-loire", "provence-alpes-cote-d-azur",
]
REGION_NAMES = {
    "auvergne-rhone-alpes": "Auvergne-Rhône-Alpes", "bourgogne-franche-comte": "Bourgogne-Franche-Comté",
    "bretagne": "Bretagne", "centre-val-de-loire": "Centre-Val de Loire", "corse": "Corse",
    "grand-est": "Grand Est", "hauts-de-france": "Hauts-de-France", "ile-de-france": "Île-de-France",
    "normandie": "Normandie", "nouvelle-aquitaine": "Nouvelle-Aquitaine", "occitanie": "Occitanie",
    "pays-de-la-loire": "Pays de la Loire", "provence-alpes-cote-d-azur": "Provence-Alpes-Côte d’Azur",
}
YEARS = list(range(2016, 2026))
PLACES = [
    "Thiès", "Ziguinchor", "Kaolack", "Bobo-Dioulasso", "Ouahigouya", "Kayes", "Mopti", "Sikasso",
    "Antsirabe", "Fianarantsoa", "Toamasina", "Cap-Haïtien", "Jacmel", "Abomey", "Parakou", "Kara",
    "Sokodé", "Bafoussam", "Garoua", "Tamatave", "Nouakchott", "Rosso", "Agadez", "Zinder", "Hué",
    "Luang Prabang", "Battambang", "Cochabamba", "Cusco", "Essaouira", "Tozeur", "Kairouan",
]
THEMES = [
    ("l’accès à l’eau potable", "eau"), ("la santé maternelle", "sante"),
    ("la formation agricole", "agriculture"), ("l’éducation des filles", "education"),
    ("la gestion des déchets", "dechets"), ("l’énergie solaire", "energie"),
    ("l’économie sociale et solidaire", "ess"), ("la transformation des produits locaux", "filieres"),
    ("l’accès au numérique", "numerique"), ("la préservation des mangroves", "environnement"),
]
MISSIONS = [
    "appui à la mise en œuvre d’un projet en cours", "diagnostic d’un projet futur",
    "évaluation d’un projet terminé", "mission de réciprocité",
]
SUBJECTS = [
    "L’association", "Le partenaire local", "Le comité de pilotage", "La commune", "L’équipe bénévole",
    "Le groupement de producteurs", "La coopérative", "Le centre de formation",
]
VERBS = [
    "accompagne", "renforce", "évalue", "prépare", "documente", "structure", "finance en partie",
    "met en relation", "forme", "consolide",
]
OBJECTS = [
    "les capacités techniques de l’équipe", "le suivi des activités", "la gouvernance du projet",
    "les échanges de pratiques", "la mobilisation des habitants", "le plan de financement",
    "la réciprocité entre les partenaires", "la restitution aux adhérents",
    "la capitalisation de l’expérience", "la sensibilisation du public",
]
ENDINGS = [
    " depuis {y}.", " avec l’appui du réseau.", " : c’est la condition de sa réussite.",
    " ; les bénévoles y consacrent deux jours par mois.", ". Pourquoi ? Parce que le besoin est réel.",
    " dans le respect de la charte.", ", selon le calendrier arrêté en assemblée générale.",
    " — sans se substituer aux acteurs locaux.",
]
QUOTES = [
    "« Nous voulons apprendre autant que nous apportons », résume la présidente.",
    "Le partenaire parle d’une « relation d’égal à égal ».",
    "La mission s’inscrit dans l’objectif « eau propre et assainissement ».",
]
EXPENSES = ["Transport international", "Visa", "Assurance", "Hébergement", "Restauration", "Déplacements sur place"]
FACTS = ["edition.region", "organiser.name", "mission.duration_max_days", "funding.cap", "funding.rate", "organiser.email"]
TOP_PAGES = [
    ("index", "Accueil", 1), ("appel", "L’appel à manifestation d’intérêt", 10),
    ("charte", "La charte du réseau", 20), ("eligibilite", "Votre association est-elle éligible ?", 30),
    ("candidature", "Candidater", 40), ("pays-eligibles", "Les pays éligibles", 50),
    ("verifications", "Comment votre dossier est vérifié", 60), ("confidentialite", "Confidentialité et mentions légales", 90),
]


def sentence(rnd: random.Random, year: int) -> str:
    return (f"{rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} {rnd.choice(OBJECTS)}"
            + rnd.choice(ENDINGS).format(y=year))


def paragraph(rnd: random.Random, year: int, fact_syntax) -> str:
    parts = [sentence(rnd, year) for _ in range(rnd.randint(2, 4))]
    if rnd.random() < 0.4:
        parts.insert(1, rnd.choice(QUOTES))
    if rnd.random() < 0.5:
        parts.append(f"La contribution du réseau est de {fact_syntax('funding.rate')} du coût total,"
                     f" dans la limite de {fact_syntax('funding.cap')} par mission.")
    return " ".join(parts)


def page_paths(count: int) -> list[str]:
    """Slugs of the call pages (top pages excluded), spread over years and regions."""
    folders = [(y, r) for y in YEARS for r in REGIONS]
    return [f"{folders[i % len(folders)][0]}/{folders[i % len(folders)][1]}/appel-{i:05d}"
            for i in range(count)]


def call_page(i: int, slug: str, slugs: list[str], fact_syntax) -> tuple[str, str, str]:
    """(title, description, Markdown body) of call page `i`."""
    rnd = random.Random(i)
    year, region = int(slug.split("/")[0]), slug.split("/")[1]
    place = rnd.choice(PLACES)
    theme, _ = rnd.choice(THEMES)
    mission = rnd.choice(MISSIONS)
    title = f"Mission {i:05d} : {mission} à {place} ({REGION_NAMES[region]}, {year})"
    description = f"Mission d’échange de compétences sur {theme} à {place}, appel {year} en {REGION_NAMES[region]}."
    others = [slugs[rnd.randrange(len(slugs))] for _ in range(3)]
    body = [f"*Appel régional {year}, {fact_syntax('edition.region')} — porté par {fact_syntax('organiser.name')}.*", ""]
    body.append(paragraph(rnd, year, fact_syntax) + f" Voir aussi la [mission voisine](/{others[0]}/) "
                f"et son [calendrier](/{others[1]}/#calendrier).")
    sections = ["Contexte", "Le partenaire", "Objectifs de la mission", "Budget prévisionnel",
                "Calendrier {#calendrier}", "Résultats attendus", "Questions fréquentes"]
    for title_h2 in sections[: rnd.randint(5, 7)] if rnd.random() < 0.5 else sections:
        body += ["", f"## {title_h2}", ""]
        if title_h2.startswith("Budget"):
            body += ["| Poste | Montant |", "|---|---:|"]
            body += [f"| {e} | {rnd.randint(50, 900)} € |" for e in rnd.sample(EXPENSES, 4)]
            body += ["", f"Le budget respecte le plafond de {fact_syntax('funding.cap')}."]
        elif title_h2.startswith("Objectifs"):
            body += [f"- {rnd.choice(OBJECTS).capitalize()} ;" for _ in range(rnd.randint(3, 5))]
            body += [f"- une durée de {fact_syntax('mission.duration_max_days')} jours au plus."]
        elif title_h2.startswith("Calendrier"):
            body += [f"La mission aura lieu entre juillet {year} et mars {year + 1}, "
                     f"pour {fact_syntax('mission.duration_max_days')} jours au plus.", "",
                     f"### Départ", "", paragraph(rnd, year, fact_syntax),
                     "", "### Retour et restitution", "", paragraph(rnd, year, fact_syntax)]
        else:
            body += [paragraph(rnd, year, fact_syntax), "", paragraph(rnd, year, fact_syntax)]
    body += ["", f"Une question ? Écrivez à {fact_syntax('organiser.email')} ; relisez la [charte](/charte/)"
             f" et l’[appel](/appel/#calendrier) ; voir enfin [cette mission](/{others[2]}/#contexte)."]
    return title, description, "\n".join(body) + "\n"


def call_quotes(repo: Path) -> list[str]:
    """The sentences of the call that content/rules.toml quotes (with their {{ facts }}): the build
    refuses a quotation the call's page does not hold, so the corpus's `appel` page holds them all."""
    rules = tomllib.loads((repo / "content" / "rules.toml").read_text(encoding="utf-8"))
    return sorted({rule["call"] for rule in rules["rules"].values() if "call" in rule})


def top_page(slug: str, title: str, slugs: list[str], fact_syntax, quotes: list[str]) -> str:
    rnd = random.Random(slug)
    lines = [paragraph(rnd, 2025, fact_syntax), "", "## Contexte", "", paragraph(rnd, 2025, fact_syntax),
             "", "## Calendrier {#calendrier}", "", paragraph(rnd, 2025, fact_syntax), "",
             "## Dernières missions", ""]
    lines += [f"- [Mission {s.rsplit('-', 1)[1]}](/{s}/)" for s in slugs[-10:]]
    if slug == "appel":
        fact = lambda m: fact_syntax(m.group(1))
        lines += ["", "## Ce que dit l’appel", ""]
        lines += ["- " + re.sub(r"\{\{\s*([\w.]+)\s*\}\}", fact, quote) for quote in quotes]
    return "\n".join(lines) + "\n"


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_explor(out: Path, repo: Path, pages: list[tuple[str, str, str, str, int, bool]]) -> None:
    shutil.copytree(repo / "templates", out / "templates")
    (out / "content").mkdir(parents=True)
    for name in ["edition.toml", "rules.toml"]:
        shutil.copy(repo / "content" / name, out / "content" / name)
    shutil.copytree(repo / "content" / "data", out / "content" / "data")
    (out / "content" / "site.toml").write_text('[site]\nurl = "https://bench.example.org/"\n', encoding="utf-8")
    for slug, title, description, body, weight, in_nav in pages:
        path = out / "content" / "pages" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        front = [f"title = {toml_string(title)}", f"description = {toml_string(description)}", f"weight = {weight}"]
        if in_nav:
            front.append("in_nav = true")
        path.write_text("+++\n" + "\n".join(front) + "\n+++\n\n" + body, encoding="utf-8")


def hugo_facts(repo: Path) -> dict[str, str]:
    """The facts the corpus uses, from the edition file (so no fact is written here)."""
    edition = tomllib.loads((repo / "content" / "edition.toml").read_text(encoding="utf-8"))
    euros = f"{edition['funding']['cap_cents'] // 100:,}".replace(",", "\u202f") + "\u00a0€"
    return {
        "edition_region": edition["region"], "organiser_name": edition["organiser"]["name"],
        "organiser_email": edition["organiser"]["email"],
        "mission_duration_max_days": str(edition["mission"]["duration_max_days"]),
        "funding_cap": euros, "funding_rate": f"{edition['funding']['rate_percent']}\u00a0%",
    }


HUGO_BASEOF = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'">
<meta name="referrer" content="strict-origin-when-cross-origin">
<title>{{ .Title }} – {{ site.Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ $icon := resources.Get "favicon.svg" | fingerprint "sha384" }}{{ $css := resources.Get "style.css" | fingerprint "sha384" }}<link rel="icon" href="{{ $icon.RelPermalink }}" type="image/svg+xml">
<link rel="stylesheet" href="{{ $css.RelPermalink }}" integrity="{{ $css.Data.Integrity }}">
<meta property="og:type" content="website">
<meta property="og:locale" content="fr_FR">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:description" content="{{ .Description }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta name="twitter:card" content="summary_large_image">
<meta name="theme-color" content="#0b4f45">
</head>
<body>
<a class="skip-link" href="#contenu">Aller au contenu</a>
<header class="site-header">
  <div class="wrap">
    <p class="brand"><a href="{{ "" | relURL }}"><img src="{{ $icon.RelPermalink }}" alt="" width="40" height="40"><span><span class="brand-title">{{ site.Title }}</span><span class="brand-organiser">{{ site.Params.facts.organiser_name }}</span></span></a></p>
    <nav class="site-nav" aria-label="Navigation principale">
      <ul>
{{ $current := . }}{{ range site.Menus.main }}        <li><a href="{{ .URL }}"{{ if $current.IsMenuCurrent "main" . }} aria-current="page"{{ end }}>{{ .Name }}</a></li>
{{ end }}      </ul>
    </nav>
  </div>
</header>
<main id="contenu" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p class="footer-organiser"><strong>{{ site.Params.facts.organiser_name }}</strong></p>
    <address>Courriel : <a href="mailto:{{ site.Params.facts.organiser_email }}">{{ site.Params.facts.organiser_email }}</a></address>
    <ul class="footer-links">
      <li><a href="{{ "confidentialite/" | relURL }}">Confidentialité et mentions légales</a></li>
    </ul>
    <p class="footer-note">Ce site ne dépose aucun cookie, ne mesure pas l’audience et ne charge rien depuis d’autres sites.</p>
  </div>
</footer>
</body>
</html>
"""

HUGO_SINGLE = """{{ define "main" }}
<div class="wrap prose">
<h1>{{ .Title }}</h1>
{{ if ge (len (findRE "<h2" .Content)) 3 }}<nav class="toc" aria-labelledby="sommaire">
  <h2 id="sommaire">Sommaire</h2>
{{ .TableOfContents }}
</nav>
{{ end }}{{ .Content }}
</div>
{{ end }}
"""

HUGO_404 = """{{ define "main" }}
<div class="wrap prose">
<h1>Page introuvable</h1>
<p>L’adresse demandée ne correspond à aucune page de ce site.</p>
<ul><li><a href="{{ "" | relURL }}">Revenir à l’accueil</a></li><li><a href="{{ "appel/" | relURL }}">Lire l’appel</a></li></ul>
</div>
{{ end }}
"""

HUGO_FACT = '{{ index site.Params.facts (replace (.Get 0) "." "_") }}'


def write_hugo(out: Path, repo: Path, pages: list[tuple[str, str, str, str, int, bool]]) -> None:
    facts = hugo_facts(repo)
    config = ['baseURL = "https://bench.example.org/"', 'languageCode = "fr"', 'title = "EXPLOR"',
              'disableKinds = ["taxonomy", "term", "section", "RSS"]', "enableRobotsTXT = true",
              "[markup.tableOfContents]", "startLevel = 2", "endLevel = 3", "ordered = true",
              "[params.facts]"]
    config += [f"{k} = {toml_string(v)}" for k, v in facts.items()]
    (out / "content").mkdir(parents=True)
    (out / "hugo.toml").write_text("\n".join(config) + "\n", encoding="utf-8")
    layouts = out / "layouts"
    for name, text in [("_default/baseof.html", HUGO_BASEOF), ("_default/single.html", HUGO_SINGLE),
                       ("index.html", HUGO_SINGLE), ("404.html", HUGO_404),
                       ("shortcodes/fact.html", HUGO_FACT)]:
        (layouts / name).parent.mkdir(parents=True, exist_ok=True)
        (layouts / name).write_text(text, encoding="utf-8")
    (out / "assets").mkdir()
    for name in ["style.css", "favicon.svg"]:
        shutil.copy(repo / "templates" / "static" / name, out / "assets" / name)
    for slug, title, description, body, weight, in_nav in pages:
        name = "_index" if slug == "index" else slug
        path = out / "content" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        front = [f"title = {toml_string(title)}", f"description = {toml_string(description)}", f"weight = {weight}"]
        if in_nav:
            front.append(f'menu = {{ main = {{ weight = {weight} }} }}')
        path.write_text("+++\n" + "\n".join(front) + "\n+++\n\n" + body, encoding="utf-8")


def corpus(count: int, repo: Path):
    """Every page of both corpora: (slug, title, description, body for explor, body for Hugo, weight, in_nav)."""
    slugs = page_paths(count - len(TOP_PAGES))
    explor_fact = lambda name: "{{ " + name + " }}"
    # Hugo's shortcode knows the facts the call pages use; the few others, only in the quotations of
    # the `appel` page, are written as their name.
    known = {name.replace("_", ".", 1) for name in hugo_facts(repo)}
    hugo_fact = lambda name: '{{< fact "' + name + '" >}}' if name in known else name
    quotes = call_quotes(repo)
    for slug, title, weight in TOP_PAGES:
        yield (slug, title, f"{title} : page du site de démonstration.",
               top_page(slug, title, slugs, explor_fact, quotes), top_page(slug, title, slugs, hugo_fact, quotes),
               weight, True)
    for i, slug in enumerate(slugs):
        title, description, body = call_page(i, slug, slugs, explor_fact)
        _, _, hugo_body = call_page(i, slug, slugs, hugo_fact)
        yield slug, title, description, body, hugo_body, 100 + i, False


def edit_page(out: Path, note: str) -> None:
    """Edits one call page's text in both corpora of `out`, as an author does before rebuilding: `note`
    replaces the last line the previous edit added (or is added), so the page's size stays the same
    from one edit to the next."""
    for page in [*sorted((out / "explor" / "content" / "pages").glob("*/*/appel-*.md"))[-1:],
                 *sorted((out / "hugo" / "content").glob("*/*/appel-*.md"))[-1:]]:
        text = page.read_text(encoding="utf-8")
        text = text.split("\n\nMise à jour : ", 1)[0].rstrip("\n")
        page.write_text(f"{text}\n\nMise à jour : {note}.\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="number of pages (at least 5)")
    parser.add_argument("--out", type=Path, required=True, help="folder to create (replaced if it exists)")
    parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parents[2],
                        help="the repository (for content/edition.toml, content/data and templates/)")
    args = parser.parse_args()
    if args.pages < len(TOP_PAGES) + 1:
        parser.error(f"--pages must be at least {len(TOP_PAGES) + 1}")
    if args.out.exists():
        shutil.rmtree(args.out)
    pages = list(corpus(args.pages, args.repo))
    write_explor(args.out / "explor", args.repo, [(s, t, d, b, w, n) for s, t, d, b, _, w, n in pages])
    write_hugo(args.out / "hugo", args.repo, [(s, t, d, h, w, n) for s, t, d, _, h, w, n in pages])
    size = sum(len(b.encode()) for _, _, _, b, _, _, _ in pages)
    print(f"{len(pages)} pages ({size // 1024} KiB of Markdown) in {args.out}/explor and {args.out}/hugo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
