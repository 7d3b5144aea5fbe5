//! Ranking rules a user notices, on small indexes of real sentences from the seed articles.

mod support;

use support::build;
use tracuu_index::article::Article;
use tracuu_index::indexer::index_articles;
use tracuu_index::search::{MatchKind, Ranking, SearchIndex, SearchRequest};

fn article(id: &str, title: &str, body: &str) -> Article {
    Article {
        id: Some(id.into()),
        url: format!("https://quangnam.gov.vn/{id}"),
        title: title.into(),
        body: body.into(),
        ..Default::default()
    }
}

fn ranked(index: &SearchIndex, query: &str) -> Vec<String> {
    let request = SearchRequest {
        query: query.into(),
        ..Default::default()
    };
    index
        .search(&request)
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn adjacent_syllables_rank_above_scattered_ones() {
    let (_dir, index) = build(vec![
        article(
            "apart",
            "Công tác đối ngoại",
            "Ngoài những nhiệm vụ trọng tâm được giao, cả nước cùng nỗ lực phòng chống dịch.",
        ),
        article(
            "together",
            "Công tác đối ngoại",
            "Thu hút đầu tư ngoài nước phục vụ phát triển kinh tế.",
        ),
    ]);
    // "ngoài nước" is two words: both articles hold them, the one holding them together first.
    assert_eq!(ranked(&index, "ngoai nuoc"), vec!["together", "apart"]);
}

#[test]
fn exact_diacritic_matches_rank_above_folded_only_matches() {
    let (_dir, mut index) = build(vec![
        article("ban-hang", "Chợ phiên", "Người dân bán hàng tại chợ."),
        article(
            "ban",
            "Họp thường kỳ",
            "Các thành viên Ban thống nhất kế hoạch hoạt động năm 2021 của đơn vị.",
        ),
    ]);
    // "ban" typed without marks finds both; the unmarked word "Ban" ranks first, although the
    // shorter article would win on BM25 alone.
    assert_eq!(ranked(&index, "ban"), vec!["ban", "ban-hang"]);
    // "bán" typed with marks finds only that word.
    assert_eq!(ranked(&index, "bán"), vec!["ban-hang"]);
    // It is the exact bonus that orders them.
    index.set_ranking(
        Ranking::default()
            .with_overrides("exact_bonus=0")
            .expect("valid weights"),
    );
    assert_eq!(ranked(&index, "ban"), vec!["ban-hang", "ban"]);
}

#[test]
fn a_marked_word_in_a_shorter_article_ranks_it_first_whatever_its_repetitions() {
    // "long" says the same thing over and over: 165 syllables, but only 14 different ones.
    // "short" has 28 syllables, all different. BM25 normalises by the article's length in
    // syllables, so the shorter article ranks first, as it does for the word typed without
    // marks; by the number of different syllables, "long" would.
    let long = format!(
        "{}Cuộc họp bàn về kế hoạch.",
        "Người dân hào hứng chào đón năm mới. ".repeat(20)
    );
    let short = "Hội đồng nhân dân tỉnh Quảng Nam họp phiên thường kỳ, bàn kế hoạch phát triển \
                 kinh tế, văn hóa, giáo dục của địa phương trong giai đoạn tới.";
    let (_dir, index) = build(vec![
        article("long", "Đón năm mới", &long),
        article("short", "Kỳ họp thứ mười", short),
    ]);
    assert_eq!(ranked(&index, "bàn"), vec!["short", "long"]);
    assert_eq!(ranked(&index, "ban"), vec!["short", "long"]);
}

#[test]
fn long_pasted_questions_return_the_best_partial_matches() {
    let (_dir, index) = build(vec![
        article(
            "tuyen-quang",
            "Liên hiệp các tổ chức hữu nghị tỉnh Tuyên Quang tổ chức Hội nghị tổng kết công tác năm 2020",
            "Hội nghị tổng kết công tác năm 2020 gắn với công tác phòng chống dịch Covid – 19.",
        ),
        article(
            "da-nang",
            "Sở Ngoại vụ thành phố Đà Nẵng ký kết hợp tác",
            "Lễ ký kết Bản ghi nhớ hợp tác trong công tác người Việt Nam ở nước ngoài theo hình thức trực tuyến.",
        ),
    ]);
    // No article holds "vắc xin", yet the one holding most of the other words comes back first.
    let hits = ranked(
        &index,
        "hội nghị tổng kết Tuyên Quang phòng chống Covid vắc xin",
    );
    assert_eq!(hits.first().map(String::as_str), Some("tuyen-quang"));
    // Quoted phrases and +words stay strict.
    assert!(ranked(&index, "hội nghị tổng kết +\"vắc xin\"").is_empty());
    assert!(ranked(&index, "hội nghị tổng kết Tuyên Quang +vaccine").is_empty());
}

#[test]
fn titles_are_highlighted_on_their_own_characters() {
    let (_dir, index) = build(vec![article(
        "title",
        "Ban về người Việt Nam ở nước ngoài tỉnh Quảng Nam họp tổng kết",
        "Chiều ngày 27/12/2023 tại trụ sở UBND tỉnh, Ban tổ chức cuộc họp.",
    )]);
    let request = SearchRequest {
        query: "quang nam".into(),
        ..Default::default()
    };
    let response = index.search(&request).expect("search");
    let hit = &response.hits[0];
    let marked: Vec<&str> = hit
        .title_marks
        .iter()
        .map(|m| &hit.title[m.clone()])
        .collect();
    assert!(marked.contains(&"Quảng Nam"), "{marked:?}");
    let title = hit.title_highlighted().marked_html();
    assert!(title.contains("tỉnh <mark>Quảng Nam</mark> họp"), "{title}");
    assert_eq!(
        response.hits[0].title,
        "Ban về người Việt Nam ở nước ngoài tỉnh Quảng Nam họp tổng kết"
    );
}

#[test]
fn a_word_is_its_syllables_together_and_new_articles_count_after_a_commit() {
    let texts = [
        ("a", "Kiều bào ở nước ngoài về thăm quê."),
        ("b", "Người Việt Nam ở nước ngoài đầu tư."),
        ("c", "Nguồn lực của kiều bào nước ngoài."),
        ("d", "Hàng ngoài nước nhập về."),
        ("e", "Ngoài giờ, cả nước nghỉ lễ."),
        ("f", "Cả nước. Ngoài ra, nhiều nơi nghỉ lễ."),
    ];
    let articles = |list: &[(&str, &str)]| -> Vec<Article> {
        list.iter()
            .map(|(id, body)| article(id, "Tin", body))
            .collect()
    };
    let (dir, index) = build(articles(&texts));
    let total = |index: &SearchIndex, query: &str| {
        let request = SearchRequest {
            query: query.into(),
            ..Default::default()
        };
        index.search(&request).expect("search").total
    };
    // "nước ngoài" side by side, not "ngoài nước" nor "nước. Ngoài" across a full stop.
    assert_eq!(total(&index, "nuoc ngoai"), 3);
    assert_eq!(total(&index, "nước ngoài"), 3);
    // "ngoài nước" is no word of the lexicon: two words, which every article holds; quoted, it
    // is the phrase.
    assert_eq!(total(&index, "ngoài nước"), 6);
    assert_eq!(total(&index, "\"ngoài nước\""), 1);

    let options = support::small_index_options();
    index_articles(
        articles(&[("g", "Lao động Việt Nam ở nước ngoài gửi tiền về.")]),
        dir.path(),
        &options,
    )
    .expect("index one more");
    index.reload().expect("reload");
    assert_eq!(total(&index, "nuoc ngoai"), 4);
}

#[test]
fn pages_past_the_reranked_head_neither_repeat_nor_skip_articles() {
    use tracuu_index::search::rerank::RERANK_DEPTH;
    // More articles than the engine reorders by proximity, half with "ngoài nước" together.
    let count = RERANK_DEPTH + 25;
    let articles = (0..count)
        .map(|i| {
            let body = if i % 2 == 0 {
                "Thu hút đầu tư ngoài nước phục vụ phát triển kinh tế."
            } else {
                "Ngoài những nhiệm vụ được giao, cả nước cùng nỗ lực phòng chống dịch."
            };
            article(&format!("a{i:03}"), "Công tác đối ngoại", body)
        })
        .collect();
    let (_dir, index) = build(articles);
    let page = |offset: usize| {
        let request = SearchRequest {
            query: "ngoai nuoc".into(),
            offset,
            limit: 10,
            ..Default::default()
        };
        index.search(&request).expect("search")
    };
    let mut seen = Vec::new();
    for offset in (0..count).step_by(10) {
        let answer = page(offset);
        assert_eq!(answer.total, count as u64);
        seen.extend(answer.hits.into_iter().map(|h| h.id));
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), count, "every article once across the pages");
    assert_eq!(seen.len(), count);
    // The first page holds the words together.
    let first: Vec<usize> = seen[..10]
        .iter()
        .map(|id| id[1..].parse::<usize>().expect("id"))
        .collect();
    assert!(first.iter().all(|i| i % 2 == 0), "{first:?}");
}

