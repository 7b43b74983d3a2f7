//! What one render may spend: the bytes it writes and its *steps* (pieces of template laid
//! out, priced in `price.rs`). A seven-deep `{{#each}}` of a few hundred bytes would
//! otherwise write gigabytes, and one that writes nothing would run for hours.
//!
//! The renderer installs a budget for the thread while it renders ([`install`]), charges the
//! template's steps before it starts, and every `{{#each}}` charges its block's steps once per
//! item before it repeats it (`each.rs`). Bytes are charged as they are written, by the
//! renderer's own output and by a counted wrapper around whatever output a block writes to —
//! Handlebars renders the block of a partial block (`{{#> layout}}…{{/layout}}`) into a string
//! of its own, which [`count_partial_blocks`] wraps too. Each byte is charged once, by the
//! innermost counter it passes through.

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason, Renderable,
};
use std::cell::{Cell, RefCell};
use std::sync::Arc;

use super::price::{steps, Costs};

pub use super::price::{json_len, BYTES_PER_STEP};

/// The least a render may write, whatever the size of its data.
pub const MIN_OUTPUT: u64 = 64 * 1024 * 1024;
/// How many times the size of its data (as JSON) a render may write, when that is more.
pub const OUTPUT_PER_DATA_BYTE: u64 = 8;
/// The fewest steps a render may take, whatever the size of its data.
pub const MIN_STEPS: u64 = 10_000_000;
/// How many steps a render may take per byte of its data (as JSON), when that is more.
pub const STEPS_PER_DATA_BYTE: u64 = 4;

/// The limits of one render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes it may write.
    pub output: u64,
    /// The most steps it may take.
    pub steps: u64,
}

impl Limits {
    /// The limits of a render whose data is `data_bytes` long as JSON.
    pub fn for_data(data_bytes: u64) -> Limits {
        Limits {
            output: MIN_OUTPUT.max(data_bytes.saturating_mul(OUTPUT_PER_DATA_BYTE)),
            steps: MIN_STEPS.max(data_bytes.saturating_mul(STEPS_PER_DATA_BYTE)),
        }
    }
}

/// A limit of the render passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Exceeded {
    /// It would write more than `limit` bytes.
    #[error(
        "the report would be larger than {}, the most a template may write for this report\n  \
         hint: a block repeated inside another repeats its text for every pair \
         (`{{{{#each}}}}` inside `{{{{#each}}}}`); the limit is {} or {OUTPUT_PER_DATA_BYTE} \
         times the size of the report's data, whichever is larger",
        crate::limits::human_size(*limit),
        crate::limits::human_size(MIN_OUTPUT)
    )]
    Output {
        /// The limit, in bytes.
        limit: u64,
    },
    /// It would take more than `limit` steps.
    #[error(
        "the template would take more than {} steps to lay out this report, the most it may \
         take\n  hint: a step is a piece of the template laid out once or {BYTES_PER_STEP} bytes \
         of text a helper works through, and a block repeated inside another runs once for \
         every pair (`{{{{#each}}}}` inside `{{{{#each}}}}`); the limit is {} steps or \
         {STEPS_PER_DATA_BYTE} per byte of the report's data, whichever is larger",
        thousands(*limit),
        thousands(MIN_STEPS)
    )]
    Steps {
        /// The limit, in steps.
        limit: u64,
    },
}

/// `10000000` as `10 000 000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

struct Budget {
    limits: Limits,
    written: u64,
    steps: u64,
    /// The steps of each partial name, to price blocks.
    partials: Arc<Costs>,
}

thread_local! {
    static BUDGET: RefCell<Option<Budget>> = const { RefCell::new(None) };
    /// Set while a write passes on from the counter that charged it to the outputs around.
    static CHARGED: Cell<bool> = const { Cell::new(false) };
}

/// The budget of a render, in force until dropped (the one before it comes back).
pub struct Installed {
    previous: Option<Budget>,
}

impl Drop for Installed {
    fn drop(&mut self) {
        let previous = self.previous.take();
        BUDGET.with(|b| *b.borrow_mut() = previous);
    }
}

