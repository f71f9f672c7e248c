//! Ratification status of the core UN human rights treaties (World Politics Data Lab, read from
//! the UN Treaty Collection): one file per instrument, `iso2, member, state party, year
//! ratification or accession, signatory, no action, status, note`.
//!
//! The `status` column is the one read: in a few rows of other countries the 0/1 flag columns
//! contradict it, and the authors' notes show the status column is the one they checked.

use crate::context::Context;
use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use crate::table::Table;
use mp_domain::{
    AreaCode, I18nText, Instrument, InstrumentCode, InstrumentKind, InstrumentStatus, Provenance, Ratification, RegistryImport, SourceInfo,
    ThemeCode,
};
use std::collections::HashMap;
use std::path::Path;

/// Folder of the files in the data mirror.
pub const DIR: &str = "un-hr-treaties-ratification";

/// The vintage: the date of the repository commit the files come from (status as of then).
pub const VINTAGE: &str = "2022-08-25";

/// One instrument of the data set.
struct Spec {
    /// File stem after `hr_status_`.
    file: &'static str,
    code: &'static str,
    kind: InstrumentKind,
    short: &'static str,
    year: i32,
    themes: &'static [&'static str],
    title: [&'static str; 3],
}

use InstrumentKind::{Convention as C, Protocol as P};

