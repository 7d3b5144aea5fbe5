//! The topical queries of the count check: policy topics a researcher counts, none of them an
//! abbreviation, every other one typed without diacritics (as on a phone).

/// The topics, as written with their marks. Some use the other tone style on purpose
/// ("thuỷ lợi", "văn hoá").
pub const TOPICS: &[&str] = &[
    "bảo hiểm xã hội",
    "cải cách hành chính",
    "ngân hàng nhà nước",
    "ô nhiễm môi trường",
    "phòng chống tham nhũng",
    "an toàn giao thông",
    "biến đổi khí hậu",
    "xây dựng nông thôn mới",
    "chuyển đổi số",
    "giá xăng dầu",
    "thị trường chứng khoán",
    "đầu tư công",
    "giải phóng mặt bằng",
    "phòng chống dịch bệnh",
    "tai nạn giao thông",
    "giáo dục đào tạo",
    "bất động sản",
    "doanh nghiệp nhà nước",
    "xuất khẩu nông sản",
    "thủ tục hành chính",
    "an ninh trật tự",
    "bảo vệ môi trường",
    "kinh tế tư nhân",
    "học sinh tiểu học",
    "quy hoạch đô thị",
    "nhà ở xã hội",
    "lãi suất ngân hàng",
    "tăng trưởng kinh tế",
    "nguồn nhân lực",
    "y tế cơ sở",
    "khởi tố vụ án",
    "thuế thu nhập cá nhân",
    "hộ nghèo",
    "chủ quyền biển đảo",
    "chống buôn lậu",
    "hàng giả",
    "thiên tai bão lũ",
    "sạt lở đất",
    "cháy rừng",
    "năng lượng tái tạo",
    "điện mặt trời",
    "đường cao tốc",
    "sân bay",
    "du lịch biển",
    "an toàn thực phẩm",
    "người cao tuổi",
    "bạo lực học đường",
    "lao động nước ngoài",
    "tuyển sinh đại học",
    "kỳ thi tốt nghiệp",
    "kỳ họp quốc hội",
    "hội nghị trung ương",
    "hợp tác quốc tế",
    "vốn đầu tư nước ngoài",
    "giá vàng",
    "tỷ giá",
    "chăn nuôi lợn",
    "giá thịt lợn",
    "khám chữa bệnh",
    "viện phí",
    "quản lý thị trường",
    "văn hoá truyền thống",
    "thuỷ lợi",
    "xử phạt vi phạm hành chính",
];

/// The queries: the topics, every other one without diacritics.
pub fn queries() -> Vec<String> {
    TOPICS
        .iter()
        .enumerate()
        .map(|(i, topic)| {
            if i % 2 == 1 {
                crate::variants::strip_diacritics(topic)
            } else {
                topic.to_string()
            }
        })
        .collect()
}

/// The queries of a file, one per line as typed; blank lines and `#` comments are skipped.
pub fn read(path: &std::path::Path) -> anyhow::Result<Vec<String>> {
    use anyhow::Context;
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let queries: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect();
    if queries.is_empty() {
        anyhow::bail!("{} holds no query", path.display());
    }
    Ok(queries)
}
