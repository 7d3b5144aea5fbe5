//! `tracuu-eval`: relevance and speed of tracuu beside the engines users would pick instead,
//! printed as Markdown tables for `benches/RESULTS.md`.
//!
//! ```text
//! cargo run --release -p tracuu-eval -- relevance          # ALQAC 2022: nDCG@10, Recall@10/100, MRR@10
//! cargo run --release -p tracuu-eval -- speed              # vietnews + baomoi: indexing and latency
//! cargo run --release -p tracuu-eval -- all --with-postgres
//! cargo run --release -p tracuu-eval -- prepare --out DIR  # Article JSON Lines for `tracuu index`
//! cargo run --release -p tracuu-eval -- docnum             # the 4,203 document numbers seen
//! cargo run --release -p tracuu-eval -- speakers           # quote speakers against hand labels
//! cargo run --release -p tracuu-eval -- relevance --systems syllables,syllable-pairs,dictionary-words
//! ```
//!
//! `syllables`, `syllable-pairs`, `dictionary-words` and `dictionary-words+syllables` are the
//! analyzer ablation ([`engines::analyzers`]): relevance only, never in the default set.
//!
//! Data comes from the project's `shared/` directory (default `../shared` beside the repository,
//! or `--shared DIR`); when it is missing the tool says what is missing and exits non-zero.

mod alqac;
mod corpus;
mod counts;
mod docnum;
mod engines;
mod interleaved;
mod memory;
mod metrics;
mod queries;
mod relevance;
mod segmentation;
mod speakers;
mod speed;
mod table;
mod variants;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::corpus::{ArticleWriter, BenchCorpus, read_bench};
use tracuu_index::search::Ranking;

use crate::engines::{BuildOptions, System};

