//! `crawl-bench`: crawls a generated portal on loopback with the `tracuu` binary and reports what
//! each stretch of the crawl cost.
//!
//! ```sh
//! cargo build --release -p tracuu -p tracuu-crawl-bench
//! target/release/crawl-bench --tracuu target/release/tracuu --articles 100000 --kill-at 50000
//! ```
//!
//! The portal ([`tracuu_crawl_bench`]) runs in this process; `tracuu crawl` runs as a child with
//! politeness delays at zero. Every `--window` articles written (5,000 by default) the bench reads
//! the child's CPU time (`/proc/PID/stat`), peak RSS (`VmHWM`) and the size of the crawl state
//! (`state.journal`, or an older tracuu's `state.json`), and reports, for the window of articles
//! before each mark: pages per second, CPU milliseconds per page.
//! With `--kill-at N` the crawl is killed with SIGKILL once N articles are written and started again;
//! at the end every article URL of the portal is checked to be in `articles.jsonl` exactly once,
//! and the bench exits non-zero when one is missing or written twice.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

struct Args {
    tracuu: PathBuf,
    articles: usize,
    marks: Vec<usize>,
    kill_at: Option<usize>,
    concurrency: usize,
    out: PathBuf,
    extra: Vec<String>,
    max_seconds: Option<u64>,
    window: usize,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut args = Args {
        tracuu: PathBuf::from("target/release/tracuu"),
        articles: 100_000,
        marks: vec![10_000, 50_000, 100_000],
        kill_at: None,
        concurrency: 8,
        out: PathBuf::from("target/crawl-bench"),
        extra: Vec::new(),
        max_seconds: None,
        window: 5_000,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--tracuu" => args.tracuu = PathBuf::from(value()?),
            "--articles" => args.articles = value()?.parse()?,
            "--marks" => {
                args.marks = value()?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?
            }
            "--kill-at" => args.kill_at = Some(value()?.parse()?),
            "--concurrency" => args.concurrency = value()?.parse()?,
            "--out" => args.out = PathBuf::from(value()?),
            "--max-seconds" => args.max_seconds = Some(value()?.parse()?),
            "--window" => args.window = value()?.parse()?,
            "--" => args.extra.extend(it.by_ref()),
            "--help" | "-h" => {
                println!(
                    "crawl-bench [--tracuu PATH] [--articles N] [--marks A,B,C] [--kill-at N] [--concurrency N] [--out DIR] [--max-seconds S] [--window N] [-- extra tracuu crawl args]"
                );
                std::process::exit(0);
            }
            other => bail!("unknown argument {other}; see --help"),
        }
    }
    if !args.tracuu.is_file() {
        bail!(
            "{} is not the tracuu binary; build it with cargo build --release -p tracuu",
            args.tracuu.display()
        );
    }
    Ok(args)
}

/// CPU time (user + system) of a process, in milliseconds, and its peak RSS in KiB.
fn proc_usage(pid: u32, ticks_per_second: f64) -> Option<(f64, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some(((utime + stime) * 1000.0 / ticks_per_second, hwm))
}

fn ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// Counts the whole lines of a growing file, reading only what was appended.
struct LineCounter {
    path: PathBuf,
    offset: u64,
    lines: usize,
}

impl LineCounter {
    fn poll(&mut self) -> usize {
        let mut buf = Vec::new();
        if let Ok(mut file) = std::fs::File::open(&self.path)
            && file.seek(SeekFrom::Start(self.offset)).is_ok()
            && file.read_to_end(&mut buf).is_ok()
            && let Some(last) = buf.iter().rposition(|&b| b == b'\n')
        {
            self.lines += buf[..=last].iter().filter(|&&b| b == b'\n').count();
            self.offset += last as u64 + 1;
        }
        self.lines
    }
}

