//! Counting matches into precision, recall and F1.

/// True positives, and how many were predicted and expected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predictions that matched an expected item.
    pub matched_predicted: usize,
    /// Expected items that a prediction matched.
    pub matched_expected: usize,
    pub predicted: usize,
    pub expected: usize,
}

impl Counts {
    /// Precision: matched predictions over predictions (1 where nothing was predicted).
    ///
    /// ```
    /// let c = sitrep_eval::score::Counts { matched_predicted: 3, matched_expected: 3, predicted: 4, expected: 6 };
    /// assert_eq!((c.precision(), c.recall()), (0.75, 0.5));
    /// assert!((c.f1() - 0.6).abs() < 1e-9);
    /// ```
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.matched_predicted as f64 / self.predicted as f64
        }
    }

    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.matched_expected as f64 / self.expected as f64
        }
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Adds one case: predictions and expectations matched one to one by `same`.
    pub fn add<P, E>(&mut self, predicted: &[P], expected: &[E], same: impl Fn(&P, &E) -> bool) {
        let mut used = vec![false; expected.len()];
        for p in predicted {
            if let Some(k) = (0..expected.len()).find(|&k| !used[k] && same(p, &expected[k])) {
                used[k] = true;
                self.matched_predicted += 1;
                self.matched_expected += 1;
            }
        }
        self.predicted += predicted.len();
        self.expected += expected.len();
    }
}

/// Whether two numbers are equal up to rounding in the gold data.
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_one_matching() {
        let mut c = Counts::default();
        c.add(&[1, 1, 2], &[1, 3], |a, b| a == b);
        assert_eq!(
            c,
            Counts {
                matched_predicted: 1,
                matched_expected: 1,
                predicted: 3,
                expected: 2
            }
        );
    }
}
