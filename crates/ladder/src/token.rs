//! `ladder token new --role ROLE`: a fresh random token, and the line that lets it
//! in through a node's token file.

use std::process::ExitCode;

use anyhow::{Result, anyhow};
use clap::Subcommand;
use ladder_service::auth::{Role, token_digest};

use crate::output;

/// Random bytes in a token: 256 bits, beyond guessing.
const TOKEN_BYTES: usize = 32;

/// Prefix of Ladder's tokens, so that secret scanners and people recognise one.
const TOKEN_PREFIX: &str = "ldr_";

#[derive(Subcommand, Debug)]
pub(crate) enum TokenCommand {
    /// Print a fresh random token and the line to add to the token file; the file
    /// keeps only the token's SHA-256, so the token is shown this once.
    New {
        /// publisher, planner, auditor or admin.
        #[arg(long, value_parser = clap::builder::ValueParser::new(parse_role))]
        role: Role,
    },
}

fn parse_role(text: &str) -> Result<Role, String> {
    text.parse()
}

pub(crate) fn run(command: &TokenCommand) -> Result<ExitCode> {
    match command {
        TokenCommand::New { role } => {
            let token = fresh_token()?;
            output::line("# the token, for the caller (Ladder keeps only its hash):");
            output::line(&token);
            output::line("# the line for the token file (--tokens FILE):");
            output::line(&format!("{role} {}", token_digest(&token)));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn fresh_token() -> Result<String> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes)
        .map_err(|err| anyhow!("cannot read random bytes from the operating system: {err}"))?;
    Ok(format!("{TOKEN_PREFIX}{}", hex::encode(bytes)))
}
