//! The XLSX submission template, written per country, theme and language for ministries to
//! fill in; `mp-ingest` reads it back as is. Both follow the layout of
//! [`mp_domain::submission`].
//!
//! The workbook, all in the chosen language:
//! - a first sheet with instructions (what to fill, how statuses work, where definitions are),
//!   the dataset fields (source name, publisher, licence, vintage, optional short code), the
//!   OBS_STATUS codes and the list of indicator sheets;
//! - one sheet per indicator collected (computed indicators are derived, so left out), named by
//!   its code: a header block (name, code, definition, unit, country, theme, breakdowns,
//!   suggested sources), then a table with the period, one column per dimension, the value,
//!   OBS_STATUS and a footnote, with drop-down lists for dimensions, statuses and partner areas;
//! - a hidden `lists` sheet holding the drop-down values (`F — Féminin`);
//! - a very hidden `_mprofile` sheet recording the template version, country, language, where
//!   the dataset fields are and, per sheet, the indicator and its table's columns.

use mp_domain::framework::DimensionValues;
use mp_domain::submission::{
    AREA_LIST, DATA_ROWS, HEADER_ROW, LISTS_SHEET, META_SHEET, MetaKey, ROLE_FOOTNOTE, ROLE_PERIOD, ROLE_STATUS, ROLE_VALUE, SheetLayout,
    TEMPLATE_VERSION, a1, column_letters,
};
use mp_domain::{
    AreaCode, AreaKind, AreaRegistry, DimensionId, Framework, Indicator, IndicatorCode, Lang, ObsStatus, Observation, ThemeCode,
};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign, FormatBorder, Formula,
    Workbook as XlsxWorkbook, Worksheet, XlsxError,
};
use std::collections::BTreeMap;

/// Why a template cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// The area is not a country of the registry.
    #[error("template: unknown country {0}: expected an ISO alpha-3 code of a country, such as SEN")]
    UnknownCountry(AreaCode),
    /// The theme is not in the framework.
    #[error("template: unknown theme {0}: expected one of the framework's themes, such as T04")]
    UnknownTheme(ThemeCode),
    /// Every indicator of the theme is computed.
    #[error("template: no indicator to collect: every indicator of this theme is computed from others")]
    NothingToCollect,
    /// The XLSX writer failed.
    #[error("template: cannot write the workbook ({0})")]
    Xlsx(#[from] XlsxError),
}

