#!/usr/bin/env bash
# Fuzzes the seven engine functions with cargo-fuzz (libFuzzer), one target after another.
#
#   scripts/fuzz.sh                 every target for FUZZ_MINUTES minutes (default 10)
#   scripts/fuzz.sh 30              every target for 30 minutes
#   scripts/fuzz.sh 5 solve simulate   only the named targets, 5 minutes each
#   scripts/fuzz.sh --smoke         every target for 20 seconds (CI); skips, exit 0, when the
#                                   nightly toolchain or cargo-fuzz is not available
#
# Targets: compute what_if solve sensitivity simulate plan progress (fuzz/fuzz_targets/). Each input is JSON
# text: the model on the first line, the second argument (changes, goal, options) after it.
# The committed seeds are fuzz/corpus/seed/<target>/; new inputs go to the working corpus
# fuzz/corpus/<target>/ (git-ignored), crashes to fuzz/artifacts/<target>/, logs to
# fuzz/target/logs/<target>.log. Prints executions and findings per target; exits 1 when a
# target crashed, timed out or ran out of memory (reproduce with the command it prints).
#
# Environment: FUZZ_MINUTES (default 10), FUZZ_TIMEOUT (seconds per input, default 10),
# FUZZ_SANITIZER (address, none, ...; default none: the engine forbids unsafe code, so ASan
# finds little and halves the speed; debug assertions stay on either way), FUZZ_JOBS
# (libFuzzer -jobs per target, default 1), FUZZ_TOOLCHAIN (default nightly).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
export PATH="$HOME/.cargo/bin:$PATH"

ALL_TARGETS=(compute what_if solve sensitivity simulate plan progress)
smoke=0
minutes="${FUZZ_MINUTES:-10}"
targets=()
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=1 ;;
    -h | --help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    [0-9]* ) minutes="$arg" ;;
    *)
      if [[ " ${ALL_TARGETS[*]} " == *" $arg "* ]]; then targets+=("$arg"); else
        echo "fuzz: unknown argument or target '$arg' (targets: ${ALL_TARGETS[*]})" >&2; exit 2; fi ;;
  esac
