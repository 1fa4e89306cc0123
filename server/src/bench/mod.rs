//! `crowd bench`: figures, never pass/fail (tests do not assert timings). [`queries`] times the domain's
//! reads on generated projects of 1,000 and 105,000 ideas; [`site`] (`crowd bench --site`, `make bench`)
//! measures the release server over HTTP on Moscow-scale data with the load generator in [`load`] and
//! the live subscribers of [`live`].

pub mod live;
pub mod load;
pub mod queries;
pub mod site;
