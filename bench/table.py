"""Builds the RESULTS table of bench/run.sh from wrk.txt (one RESULT line per round and scenario),
scenarios.env (BenchTool's measurements) and circuits.env (the dashboard's, possibly empty). Facts about
the run come in as environment variables."""
import os
import re
import statistics
import sys

rows = {}
order = {}
for line in open(sys.argv[1]):
    rnd, s, rest = line.split(' ', 2)
    values = dict(kv.split('=') for kv in rest.replace('RESULT ', '').split())
    rows.setdefault(s, {})[int(rnd)] = {k: float(x) for k, x in values.items()}
    order.setdefault(int(rnd), []).append(s)


def env_file(path):
    return dict(re.findall(r"^(\w+)='([^']*)'", open(path).read(), re.M)) if os.path.exists(path) else {}


env = env_file(sys.argv[2])
circuits = env_file(sys.argv[3])
med = statistics.median
E = os.environ


def baseline_of(s):
    return 'lb_a' if s.startswith('lb_') else 'a'


def ratios(s):
    base = rows[baseline_of(s)]
    return [rows[s][r]['rps'] / base[r]['rps'] for r in rows[s] if r in base]


def statuses(s, want):
    n = sum(x['requests'] for x in rows[s].values())
    bad = sum(x['non2xx'] for x in rows[s].values())
    errors = sum(x['socket_errors'] for x in rows[s].values())
    if want == '2xx':
        text = 'all 2xx' if bad == 0 else f'{int(bad)} of {int(n)} not 2xx'
    else:
        text = f'all {want}' if bad == n else f'{int(n - bad)} of {int(n)} were 2xx'
    return text + (f', {int(errors)} socket errors' if errors else '')


def per_request_us(x, ticks):
    """CPU time (user + system) of the processes named by `ticks` per answered request."""
    return x[ticks] / x['ticks_per_s'] * 1e6 / max(1, x['requests'])


def ms(s, field):
    return med([x[field] for x in rows[s].values()]) / 1000


def verdict(value, target):
    if target is None:
        return ''
    return f'met (≥ {target})' if value >= target else f'**missed** (≥ {target}, gap {target - value:.2f})'


def row(label, s, want, target=None):
    if s not in rows:
        print(f"| {label} | not measured | | | | | | | | | | |")
        return
    r = rows[s]
    rs = ratios(s)
    ratio = f'{med(rs):.2f} ({min(rs):.2f}–{max(rs):.2f})' if s != baseline_of(s) else '1.00'
    app = med([per_request_us(x, 'app_ticks') for x in r.values()])
    base = med([per_request_us(x, 'app_ticks') for x in rows[baseline_of(s)].values()])
    redis = med([per_request_us(x, 'redis_ticks') for x in r.values()])
    pg = f"{med([per_request_us(x, 'pg_ticks') for x in r.values()]):.1f}" if all('pg_ticks' in x for x in r.values()) else ''
    calls = (f"{med([x['redis_calls'] / max(1, x['requests']) for x in r.values()]):.3f}"
             if all('redis_calls' in x for x in r.values()) else '')
    print(f"| {label} | {med([x['rps'] for x in r.values()]):.0f} | {ms(s, 'p50_us'):.2f} | {ms(s, 'p99_us'):.2f} | "
          f"{ms(s, 'p999_us'):.2f} | {ratio} | {app:.0f} ({base / app:.2f}) | {redis:.1f} | {pg} | {calls} | {statuses(s, want)} | "
          f"{verdict(med(rs), target) if s != baseline_of(s) else ''} |")


HEADER = ("| scenario | req/s | p50 ms | p99 ms | p99.9 ms | ratio to baseline | app CPU µs/request (ratio) | Redis CPU µs/request "
          "| PostgreSQL CPU µs/request | Redis calls/request | statuses | target |")
RULE = "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---|"
rounds = len(rows['a'])
lb_rounds = len(rows.get('lb_b1', {}))
print("# Benchmark results\n")
print(f"Run of `bench/run.sh` on {E['RUN_DATE']} at commit `{E['COMMIT']}`: {E['CORES']} cores ({E['CPU']}), shared with "
      f"other work (load average {E['LOAD']} at the end of the wrk runs); the whole run took {int(E['ELAPSED']) // 60} min "
      f"{int(E['ELAPSED']) % 60} s.")
print(f"wrk: {E['THREADS']} thread(s), {E['CONNECTIONS']} connections, loopback; every scenario measured for "
      f"{E['SECONDS_PER_PHASE']} s in each of {rounds} rounds (the nginx ones in {lb_rounds}), each round in a fresh random "
      "order, after a warm-up. Release build, Bench environment (Production plus the twin baseline endpoint), API-key and "
      "session limits raised to 100,000,000 for the benchmark only (the 429 row uses a third instance whose key limit is 1). "
      f"b2 rotates over {E['KEYS']} keys and d2 over {E['USERS']} users' access tokens, a different credential on every "
      "request. Figures are medians over the rounds; a ratio is the scenario's req/s over the twin baseline's in the same "
      "round (median, and range). CPU columns: user + system time of the app process(es), of Redis and of PostgreSQL (the "
      "postmaster, its backends and its reaped children) over answered requests (from /proc); in brackets the baseline's "
      "app CPU over the scenario's, a throughput ratio that the machine's other load moves less. PostgreSQL's column "
      "includes the batches (request log, usage, last use) written during the run, which trail their requests by up to a "
      "flush interval. Redis calls per request: every command Redis served during the run (INFO commandstats, the INFO "
      "calls left out), background pushes included.\n")
