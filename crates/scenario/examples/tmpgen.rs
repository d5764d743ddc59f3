#![allow(
    clippy::unwrap_used,
    clippy::print_stderr,
    missing_docs,
    reason = "temporary"
)]
fn main() {
    let a: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().unwrap())
        .collect();
    let s = ladder_scenario::Settings {
        employees: a[0] as u32,
        years: a[1] as u32,
        seed: a[2],
        start: ladder_scenario::DEFAULT_START,
    };
    let t = std::time::Instant::now();
    let sc = ladder_scenario::generate(&s).unwrap();
    let g = t.elapsed();
    let out = std::io::stdout().lock();
    sc.write_jsonl(out).unwrap();
    eprintln!(
        "generate {:?}, total {:?}, {} commands, {} statements, {} lines",
        g,
        t.elapsed(),
        sc.commands().len(),
        sc.statements(),
        sc.lines()
    );
}
