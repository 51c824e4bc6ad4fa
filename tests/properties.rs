//! Invariants of scoring and patterns, over generated answers and profiles.

use altitude::model::catalog::Library;
use altitude::model::pattern::classify;
use altitude::model::scoring::score;
use altitude::model::{Answer, Dimension, Profile, QuestionSet, Stage};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn library() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| Library::builtin().expect("built-in library"))
}

fn core() -> &'static QuestionSet {
    library().set("core").expect("core")
}

/// An answer per scored item: 0 = skipped, 6 = N/A, else a value on the item's scale.
fn answers_strategy() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(0u8..=6, core().scored_items().count())
}

fn to_answers(raw: &[u8]) -> BTreeMap<String, Answer> {
    core()
        .scored_items()
        .zip(raw)
        .filter_map(|(item, &v)| match v {
            0 => None,
            6 => Some((item.id.clone(), Answer::NotApplicable)),
            v => Some((item.id.clone(), Answer::Value(v.min(item.scale_len())))),
        })
        .collect()
}

fn profile_strategy() -> impl Strategy<Value = Profile> {
    (0u16..=500, 0u8..=100, any::<bool>(), 0usize..3).prop_map(|(r, c, cp, s)| Profile {
        reports: r,
        coding_share: c,
        critical_path: cp,
        stage: Stage::ALL[s],
    })
}

proptest! {
    #[test]
    fn scores_stay_within_0_to_100(raw in answers_strategy()) {
        let s = score(core(), &to_answers(&raw));
        for d in Dimension::ALL {
            let ds = s.get(d);
            prop_assert!(ds.score.is_none_or(|v| v <= 100));
            // A score needs half the dimension's items answered, and two at least.
            prop_assert_eq!(ds.needed, ds.items.div_ceil(2).max(2));
            prop_assert_eq!(ds.score.is_some(), ds.answered >= ds.needed);
            prop_assert!(ds.answered <= ds.items);
        }
    }

    /// Raising one risk answer's keyed value never lowers its risk score, and
    /// never moves the pattern towards a healthier one.
    #[test]
    fn more_risk_never_lowers_risk_or_improves_the_pattern(
        raw in answers_strategy(),
        profile in profile_strategy(),
        pick in any::<prop::sample::Index>(),
    ) {
        let mut answers = to_answers(&raw);
        let risk_items: Vec<_> = core()
            .scored_items()
            .filter(|i| i.dimension.is_some_and(|d| d.is_risk()))
            .collect();
        let item = risk_items[pick.index(risk_items.len())];
        let before = score(core(), &answers);
        let current = match answers.get(&item.id) { Some(Answer::Value(v)) => *v, _ => return Ok(()) };
        // The raw answer whose keyed value is one step higher, if there is one.
        let Some(next) = (1..=item.scale_len()).find(|&v| item.keyed(v) == item.keyed(current).map(|k| k + 1)) else {
            return Ok(());
        };
        answers.insert(item.id.clone(), Answer::Value(next));
        let after = score(core(), &answers);
        let dim = item.dimension.unwrap();
        prop_assert!(after.value(dim) >= before.value(dim));
        prop_assert!(
            classify(&after, &profile).health_rank() >= classify(&before, &profile).health_rank(),
            "{:?} -> {:?}", classify(&before, &profile), classify(&after, &profile)
        );
    }

    /// Answering a reverse-keyed item with v counts exactly as a normal item answered 6 - v.
    #[test]
    fn reverse_keying_mirrors(v in 1u8..=5) {
        for item in core().scored_items().filter(|i| i.reverse) {
            let mut normal = item.clone();
            normal.reverse = false;
            prop_assert_eq!(item.keyed(v), normal.keyed(6 - v));
        }
    }

    /// More hands-on work (coding share, critical path) never improves the pattern.
    #[test]
    fn more_hands_on_work_never_improves_the_pattern(raw in answers_strategy(), profile in profile_strategy(), extra in 0u8..=100) {
        let s = score(core(), &to_answers(&raw));
        let mut busier = profile;
        busier.coding_share = profile.coding_share.saturating_add(extra).min(100).max(profile.coding_share);
        busier.critical_path = true;
        let (a, b) = (classify(&s, &profile), classify(&s, &busier));
        prop_assert!(b.health_rank() >= a.health_rank(), "{:?} -> {:?}", a, b);
    }

    /// A larger team never improves the pattern: the essays' team-size rules
    /// only ever move a hands-on manager towards the player/coach trap.
    #[test]
    fn more_reports_never_improve_the_pattern(raw in answers_strategy(), profile in profile_strategy(), extra in 0u16..=50) {
        let s = score(core(), &to_answers(&raw));
        let mut bigger = profile;
        bigger.reports = (profile.reports + extra).min(Profile::MAX_REPORTS);
        let (a, b) = (classify(&s, &profile), classify(&s, &bigger));
        prop_assert!(b.health_rank() >= a.health_rank(), "{:?} -> {:?}", a, b);
    }

    /// Critical-path work with more than 5 reports, or any coding with more
    /// than 10, is the trap whatever the answers.
    #[test]
    fn the_team_size_rules_hold_whatever_the_answers(raw in answers_strategy(), profile in profile_strategy()) {
        let s = score(core(), &to_answers(&raw));
        let wide = (profile.critical_path && profile.reports > 5)
            || (profile.coding_share > 0 && profile.reports > 10);
        if wide {
            prop_assert_eq!(classify(&s, &profile), altitude::model::pattern::Pattern::PlayerCoachTrap);
        }
    }

    /// Whatever the answers and profile, the suggestions together stay
    /// within the weekly budget (60, 90 or 150 minutes by burnout risk), no
    /// two come from one group of alternatives, and none is a practice whose
    /// items were all answered at their best.
    #[test]
    fn suggestions_fit_the_weekly_budget_without_overlap(raw in answers_strategy(), profile in profile_strategy()) {
        use altitude::model::practices::{settled, weekly_minutes};
        let sheet = altitude::model::AnswerSheet {
            set: "core".into(),
            mode: altitude::model::Mode::Solo,
            profile: Some(profile),
            answers: to_answers(&raw),
            rater: None,
        };
        let a = altitude::model::assess(library(), core(), &sheet);
        let total: u32 = a.suggestions.iter().map(|s| u32::from(s.minutes_per_week)).sum();
        prop_assert!(total <= u32::from(weekly_minutes(&a.scores)), "{} minutes", total);
        let practice = |id: &str| library().practices.iter().find(|p| p.id == id).expect("a practice");
        let mut groups = std::collections::HashSet::new();
        for s in &a.suggestions {
            let p = practice(&s.id);
            prop_assert!(!settled(p, &a.scores), "{} is settled", s.id);
            if let Some(g) = &p.group {
                prop_assert!(groups.insert(g.clone()), "two from {}", g);
            }
        }
    }
}