/// The texts of the template in one language.
struct Texts {
    instructions: &'static str,
    title: &'static str,
    country: &'static str,
    theme: &'static str,
    all_themes: &'static str,
    dataset: &'static str,
    source_name: &'static str,
    publisher: &'static str,
    licence: &'static str,
    vintage: &'static str,
    short_code: &'static str,
    how: &'static str,
    lines: [&'static str; 10],
    statuses: &'static str,
    sheets: &'static str,
    code: &'static str,
    definition: &'static str,
    unit: &'static str,
    breakdowns: &'static str,
    none: &'static str,
    sources: &'static str,
    table_note: &'static str,
    period: &'static str,
    value: &'static str,
    status: &'static str,
    footnote: &'static str,
    period_help: &'static str,
    list_help: &'static str,
    value_help: &'static str,
    status_help: &'static str,
    not_in_list: &'static str,
}

const EN: Texts = Texts {
    instructions: "Instructions",
    title: "Migration Profile — data submission template",
    country: "Country",
    theme: "Theme",
    all_themes: "All themes",
    dataset: "Dataset: where the figures come from (to fill in)",
    source_name: "Source name (e.g. 2013 census, border register)",
    publisher: "Publisher (institution)",
    licence: "Licence or terms of use",
    vintage: "Vintage: year of the data or of the release",
    short_code: "Short code of the source (optional, e.g. rgphae-2013)",
    how: "How to fill in this workbook",
    lines: [
        "1. Fill in the dataset fields above: they say where every figure of this workbook comes from. Use one workbook per source (census, survey, register…).",
        "2. Each of the following sheets is one indicator; the sheet name is the indicator code. The top of each sheet gives its name, definition, unit and the country.",
        "3. In the table of a sheet, enter one row per figure: the period (2020; a quarter 2020-Q1; a month 2020-03; or a range 2015-2020), one choice per breakdown from the drop-down list, then the value. Leave a breakdown empty for its total.",
        "4. Type values as plain numbers in the unit shown, without thousands separators or symbols (274929, not 274 929 or 275 thousand).",
        "5. Status (OBS_STATUS): leave it empty for a normal value. Choose E for an estimate, P for a provisional value, B for a break in the series. For a missing figure, leave the value empty and choose L, M, O or Q (list below).",
        "6. Footnote: anything a reader must know about the figure (coverage, a definition that differs…).",
        "7. Empty rows and sheets are ignored. Do not rename the sheets, change the table headers or delete the hidden sheets: they let the platform read the workbook back without any other step.",
        "8. The definitions of indicators, breakdowns and codes are those of the mprofile indicator framework: they are repeated at the top of each sheet and in the metadata annex of the Migration Profile.",
        "9. Indicators computed from others (shares, rates, changes) are not in this workbook: the platform derives them.",
        "10. Return the completed workbook as .xlsx to the secretariat of the Technical Working Group.",
    ],
    statuses: "Status codes (OBS_STATUS)",
    sheets: "Sheets (one per indicator)",
    code: "Indicator code",
    definition: "Definition",
    unit: "Unit",
    breakdowns: "Breakdowns",
    none: "none",
    sources: "Suggested sources",
    table_note: "One row per figure below. Leave a breakdown empty for its total; leave the value empty only with a missing-value status (L, M, O, Q).",
    period: "Period",
    value: "Value",
    status: "Status (OBS_STATUS)",
    footnote: "Footnote",
    period_help: "2020, 2020-Q1, 2020-03 or 2015-2020",
    list_help: "Choose from the list; leave empty for the total.",
    value_help: "A plain number in the unit of the indicator, without thousands separators.",
    status_help: "Empty for a normal value; L, M, O or Q with an empty value for a missing figure.",
    not_in_list: "This is not in the list. Choose a value from the drop-down list.",
};

const FR: Texts = Texts {
    instructions: "Instructions",
    title: "Profil migratoire — modèle de transmission des données",
    country: "Pays",
    theme: "Thème",
    all_themes: "Tous les thèmes",
    dataset: "Jeu de données : d'où viennent les chiffres (à remplir)",
    source_name: "Nom de la source (p. ex. recensement 2013, registre des frontières)",
    publisher: "Producteur (institution)",
    licence: "Licence ou conditions d'utilisation",
    vintage: "Millésime : année des données ou de la publication",
    short_code: "Code court de la source (facultatif, p. ex. rgphae-2013)",
    how: "Comment remplir ce classeur",
    lines: [
        "1. Remplissez les champs du jeu de données ci-dessus : ils indiquent d'où vient chaque chiffre de ce classeur. Utilisez un classeur par source (recensement, enquête, registre…).",
        "2. Chacune des feuilles suivantes correspond à un indicateur ; le nom de la feuille est le code de l'indicateur. Le haut de chaque feuille donne son nom, sa définition, son unité et le pays.",
        "3. Dans le tableau d'une feuille, saisissez une ligne par chiffre : la période (2020 ; un trimestre 2020-Q1 ; un mois 2020-03 ; ou une période 2015-2020), un choix par ventilation dans la liste déroulante, puis la valeur. Laissez une ventilation vide pour son total.",
        "4. Saisissez les valeurs comme des nombres simples dans l'unité indiquée, sans séparateur de milliers ni symbole (274929, et non 274 929 ou 275 milliers).",
        "5. Statut (OBS_STATUS) : laissez-le vide pour une valeur normale. Choisissez E pour une estimation, P pour une valeur provisoire, B pour une rupture de série. Pour un chiffre manquant, laissez la valeur vide et choisissez L, M, O ou Q (liste ci-dessous).",
        "6. Note : tout ce qu'un lecteur doit savoir sur le chiffre (couverture, définition différente…).",
        "7. Les lignes et feuilles vides sont ignorées. Ne renommez pas les feuilles, ne modifiez pas les en-têtes des tableaux et ne supprimez pas les feuilles masquées : elles permettent à la plateforme de relire le classeur sans autre étape.",
        "8. Les définitions des indicateurs, ventilations et codes sont celles du cadre d'indicateurs mprofile : elles sont rappelées en haut de chaque feuille et dans l'annexe méthodologique du Profil migratoire.",
        "9. Les indicateurs calculés à partir d'autres (parts, taux, variations) ne figurent pas dans ce classeur : la plateforme les calcule.",
        "10. Renvoyez le classeur rempli au format .xlsx au secrétariat du Groupe de travail technique.",
    ],
    statuses: "Codes de statut (OBS_STATUS)",
    sheets: "Feuilles (une par indicateur)",
    code: "Code de l'indicateur",
    definition: "Définition",
    unit: "Unité",
    breakdowns: "Ventilations",
    none: "aucune",
    sources: "Sources suggérées",
    table_note: "Une ligne par chiffre ci-dessous. Laissez une ventilation vide pour son total ; laissez la valeur vide seulement avec un statut de valeur manquante (L, M, O, Q).",
    period: "Période",
    value: "Valeur",
    status: "Statut (OBS_STATUS)",
    footnote: "Note",
    period_help: "2020, 2020-Q1, 2020-03 ou 2015-2020",
    list_help: "Choisissez dans la liste ; laissez vide pour le total.",
    value_help: "Un nombre simple dans l'unité de l'indicateur, sans séparateur de milliers.",
    status_help: "Vide pour une valeur normale ; L, M, O ou Q avec une valeur vide pour un chiffre manquant.",
    not_in_list: "Cette valeur n'est pas dans la liste. Choisissez une valeur de la liste déroulante.",
};

const PT: Texts = Texts {
    instructions: "Instruções",
    title: "Perfil Migratório — modelo de envio de dados",
    country: "País",
    theme: "Tema",
    all_themes: "Todos os temas",
    dataset: "Conjunto de dados: de onde vêm os números (a preencher)",
    source_name: "Nome da fonte (p. ex. recenseamento de 2013, registo de fronteiras)",
    publisher: "Produtor (instituição)",
    licence: "Licença ou condições de utilização",
    vintage: "Edição: ano dos dados ou da publicação",
    short_code: "Código curto da fonte (facultativo, p. ex. rgph-2021)",
    how: "Como preencher este livro",
    lines: [
        "1. Preencha os campos do conjunto de dados acima: indicam de onde vem cada número deste livro. Use um livro por fonte (recenseamento, inquérito, registo…).",
        "2. Cada uma das folhas seguintes corresponde a um indicador; o nome da folha é o código do indicador. O topo de cada folha indica o nome, a definição, a unidade e o país.",
        "3. Na tabela de uma folha, introduza uma linha por número: o período (2020; um trimestre 2020-Q1; um mês 2020-03; ou um intervalo 2015-2020), uma escolha por desagregação na lista pendente, depois o valor. Deixe uma desagregação vazia para o seu total.",
        "4. Escreva os valores como números simples na unidade indicada, sem separadores de milhares nem símbolos (274929, e não 274 929 ou 275 mil).",
        "5. Estado (OBS_STATUS): deixe vazio para um valor normal. Escolha E para uma estimativa, P para um valor provisório, B para uma quebra de série. Para um número em falta, deixe o valor vazio e escolha L, M, O ou Q (lista abaixo).",
        "6. Nota: tudo o que um leitor deve saber sobre o número (cobertura, definição diferente…).",
        "7. As linhas e folhas vazias são ignoradas. Não mude o nome das folhas, não altere os cabeçalhos das tabelas e não apague as folhas ocultas: permitem à plataforma ler o livro sem outro passo.",
        "8. As definições dos indicadores, desagregações e códigos são as do quadro de indicadores mprofile: são lembradas no topo de cada folha e no anexo metodológico do Perfil Migratório.",
        "9. Os indicadores calculados a partir de outros (percentagens, taxas, variações) não constam deste livro: a plataforma calcula-os.",
        "10. Devolva o livro preenchido em formato .xlsx ao secretariado do Grupo de Trabalho Técnico.",
    ],
    statuses: "Códigos de estado (OBS_STATUS)",
    sheets: "Folhas (uma por indicador)",
    code: "Código do indicador",
    definition: "Definição",
    unit: "Unidade",
    breakdowns: "Desagregações",
    none: "nenhuma",
    sources: "Fontes sugeridas",
    table_note: "Uma linha por número abaixo. Deixe uma desagregação vazia para o seu total; deixe o valor vazio apenas com um estado de valor em falta (L, M, O, Q).",
    period: "Período",
    value: "Valor",
    status: "Estado (OBS_STATUS)",
    footnote: "Nota",
    period_help: "2020, 2020-Q1, 2020-03 ou 2015-2020",
    list_help: "Escolha na lista; deixe vazio para o total.",
    value_help: "Um número simples na unidade do indicador, sem separadores de milhares.",
    status_help: "Vazio para um valor normal; L, M, O ou Q com um valor vazio para um número em falta.",
    not_in_list: "Este valor não está na lista. Escolha um valor da lista pendente.",
};

fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
        Lang::Pt => &PT,
    }
}

