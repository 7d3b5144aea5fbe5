//! Provinces named in text (stub: being written).

/// The provinces named in `text`, canonical names, deduplicated, in order of first appearance.
pub fn provinces_named(_text: &str) -> Vec<&'static str> {
    Vec::new()
}

/// The canonical name of a province written any way ("quang nam", "Quảng Nam", "TP.HCM").
pub fn canonical_province(_name: &str) -> Option<&'static str> {
    None
}
