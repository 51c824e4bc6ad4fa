//! Half-open intervals of instants `[start, end)`: union, overlap and the free
//! stretches between busy ones.

pub type Span = (i64, i64);

/// The union of spans, sorted and merged; empty spans are dropped and spans
/// that touch are joined.
pub fn union(mut spans: Vec<Span>) -> Vec<Span> {
    spans.retain(|(a, b)| a < b);
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Seconds covered by both `a` and `b` (each sorted and disjoint, as `union`
/// returns them).
pub fn overlap(a: &[Span], b: &[Span]) -> i64 {
    let (mut i, mut j, mut total) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let lo = a[i].0.max(b[j].0);
        let hi = a[i].1.min(b[j].1);
        total += (hi - lo).max(0);
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    total
}

/// Seconds covered by sorted, disjoint spans that fall inside `within`.
pub fn covered(spans: &[Span], within: Span) -> i64 {
    overlap(spans, &[within])
}

/// The stretches of `within` that no busy span covers (`busy` sorted and
/// disjoint).
pub fn free(within: Span, busy: &[Span]) -> Vec<Span> {
    let first = busy.partition_point(|s| s.1 <= within.0);
    let mut out = Vec::new();
    let mut cursor = within.0;
    for &(a, b) in &busy[first..] {
        if a >= within.1 {
            break;
        }
        if a > cursor {
            out.push((cursor, a));
        }
        cursor = cursor.max(b);
    }
    if cursor < within.1 {
        out.push((cursor, within.1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_merges_overlapping_and_touching_spans() {
        assert_eq!(
            union(vec![(5, 8), (1, 3), (2, 4), (8, 9), (10, 10), (12, 11)]),
            vec![(1, 4), (5, 9)]
        );
    }

    #[test]
    fn overlap_counts_each_second_once() {
        let busy = union(vec![(0, 10), (5, 15), (20, 30)]);
        assert_eq!(overlap(&busy, &[(8, 25)]), 7 + 5);
        assert_eq!(covered(&busy, (100, 200)), 0);
    }

    #[test]
    fn free_stretches_are_the_gaps() {
        let busy = union(vec![(2, 4), (6, 7), (0, 1)]);
        assert_eq!(free((0, 10), &busy), vec![(1, 2), (4, 6), (7, 10)]);
        assert_eq!(free((0, 10), &[]), vec![(0, 10)]);
        assert_eq!(free((3, 5), &busy), vec![(4, 5)]);
        assert_eq!(free((0, 10), &[(-5, 20)]), vec![]);
    }
}