#[derive(Clone, Copy)]
struct Sample {
    articles: usize,
    at: Duration,
    cpu_ms: f64,
    rss_kib: u64,
    journal: u64,
    warc: u64,
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn take_sample(
    articles: usize,
    started: Instant,
    cpu_ms: f64,
    rss_kib: u64,
    journal: &Path,
    legacy_state: &Path,
    warc_dir: &Path,
) -> Sample {
    let sample = Sample {
        articles,
        at: started.elapsed(),
        cpu_ms,
        rss_kib,
        journal: std::fs::metadata(journal)
            .or_else(|_| std::fs::metadata(legacy_state))
            .map(|m| m.len())
            .unwrap_or(0),
        warc: dir_size(warc_dir),
    };
    eprintln!(
        "  {:>7} articles  {:>7.1} s  {:>8.0} ms CPU  RSS {:>6} MiB  state {:>6.1} MiB",
        sample.articles,
        sample.at.as_secs_f64(),
        sample.cpu_ms,
        sample.rss_kib / 1024,
        sample.journal as f64 / 1048576.0
    );
    sample
}

fn spawn(args: &Args, sites: &Path, log: &Path) -> anyhow::Result<Child> {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)?;
    let child = Command::new(&args.tracuu)
        .args(["crawl", "--sites"])
        .arg(sites)
        .arg("--out")
        .arg(args.out.join("crawl"))
        .args([
            "--delay-ms",
            "0",
            "--max-delay-ms",
            "0",
            "--concurrency",
            &args.concurrency.to_string(),
        ])
        .args(&args.extra)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .with_context(|| format!("starting {}", args.tracuu.display()))?;
    Ok(child)
}

fn check_articles(
    path: &Path,
    expected: usize,
    base: &str,
) -> anyhow::Result<(usize, usize, usize)> {
    let file = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    let mut seen = HashSet::new();
    let mut lines = 0usize;
    let mut duplicates = 0usize;
    for line in BufReader::new(file).lines() {
        let line = line?;
        let value: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("a line of {} is not JSON", path.display()))?;
        let url = value["url"].as_str().unwrap_or_default().to_string();
        lines += 1;
        if !seen.insert(url) {
            duplicates += 1;
        }
    }
    let lost = (1..=expected)
        .filter(|&i| !seen.contains(&format!("{base}{}", tracuu_crawl_bench::article_path(i))))
        .count();
    Ok((lines, duplicates, lost))
}

