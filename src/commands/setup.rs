//! What several commands set up the same way: the working directory, the configuration, the
//! rulebooks chosen, the templates and today's date.

use crate::task::{ConfigChoice, RulesOptions};
use policycheck::config::{discover, load_config, Config, RulebookRef};
use policycheck::report::Renderer;
use policycheck::waiver::Date;
use policycheck::Rulebook;
use std::path::{Path, PathBuf};

/// The working directory, against which inputs and the configuration are found.
pub fn cwd() -> anyhow::Result<PathBuf> {
    std::env::current_dir().map_err(|e| anyhow::anyhow!("cannot read the working directory: {e}"))
}

/// The configuration the user chose, found, or none.
pub fn config(choice: &ConfigChoice, cwd: &Path) -> anyhow::Result<Config> {
    let path = match choice {
        ConfigChoice::Off => None,
        ConfigChoice::File(p) => Some(p.clone()),
        ConfigChoice::Discover => discover(cwd),
    };
    Ok(match path {
        Some(p) => load_config(&p)?,
        None => Config::empty(Path::new(".")),
    })
}

/// The embedded templates, with a user's folder over them.
pub fn renderer(templates: Option<&Path>) -> Result<Renderer, policycheck::Error> {
    let embedded = Renderer::embedded();
    match templates {
        Some(dir) => embedded.with_dir(dir),
        None => Ok(embedded),
    }
}

/// The date of the run, which waivers are checked against and memos are dated with when
/// the draft states no date: `--today`, else `POLICYCHECK_TODAY`, else `SOURCE_DATE_EPOCH`
/// (seconds since 1970, as reproducible builds set it), else the system clock (UTC).
pub fn today(flag: Option<Date>) -> anyhow::Result<Date> {
    if let Some(d) = flag {
        return Ok(d);
    }
    if let Ok(s) = std::env::var("POLICYCHECK_TODAY") {
        return Date::parse(&s).map_err(|e| anyhow::anyhow!("POLICYCHECK_TODAY: {e}"));
    }
    if let Ok(s) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = s.trim().parse().map_err(|_| {
            anyhow::anyhow!(
                "SOURCE_DATE_EPOCH is `{s}`, not a number of seconds since 1 January 1970"
            )
        })?;
        return Ok(Date::from_unix_days(secs.div_euclid(86_400)));
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Ok(Date::from_unix_days((secs / 86_400) as i64))
}

/// The rulebooks to look at: the one named, else the configuration's, else the default.
pub fn targets(
    config_choice: &ConfigChoice,
    path: &Option<PathBuf>,
) -> anyhow::Result<Vec<RulebookRef>> {
    if let Some(p) = path {
        return Ok(vec![RulebookRef::File(p.clone())]);
    }
    let configured = config(config_choice, &cwd()?)?.rulebooks;
    Ok(if configured.is_empty() {
        vec![RulebookRef::Default]
    } else {
        configured
    })
}

/// The rulebook named with `--rules`, else the configuration's first, else the default.
pub fn chosen(o: &RulesOptions) -> anyhow::Result<Rulebook> {
    let r = match &o.rules {
        Some(p) => RulebookRef::File(p.clone()),
        None => config(&o.config, &cwd()?)?
            .rulebooks
            .first()
            .cloned()
            .unwrap_or(RulebookRef::Default),
    };
    Ok(r.load()?)
}