#[derive(Parser)]
#[command(
    about = "Measures tracuu's relevance and speed beside tantivy, SQLite FTS5 and PostgreSQL"
)]
struct Cli {
    /// The project's shared data directory.
    #[arg(long, global = true, default_value_os_t = default_shared())]
    shared: PathBuf,
    /// Where indexes and converted corpora are written.
    #[arg(long, global = true, default_value_os_t = default_work())]
    work: PathBuf,
    /// Also measure PostgreSQL 15 + unaccent (started by benches/eval/postgres.sh).
    #[arg(long, global = true)]
    with_postgres: bool,
    /// Only these systems (default: all).
    #[arg(long, global = true, value_delimiter = ',')]
    systems: Vec<System>,
    /// Only these speed corpora (default: both).
    #[arg(long, global = true, value_delimiter = ',')]
    corpora: Vec<BenchCorpus>,
    /// Indexing threads for the engines that can use several.
    #[arg(long, global = true, default_value_t = 2)]
    threads: usize,
    /// Override tracuu's ranking weights, e.g. `pair=0,title=1` (title, exact_bonus, pair,
    /// reference), to measure what each is worth.
    #[arg(long, global = true, default_value = "")]
    ranking: String,
    /// With `relevance`: also write each question's nDCG@10 and top 10 to this file, one
    /// tab-separated line per system, variant and question, to compare builds question by question.
    #[arg(long = "per-question", global = true)]
    per_question: Option<PathBuf>,
    /// With `speed`: build and time every system this many times, alternating, and give the
    /// goals per round (the machine's speed drifts; one round can favour one system).
    #[arg(long, global = true, default_value_t = 1)]
    rounds: usize,
    /// Index writer memory budget, MB.
    #[arg(long = "memory-budget-mb", global = true, default_value_t = 512)]
    memory_budget_mb: usize,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Relevance on ALQAC 2022.
    Relevance,
    /// Indexing and query speed on vietnews and baomoi.
    Speed,
    /// Relevance, then speed.
    All,
    /// Show how the dictionary-word design segments texts (default: the first ALQAC questions).
    Segment {
        /// Texts to segment.
        texts: Vec<String>,
        /// How many ALQAC questions to segment when no text is given.
        #[arg(long, default_value_t = 5)]
        questions: usize,
    },
    /// How the query side cuts text into words, against UD Vietnamese VTB's gold segmentation.
    Segmentation,
    /// Whole result sets against a reference read from the raw text (precision, recall, size).
    Counts {
        /// `LABEL=PATH` of a `tracuu` binary to measure; repeat to compare builds (default: this
        /// workspace's release build).
        #[arg(long = "engine")]
        engines: Vec<counts::EngineBinary>,
        /// Queries to check instead of the built-in topics, one per line as typed (a held-out
        /// list: blank lines and lines starting with `#` are skipped).
        #[arg(long)]
        queries: Option<PathBuf>,
    },
    /// Document numbers: the 4,203 seen in the corpora, as written, in context, in other
    /// spellings and typed in queries; the type codes of Nghị định 30/2020/NĐ-CP, Phụ lục III.
    Docnum,
    /// Speaker attribution of quotes against sentences labelled by hand (reads the shared news).
    Speakers {
        /// The labelled sentences (JSON Lines).
        #[arg(long, default_value_os_t = speakers::default_labels())]
        labels: PathBuf,
        /// Also list the sentences named wrong in the tuning half (even ids).
        #[arg(long)]
        errors: bool,
        /// With --errors, list the held-out half's too.
        #[arg(long)]
        all: bool,
    },
    /// Convert vietnews and baomoi to Article JSON Lines (`.jsonl.zst`) in `--out`.
    Prepare {
        /// Output directory.
        #[arg(long)]
        out: PathBuf,
    },
    /// (internal) Measure one system on one prepared corpus and print JSON.
    #[command(hide = true)]
    SpeedOne {
        #[arg(long)]
        system: System,
        #[arg(long)]
        articles: PathBuf,
        #[arg(long)]
        queries: PathBuf,
        #[arg(long)]
        index: PathBuf,
        #[arg(long)]
        postgres: Option<String>,
        /// Query the tracuu index already in `--index` instead of building it (profiling queries;
        /// the indexing numbers are then zero).
        #[arg(long)]
        reuse_index: bool,
    },
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn default_shared() -> PathBuf {
    repo_root().join("../shared")
}

fn default_work() -> PathBuf {
    repo_root().join("target/tracuu-eval")
}

/// Lists the shared files a command needs that are missing.
fn missing_inputs(shared: &Path, relevance: bool, speed: bool, lexicon: bool) -> Vec<PathBuf> {
    let mut needed = Vec::new();
    if relevance {
        let dir = shared.join("data/eval/alqac2022");
        needed.extend([dir.join("law.json"), dir.join("question.json")]);
    }
    if lexicon {
        needed.push(shared.join(engines::analyzers::LEXICON_PATH));
    }
    if speed {
        needed.extend(BenchCorpus::ALL.map(|c| c.shared_path(shared)));
    }
    needed.into_iter().filter(|p| !p.is_file()).collect()
}

/// A PostgreSQL cluster started for this run, stopped on drop.
struct PostgresCluster {
    dir: tempfile::TempDir,
    connection: String,
}

impl PostgresCluster {
    fn script() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("postgres.sh")
    }

    fn start() -> anyhow::Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("tracuu-eval-pg")
            .tempdir()?;
        let port = 55_432 + (std::process::id() % 1000) as u16;
        let output = std::process::Command::new("bash")
            .arg(Self::script())
            .arg("start")
            .arg(dir.path().join("data"))
            .arg(port.to_string())
            .stderr(std::process::Stdio::inherit())
            .output()
            .context("running postgres.sh")?;
        if !output.status.success() {
            anyhow::bail!("postgres.sh start failed ({})", output.status);
        }
        let connection = String::from_utf8_lossy(&output.stdout).trim().to_string();
        Ok(PostgresCluster { dir, connection })
    }
}