print(HEADER)
print(RULE)
row("(a) twin baseline: `GET /v1/bench/whoami-twin`, anonymous, whoami's body, serializer and pipeline", 'a', '2xx')
row("(b1) `whoami` with one API key", 'b1', '2xx', 0.80)
row(f"(b2) `whoami` with {E['KEYS']} API keys in rotation", 'b2', '2xx', 0.75)
row("(d1) `whoami` with one user's JWT", 'd1', '2xx', 0.80)
row(f"(d2) `whoami` with {E['USERS']} users' JWTs in rotation", 'd2', '2xx', 0.75)
row("(c) an exhausted key: the 429 path", 'c', '429', 0.95)
row("(e) flood of malformed keys (401, then 429 per address)", 'e', '4xx', 0.95)
row(f"(d1x) as d1, on an instance {E.get('X_LABEL', 'without the session check')}", 'd1x', '2xx')
row("(d2x) as d2, on that instance", 'd2x', '2xx')
row("(b1x) as b1, on that instance", 'b1x', '2xx')
row("(ax) the twin baseline, on that instance", 'ax', '2xx')
row("(b1n) as b1, on an instance without the request log (Bench-only switch)", 'b1n', '2xx')
row("(b1l) as b1, on an instance counting in its own memory instead of Redis (Bench-only switch)", 'b1l', '2xx')
row("(ak) the twin baseline with the key of b1, on an instance without any rate limit (Bench-only switch)", 'ak', '2xx')
print()
print("Through nginx, round-robin over both instances (app CPU is both instances'; ratios against the nginx baseline of the same round):\n")
print(HEADER)
print(RULE)
row("(a) twin baseline", 'lb_a', '2xx')
row("(b1) one API key", 'lb_b1', '2xx')
row(f"(b2) {E['KEYS']} keys", 'lb_b2', '2xx')
row("(d1) one user's JWT", 'lb_d1', '2xx')
row(f"(d2) {E['USERS']} users' JWTs", 'lb_d2', '2xx')
row("(e) malformed keys (once, after the rounds, beside one more baseline run)", 'lb_e', '4xx')
print()
print("| measurement | result | target |")
print("|---|---|---|")
if 'lb_a' in rows:
    base99 = ms('lb_a', 'p99_us')
    for s, label in (('lb_b1', 'one key'), ('lb_b2', f"{E['KEYS']} keys")):
        if s in rows:
            p = ms(s, 'p99_us')
            print(f"| p99 through nginx, {label}, against the nginx baseline's p99 | {p:.2f} ms against {base99:.2f} ms "
                  f"({p / base99:.1f}×) | ≤ 3×: {'met' if p <= 3 * base99 else '**missed**'} |")
for with_check, without in (('d1', 'd1x'), ('d2', 'd2x'), ('b1', 'b1x')):
    if with_check in rows and without in rows:
        cost = med([per_request_us(x, 'app_ticks') for x in rows[with_check].values()])
        bare = med([per_request_us(x, 'app_ticks') for x in rows[without].values()])
        same = [rows[with_check][r]['rps'] / rows[without][r]['rps'] for r in rows[with_check] if r in rows[without]]
        print(f"| {with_check} against {without} ({without}: {E.get('X_LABEL', 'without the session check')}; same rounds) | app CPU {cost:.0f} against "
              f"{bare:.0f} µs/request ({cost - bare:+.0f} µs); req/s ratio {med(same):.2f} ({min(same):.2f}–{max(same):.2f}) | reported |")
if 'ax' in rows:
    # The x instance's rows against its own twin: what the ratios to the baseline would be with its settings.
    for s in ('b1x', 'd1x', 'd2x'):
        if s in rows:
            same = [rows[s][r]['rps'] / rows['ax'][r]['rps'] for r in rows[s] if r in rows['ax']]
            print(f"| {s} against ax, both on the instance {E.get('X_LABEL', 'without the session check')} (same rounds) | req/s ratio "
                  f"{med(same):.2f} ({min(same):.2f}–{max(same):.2f}); app CPU {med([per_request_us(x, 'app_ticks') for x in rows[s].values()]):.0f} "
                  f"against {med([per_request_us(x, 'app_ticks') for x in rows['ax'].values()]):.0f} µs/request | reported |")