/// A value written into a template cell by [`write_template_prefilled`].
#[derive(Debug, Clone, PartialEq)]
pub enum PrefillValue {
    /// Nothing.
    Empty,
    /// A number cell.
    Number(f64),
    /// A text cell (as a user might type it).
    Text(String),
}

/// One table row written into an indicator sheet, in order from the first data row.
#[derive(Debug, Clone, PartialEq)]
pub struct PrefillRow {
    /// The indicator (its sheet).
    pub indicator: IndicatorCode,
    /// The period cell.
    pub period: String,
    /// Dimension id → cell text (a code, a label or `F — Féminin`).
    pub dims: Vec<(String, String)>,
    /// The value cell.
    pub value: PrefillValue,
    /// The OBS_STATUS cell.
    pub status: String,
    /// The footnote cell.
    pub footnote: String,
}

/// Cells filled in when the template is written: to send a country its figures for review, or
/// to test the reader.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prefill {
    /// Source name.
    pub source_name: String,
    /// Publisher.
    pub publisher: String,
    /// Licence.
    pub licence: String,
    /// Vintage.
    pub vintage: String,
    /// Optional short code of the source.
    pub short_code: String,
    /// Table rows.
    pub rows: Vec<PrefillRow>,
}

impl Prefill {
    /// Rows from observations already stored (codes shown as in the drop-down lists).
    pub fn from_observations(fw: &Framework, areas: &AreaRegistry, obs: &[Observation], lang: Lang) -> Vec<PrefillRow> {
        obs.iter()
            .map(|o| PrefillRow {
                indicator: o.indicator.clone(),
                period: o.period.to_string(),
                dims: o.dims.iter().map(|(d, c)| (d.to_string(), code_label(fw, areas, d, c.as_str(), lang))).collect(),
                value: o.value.map(PrefillValue::Number).unwrap_or(PrefillValue::Empty),
                status: if o.status == ObsStatus::Normal { String::new() } else { status_label(fw, o.status, lang) },
                footnote: o.footnote.clone().unwrap_or_default(),
            })
            .collect()
    }
}

