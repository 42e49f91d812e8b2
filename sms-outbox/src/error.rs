//! The outbox's one error type.

/// What can go wrong with an outbox. `Display` never shows a URL (it may hold a
/// password), a phone number or the source's own text (see `source()`).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The URL is neither `sqlite:` nor `postgres://` (or that database's feature is
    /// off).
    #[error("the outbox URL must start with sqlite: or postgres:// (with that feature on)")]
    UnsupportedUrl,
    /// The database failed (connection, query, transaction).
    #[error("the outbox database failed")]
    Database(#[source] sqlx::Error),
    /// The embedded migrations could not be applied.
    #[error("the outbox database could not be migrated")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    /// No campaign has this id.
    #[error("no campaign {0:?} in the outbox")]
    NoCampaign(String),
    /// A campaign has this id with another provider or template.
    #[error("campaign {0:?} already exists with another provider or template")]
    CampaignMismatch(String),
    /// Refused before touching the database.
    #[error("invalid input: {0}")]
    Invalid(String),
    /// A row holds what this version does not understand.
    #[error("an outbox row cannot be read: {0}")]
    Corrupt(String),
    /// The worker's sending task stopped without finishing (a panic): the rows it held
    /// stay in flight until their lease expires.
    #[error("the outbox worker's sending task stopped unexpectedly")]
    Worker,
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Self::Database(e)
    }
}
