//! One run at a time: the send loop and the replica's refresh are each started by several
//! triggers (start, `online`, a visible tab, an enqueue, "send now", a timer), and a trigger
//! that arrives during a run must neither start a second run beside it nor be lost.

use std::future::Future;

use leptos::prelude::*;

/// Whether a run is going, and whether a trigger arrived during it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pump {
    running: bool,
    again: bool,
}

impl Pump {
    /// A trigger: true when the caller should run now; false when a run is going, which
    /// then runs once more when it finishes.
    pub fn start(&mut self) -> bool {
        if self.running {
            self.again = true;
            return false;
        }
        self.running = true;
        true
    }

    /// The end of a run: true when a trigger arrived meanwhile and the caller should run
    /// again; false when the pump is idle.
    pub fn finish(&mut self) -> bool {
        if std::mem::take(&mut self.again) {
            return true;
        }
        self.running = false;
        false
    }
}

/// Runs `round` in the background unless `pump` has a run going; runs it again at the end
/// when a trigger arrived meanwhile.
pub fn spawn_rounds<F, Fut>(pump: StoredValue<Pump>, round: F)
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = ()> + 'static,
{
    if !pump.try_update_value(Pump::start).unwrap_or(false) {
        return;
    }
    leptos::task::spawn_local(async move {
        loop {
            round().await;
            if !pump.try_update_value(Pump::finish).unwrap_or(false) {
                break;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trigger_during_a_run_starts_no_second_run_but_one_more_round() {
        let mut pump = Pump::default();
        assert!(pump.start());
        assert!(!pump.start(), "`online` while sending");
        assert!(!pump.start(), "and a visible tab: still one more round, not two");
        assert!(pump.finish(), "the round the triggers asked for");
        assert!(!pump.finish());
        assert!(pump.start(), "idle again: the next trigger runs");
    }

    #[test]
    fn a_quiet_run_leaves_the_pump_idle() {
        let mut pump = Pump::default();
        assert!(pump.start());
        assert!(!pump.finish());
        assert_eq!(pump, Pump::default());
    }
}