/// `F — Féminin`: what the drop-down lists show for a code.
fn code_label(fw: &Framework, areas: &AreaRegistry, dim: &DimensionId, code: &str, lang: Lang) -> String {
    let label = match fw.dimensions.get(dim).map(|d| &d.values) {
        Some(DimensionValues::Areas) => areas.find(code).map(|a| a.name.get(lang).to_string()),
        Some(DimensionValues::Codelist(_)) => fw.codelist_of(dim).and_then(|cl| cl.code(code)).map(|c| c.name.get(lang).to_string()),
        None => None,
    };
    match label {
        Some(l) if !l.is_empty() => format!("{code} — {l}"),
        _ => code.to_string(),
    }
}

fn status_label(fw: &Framework, s: ObsStatus, lang: Lang) -> String {
    match fw.codelists.get("CL_OBS_STATUS").and_then(|cl| cl.code(s.code())) {
        Some(c) => format!("{} — {}", s.code(), c.name.get(lang)),
        None => s.code().to_string(),
    }
}

/// The indicators a template collects: those of the theme (or all), except computed ones.
fn collected<'a>(fw: &'a Framework, theme: Option<&ThemeCode>) -> Vec<&'a Indicator> {
    fw.indicators.iter().filter(|i| i.formula.is_none() && theme.is_none_or(|t| &i.theme == t)).collect()
}