/// The migration-specific convention first, then the instruments on children and women, then
/// the others: the order of the profile's table.
const SPECS: &[Spec] = &[
    Spec {
        file: "icmw",
        code: "ICRMW",
        kind: C,
        short: "ICMW",
        year: 1990,
        themes: &["T01", "T10", "T08"],
        title: [
            "International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families",
            "Convention internationale sur la protection des droits de tous les travailleurs migrants et des membres de leur famille",
            "Convenção Internacional sobre a Proteção dos Direitos de Todos os Trabalhadores Migrantes e dos Membros das suas Famílias",
        ],
    },
    Spec {
        file: "crc",
        code: "CRC",
        kind: C,
        short: "CRC",
        year: 1989,
        themes: &["T01", "T12"],
        title: [
            "Convention on the Rights of the Child",
            "Convention relative aux droits de l'enfant",
            "Convenção sobre os Direitos da Criança",
        ],
    },
    Spec {
        file: "op_crc_sc",
        code: "CRC_OP_SC",
        kind: P,
        short: "OPSC",
        year: 2000,
        themes: &["T01", "T05", "T12"],
        title: [
            "Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography",
            "Protocole facultatif à la Convention relative aux droits de l'enfant, concernant la vente d'enfants, la prostitution des enfants et la pornographie mettant en scène des enfants",
            "Protocolo Facultativo à Convenção sobre os Direitos da Criança relativo à venda de crianças, prostituição infantil e pornografia infantil",
        ],
    },
    Spec {
        file: "op_crc_ac",
        code: "CRC_OP_AC",
        kind: P,
        short: "OPAC",
        year: 2000,
        themes: &["T01", "T12"],
        title: [
            "Optional Protocol to the Convention on the Rights of the Child on the involvement of children in armed conflict",
            "Protocole facultatif à la Convention relative aux droits de l'enfant, concernant l'implication d'enfants dans les conflits armés",
            "Protocolo Facultativo à Convenção sobre os Direitos da Criança relativo à participação de crianças em conflitos armados",
        ],
    },
    Spec {
        file: "op_crc_ic",
        code: "CRC_OP_IC",
        kind: P,
        short: "OPIC",
        year: 2011,
        themes: &["T01", "T12"],
        title: [
            "Optional Protocol to the Convention on the Rights of the Child on a communications procedure",
            "Protocole facultatif à la Convention relative aux droits de l'enfant établissant une procédure de présentation de communications",
            "Protocolo Facultativo à Convenção sobre os Direitos da Criança relativo à instituição de um procedimento de comunicação",
        ],
    },
    Spec {
        file: "cedaw",
        code: "CEDAW",
        kind: C,
        short: "CEDAW",
        year: 1979,
        themes: &["T01", "T12"],
        title: [
            "Convention on the Elimination of All Forms of Discrimination against Women",
            "Convention sur l'élimination de toutes les formes de discrimination à l'égard des femmes",
            "Convenção sobre a Eliminação de Todas as Formas de Discriminação contra as Mulheres",
        ],
    },
    Spec {
        file: "op_cedaw",
        code: "CEDAW_OP",
        kind: P,
        short: "OP-CEDAW",
        year: 1999,
        themes: &["T01", "T12"],
        title: [
            "Optional Protocol to the Convention on the Elimination of All Forms of Discrimination against Women",
            "Protocole facultatif à la Convention sur l'élimination de toutes les formes de discrimination à l'égard des femmes",
            "Protocolo Facultativo à Convenção sobre a Eliminação de Todas as Formas de Discriminação contra as Mulheres",
        ],
    },
    Spec {
        file: "icerd",
        code: "ICERD",
        kind: C,
        short: "ICERD",
        year: 1965,
        themes: &["T01"],
        title: [
            "International Convention on the Elimination of All Forms of Racial Discrimination",
            "Convention internationale sur l'élimination de toutes les formes de discrimination raciale",
            "Convenção Internacional sobre a Eliminação de Todas as Formas de Discriminação Racial",
        ],
    },
    Spec {
        file: "iccpr",
        code: "ICCPR",
        kind: C,
        short: "ICCPR",
        year: 1966,
        themes: &["T01"],
        title: [
            "International Covenant on Civil and Political Rights",
            "Pacte international relatif aux droits civils et politiques",
            "Pacto Internacional sobre os Direitos Civis e Políticos",
        ],
    },
    Spec {
        file: "iccpr_op1",
        code: "ICCPR_OP1",
        kind: P,
        short: "ICCPR-OP1",
        year: 1966,
        themes: &["T01"],
        title: [
            "Optional Protocol to the International Covenant on Civil and Political Rights",
            "Protocole facultatif se rapportant au Pacte international relatif aux droits civils et politiques",
            "Protocolo Facultativo referente ao Pacto Internacional sobre os Direitos Civis e Políticos",
        ],
    },
    Spec {
        file: "iccpr_op2",
        code: "ICCPR_OP2",
        kind: P,
        short: "ICCPR-OP2",
        year: 1989,
        themes: &["T01"],
        title: [
            "Second Optional Protocol to the International Covenant on Civil and Political Rights, aiming at the abolition of the death penalty",
            "Deuxième Protocole facultatif se rapportant au Pacte international relatif aux droits civils et politiques, visant à abolir la peine de mort",
            "Segundo Protocolo Facultativo ao Pacto Internacional sobre os Direitos Civis e Políticos com vista à Abolição da Pena de Morte",
        ],
    },
    Spec {
        file: "icescr",
        code: "ICESCR",
        kind: C,
        short: "ICESCR",
        year: 1966,
        themes: &["T01", "T02"],
        title: [
            "International Covenant on Economic, Social and Cultural Rights",
            "Pacte international relatif aux droits économiques, sociaux et culturels",
            "Pacto Internacional sobre os Direitos Económicos, Sociais e Culturais",
        ],
    },
    Spec {
        file: "icescr_op",
        code: "ICESCR_OP",
        kind: P,
        short: "OP-ICESCR",
        year: 2008,
        themes: &["T01"],
        title: [
            "Optional Protocol to the International Covenant on Economic, Social and Cultural Rights",
            "Protocole facultatif se rapportant au Pacte international relatif aux droits économiques, sociaux et culturels",
            "Protocolo Facultativo ao Pacto Internacional sobre os Direitos Económicos, Sociais e Culturais",
        ],
    },
    Spec {
        file: "cat",
        code: "CAT",
        kind: C,
        short: "CAT",
        year: 1984,
        themes: &["T01"],
        title: [
            "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
            "Convention contre la torture et autres peines ou traitements cruels, inhumains ou dégradants",
            "Convenção contra a Tortura e Outras Penas ou Tratamentos Cruéis, Desumanos ou Degradantes",
        ],
    },
    Spec {
        file: "opcat",
        code: "OPCAT",
        kind: P,
        short: "OPCAT",
        year: 2002,
        themes: &["T01"],
        title: [
            "Optional Protocol to the Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
            "Protocole facultatif se rapportant à la Convention contre la torture et autres peines ou traitements cruels, inhumains ou dégradants",
            "Protocolo Facultativo à Convenção contra a Tortura e Outras Penas ou Tratamentos Cruéis, Desumanos ou Degradantes",
        ],
    },
    Spec {
        file: "cped",
        code: "CPED",
        kind: C,
        short: "CPED",
        year: 2006,
        themes: &["T01"],
        title: [
            "International Convention for the Protection of All Persons from Enforced Disappearance",
            "Convention internationale pour la protection de toutes les personnes contre les disparitions forcées",
            "Convenção Internacional para a Proteção de Todas as Pessoas contra o Desaparecimento Forçado",
        ],
    },
    Spec {
        file: "crpd",
        code: "CRPD",
        kind: C,
        short: "CRPD",
        year: 2006,
        themes: &["T01"],
        title: [
            "Convention on the Rights of Persons with Disabilities",
            "Convention relative aux droits des personnes handicapées",
            "Convenção sobre os Direitos das Pessoas com Deficiência",
        ],
    },
    Spec {
        file: "op_crpd",
        code: "CRPD_OP",
        kind: P,
        short: "OP-CRPD",
        year: 2006,
        themes: &["T01"],
        title: [
            "Optional Protocol to the Convention on the Rights of Persons with Disabilities",
            "Protocole facultatif se rapportant à la Convention relative aux droits des personnes handicapées",
            "Protocolo Facultativo à Convenção sobre os Direitos das Pessoas com Deficiência",
        ],
    },
];

