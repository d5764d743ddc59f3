//! Waiting on conditions with a deadline instead of sleeping.

use std::time::Duration;

use tokio::time::Instant;

/// How long a test waits for anything that should happen "soon": generous, because
/// the machines running these tests are shared and slow, and a deadline only costs
/// time when the test is failing anyway.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// Pause between probes of a condition.
const POLL: Duration = Duration::from_millis(25);

/// Probes until `probe` returns `Ok`, and returns its value; panics naming `what`
/// and the last complaint once `timeout` has passed.
pub async fn eventually<T>(
    what: &str,
    timeout: Duration,
    mut probe: impl AsyncFnMut() -> Result<T, String>,
) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        let complaint = match probe().await {
            Ok(value) => return value,
            Err(complaint) => complaint,
        };
        if Instant::now() >= deadline {
            panic!("{what}: still not so after {timeout:?}; last: {complaint}");
        }
        tokio::time::sleep(POLL).await;
    }
}
