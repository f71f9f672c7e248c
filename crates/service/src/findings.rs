//! Part D's findings and recommendations as the document builder takes them.

use crate::ServiceError;
use mp_domain::AreaCode;
use mp_profile::{EvidenceSpec, FindingKind, FindingSpec};
use mp_store::{EvidenceTarget, Store};

/// The findings the TWG recorded for `area`, with their evidence; their text is in the
/// narrative under `mp_profile::findings::text_key`.
pub async fn findings(store: &Store, area: &AreaCode) -> Result<Vec<FindingSpec>, ServiceError> {
    Ok(store
        .findings(area)
        .await?
        .into_iter()
        // The table's check allows only the two kinds; a row of another kind cannot be read.
        .filter_map(|f| {
            Some(FindingSpec {
                key: f.id.to_string(),
                kind: FindingKind::parse(&f.kind)?,
                evidence: f
                    .evidence
                    .into_iter()
                    .map(|e| match e.target {
                        EvidenceTarget::Figure { indicator, area, period, source } => {
                            EvidenceSpec::Figure { indicator, area, period, source }
                        }
                        EvidenceTarget::Section(s) => EvidenceSpec::Section(s),
                    })
                    .collect(),
            })
        })
        .collect())
}