/// Puts a fresh budget in force on this thread for one render.
pub fn install(limits: Limits, partials: Arc<Costs>) -> Installed {
    let budget = Budget {
        limits,
        written: 0,
        steps: 0,
        partials,
    };
    Installed {
        previous: BUDGET.with(|b| b.borrow_mut().replace(budget)),
    }
}

/// Charges `n` steps; nothing when no budget is in force.
pub fn charge_steps(n: u64) -> Result<(), Exceeded> {
    BUDGET.with(|b| match b.borrow_mut().as_mut() {
        Some(b) => {
            b.steps = b.steps.saturating_add(n);
            if b.steps > b.limits.steps {
                Err(Exceeded::Steps {
                    limit: b.limits.steps,
                })
            } else {
                Ok(())
            }
        }
        None => Ok(()),
    })
}

/// Charges the steps of laying out `t` once.
pub fn charge_template(t: &Template) -> Result<(), Exceeded> {
    charge(t, 0, 1)
}

/// Charges the steps of repeating the block `t` `times` times: its steps, and one for each
/// repetition, so that an empty block repeated is not free.
pub fn charge_repeated(t: &Template, times: u64) -> Result<(), Exceeded> {
    charge(t, 1, times)
}

fn charge(t: &Template, extra: u64, times: u64) -> Result<(), Exceeded> {
    let partials = BUDGET.with(|b| b.borrow().as_ref().map(|b| Arc::clone(&b.partials)));
    match partials {
        Some(p) => {
            let once = steps(t, &p).saturating_add(extra);
            charge_steps(once.saturating_mul(times))
        }
        None => Ok(()),
    }
}

/// Charges the steps of a helper working through `bytes` bytes of text: one per
/// [`BYTES_PER_STEP`].
pub fn charge_text(bytes: usize) -> Result<(), Exceeded> {
    charge_steps(bytes as u64 / BYTES_PER_STEP)
}

fn charge_bytes(n: u64) -> Result<(), Exceeded> {
    BUDGET.with(|b| match b.borrow_mut().as_mut() {
        Some(b) => {
            b.written = b.written.saturating_add(n);
            if b.written > b.limits.output {
                Err(Exceeded::Output {
                    limit: b.limits.output,
                })
            } else {
                Ok(())
            }
        }
        None => Ok(()),
    })
}

/// Charges `len` bytes unless a counter inside has, then passes the write on.
fn counted(len: usize, write: impl FnOnce() -> std::io::Result<()>) -> std::io::Result<()> {
    let charged = CHARGED.with(|c| c.replace(true));
    let result = if charged {
        Ok(())
    } else {
        charge_bytes(len as u64).map_err(std::io::Error::other)
    };
    let result = result.and_then(|()| write());
    CHARGED.with(|c| c.set(charged));
    result
}

/// Writes bytes already charged (a block collected and then styled) without charging again.
pub fn uncounted<T>(write: impl FnOnce() -> T) -> T {
    let charged = CHARGED.with(|c| c.replace(true));
    let result = write();
    CHARGED.with(|c| c.set(charged));
    result
}

/// The limit a rendering error stands for, if it is one: a write refused by a counter, or a
/// block refused by `each`.
pub fn exceeded(e: &RenderError) -> Option<Exceeded> {
    match e.reason() {
        RenderErrorReason::IOError(io) => io.get_ref()?.downcast_ref::<Exceeded>().copied(),
        RenderErrorReason::NestedError(inner) => inner.downcast_ref::<Exceeded>().copied(),
        _ => None,
    }
}

/// Text collected in memory, every byte charged.
#[derive(Default)]
pub struct Collected(pub String);

impl Output for Collected {
    fn write(&mut self, seg: &str) -> std::io::Result<()> {
        counted(seg.len(), || {
            self.0.push_str(seg);
            Ok(())
        })
    }
}

/// Another output, every byte written through it charged.
pub struct Counted<'a>(pub &'a mut dyn Output);

impl Output for Counted<'_> {
    fn write(&mut self, seg: &str) -> std::io::Result<()> {
        counted(seg.len(), || self.0.write(seg))
    }
}

/// The name of the helper that counts a partial block's text. It has a space, so no template
/// can call it.
const COUNTING: &str = "policycheck counted";

