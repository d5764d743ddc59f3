//! What can go wrong reading or writing the read models.

/// A read-model operation that failed.
#[derive(Debug, thiserror::Error)]
pub enum ProjectionError {
    /// The redb file could not be opened, read or written.
    #[error("read-model storage failed")]
    Storage(#[from] redb::Error),
    /// Another process holds the file for writing.
    #[error("read models at {path} are held by another process (is a `ladder serve` using them?)")]
    Locked {
        /// The file.
        path: String,
    },
    /// A stored record does not decode: the file was altered or written by an
    /// incompatible build. A rebuild from the stream repairs it.
    #[error("corrupt record in table {table}; rebuild the read models from the stream")]
    CorruptRecord {
        /// The table.
        table: &'static str,
        /// The decoder's complaint.
        #[source]
        source: postcard::Error,
    },
    /// A stored chain head is not a 32-byte hash.
    #[error("corrupt chain head for {subject}; rebuild the read models from the stream")]
    CorruptHead {
        /// The aggregate subject.
        subject: String,
    },
    /// A record could not be encoded; only a bug produces this.
    #[error("cannot encode a record for table {table}")]
    Encode {
        /// The table.
        table: &'static str,
        /// The encoder's complaint.
        #[source]
        source: postcard::Error,
    },
    /// The read-model directory is unusable.
    #[error("read-model file {path} cannot be used")]
    Io {
        /// The path.
        path: String,
        /// The failure.
        #[source]
        source: std::io::Error,
    },
}

macro_rules! storage_from {
    ($($ty:ty),*) => {$(
        impl From<$ty> for ProjectionError {
            fn from(err: $ty) -> Self {
                ProjectionError::Storage(err.into())
            }
        }
    )*};
}

storage_from!(
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    redb::DatabaseError
);
