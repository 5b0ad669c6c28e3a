//! A team on one pipeline at the desk: "mine" or everyone's pairs on the board and the
//! agenda (one key switches), and handing the pair under the cursor over to a colleague
//! (a one-line prompt for the name; undo gives it back).

pub mod keys;
pub mod prompt;
pub mod update;

pub use prompt::{HandoverOutcome, HandoverPrompt};
