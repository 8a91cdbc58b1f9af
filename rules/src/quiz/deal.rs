//! The order of a level's questions for a seed: every rule of the level once, in a shuffled order,
//! before any rule again; within a rule, every scenario once before any again; never the same
//! scenario twice in a row.

use super::rng::Rng;

/// A rule's questions in a shuffled order, dealt one by one and reshuffled when used up.
struct Deck {
    order: Vec<usize>,
    next: usize,
    /// The question dealt last.
    last: Option<usize>,
}

impl Deck {
    fn draw(&mut self, rng: &mut Rng) -> usize {
        if self.next == self.order.len() {
            rng.shuffle(&mut self.order);
            // The new round does not start with the question that ended the last one.
            if self.order.len() > 1 && self.order.first().copied() == self.last {
                let other = 1 + rng.below(self.order.len() - 1);
                self.order.swap(0, other);
            }
            self.next = 0;
        }
        self.next += 1;
        self.last = Some(self.order[self.next - 1]);
        self.order[self.next - 1]
    }
}

/// `count` picks, each the index of a pool among `sizes` (pools of size 0 are skipped) and of a
/// question in it. Deterministic in `seed`.
pub fn deal(sizes: &[usize], seed: u64, count: usize) -> Vec<(usize, usize)> {
    let mut rng = Rng::new(seed);
    let mut decks: Vec<Deck> = sizes
        .iter()
        .map(|&n| Deck {
            order: (0..n).collect(),
            next: n,
            last: None,
        })
        .collect();
    let rules: Vec<usize> = (0..sizes.len()).filter(|&i| sizes[i] > 0).collect();
    let mut picks = Vec::with_capacity(count);
    if rules.is_empty() {
        return picks;
    }
    while picks.len() < count {
        let mut round = rules.clone();
        rng.shuffle(&mut round);
        let last = picks.last().map(|&(rule, _)| rule);
        if round.len() > 1 && round.first().copied() == last {
            let other = 1 + rng.below(round.len() - 1);
            round.swap(0, other);
        }
        for rule in round {
            if picks.len() == count {
                break;
            }
            picks.push((rule, decks[rule].draw(&mut rng)));
        }
    }
    picks
}