for full, part, what in (('b1', 'b1n', 'the request log'), ('b1', 'b1l', "the exact shared count (against counting in memory)"),
                         ('ak', 'a', 'the key (validation, principal, usage, log) without a limit')):
    if full in rows and part in rows:
        def us(s, ticks):
            return med([per_request_us(x, ticks) for x in rows[s].values()])
        same = [rows[full][r]['rps'] / rows[part][r]['rps'] for r in rows[full] if r in rows[part]]
        pg = (f"; PostgreSQL {us(full, 'pg_ticks'):.1f} against {us(part, 'pg_ticks'):.1f} µs/request"
              if all('pg_ticks' in x for x in list(rows[full].values()) + list(rows[part].values())) else '')
        print(f"| what {what} costs: {full} against {part} (same rounds) | app CPU {us(full, 'app_ticks'):.0f} against "
              f"{us(part, 'app_ticks'):.0f} µs/request ({us(full, 'app_ticks') - us(part, 'app_ticks'):+.0f} µs){pg}; "
              f"req/s ratio {med(same):.2f} ({min(same):.2f}–{max(same):.2f}) | reported |")
if all('key_reads' in x for x in rows.get('b2', {}).values()):
    for s in ('b2', 'lb_b2'):
        if s in rows:
            reads = sum(x['key_reads'] for x in rows[s].values())
            n = sum(x['requests'] for x in rows[s].values())
            print(f"| key-record reads from PostgreSQL during the measured {s} runs (after the warm-up; pg_stat_statements) | "
                  f"{int(reads)} statements behind {int(n)} requests | steady state: a few per cache lifetime |")
if env:
    p99 = float(env['REVOKE_P99_MS'])
    print(f"| revocation on instance A seen on instance B (which held the key in memory), {env['REVOKE_N']} revocations, "
          f"timed from sending the revoke to B's first refusal | p50 {env['REVOKE_P50_MS']} ms, p99 {env['REVOKE_P99_MS']} ms, "
          f"max {env['REVOKE_MAX_MS']} ms, {env.get('REVOKE_TIMEOUTS', '0')} not refused within 5 s | "
          f"p99 < 1000 ms: {'met' if p99 < 1000 and env.get('REVOKE_TIMEOUTS', '0') == '0' else '**missed**'} |")
    print(f"| database statements behind {env['QUERIES_REQUESTS']} whoami requests with one key (cold at the start), alternating "
          f"over both instances ({env['QUERIES_OK']} answered 200; counted by pg_stat_statements) | {env['QUERIES_TOTAL']} "
          f"statements, of which {env['QUERIES_LOOKUPS']} key lookups | a handful |")
    print(f"| cold stampede: {env['STAMPEDE_REQUESTS']} simultaneous requests on one uncached key, one instance "
          f"({env['STAMPEDE_OK']} answered 200) | {env['STAMPEDE_LOOKUPS']} key lookup(s), {env['STAMPEDE_TOTAL']} statements "
          f"in all | 1 query: {'met' if env['STAMPEDE_LOOKUPS'] == '1' else '**missed**'} |")
else:
    print("| revocation, statements, stampede | not measured (BenchTool scenarios failed) | |")
if circuits:
    per = float(circuits['CIRCUIT_WS_KB'])
    print(f"| server memory per signed-in circuit: {circuits['CIRCUIT_COUNT']} headless Chromium pages on the API Keys page, "
          f"delta over the count | working set {circuits['CIRCUIT_WS_KB']} KB, managed heap {circuits['CIRCUIT_HEAP_KB']} KB "
          f"per circuit | ≤ 250 KB heap and ≤ 1 MB working set: "
          f"{'met' if float(circuits['CIRCUIT_HEAP_KB']) <= 250 and per <= 1024 else '**missed**'} |")
    if 'CIRCUIT_NEXT_WS_KB' in circuits:
        nxt = float(circuits['CIRCUIT_NEXT_WS_KB'])
        print(f"| the same, {circuits['CIRCUIT_COUNT']} more pages opened beside the first (the marginal circuit, without the "
              f"runtime's one-time growth in the first wave: threads, tier-1 code, GC heaps) | working set "
              f"{circuits['CIRCUIT_NEXT_WS_KB']} KB, managed heap {circuits['CIRCUIT_NEXT_HEAP_KB']} KB per circuit | "
              f"≤ 250 KB heap and ≤ 1 MB working set: "
              f"{'met' if float(circuits['CIRCUIT_NEXT_HEAP_KB']) <= 250 and nxt <= 1024 else '**missed**'} |")
    print(f"| navigation to an interactive API Keys page (signed in, {circuits['CIRCUIT_COUNT']} pages) | p50 "
          f"{circuits['INTERACTIVE_P50_MS']} ms, max {circuits['INTERACTIVE_MAX_MS']} ms | reported |")
else:
    print("| server memory per signed-in circuit | not measured in this run | ≤ 250 KB |")
print()
print("Order of the scenarios in each round: " + "; ".join(f"{r}: {' '.join(order[r])}" for r in sorted(order)) + ".")
