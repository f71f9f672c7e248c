//! The TWG workspace from the command line: accounts, organisations, TWGs, memberships, the
//! audit trail, backup and restore. This is how the first administrator is made; everything
//! written here is recorded in the audit trail as `cli:<system user>`.

use crate::output::{self, Format};
use crate::settings::Settings;
use anyhow::{Context as _, Result, bail};
use clap::{Args, Subcommand};
use mp_domain::Iso3;
use mp_store::{Actor, Store};
use mp_workspace::{Membership, Role, ThemeSet, hash_password, new_token, verify_chain};
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

/// `mprofile user …`
#[derive(Subcommand)]
pub enum UserCmd {
    /// Create an account. The password is read from the first line of standard input with
    /// --password-stdin; otherwise a random one is made and printed once.
    Add {
        /// Sign-in name.
        login: String,
        /// Name shown to others.
        #[arg(long)]
        name: Option<String>,
        /// Read the password from standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts and their roles.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Disable an account (it cannot sign in; its sessions end; its tokens stop working).
    Disable {
        /// Sign-in name.
        login: String,
    },
    /// Enable a disabled account again.
    Enable {
        /// Sign-in name.
        login: String,
    },
    /// Set the e-mail address a member's notifications go to and their language (sent only
    /// when an SMTP server is configured); without an address, remove it.
    Mail {
        /// Sign-in name.
        login: String,
        /// The address, `name@domain.org`.
        address: Option<String>,
        /// Language of the mails: en, fr or pt.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Set a new password (an administrator's reset): ends every session, lifts a lock-out.
    Reset {
        /// Sign-in name.
        login: String,
        /// Read the password from standard input.
        #[arg(long)]
        password_stdin: bool,
    },
}

/// `mprofile org …`
#[derive(Subcommand)]
pub enum OrgCmd {
    /// Add an organisation (ministry, statistics office, agency, civil society).
    Add {
        /// Short code: lower-case letters, digits and dashes (its national source is nat-<country>-<code>).
        code: String,
        /// Full name.
        name: String,
    },
    /// List organisations.
    List,
}

/// `mprofile twg …`
#[derive(Subcommand)]
pub enum TwgCmd {
    /// Create a country's TWG (or change its name and settings).
    Create {
        /// The country (ISO alpha-3).
        country: String,
        /// Name of the TWG.
        #[arg(long)]
        name: Option<String>,
        /// Submissions go straight to the secretariat, without the sub-group review.
        #[arg(long)]
        skip_subgroup: bool,
    },
}

/// Who a membership is for and what it gives.
#[derive(Args)]
pub struct MemberArgs {
    /// Sign-in name.
    pub login: String,
    /// admin, secretariat, provider, member, chair, validator or reader.
    #[arg(long)]
    pub role: Role,
    /// The country's TWG (every role but admin).
    #[arg(long)]
    pub country: Option<String>,
    /// Themes, as T01,T04 (providers, members and chairs; default every theme).
    #[arg(long)]
    pub themes: Option<String>,
    /// The organisation's code (providers).
    #[arg(long)]
    pub org: Option<String>,
}

/// `mprofile member …`
#[derive(Subcommand)]
pub enum MemberCmd {
    /// Give a user a role.
    Add(MemberArgs),
    /// Take a role away.
    Remove(MemberArgs),
}

/// `mprofile audit …`
#[derive(Subcommand)]
pub enum AuditCmd {
    /// Recompute the audit chain and name the first row that was changed or removed.
    Verify,
    /// Print the audit trail (or the rows about one target, e.g. submission:12).
    List {
        /// Only rows about this target.
        #[arg(long)]
        target: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

fn country(s: &str) -> Result<Iso3> {
    Iso3::parse(&s.to_ascii_uppercase()).with_context(|| format!("`{s}` is not a country code such as SEN"))
}

fn read_password(stdin: bool) -> Result<(String, bool)> {
    if stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).context("cannot read the password from standard input")?;
        return Ok((line.trim_end_matches(['\r', '\n']).to_string(), false));
    }
    Ok((new_token()?.as_str()[..20].to_string(), true))
}

/// Runs `user …`.
pub async fn user(s: &Settings, c: UserCmd) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    let actor = Actor::cli();
    match c {
        UserCmd::Add { login, name, password_stdin } => {
            let (pw, made) = read_password(password_stdin)?;
            let id = store.user_add(&login, name.as_deref().unwrap_or(&login), &hash_password(&pw)?, &actor).await?;
            println!("user {login} created (id {id})");
            if made {
                println!("password: {pw}\n(shown once: give it to {login}, who should change it after signing in)");
            }
        }
        UserCmd::List { format } => {
            let users = store.users().await?;
            if format == Format::Json {
                println!("{}", serde_json::to_string_pretty(&users)?);
            } else {
                let rows: Vec<Vec<String>> = users
                    .iter()
                    .map(|u| {
                        let roles: Vec<String> = u
                            .memberships
                            .iter()
                            .map(|m| {
                                let c = m.scope.country.as_ref().map(|c| format!(" {c}")).unwrap_or_default();
                                let t = if m.scope.themes == ThemeSet::All { String::new() } else { format!(" {}", m.scope.themes) };
                                format!("{}{c}{t}", m.role)
                            })
                            .collect();
                        let state = if u.disabled {
                            "disabled"
                        } else if u.locked_until > mp_store::unix_now() {
                            "locked"
                        } else {
                            "active"
                        };
                        vec![u.login.clone(), u.display_name.clone(), state.into(), roles.join("; ")]
                    })
                    .collect();
                output::table(&["login", "name", "state", "roles"], &rows, 60);
            }
        }
        UserCmd::Disable { login } => {
            store.user_set_disabled(&login, true, &actor).await?;
            println!("user {login} disabled");
        }
        UserCmd::Enable { login } => {
            store.user_set_disabled(&login, false, &actor).await?;
            println!("user {login} enabled");
        }
        UserCmd::Mail { login, address, lang } => {
            let lang: mp_domain::Lang = lang.parse().map_err(|_| anyhow::anyhow!("--lang {lang}: expected en, fr or pt"))?;
            store.user_set_mail(&login, address.as_deref(), lang, &actor).await?;
            match address {
                Some(a) => println!("notifications of {login} go to {a} in {}", lang.code()),
                None => println!("{login} gets no e-mail"),
            }
        }
        UserCmd::Reset { login, password_stdin } => {
            let user = store.user_auth(&login).await?.with_context(|| format!("there is no user {login}"))?;
            let (pw, made) = read_password(password_stdin)?;
            store.user_set_password(user.id, &hash_password(&pw)?, None, &actor, "user.reset").await?;
            println!("password of {login} reset; every session of {login} ended");
            if made {
                println!("password: {pw}\n(shown once)");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `org …`.
pub async fn org(s: &Settings, c: OrgCmd) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    match c {
        OrgCmd::Add { code, name } => {
            let o = store.org_add(&code, &name, &Actor::cli()).await?;
            println!("organisation {} created (id {})", o.code, o.id);
        }
        OrgCmd::List => {
            let rows: Vec<Vec<String>> = store.orgs().await?.into_iter().map(|o| vec![o.code, o.name]).collect();
            output::table(&["code", "name"], &rows, 60);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `twg …`.
pub async fn twg(s: &Settings, c: TwgCmd) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    let TwgCmd::Create { country: c, name, skip_subgroup } = c;
    let c = country(&c)?;
    let name = name.unwrap_or_else(|| format!("TWG {c}"));
    let t = store.twg_set(&c, &name, skip_subgroup, &Actor::cli()).await?;
    println!("TWG of {} ready: {}{}", t.country, t.name, if t.skip_subgroup { " (submissions skip the sub-group review)" } else { "" });
    Ok(ExitCode::SUCCESS)
}

/// Runs `member …`.
pub async fn member(s: &Settings, c: MemberCmd) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    let actor = Actor::cli();
    match c {
        MemberCmd::Add(a) => {
            let c = a.country.as_deref().map(country).transpose()?;
            let themes = ThemeSet::parse(a.themes.as_deref().unwrap_or("*")).map_err(|e| anyhow::anyhow!("--themes: {e}"))?;
            let org = match &a.org {
                Some(code) => Some(
                    store
                        .orgs()
                        .await?
                        .into_iter()
                        .find(|o| &o.code == code)
                        .with_context(|| format!("there is no organisation {code} (see `mprofile org list`)"))?
                        .id,
                ),
                None => None,
            };
            let m = Membership::new(a.role, c, themes, org).map_err(anyhow::Error::msg)?;
            store.member_add(&a.login, &m, &actor).await?;
            println!("{} is now {}", a.login, a.role);
        }
        MemberCmd::Remove(a) => {
            let c = a.country.as_deref().map(country).transpose()?;
            store.member_remove(&a.login, a.role, c.as_ref(), &actor).await?;
            println!("{} is no longer {}", a.login, a.role);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `audit …`: `verify` exits 1 when the chain is broken.
pub async fn audit(s: &Settings, c: AuditCmd) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    match c {
        AuditCmd::Verify => {
            let head = store.audit_head().await?;
            let rows = store.audit_rows(None).await?;
            match verify_chain(&rows, head.count, &head.last) {
                Ok(n) => {
                    println!("audit trail intact: {n} rows, last hash {}", head.last);
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    println!("audit trail BROKEN: {e}");
                    Ok(ExitCode::from(1))
                }
            }
        }
        AuditCmd::List { target, format } => {
            let rows = store.audit_rows(target.as_deref()).await?;
            if format == Format::Json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else {
                let t: Vec<Vec<String>> =
                    rows.into_iter().map(|r| vec![r.seq.to_string(), r.at, r.actor_name, r.action, r.target, r.before, r.after]).collect();
                output::table(&["seq", "at", "who", "action", "target", "before", "after"], &t, 40);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `mprofile backup FILE`
#[derive(Args)]
pub struct BackupArgs {
    /// The new file (never overwritten).
    pub file: PathBuf,
}

/// `mprofile restore FILE`
#[derive(Args)]
pub struct RestoreArgs {
    /// A file `mprofile backup` wrote.
    pub file: PathBuf,
    /// Replace an existing store (stop every `mprofile serve` on it first).
    #[arg(long)]
    pub force: bool,
}

/// Copies a SQLite store while it is in use.
pub async fn backup(s: &Settings, a: BackupArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    store.backup_to(&a.file).await?;
    let bytes = std::fs::metadata(&a.file).map(|m| m.len()).unwrap_or(0);
    println!("backed up {} to {} ({} KB)", store.display_url(), a.file.display(), bytes / 1024);
    Ok(ExitCode::SUCCESS)
}

/// Puts a backup in place of the SQLite store named by --db, after checking it is a store
/// whose audit trail is intact.
pub async fn restore(s: &Settings, a: RestoreArgs) -> Result<ExitCode> {
    let db = s.db.trim();
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        bail!("a PostgreSQL store is restored with pg_restore --clean --dbname=DATABASE_URL FILE (from pg_dump --format=custom)");
    }
    let target =
        PathBuf::from(db.strip_prefix("sqlite://").or_else(|| db.strip_prefix("sqlite:")).unwrap_or(db).split('?').next().unwrap_or(db));
    let from = a.file.display().to_string();
    let backup = Store::open_existing(&from).await.with_context(|| format!("{from} is not an mprofile store"))?;
    let head = backup.audit_head().await?;
    verify_chain(&backup.audit_rows(None).await?, head.count, &head.last)
        .with_context(|| format!("the audit trail of {from} is broken"))?;
    backup.close().await;
    if target.exists() && !a.force {
        bail!("{} exists: add --force to replace it (stop every `mprofile serve` on it first)", target.display());
    }
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", target.display()));
        if side.exists() {
            std::fs::remove_file(&side).with_context(|| format!("cannot remove {}", side.display()))?;
        }
    }
    std::fs::copy(&a.file, &target).with_context(|| format!("cannot copy {from} to {}", target.display()))?;
    let store = Store::open_existing(&target.display().to_string()).await?;
    store.audit_record(&Actor::cli(), "restore", "store", "", &format!("{{\"from\":{}}}", serde_json::to_string(&from)?)).await?;
    println!("restored {from} to {} ({} audit rows verified)", target.display(), head.count);
    Ok(ExitCode::SUCCESS)
}
