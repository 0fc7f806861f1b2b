//! Keys bound to two commands in one pane (by config.toml's `[keys]`):
//! which command the key runs there, and which it never reaches.

use super::command::{BINDINGS, Command, KeyMap, Scope};
use super::key::Key;

/// One key that more than one command claims in the same panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub key: Key,
    /// [`Scope::Sidebar`], [`Scope::Reader`] or both, in that order.
    pub panes: Vec<Scope>,
    /// What the key does there.
    pub runs: Command,
    /// What else claims it there, which the key never runs.
    pub shadowed: Vec<Command>,
}

impl Clash {
    /// The panes as a message names them: `the list`, `the reader`, `the
    /// list and the reader`.
    pub fn panes_named(&self) -> &'static str {
        match self.panes.as_slice() {
            [Scope::Sidebar] => "the list",
            [Scope::Reader] => "the reader",
            _ => "the list and the reader",
        }
    }

    /// Whether `command` is one of the clash's commands.
    pub fn involves(&self, command: Command) -> bool {
        self.runs == command || self.shadowed.contains(&command)
    }
}

impl KeyMap {
    /// Keys that run one command where another is bound to them too, in
    /// the key map's order. The defaults' own overlaps are left out: there
    /// a pane's binding is meant to win over an everywhere one (in the
    /// reader `/` finds in the article rather than filtering the list).
    pub fn clashes(&self) -> Vec<Clash> {
        let defaults = KeyMap::default().clashes_in_panes();
        let mut clashes: Vec<Clash> = Vec::new();
        for clash in self.clashes_in_panes().into_iter().filter(|clash| !defaults.contains(clash)) {
            match clashes
                .iter_mut()
                .find(|c| c.key == clash.key && c.runs == clash.runs && c.shadowed == clash.shadowed)
            {
                Some(same) => same.panes.extend(clash.panes),
                None => clashes.push(clash),
            }
        }
        clashes
    }

    /// Every clash, one pane each.
    fn clashes_in_panes(&self) -> Vec<Clash> {
        let mut clashes = Vec::new();
        for pane in [Scope::Sidebar, Scope::Reader] {
            let bindings: Vec<_> =
                BINDINGS.iter().filter(|b| b.scope == pane || b.scope == Scope::Everywhere).collect();
            let mut keys: Vec<Key> = Vec::new();
            for key in bindings.iter().flat_map(|b| self.keys(b)) {
                if !keys.contains(key) {
                    keys.push(*key);
                }
            }
            for key in keys {
                let Some(runs) = self.command_for(key, pane) else { continue };
                let mut shadowed: Vec<Command> = Vec::new();
                for binding in bindings.iter().filter(|b| self.keys(b).contains(&key)) {
                    if binding.command != runs && !shadowed.contains(&binding.command) {
                        shadowed.push(binding.command);
                    }
                }
                if !shadowed.is_empty() {
                    clashes.push(Clash { key, panes: vec![pane], runs, shadowed });
                }
            }
        }
        clashes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Key::*;

    #[test]
    fn the_default_key_map_has_no_clash() {
        assert_eq!(KeyMap::default().clashes(), []);
        // Its own overlap is there, and meant.
        assert_eq!(KeyMap::default().command_for(Char('/'), Scope::Reader), Some(Command::Find));
    }

    #[test]
    fn a_key_taken_from_another_command_is_a_clash_in_each_pane_it_reaches() {
        let map = KeyMap::new(vec![(Command::Quit, vec![Char('j')])]);
        let clashes = map.clashes();
        assert_eq!(
            clashes,
            [Clash {
                key: Char('j'),
                panes: vec![Scope::Sidebar, Scope::Reader],
                runs: Command::Down,
                shadowed: vec![Command::Quit]
            }]
        );
        assert_eq!(clashes[0].panes_named(), "the list and the reader");
        assert!(clashes[0].involves(Command::Quit) && !clashes[0].involves(Command::Up));
    }

    #[test]
    fn a_key_of_one_pane_clashes_only_there() {
        // `n` is the reader's next match and the list's next unread.
        let map = KeyMap::new(vec![(Command::Down, vec![Char('n')])]);
        let clashes = map.clashes();
        assert_eq!(clashes.len(), 2, "{clashes:?}");
        assert_eq!(clashes[0].key, Char('n'));
        assert_eq!((clashes[0].panes_named(), clashes[0].runs), ("the list", Command::Down));
        assert_eq!(clashes[0].shadowed, [Command::NextUnread]);
        assert_eq!((clashes[1].panes_named(), clashes[1].runs), ("the reader", Command::Down));
        assert_eq!(clashes[1].shadowed, [Command::NextMatch]);
    }

    #[test]
    fn ctrl_c_always_quits() {
        let map = KeyMap::new(vec![(Command::Help, vec![Ctrl('c')])]);
        let clashes = map.clashes();
        assert_eq!(clashes.len(), 1);
        assert_eq!((clashes[0].runs, clashes[0].shadowed.as_slice()), (Command::Quit, [Command::Help].as_slice()));
    }

    #[test]
    fn keys_moved_out_of_the_way_clash_with_nothing() {
        let map = KeyMap::new(vec![
            (Command::Quit, vec![Char('x')]),
            (Command::Find, vec![Char('f')]),
            (Command::Down, vec![Char('j'), Char('e')]),
            (Command::Help, vec![]),
        ]);
        assert_eq!(map.clashes(), []);
    }
}