done
[ ${#targets[@]} -eq 0 ] && targets=("${ALL_TARGETS[@]}")
if [ "$smoke" = 1 ]; then seconds=20; else
  seconds=$(awk -v m="$minutes" 'BEGIN { s = int(m * 60); if (s < 1) s = 1; print s }')
fi
timeout_s="${FUZZ_TIMEOUT:-10}"
sanitizer="${FUZZ_SANITIZER:-none}"
jobs="${FUZZ_JOBS:-1}"
toolchain="${FUZZ_TOOLCHAIN:-nightly}"

# Missing tools: the smoke run (CI) skips with a reason; a real run fails with it.
unavailable() {
  echo "fuzz: SKIPPED: $1" >&2
  if [ "$smoke" = 1 ]; then exit 0; else exit 1; fi
}
command -v cargo >/dev/null || unavailable "cargo is not installed (install Rust with rustup)"
cargo +"$toolchain" --version >/dev/null 2>&1 ||
  unavailable "'cargo +$toolchain' does not run: install the toolchain (rustup toolchain install $toolchain)"
if ! cargo +"$toolchain" fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz (cargo install cargo-fuzz)"
  cargo install cargo-fuzz >/dev/null 2>&1 || unavailable "cargo-fuzz is missing and 'cargo install cargo-fuzz' failed"
  cargo +"$toolchain" fuzz --version >/dev/null 2>&1 || unavailable "cargo-fuzz was installed but 'cargo +$toolchain fuzz' does not run"
fi

echo "fuzz: $(cargo +"$toolchain" fuzz --version), $(rustc +"$toolchain" --version)"
echo "fuzz: ${targets[*]}: ${seconds}s each, -timeout=${timeout_s}s, sanitizer=${sanitizer}, jobs=${jobs}"
buildlog=$(mktemp)
if ! cargo +"$toolchain" fuzz build --sanitizer "$sanitizer" >"$buildlog" 2>&1; then
  tail -40 "$buildlog" >&2
  # No C++ toolchain for libFuzzer, or no network for the crates: the environment, not the code.
  if grep -q -e 'failed to run custom build command for `libfuzzer-sys' -e 'failed to download' \
    -e 'failed to get `' -e 'linker `cc` not found' "$buildlog"; then
    rm -f "$buildlog"
    unavailable "the fuzz targets cannot be built here (see the errors above)"
  fi
  rm -f "$buildlog"
  echo "fuzz: the fuzz targets do not compile" >&2
  exit 1
fi
rm -f "$buildlog"
mkdir -p fuzz/target/logs
parallel=()
[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")

failed=0
summary=()
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  seeds="fuzz/corpus/seed/$target"
  artifacts="fuzz/artifacts/$target"
  log="fuzz/target/logs/$target.log"
  marker="fuzz/target/logs/$target.started"
  mkdir -p "$corpus" "$artifacts"
  # The working corpus starts from the committed seeds (and keeps what earlier runs found).
  [ -d "$seeds" ] && cp -n "$seeds"/* "$corpus"/ 2>/dev/null
  touch "$marker"
  # The engine revision this run fuzzes ("-dirty": with uncommitted changes to src/).
  revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  git diff --quiet HEAD -- src 2>/dev/null || revision="$revision-dirty"
  before=$(find "$artifacts" -type f | wc -l)
  echo
  echo "fuzz: ▶ $target for ${seconds}s (log: $log)"
  started=$(date +%s)
  cargo +"$toolchain" fuzz run --sanitizer "$sanitizer" "$target" "$corpus" -- \
    -max_total_time="$seconds" -timeout="$timeout_s" -rss_limit_mb=2048 -max_len=4096 \
    -dict=fuzz/sales_kpi.dict -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "${parallel[@]}" >"$log" 2>&1
  status=$?
  elapsed=$(( $(date +%s) - started ))
  # libFuzzer's last words: "Done N runs in S second(s)" and "stat::number_of_executed_units: N".
  runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | tail -1 | grep -Eo '[0-9]+')
  [ -z "$runs" ] && runs=$(grep -Eo 'stat::number_of_executed_units: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+$')
  [ -z "$runs" ] && runs=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  runs=${runs:-0}
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+')
  corpus_size=$(find "$corpus" -type f | wc -l)
  findings=$(( $(find "$artifacts" -type f | wc -l) - before ))
  if grep -q 'failed to build fuzz script' "$log"; then
    # The sources changed under the run and no longer compile: not a finding, but a failure.
    line=$(printf '%-12s did not build (%s); see %s' "$target" "$revision" "$log")
    summary+=("$line")
    echo "fuzz: $line" >&2
    failed=1
    continue
  fi
  if [ "$status" -ne 0 ] && [ "$findings" -eq 0 ]; then findings=1; fi
  line=$(printf '%-12s %6ss %12s runs %7s exec/s  cov %5s  corpus %5s  findings %s  (%s)' \
    "$target" "$elapsed" "$runs" "$(( runs / (elapsed > 0 ? elapsed : 1) ))" "${cov:-?}" "$corpus_size" "$findings" "$revision")
  summary+=("$line")
  echo "fuzz: $line"
  if [ "$findings" -gt 0 ]; then
    failed=1
    echo "fuzz: ✖ $target FAILED (exit $status):" >&2
    grep -E -A20 'panicked at|ERROR: libFuzzer|==ERROR|SUMMARY: libFuzzer' "$log" | head -40 >&2
    find "$artifacts" -type f -newer "$marker" | head -5 | while read -r crash; do
      echo "fuzz:   reproduce: cargo +$toolchain fuzz run --sanitizer $sanitizer $target $crash" >&2
    done
  fi
done

echo
echo "──────── fuzz summary (${seconds}s per target) ────────"
printf '%s\n' "${summary[@]}"
if [ "$failed" = 1 ]; then
  echo "fuzz: FAILED: see the findings above (artifacts in fuzz/artifacts/)" >&2
  exit 1
fi
echo "fuzz: no findings"