/// The files read, relative to the data mirror, in reading order.
pub fn files() -> Vec<String> {
    SPECS.iter().map(|s| format!("{DIR}/hr_status_{}.csv", s.file)).collect()
}

/// The source as recorded with the entries.
pub fn source_info() -> SourceInfo {
    SourceInfo {
        code: "wpdl-hr-treaties".into(),
        name: "Ratification status of the core UN human rights treaties (World Politics Data Lab, from the UN Treaty Collection)".into(),
        publisher: "World Politics Data Lab, from the United Nations Treaty Collection".into(),
        licence: "no licence stated; facts with attribution".into(),
        url: "https://github.com/world-politics-datalab/humanrights-treaties-ratification-status/tree/fdb779e6a4a121c3024b4a72e72833a448a2b62d"
            .into(),
    }
}

fn instrument(s: &Spec) -> Instrument {
    Instrument {
        // The codes are written above and checked by a unit test.
        code: InstrumentCode::parse(s.code).unwrap_or_else(|_| unreachable!("instrument codes are checked by a test")),
        kind: s.kind,
        short: s.short.to_string(),
        title: I18nText::new(s.title[0], s.title[1], s.title[2]),
        year: Some(s.year),
        area: None,
        citation: None,
        link: Some("https://treaties.un.org/Pages/Treaties.aspx?id=4&subid=A&clang=_en".into()),
        themes: s.themes.iter().filter_map(|t| ThemeCode::parse(t).ok()).collect(),
    }
}