/// A sheet name Excel accepts (≤ 31 characters, no `[]:*?/\`), unique in `taken`.
fn sheet_name(code: &str, taken: &[String]) -> String {
    let base: String = code.chars().map(|c| if "[]:*?/\\".contains(c) { '_' } else { c }).take(31).collect();
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name))
        || name.eq_ignore_ascii_case(META_SHEET)
        || name.eq_ignore_ascii_case(LISTS_SHEET)
    {
        let suffix = format!("~{n}");
        name = format!("{}{suffix}", base.chars().take(31 - suffix.len()).collect::<String>());
        n += 1;
    }
    name
}

/// Writes the blank submission template for a country, one theme (or all) and a language.
pub fn write_template(
    fw: &Framework,
    areas: &AreaRegistry,
    country: &AreaCode,
    theme: Option<&ThemeCode>,
    lang: Lang,
) -> Result<Vec<u8>, TemplateError> {
    write_template_prefilled(fw, areas, country, theme, lang, &Prefill::default())
}

/// Writes the submission template with some cells already filled in.
pub fn write_template_prefilled(
    fw: &Framework,
    areas: &AreaRegistry,
    country: &AreaCode,
    theme: Option<&ThemeCode>,
    lang: Lang,
    prefill: &Prefill,
) -> Result<Vec<u8>, TemplateError> {
    let t = texts(lang);
    let area = match areas.get(country) {
        Some(a) if a.kind == AreaKind::Country => a,
        _ => {
            return Err(TemplateError::UnknownCountry(country.clone()));
        }
    };
    let theme_obj = match theme {
        Some(code) => match fw.theme(code) {
            Some(th) => Some(th),
            None => {
                return Err(TemplateError::UnknownTheme(code.clone()));
            }
        },
        None => None,
    };
    let inds = collected(fw, theme);
    if inds.is_empty() {
        return Err(TemplateError::NothingToCollect);
    }
    let country_label = format!("{} ({})", area.name.get(lang), area.code);
    let theme_label = match theme_obj {
        Some(th) => format!("{} — {}", th.code, th.name.get(lang)),
        None => t.all_themes.to_string(),
    };

    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let input = Format::new().set_background_color(Color::RGB(0xFFF2CC)).set_border(FormatBorder::Thin).set_num_format("@");
    let head = Format::new().set_bold().set_background_color(Color::RGB(0xD9E1F2)).set_border(FormatBorder::Thin).set_text_wrap();
    let text_cell = Format::new().set_num_format("@");

    // Drop-down lists, one column each on the hidden lists sheet.
    let mut lists = Worksheet::new();
    lists.set_name(LISTS_SHEET)?;
    let mut list_ranges: BTreeMap<String, String> = BTreeMap::new();
    let mut add_list = |lists: &mut Worksheet, id: &str, items: Vec<String>| -> Result<(), XlsxError> {
        if list_ranges.contains_key(id) || items.is_empty() {
            return Ok(());
        }
        let col = list_ranges.len() as u16;
        lists.write_string(0, col, id)?;
        for (i, it) in items.iter().enumerate() {
            lists.write_string(i as u32 + 1, col, it)?;
        }
        let letters = column_letters(col as u32);
        list_ranges.insert(id.to_string(), format!("={LISTS_SHEET}!${letters}$2:${letters}${}", items.len() + 1));
        Ok(())
    };
    let statuses: Vec<String> = ObsStatus::all().map(|s| status_label(fw, s, lang)).collect();
    add_list(&mut lists, ROLE_STATUS, statuses.clone())?;
    for ind in &inds {
        for d in &ind.dimensions {
            match fw.dimensions.get(d).map(|x| &x.values) {
                Some(DimensionValues::Areas) => {
                    let mut items: Vec<&mp_domain::Area> = areas.all().iter().filter(|a| a.kind == AreaKind::Country).collect();
                    items.sort_by(|a, b| a.code.cmp(&b.code));
                    let groups = areas.all().iter().filter(|a| a.kind == AreaKind::Group);
                    let items = items.into_iter().chain(groups).map(|a| format!("{} — {}", a.code, a.name.get(lang))).collect();
                    add_list(&mut lists, AREA_LIST, items)?;
                }
                Some(DimensionValues::Codelist(cl)) => {
                    let items = fw
                        .codelists
                        .get(cl)
                        .map(|l| l.codes.iter().map(|c| format!("{} — {}", c.id, c.name.get(lang))).collect())
                        .unwrap_or_default();
                    add_list(&mut lists, cl, items)?;
                }
                None => {}
            }
        }
    }
    lists.set_hidden(true);

    let mut meta = Worksheet::new();
    meta.set_name(META_SHEET)?;
    let mut meta_rows: Vec<Vec<String>> = vec![
        vec![MetaKey::TemplateVersion.key().into(), TEMPLATE_VERSION.into()],
        vec![MetaKey::Country.key().into(), area.code.to_string()],
        vec![MetaKey::Language.key().into(), lang.code().into()],
        vec![MetaKey::FrameworkVersion.key().into(), fw.version.clone()],
        vec![MetaKey::Theme.key().into(), theme.map(|t| t.to_string()).unwrap_or_default()],
        vec![MetaKey::DatasetSheet.key().into(), t.instructions.into()],
    ];

    // Instructions and dataset fields.
    let mut ins = Worksheet::new();
    ins.set_name(t.instructions)?;
    ins.set_column_width(0, 58)?;
    ins.set_column_width(1, 70)?;
    ins.write_string_with_format(0, 0, t.title, &title)?;
    ins.write_string_with_format(1, 0, t.country, &bold)?;
    ins.write_string(1, 1, &country_label)?;
    ins.write_string_with_format(2, 0, t.theme, &bold)?;
    ins.write_string(2, 1, &theme_label)?;
    ins.write_string_with_format(4, 0, t.dataset, &title)?;
    let fields = [
        (MetaKey::SourceName, t.source_name, &prefill.source_name),
        (MetaKey::Publisher, t.publisher, &prefill.publisher),
        (MetaKey::Licence, t.licence, &prefill.licence),
        (MetaKey::Vintage, t.vintage, &prefill.vintage),
        (MetaKey::ShortCode, t.short_code, &prefill.short_code),
    ];
    for (i, (key, label, val)) in fields.iter().enumerate() {
        let r = 5 + i as u32;
        ins.write_string_with_format(r, 0, *label, &bold)?;
        ins.write_string_with_format(r, 1, val.as_str(), &input)?;
        meta_rows.push(vec![key.key().to_string(), a1(r, 1)]);
    }
    let mut r = 11;
    ins.write_string_with_format(r, 0, t.how, &title)?;
    r += 1;
    for line in t.lines {
        ins.merge_range(r, 0, r, 1, line, &wrap)?;
        ins.set_row_height(r, 15.0 * (1 + line.chars().count() / 120) as f64)?;
        r += 1;
    }
    r += 1;
    ins.write_string_with_format(r, 0, t.statuses, &title)?;
    r += 1;
    for s in &statuses {
        ins.write_string(r, 0, s)?;
        r += 1;
    }
    r += 1;
    ins.write_string_with_format(r, 0, t.sheets, &title)?;
    r += 1;
    let sheet_list_row = r;

    // One sheet per indicator.
    let mut sheets: Vec<Worksheet> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for ind in &inds {
        let name = sheet_name(ind.code.as_str(), &names);
        names.push(name.clone());
        let mut ws = Worksheet::new();
        ws.set_name(&name)?;
        let ndims = ind.dimensions.len() as u16;
        let last = ndims + 3;
        ws.set_column_width(0, 24)?;
        for c in 1..=ndims {
            ws.set_column_width(c, 30)?;
        }
        ws.set_column_width(ndims + 1, 16)?;
        ws.set_column_width(ndims + 2, 30)?;
        ws.set_column_width(ndims + 3, 44)?;
        let merge_to = last.max(4);

        ws.write_string_with_format(0, 0, sheet_title(ind, lang), &title)?;
        let unit = fw.unit(&ind.unit).map(|u| match &u.symbol {
            Some(s) if !s.is_empty() => format!("{} ({s})", u.name.get(lang)),
            _ => u.name.get(lang).to_string(),
        });
        let dims_text: Vec<String> = ind
            .dimensions
            .iter()
            .map(|d| fw.dimensions.get(d).map(|x| format!("{} ({d})", x.name.get(lang))).unwrap_or_else(|| d.to_string()))
            .collect();
        let sources: Vec<&str> = ind.sources.iter().map(|s| s.name.get(lang)).collect();
        // French sets a space before the semicolon, as the source names themselves do.
        let sources_sep = if lang == Lang::Fr { " ; " } else { "; " };
        let block = [
            (t.code, ind.code.to_string()),
            (t.definition, ind.definition.get(lang).to_string()),
            (t.unit, unit.unwrap_or_else(|| ind.unit.clone())),
            (t.country, country_label.clone()),
            (
                t.theme,
                fw.theme(&ind.theme).map(|th| format!("{} — {}", th.code, th.name.get(lang))).unwrap_or_else(|| ind.theme.to_string()),
            ),
            (t.breakdowns, if dims_text.is_empty() { t.none.to_string() } else { dims_text.join(", ") }),
            (t.sources, sources.join(sources_sep)),
        ];
        for (i, (label, val)) in block.iter().enumerate() {
            let r = 1 + i as u32;
            ws.write_string_with_format(r, 0, *label, &bold)?;
            ws.merge_range(r, 1, r, merge_to, val, &wrap)?;
            let lines = 1 + val.chars().count() as u32 / 110;
            if lines > 1 {
                ws.set_row_height(r, (15 * lines.min(12)) as f64)?;
            }
        }
        ws.merge_range(8, 0, 8, merge_to, t.table_note, &wrap)?;
        ws.set_row_height(8, 30)?;

        // The table.
        let mut roles: Vec<(String, String)> = vec![(ROLE_PERIOD.into(), t.period.into())];
        for d in &ind.dimensions {
            let label = fw.dimensions.get(d).map(|x| format!("{} ({d})", x.name.get(lang))).unwrap_or_else(|| d.to_string());
            roles.push((d.to_string(), label));
        }
        roles.push((ROLE_VALUE.into(), t.value.into()));
        roles.push((ROLE_STATUS.into(), t.status.into()));
        roles.push((ROLE_FOOTNOTE.into(), t.footnote.into()));
        for (c, (_, label)) in roles.iter().enumerate() {
            ws.write_string_with_format(HEADER_ROW, c as u16, label, &head)?;
        }
        ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
        let (first, lastrow) = (HEADER_ROW + 1, HEADER_ROW + DATA_ROWS);
        let any = DataValidation::new().allow_any_value().set_input_title(t.period)?.set_input_message(t.period_help)?;
        ws.add_data_validation(first, 0, lastrow, 0, &any)?;
        for (i, d) in ind.dimensions.iter().enumerate() {
            let list_id = match fw.dimensions.get(d).map(|x| &x.values) {
                Some(DimensionValues::Areas) => AREA_LIST.to_string(),
                Some(DimensionValues::Codelist(cl)) => cl.clone(),
                None => continue,
            };
            if let Some(range) = list_ranges.get(&list_id) {
                let title: String = fw.dimensions.get(d).map(|x| x.name.get(lang)).unwrap_or(d.as_str()).chars().take(32).collect();
                let dv = list_validation(range, &title, t.list_help, t.not_in_list)?;
                ws.add_data_validation(first, 1 + i as u16, lastrow, 1 + i as u16, &dv)?;
            }
        }
        let vcol = ndims + 1;
        let num = DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
            .set_input_title(t.value)?
            .set_input_message(t.value_help)?
            .set_error_message(t.value_help)?
            .set_error_style(DataValidationErrorStyle::Warning);
        ws.add_data_validation(first, vcol, lastrow, vcol, &num)?;
        if let Some(range) = list_ranges.get(ROLE_STATUS) {
            let dv = list_validation(range, "OBS_STATUS", t.status_help, t.not_in_list)?;
            ws.add_data_validation(first, vcol + 1, lastrow, vcol + 1, &dv)?;
        }
        // Text columns, so that a spreadsheet keeps 2020-03 as typed instead of making it a date.
        for c in (0..vcol).chain([vcol + 1, vcol + 2]) {
            ws.set_column_format(c, &text_cell)?;
        }

        // Pre-filled rows.
        for (k, row) in prefill.rows.iter().filter(|p| p.indicator == ind.code).enumerate() {
            let r = first + k as u32;
            ws.write_string_with_format(r, 0, &row.period, &text_cell)?;
            for (d, v) in &row.dims {
                if let Some(i) = ind.dimensions.iter().position(|x| x.as_str() == d) {
                    ws.write_string_with_format(r, 1 + i as u16, v, &text_cell)?;
                }
            }
            match &row.value {
                PrefillValue::Empty => {}
                PrefillValue::Number(v) => {
                    ws.write_number(r, vcol, *v)?;
                }
                PrefillValue::Text(s) => {
                    ws.write_string(r, vcol, s)?;
                }
            }
            ws.write_string_with_format(r, vcol + 1, &row.status, &text_cell)?;
            ws.write_string_with_format(r, vcol + 2, &row.footnote, &text_cell)?;
        }

        meta_rows.push(
            SheetLayout { name: name.clone(), indicator: ind.code.to_string(), header_row: HEADER_ROW, first_row: first, columns: roles }
                .to_row(),
        );
        ins.write_string(sheet_list_row + names.len() as u32 - 1, 0, &name)?;
        ins.write_string(sheet_list_row + names.len() as u32 - 1, 1, ind.name.get(lang))?;
        sheets.push(ws);
    }

    for (r, row) in meta_rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            meta.write_string(r as u32, c as u16, v)?;
        }
    }
    meta.set_very_hidden(true);

    let mut wb = XlsxWorkbook::new();
    ins.set_active(true);
    wb.push_worksheet(ins);
    for ws in sheets {
        wb.push_worksheet(ws);
    }
    wb.push_worksheet(lists);
    wb.push_worksheet(meta);
    Ok(wb.save_to_buffer()?)
}

