"""Builds the RESULTS table of bench/run.sh from wrk.txt (one RESULT line per round and scenario) and
scenarios.env (BenchTool's measurements). Facts about the run come in as environment variables."""
import os
import re
import statistics
import sys

rows = {}
for line in open(sys.argv[1]):
    rnd, s, rest = line.split(' ', 2)
    values = dict(kv.split('=') for kv in rest.replace('RESULT ', '').split())
    rows.setdefault(s, {})[int(rnd)] = {k: float(x) for k, x in values.items()}
env = dict(re.findall(r"^(\w+)='([^']*)'", open(sys.argv[2]).read(), re.M))
med = statistics.median
E = os.environ


def ratios(s):
    return [rows[s][r]['rps'] / rows['a'][r]['rps'] for r in rows[s] if r in rows['a']]


def statuses(s, want):
    n = sum(x['requests'] for x in rows[s].values())
    bad = sum(x['non2xx'] for x in rows[s].values())
    errors = sum(x['socket_errors'] for x in rows[s].values())
    if want == '2xx':
        text = 'all 2xx' if bad == 0 else f'{int(bad)} of {int(n)} not 2xx'
    else:
        text = f'all {want}' if bad == n else f'{int(n - bad)} of {int(n)} were 2xx'
    return text + (f', {int(errors)} socket errors' if errors else '')


def cpu_us(x):
    """The app's CPU time (user + system, every process of the scenario) per answered request."""
    return x['cpu_ticks'] / x['ticks_per_s'] * 1e6 / max(1, x['requests'])


def row(label, s, want, target=None, with_ratio=True):
    r = rows[s]
    rs = ratios(s) if with_ratio else []
    ratio = f'{med(rs):.2f} ({min(rs):.2f}–{max(rs):.2f})' if rs else '–'
    verdict = '' if target is None else (f'met (≥ {target})' if med(rs) >= target else f'**missed** (≥ {target})')
    cpu = med([cpu_us(x) for x in r.values()])
    base = med([cpu_us(x) for x in rows['a'].values()])
    print(f"| {label} | {med([x['rps'] for x in r.values()]):.0f} | {med([x['p50_us'] for x in r.values()]) / 1000:.2f} | "
          f"{med([x['p99_us'] for x in r.values()]) / 1000:.2f} | {ratio} | {cpu:.0f} ({base / cpu:.2f}) | {statuses(s, want)} | {verdict} |")


print("# Benchmark results\n")
print(f"Run of `bench/run.sh` on {E['RUN_DATE']}: {E['CORES']} cores ({E['CPU']}), shared with other work "
      f"(load average {E['LOAD']} at the end of the wrk runs).")
print(f"wrk: {E['THREADS']} thread(s), {E['CONNECTIONS']} connections, loopback, straight to one instance; every scenario "
      f"measured for {E['SECONDS_PER_PHASE']} s in each of {len(rows['a'])} rounds, back to back with the baseline, after a "
      "warm-up. Release build, Production environment, API-key and session limits raised to 100,000,000 for the "
      "benchmark only (the 429 row uses a third instance whose key limit is 1). Figures are medians over the rounds; "
      "a ratio is the scenario's req/s over the baseline's in the same round (median, and range). The app's CPU time "
      "per request (user + system time of the app process(es) over answered requests; in brackets the baseline's "
      "over the scenario's, a throughput ratio that the machine's other load moves less) is the steadier figure on a "
      "shared machine.\n")
print("| scenario | req/s | p50 ms | p99 ms | ratio to (a) | app CPU µs/request (ratio) | statuses | target |")
print("|---|---:|---:|---:|---|---:|---|---|")
row("(a) baseline: `GET /health/info`, anonymous JSON of similar size", 'a', '2xx')
row("(b) `GET /v1/developer-access/whoami` with a valid key (memory hit, Redis-counted limit)", 'b', '2xx', 0.80)
row("(c) the same with an exhausted key: the 429 path", 'c', '429', 0.95)
row("(d) `whoami` with a JWT access token (Redis-counted limit)", 'd', '2xx', 0.85)
row("(e) flood of malformed keys (401, then 429 per address)", 'e', '4xx')
row("through nginx, round-robin over both instances: baseline (one run)", 'lb_a', '2xx', with_ratio=False)
row("through nginx, round-robin over both instances: whoami with a key (one run)", 'lb_b', '2xx', with_ratio=False)
print()
print("| measurement | result | target |")
print("|---|---|---|")
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
