//! Reports: a typed view model, machine formats and the Handlebars renderer (being written).
