# shellcheck shell=bash
# Shared by the ops/ scripts; sourced, not run. Expects ops_dir to be set by the caller.

# The oldest nats-server release Ladder supports; crates/testkit/src/binary.rs checks the same.
readonly NATS_MIN_VERSION=2.11.0
# The release ops/install-nats installs. Bump it here and rerun ops/install-nats.
readonly NATS_PINNED_VERSION=2.14.6

readonly tools_dir="$ops_dir/.tools"
readonly run_dir="$ops_dir/.run"

die() {
    printf '%s: %s\n' "$(basename "$0")" "$*" >&2
    exit 1
}

note() {
    printf '%s: %s\n' "$(basename "$0")" "$*" >&2
}

# Prints the x.y.z version a nats-server binary reports, or nothing if it does not run.
# `nats-server --version` prints e.g. "nats-server: v2.14.6". Never fails, so callers under
# `set -e` can test the output instead.
server_version() {
    local output
    output=$("$1" --version 2>/dev/null) || return 0
    if [[ $output =~ ([0-9]+\.[0-9]+\.[0-9]+) ]]; then
        printf '%s\n' "${BASH_REMATCH[1]}"
    fi
}

# Succeeds when version $1 >= version $2, both x.y.z.
version_at_least() {
    local IFS=.
    local -a have want
    read -r -a have <<<"$1"
    read -r -a want <<<"$2"
    local i
    for i in 0 1 2; do
        if ((10#${have[i]:-0} > 10#${want[i]:-0})); then return 0; fi
        if ((10#${have[i]:-0} < 10#${want[i]:-0})); then return 1; fi
    done
    return 0
}

# Succeeds when pid $1 is a live nats-server process. The name check guards against a stale pid
# file whose number the kernel has since given to an unrelated process.
is_nats_server() {
    local command
    command=$(ps -p "$1" -o command= 2>/dev/null) || return 1
    [[ $command == *nats-server* ]]
}

# Succeeds when something accepts TCP connections on 127.0.0.1:$1.
port_accepts() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
