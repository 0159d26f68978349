use clap::Parser;

fn main() {
    let cli = floe_lint::cli::args::Cli::parse();
    std::process::exit(floe_lint::cli::run(cli));
}