fn list_validation(range: &str, title: &str, help: &str, error: &str) -> Result<DataValidation, TemplateError> {
    Ok(DataValidation::new()
        .allow_list_formula(Formula::new(range))
        .set_input_title(title)?
        .set_input_message(help)?
        .set_error_message(error)?
        .set_error_style(DataValidationErrorStyle::Warning))
}

/// The title of an indicator's sheet: its name, and for a national indicator the mark that
/// says it is not compared between countries.
fn sheet_title(ind: &Indicator, lang: Lang) -> String {
    let name = ind.name.get(lang);
    match &ind.national {
        None => name.to_string(),
        Some(c) => match lang {
            Lang::En => format!("{name} — national indicator of {c}, not compared between countries"),
            Lang::Fr => format!("{name} — indicateur national ({c}), non comparé entre pays"),
            Lang::Pt => format!("{name} — indicador nacional ({c}), não comparado entre países"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_fit_excel() {
        assert_eq!(sheet_name("IMM.STOCK", &[]), "IMM.STOCK");
        let long = "ABCDEFGHIJ.ABCDEFGHIJ.ABCDEFGHIJ.XYZ";
        let a = sheet_name(long, &[]);
        assert_eq!(a.chars().count(), 31);
        let b = sheet_name(long, std::slice::from_ref(&a));
        assert!(b.ends_with("~2") && b.chars().count() == 31, "{b}");
        assert_eq!(sheet_name("lists", &[]), "lists~2");
    }
}
