//! Stand-alone migration CLI (`cargo run -p migration -- up`); `crowd migrate` does the same from the server.

use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    cli::run_cli(migration::Migrator).await;
}