#[test]
fn a_word_typed_with_marks_is_that_word_not_another_with_the_same_letters() {
    let (_dir, index) = build(vec![
        article(
            "private",
            "Phát triển kinh tế tư nhân",
            "Kinh tế tư nhân là một động lực quan trọng.",
        ),
        article(
            "prisoner",
            "Trại giam cải tạo",
            "Nhiều tù nhân được đặc xá. Kinh tế địa phương tư vấn việc làm cho họ.",
        ),
    ]);
    // "tư nhân" (private) is not "tù nhân" (prisoner), although the second article holds
    // "tư" and "nhân" elsewhere and folds "tù nhân" to the same letters.
    assert_eq!(ranked(&index, "kinh tế tư nhân"), vec!["private"]);
    // Without marks both forms are asked for.
    assert_eq!(ranked(&index, "kinh te tu nhan").len(), 2);
}

#[test]
fn a_quoted_phrase_holds_its_words_within_one_sentence() {
    let (_dir, index) = build(vec![
        article(
            "together",
            "Kiều bào về quê đón Tết",
            "Chương trình hỗ trợ kiều bào ở nước ngoài về thăm quê hương.",
        ),
        article(
            "apart",
            "Hội nghị kiều bào",
            // As a scraper saw it: a paragraph broken after "nước".
            "Tỉnh gặp mặt kiều bào ở nước\nNgoài ra, đoàn còn thăm các doanh nghiệp.",
        ),
    ]);
    // The syllables follow each other in both texts, but the second breaks the line inside the
    // word "nước ngoài": the phrase is not there, marked or not.
    assert_eq!(
        ranked(&index, "\"kiều bào ở nước ngoài\""),
        vec!["together"]
    );
    assert_eq!(
        ranked(&index, "\"kieu bao o nuoc ngoai\""),
        vec!["together"]
    );
}

#[test]
fn a_mistyped_mark_still_counts_for_words_standing_together_in_a_partial_answer() {
    // Same length, same words matched ("cung", "dịch vụ"); only "cung cấp" differs, and the
    // query types it "cung câp", a mark no article has. Index order would put "cung-ung" first.
    let (_dir, index) = build(vec![
        article("cung-ung", "Viễn thông", "Công ty cung ứng dịch vụ."),
        article("cung-cap", "Viễn thông", "Công ty cung cấp dịch vụ."),
    ]);
    let request = SearchRequest {
        query: "cung câp dịch vụ".into(),
        ..Default::default()
    };
    let response = index.search(&request).expect("search");
    // No article holds "câp": the answer is partial, and says so.
    assert_eq!(response.matched, MatchKind::Partial);
    let ids: Vec<&str> = response.hits.iter().map(|h| h.id.as_str()).collect();
    // Marks decide what an article must hold, not how close the words typed stand in it:
    // "cung cấp dịch vụ" stands together as typed, less one mark, and ranks first.
    assert_eq!(ids, vec!["cung-cap", "cung-ung"]);
}
