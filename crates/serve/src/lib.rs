//! tracuu-serve
