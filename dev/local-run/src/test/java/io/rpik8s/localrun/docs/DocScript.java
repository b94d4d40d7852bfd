package io.rpik8s.localrun.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The runnable commands of one document as one bash script whose line numbers are the document's: every line that
 * is not in a runnable shell block is blank. A prelude (read through {@code BASH_ENV}) makes a failing command end
 * the script, names the failing line, and wraps {@code curl} so that an HTTP status other than the one the document
 * states (any 2xx or 3xx when it states none) is a failure too.
 */
final class DocScript {

    static final String MARKER = "@@docs-test ";

    private final String document;
    private final List<String> lines = new ArrayList<>();
    private final Map<Integer, Integer> expected = new TreeMap<>();

    DocScript(String document, List<DocBlock> blocks) {
        this.document = document;
        for (DocBlock block : blocks) {
            if (!block.shell() || block.skipped()) {
                continue;
            }
            while (lines.size() < block.firstLine() - 1) {
                lines.add("");
            }
            lines.addAll(block.lines());
            expected.putAll(ExpectedStatus.of(block));
        }
    }

    boolean empty() {
        return lines.stream().allMatch(String::isBlank);
    }

    String document() {
        return document;
    }

    /** The document's line {@code n} (1-based) as the script has it. */
    String line(int n) {
        return n >= 1 && n <= lines.size() ? lines.get(n - 1).trim() : "";
    }

    String script() {
        return String.join("\n", lines) + "\n";
    }

    String prelude() {
        String table = expected.entrySet().stream().map(e -> "[" + e.getKey() + "]=" + e.getValue())
                .collect(Collectors.joining(" "));
        return """
                # Written by the docs-test for %1$s: runs its commands as a reader would, stops at the first failure.
                set -e -o pipefail
                declare -A __docs_test_expect=(%2$s)
                trap '[[ $LINENO != "${__docs_test_line:-}" ]] && __docs_test_line=$LINENO && printf "%3$sline %%s\\n" "$LINENO" >&2' DEBUG
                trap '__docs_test_rc=$?; printf "\\n%3$sfailed %%s: exit status %%s\\n" "$LINENO" "$__docs_test_rc" >&2' ERR
                # A read that answers another status than stated is asked again for up to 30 s: what a change sets in
                # motion (events through Kafka, the services' informer caches) shows a moment later.
                __docs_test_read() {
                  local arg get=false data=false
                  for arg in "$@"; do
                    case "$arg" in
                      -X|--request|-T|--upload-file|-F|--form) return 1 ;;
                      -G|--get) get=true ;;
                      -d|--data|--data-raw|--data-binary|--json) data=true ;;
                    esac
                  done
                  $get || ! $data
                }
                curl() {
                  local line=${BASH_LINENO[0]} headers body rc status expected tries=1 problem
                  headers=$(mktemp) body=$(mktemp)
                  expected=${__docs_test_expect[$line]:-}
                  __docs_test_read "$@" && tries=30
                  while true; do
                    rc=0
                    command curl --no-progress-meter --max-time 60 -D "$headers" "$@" > "$body" || rc=$?
                    status=$(awk '/^HTTP\\//{s=$2} END{print s}' "$headers" | tr -d '\\r')
                    problem=""
                    if (( rc != 0 )); then
                      problem="curl exited with $rc (HTTP ${status:-none})"
                    elif [[ -n $expected && $status != "$expected" ]]; then
                      problem="HTTP ${status:-none}, the document says $expected"
                    elif [[ -z $expected && -n $status ]] && (( status >= 400 )); then
                      problem="HTTP $status (a status other than 2xx needs a \\"# $status\\" comment)"
                    fi
                    tries=$((tries - 1))
                    [[ -z $problem || $tries -le 0 ]] && break
                    sleep 1
                  done
                  cat "$body"
                  rm -f "$headers" "$body"
                  if [[ -n $problem ]]; then
                    printf '\\n%3$sfailed %%s: %%s\\n' "$line" "$problem" >&2
                    return 22
                  fi
                }
                """.formatted(document, table, MARKER);
    }
}