/// Reads every file of the data set from the mirror directory `dir`: the instruments and, for
/// each profile country, its status. Rows of other countries are left out.
pub fn read(dir: &Path, ctx: &Context) -> Result<RegistryImport, IngestError> {
    let inputs = SPECS
        .iter()
        .map(|s| {
            let rel = format!("{DIR}/hr_status_{}.csv", s.file);
            InputFile::read(&dir.join(&rel), &rel)
        })
        .collect::<Vec<_>>();
    let mut problems = Problems::default();
    let mut files = Vec::new();
    for r in inputs {
        match r {
            Ok(f) => files.push(f),
            Err(e) => e.problems.into_iter().for_each(|p| problems.push(p)),
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    read_files(&files, ctx)
}

/// Reads files already in memory, one per instrument in the order of [`files`].
pub fn read_files(inputs: &[InputFile], ctx: &Context) -> Result<RegistryImport, IngestError> {
    let by_iso2: HashMap<&str, AreaCode> =
        ctx.areas.profile_countries().into_iter().filter_map(|a| a.iso2.as_deref().map(|i| (i, a.code.clone()))).collect();
    let mut problems = Problems::default();
    let mut imp = RegistryImport {
        source: source_info(),
        vintage: VINTAGE.into(),
        files: Vec::new(),
        instruments: Vec::new(),
        ratifications: Vec::new(),
        institutions: Vec::new(),
        projects: Vec::new(),
    };
    if inputs.len() != SPECS.len() {
        problems.push(Problem::file(DIR, format!("expected the {} files of the data set, got {}", SPECS.len(), inputs.len())));
        return Err(problems.into_error());
    }
    for (file_index, (spec, input)) in SPECS.iter().zip(inputs).enumerate() {
        imp.files.push(input.info());
        imp.instruments.push(instrument(spec));
        let table = match Table::parse(input, b',') {
            Ok(t) => t,
            Err(e) => {
                e.problems.into_iter().for_each(|p| problems.push(p));
                continue;
            }
        };
        let c = match table.columns(&["iso2", "year ratification or accession", "status"]) {
            Ok(c) => c,
            Err(e) => {
                e.problems.into_iter().for_each(|p| problems.push(p));
                continue;
            }
        };
        let note_col = table.column("note");
        for row in table.rows() {
            let iso2 = row.get(c[0]);
            // Only an empty code is refused: the file has a few odd codes for countries outside
            // the profiles (South Sudan is `S` in the OPIC file, Timor-Leste the old `TP`), and
            // the ten profile countries are matched on their exact ISO codes below.
            if iso2.is_empty() {
                problems.push(row.problem(c[0], "an ISO 3166 alpha-2 code such as SN"));
                continue;
            }
            let status = match row.get(c[2]) {
                "state party" => InstrumentStatus::Ratified,
                "signatory state" => InstrumentStatus::Signed,
                "no action" => InstrumentStatus::NoAction,
                _ => {
                    problems.push(row.problem(c[2], "one of \"state party\", \"signatory state\", \"no action\""));
                    continue;
                }
            };
            let y = row.get(c[1]);
            let year = if y.is_empty() {
                None
            } else {
                match y.parse::<i32>() {
                    Ok(v) if (1945..=2100).contains(&v) && y.len() == 4 => Some(v),
                    _ => {
                        problems.push(row.problem(c[1], "a year from 1945 to 2100, or empty"));
                        continue;
                    }
                }
            };
            // Countries outside the profiles are not kept; checking their rows above still
            // catches a damaged file wherever the damage is.
            let Some(area) = by_iso2.get(iso2) else { continue };
            if status == InstrumentStatus::Ratified && year.is_none() {
                problems.push(row.problem(c[1], "the year of ratification or accession of a state party"));
                continue;
            }
            let note = note_col.map(|n| row.get(n)).filter(|n| !n.is_empty()).map(str::to_string);
            imp.ratifications.push(Ratification {
                instrument: instrument(spec).code,
                area: area.clone(),
                status,
                year,
                responsible: None,
                note,
                provenance: Provenance { file: file_index, locator: row.locator() },
            });
        }
    }
    problems.finish(imp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spec_has_a_valid_code_and_themes() {
        for s in SPECS {
            assert!(InstrumentCode::parse(s.code).is_ok(), "{}", s.code);
            assert_eq!(instrument(s).themes.len(), s.themes.len(), "{}", s.code);
            assert!(s.title.iter().all(|t| !t.is_empty()));
        }
        assert_eq!(SPECS.len(), 18);
    }
}