/// Registers the helper [`count_partial_blocks`] puts in templates.
pub fn register(registry: &mut Handlebars<'static>) {
    registry.register_helper(COUNTING, Box::new(Counting));
}

/// Wraps the block of every partial block in `t` (`{{#> layout}}…{{/layout}}`) in a helper
/// that charges what it writes: Handlebars renders that block into a string of its own.
pub fn count_partial_blocks(t: &mut Template) {
    for e in &mut t.elements {
        match e {
            TemplateElement::HelperBlock(h) => {
                for body in [&mut h.template, &mut h.inverse].into_iter().flatten() {
                    count_partial_blocks(body);
                }
            }
            TemplateElement::DecoratorBlock(d) => {
                if let Some(body) = &mut d.template {
                    count_partial_blocks(body);
                }
            }
            TemplateElement::PartialBlock(d) => {
                if let Some(body) = d.template.take() {
                    d.template = Some(wrapped(body));
                }
            }
            _ => {}
        }
    }
}

/// `body`, rendered through the counting helper: `{{#COUNTING}}body{{/COUNTING}}`.
fn wrapped(mut body: Template) -> Template {
    count_partial_blocks(&mut body);
    // The crate offers no constructor for a block; compile one and fill it in.
    let mut outer = Template::compile("{{#c}}{{/c}}").unwrap_or_default();
    let (Some(TemplateElement::HelperBlock(h)), Some(at)) =
        (outer.elements.first_mut(), outer.mapping.first_mut())
    else {
        return body;
    };
    h.name = Parameter::Name(COUNTING.to_string());
    if let Some(first) = body.mapping.first() {
        *at = first.clone();
    }
    outer.name.clone_from(&body.name);
    h.template = Some(body);
    outer
}

/// Renders its block with every byte charged.
#[derive(Clone, Copy)]
struct Counting;

impl HelperDef for Counting {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        match h.template() {
            Some(t) => t.render(r, ctx, rc, &mut Counted(out)),
            None => Err(RenderErrorReason::BlockContentRequired.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(output: u64, steps: u64) -> Limits {
        Limits { output, steps }
    }

    #[test]
    fn limits_grow_with_the_data_above_a_floor() {
        assert_eq!(Limits::for_data(1000), limits(MIN_OUTPUT, MIN_STEPS));
        assert_eq!(Limits::for_data(100 << 20), limits(800 << 20, 400 << 20));
        assert_eq!(Limits::for_data(u64::MAX), limits(u64::MAX, u64::MAX));
    }

    #[test]
    fn each_byte_is_charged_once_through_nested_counters() {
        let _budget = install(limits(10, 100), Arc::default());
        let mut sink = Collected::default();
        {
            let mut inner = Counted(&mut sink);
            let mut innermost = Counted(&mut inner);
            innermost.write("12345").unwrap();
            innermost.write("67890").unwrap();
        }
        assert_eq!(sink.0, "1234567890");
        let err = sink.write("x").unwrap_err();
        assert_eq!(
            err.get_ref().and_then(|e| e.downcast_ref::<Exceeded>()),
            Some(&Exceeded::Output { limit: 10 })
        );
        // Already charged text passes freely.
        uncounted(|| sink.write("styled")).unwrap();
    }

    #[test]
    fn steps_are_charged_up_to_the_limit() {
        let budget = install(limits(10, 100), Arc::default());
        charge_steps(100).unwrap();
        assert_eq!(charge_steps(1), Err(Exceeded::Steps { limit: 100 }));
        drop(budget);
        // No budget in force: nothing is limited.
        charge_steps(u64::MAX).unwrap();
        charge_bytes(u64::MAX).unwrap();
    }

    #[test]
    fn messages_name_the_limits() {
        let output = Exceeded::Output { limit: 64 << 20 }.to_string();
        assert!(
            output.starts_with("the report would be larger than 64 MB, the most a template"),
            "{output}"
        );
        assert!(output.contains("the limit is 64 MB or 8 times"), "{output}");
        let steps = Exceeded::Steps { limit: 12_345_678 }.to_string();
        assert!(
            steps.starts_with("the template would take more than 12 345 678 steps"),
            "{steps}"
        );
        assert!(steps.contains("`{{#each}}` inside `{{#each}}`"), "{steps}");
    }
}