impl Drop for PostgresCluster {
    fn drop(&mut self) {
        let _ = std::process::Command::new("bash")
            .arg(Self::script())
            .arg("stop")
            .arg(self.dir.path().join("data"))
            .status();
    }
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    format!("{cpu}, {cores} cores")
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let mut options = BuildOptions {
        threads: cli.threads.max(1),
        memory_budget_bytes: cli.memory_budget_mb.max(16) << 20,
        postgres: None,
        ranking: Ranking::default()
            .with_overrides(&cli.ranking)
            .map_err(|e| anyhow::anyhow!("--ranking: {e}"))?,
    };
    if let Command::SpeedOne {
        system,
        articles,
        queries,
        index,
        postgres,
        reuse_index,
    } = &cli.command
    {
        options.postgres = postgres.clone();
        let measurement = if *reuse_index {
            speed::measure_reused(*system, queries, index, &options)?
        } else {
            speed::measure_one(*system, articles, queries, index, &options)?
        };
        println!("{}", serde_json::to_string(&measurement)?);
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Speakers {
        labels,
        errors,
        all,
    } = &cli.command
    {
        print!("{}", speakers::run(&cli.shared, labels, *errors, *all)?);
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Segmentation = &cli.command {
        let path = cli.shared.join(segmentation::UD_PATH);
        if !path.is_file() {
            eprintln!("tracuu-eval: the shared data is missing (use --shared DIR to point at it):");
            eprintln!("  missing: {}", path.display());
            return Ok(ExitCode::FAILURE);
        }
        println!("{}", segmentation::run(&cli.shared)?);
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Docnum = &cli.command {
        let missing: Vec<PathBuf> = docnum::inputs(&cli.shared)
            .into_iter()
            .filter(|p| !p.is_file())
            .collect();
        if !missing.is_empty() {
            eprintln!("tracuu-eval: the shared data is missing (use --shared DIR to point at it):");
            for path in missing {
                eprintln!("  missing: {}", path.display());
            }
            return Ok(ExitCode::FAILURE);
        }
        println!("{}", docnum::run(&cli.shared, &cli.work)?);
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Counts { engines, queries } = &cli.command {
        let needed = [
            cli.shared.join(counts::DANTRI_PATH),
            BenchCorpus::Baomoi.shared_path(&cli.shared),
        ];
        let missing: Vec<&PathBuf> = needed.iter().filter(|p| !p.is_file()).collect();
        if !missing.is_empty() {
            eprintln!("tracuu-eval: the shared data is missing (use --shared DIR to point at it):");
            for path in missing {
                eprintln!("  missing: {}", path.display());
            }
            return Ok(ExitCode::FAILURE);
        }
        let engines = if engines.is_empty() {
            vec![counts::EngineBinary {
                label: "tracuu".into(),
                path: repo_root().join("target/release/tracuu"),
            }]
        } else {
            engines.clone()
        };
        let queries = match queries {
            Some(path) => counts::queries::read(path)?,
            None => counts::queries::queries(),
        };
        println!(
            "{}",
            counts::run(
                &cli.shared,
                &repo_root().join("corpus/seeds.jsonl"),
                &cli.work,
                &engines,
                &queries
            )?
        );
        return Ok(ExitCode::SUCCESS);
    }
    let (relevance, speed) = match &cli.command {
        Command::Relevance | Command::Segment { .. } => (true, false),
        Command::Speed | Command::Prepare { .. } => (false, true),
        _ => (true, true),
    };
    let ablation: Vec<System> = cli
        .systems
        .iter()
        .copied()
        .filter(|s| s.design().is_some())
        .collect();
    if matches!(cli.command, Command::Speed) && !ablation.is_empty() {
        let names: Vec<&str> = ablation.iter().map(|s| s.arg()).collect();
        anyhow::bail!(
            "{} are relevance-only analyzer ablations: run them with `relevance`, not `speed`",
            names.join(", ")
        );
    }
    let lexicon = matches!(cli.command, Command::Segment { .. })
        || (relevance
            && ablation
                .iter()
                .any(|s| s.design().is_some_and(|d| d.needs_lexicon())));
    let missing = missing_inputs(&cli.shared, relevance, speed, lexicon);
    if !missing.is_empty() {
        eprintln!("tracuu-eval: the shared data is missing (use --shared DIR to point at it):");
        for path in missing {
            eprintln!("  missing: {}", path.display());
        }
        return Ok(ExitCode::FAILURE);
    }
    if let Command::Prepare { out } = &cli.command {
        std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
        for corpus in BenchCorpus::ALL {
            let path = out.join(format!("{}.jsonl.zst", corpus.name()));
            let mut writer = ArticleWriter::create(&path)?;
            let mut failure = None;
            let count = read_bench(corpus, &corpus.shared_path(&cli.shared), |article| {
                if failure.is_none() {
                    failure = writer.write(&article).err();
                }
            })?;
            if let Some(e) = failure {
                return Err(e);
            }
            writer.finish()?;
            println!("{}: {count} articles", path.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    engines::analyzers::use_lexicon(cli.shared.join(engines::analyzers::LEXICON_PATH));
    if let Command::Segment { texts, questions } = &cli.command {
        let texts = if texts.is_empty() {
            let data = alqac::load(&cli.shared.join("data/eval/alqac2022"))?;
            data.questions
                .iter()
                .take(*questions)
                .map(|q| q.text.clone())
                .collect()
        } else {
            texts.clone()
        };
        let lexicon = engines::analyzers::Lexicon::configured()?;
        println!("lexicon: {}", lexicon.summary());
        let mut tokenizer = engines::analyzers::DesignTokenizer::new(
            engines::analyzers::Design::DictionaryWords,
            Some(std::sync::Arc::new(lexicon)),
        )?;
        for text in texts {
            println!(
                "{text}\n  → {}",
                engines::analyzers::tokens(&mut tokenizer, &text).join(" ")
            );
        }
        return Ok(ExitCode::SUCCESS);
    }

    let mut systems = if cli.systems.is_empty() {
        System::LOCAL.to_vec()
    } else {
        cli.systems.clone()
    };
    let _cluster = if cli.with_postgres || systems.contains(&System::Postgres) {
        match PostgresCluster::start() {
            Ok(cluster) => {
                options.postgres = Some(cluster.connection.clone());
                if !systems.contains(&System::Postgres) {
                    systems.push(System::Postgres);
                }
                Some(cluster)
            }
            Err(e) => {
                eprintln!("tracuu-eval: skipping PostgreSQL: {e:#}");
                systems.retain(|s| *s != System::Postgres);
                None
            }
        }
    } else {
        None
    };
    std::fs::create_dir_all(&cli.work)
        .with_context(|| format!("creating {}", cli.work.display()))?;
    println!(
        "Machine: {}. Threads {}, writer budget {} MB.\n",
        machine(),
        options.threads,
        options.memory_budget_bytes >> 20
    );
    if relevance {
        println!("## Relevance\n");
        println!(
            "{}",
            relevance::run(
                &cli.shared.join("data/eval/alqac2022"),
                &systems,
                &options,
                &cli.work,
                cli.per_question.as_deref(),
            )?
        );
    }
    if speed && systems.iter().any(|s| s.design().is_some()) {
        eprintln!(
            "tracuu-eval: the analyzer ablation systems are relevance-only; speed skips them"
        );
        systems.retain(|s| s.design().is_none());
    }
    if speed && !systems.is_empty() {
        println!("## Speed\n");
        let corpora = if cli.corpora.is_empty() {
            BenchCorpus::ALL.to_vec()
        } else {
            cli.corpora.clone()
        };
        println!(
            "{}",
            speed::run(
                &cli.shared,
                &cli.work,
                &corpora,
                &systems,
                &options,
                cli.rounds
            )?
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tracuu-eval: {e:#}");
            ExitCode::FAILURE
        }
    }
}