fn main() -> anyhow::Result<()> {
    let args = parse_args()?;
    if args.out.exists() {
        std::fs::remove_dir_all(&args.out)
            .with_context(|| format!("clearing {}", args.out.display()))?;
    }
    std::fs::create_dir_all(&args.out)?;
    let (portal, addr) = tracuu_crawl_bench::start(args.articles, 1, false)?;
    let sites = args.out.join("sites.toml");
    std::fs::write(&sites, tracuu_crawl_bench::profile(addr))?;
    let log = args.out.join("crawl.log");
    let ticks = ticks_per_second();
    let articles_file = args.out.join("crawl").join("articles.jsonl");
    let journal = args.out.join("crawl").join("state.journal");
    // tracuu before the journal kept its state in one file: measured the same way, as a baseline.
    let legacy_state = args.out.join("crawl").join("state.json");
    let warc_dir = args.out.join("crawl").join("warc");
    let mut counter = LineCounter {
        path: articles_file.clone(),
        offset: 0,
        lines: 0,
    };

    let started = Instant::now();
    let mut child = spawn(&args, &sites, &log)?;
    let mut cpu_before = 0.0f64;
    let mut last_cpu = 0.0f64;
    let mut peak_rss = 0u64;
    let mut killed = false;
    let mut samples = vec![Sample {
        articles: 0,
        at: Duration::ZERO,
        cpu_ms: 0.0,
        rss_kib: 0,
        journal: 0,
        warc: 0,
    }];
    eprintln!(
        "crawl-bench: portal of {} articles at http://{addr}, tracuu crawl (pid {}) into {}",
        args.articles,
        child.id(),
        args.out.join("crawl").display()
    );
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let written = counter.poll();
        if let Some((cpu, rss)) = proc_usage(child.id(), ticks) {
            last_cpu = cpu;
            peak_rss = peak_rss.max(rss);
        }
        let next_mark = samples.last().map_or(args.window, |s| {
            (s.articles / args.window + 1) * args.window
        });
        if written >= next_mark {
            let sample = take_sample(
                written,
                started,
                cpu_before + last_cpu,
                peak_rss,
                &journal,
                &legacy_state,
                &warc_dir,
            );
            samples.push(sample);
        }
        if let Some(kill_at) = args.kill_at
            && !killed
            && written >= kill_at
        {
            child.kill().context("kill -9")?;
            let _ = child.wait();
            cpu_before += last_cpu;
            last_cpu = 0.0;
            killed = true;
            eprintln!(
                "crawl-bench: killed the crawl (SIGKILL) at {written} articles; starting it again"
            );
            child = spawn(&args, &sites, &log)?;
        }
        if let Some(status) = child.try_wait()? {
            if !status.success() {
                bail!("tracuu crawl failed ({status}); see {}", log.display());
            }
            break;
        }
        if args
            .max_seconds
            .is_some_and(|max| started.elapsed().as_secs() >= max)
        {
            child.kill().context("stopping at --max-seconds")?;
            let _ = child.wait();
            eprintln!("crawl-bench: stopped at --max-seconds");
            break;
        }
    }
    let total = started.elapsed();
    let written = counter.poll();
    let final_cpu = cpu_before + last_cpu;
    if samples.last().is_some_and(|s| s.articles < written) {
        let sample = take_sample(
            written,
            started,
            final_cpu,
            peak_rss,
            &journal,
            &legacy_state,
            &warc_dir,
        );
        samples.push(sample);
    }

    let mut report = String::new();
    let _ = writeln!(
        report,
        "| articles written | window | pages/s | CPU ms/page | peak RSS MiB | state (journal) MiB | state growth, bytes/article in the window | WARC MiB |"
    );
    let _ = writeln!(report, "|---|---|---|---|---|---|---|---|");
    for mark in &args.marks {
        let Some(end) = samples.iter().position(|s| s.articles >= *mark) else {
            continue;
        };
        // The window: from the last sample at least half a window before the mark.
        let Some(start) = samples[..end]
            .iter()
            .rposition(|s| s.articles + args.window / 2 <= samples[end].articles)
        else {
            continue;
        };
        let (a, b) = (samples[start], samples[end]);
        let pages = (b.articles - a.articles) as f64;
        let _ = writeln!(
            report,
            "| {} | {}–{} | {:.0} | {:.2} | {} | {:.1} | {:.0} | {:.0} |",
            b.articles,
            a.articles,
            b.articles,
            pages / (b.at - a.at).as_secs_f64().max(1e-9),
            (b.cpu_ms - a.cpu_ms) / pages,
            b.rss_kib / 1024,
            b.journal as f64 / 1048576.0,
            (b.journal as f64 - a.journal as f64) / pages,
            b.warc as f64 / 1048576.0
        );
    }
    let _ = writeln!(
        report,
        "\nwhole run: {written} articles in {:.1} s ({:.0} articles/s, {:.2} CPU ms/article); portal served {} requests ({} article pages)",
        total.as_secs_f64(),
        written as f64 / total.as_secs_f64().max(1e-9),
        final_cpu / written.max(1) as f64,
        portal.served(),
        portal.article_hits()
    );
    let mut failed = None;
    if args.max_seconds.is_none() {
        let (lines, duplicates, lost) =
            check_articles(&articles_file, args.articles, &format!("http://{addr}"))?;
        if duplicates > 0 || lost > 0 {
            failed = Some(format!(
                "the crawl wrote {duplicates} articles more than once and lost {lost}"
            ));
        }
        let _ = writeln!(
            report,
            "articles.jsonl: {lines} lines, {duplicates} duplicates, {lost} of the portal's {} articles lost{}",
            args.articles,
            if killed {
                " (after a kill -9 and a restart)"
            } else {
                ""
            }
        );
    }
    print!("{report}");
    std::io::Write::flush(&mut std::io::stdout())?;
    if let Some(failed) = failed {
        bail!(failed);
    }
    Ok(())
}
