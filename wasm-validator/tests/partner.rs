//! The partner's rules: a country on the DAC list, a need identified together.

mod common;
use common::*;

#[test]
fn countries_on_the_dac_list_are_eligible() {
    for code in ["SN", "XK", "PS", "NR", "MS", "sn", " BF "] {
        let report = judge_changed(|d| {
            d.partner.country = code.into();
            d.mission.country = code.into();
        });
        assert_only(&report, &[]);
    }
}

#[test]
fn countries_off_the_dac_list_are_not() {
    for code in ["CL", "FR", "XX", "Sénégal", ""] {
        let report = judge_changed(|d| d.partner.country = code.into());
        assert_only(&report, &[("partner.country_eligible", "partner.country")]);
        assert!(!report.eligible, "{code}");
    }
    let report = judge_changed(|d| d.partner.country = "CL".into());
    assert_eq!(
        message_of(&report, "partner.country_eligible"),
        nb(
            "Le pays de ce partenaire ne figure pas sur la liste du CAD de l’OCDE des pays \
            bénéficiaires de l’aide publique au développement (2024-2025)~: un partenaire de ce \
            pays n’est pas éligible à l’appel. Pour toute question sur l’éligibilité de votre \
            partenaire, écrivez à Lianes coopération (Explor-RRMA@lianescooperation.org)."
        )
    );
}

#[test]
fn the_need_must_be_identified_with_the_partner() {
    for answer in [None, Some(false)] {
        let report = judge_changed(|d| d.partner.need_identified = answer);
        assert_only(
            &report,
            &[("partner.need_identified", "partner.need_identified")],
        );
        assert!(!report.eligible);
    }
}
