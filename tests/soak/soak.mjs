#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Soak test: a real kiro-proxyd against the fake Kiro upstream (tests/e2e/fake-kiro-upstream.mjs), both on 127.0.0.1.
// `concurrency` workers send streamed Messages requests over keep-alive connections for `seconds` seconds (a mix of
// "[[long:N]]", "[[slow]]" and short answers); `aborts` of those requests, spread over the steady state, leave
// mid-stream at a random point (some right after sending, before any answer). Every other stream must end with
// message_stop and carry no error event. kiro-proxyd's RSS and fd count are sampled every second.
// Asserts: 0 errors; every abort done; the fake's upstream connections all closed at the end; fds back to the
// baseline ±2; RSS at the end − RSS after the warm-up < 10 MiB (printed, not asserted, under AddressSanitizer, whose
// quarantine holds freed memory). Exits 0 when all hold, 1 otherwise, 2 on a crash.
//   node tests/soak/soak.mjs [--concurrency N] [--seconds S] [--aborts A] [--build-dir DIR]
// Defaults: 40 × 10 s + 200 aborts (the ctest soak_short), or with KIRO_LONG=1 200 × 60 s + 1,000 aborts.
// The build directory is --build-dir, else KIRO_BUILD_DIR, else <repo>/build-test. The load never runs longer than
// `seconds`; the streams in flight at the end get at most 15 s to finish.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fdCount, hrNow, pollUntil, quantile, rssKiB, sleep, streamMessage, streamProblem, underSanitizer, within }
  from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const LONG = process.env.KIRO_LONG === '1';

function parseArgs(argv) {
  const options = { concurrency: LONG ? 200 : 40, seconds: LONG ? 60 : 10, aborts: LONG ? 1000 : 200, buildDir: null };
  for (let i = 0; i < argv.length; ++i) {
    const [name, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (name === '--concurrency') options.concurrency = Number(value());
    else if (name === '--seconds') options.seconds = Number(value());
    else if (name === '--aborts') options.aborts = Number(value());
    else if (name === '--build-dir') options.buildDir = value();
    else if (name === '--help' || name === '-h') {
      console.log('usage: node tests/soak/soak.mjs [--concurrency N] [--seconds S] [--aborts A] [--build-dir DIR]');
      process.exit(0);
    } else {
      throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  for (const key of ['concurrency', 'seconds', 'aborts']) {
    if (!Number.isInteger(options[key]) || options[key] < (key === 'aborts' ? 0 : 1)) {
      throw new Error(`--${key} needs a whole number (got ${options[key]})`);
    }
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
process.env.KIRO_BUILD_DIR = path.resolve(options.buildDir ?? process.env.KIRO_BUILD_DIR ?? path.join(here, '../../build-test'));
const { startStack, API_KEY } = await import('../e2e/harness.mjs');

let running = null; // the stack, for the watchdog

const random = (n) => Math.floor(Math.random() * n);
const mib = (kib) => (kib / 1024).toFixed(1);

/** One worker request: what to ask for, given how much of the run is left. */
function pickPrompt(remainingMs, id) {
  const roll = random(100);
  if (roll < 15 && remainingMs > 7000) return { kind: 'slow', text: `[[slow]] [[id:${id}]]` }; // 50 chunks, 100 ms apart
  if (roll < 75) return { kind: 'long', text: `[[long:${10 + random(190)}]] [[id:${id}]]` }; // 4…80 KB of text
  return { kind: 'short', text: `soak ${id} [[id:${id}]]` };
}

/**
 * A request that leaves: a long answer left after 0…39 SSE events (0: right after sending), or a slow one (100 ms
 * between chunks) left after 0…11 events, so that an abort costs its worker a second at most.
 */
function pickAbort(id) {
  return random(10) < 7 ? { kind: 'long', text: `[[long:400]] [[id:${id}]]`, after: random(40) }
    : { kind: 'slow', text: `[[slow]] [[id:${id}]]`, after: random(12) };
}

async function main() {
  const totals = { completed: 0, errors: 0, aborts: 0, abortsBeforeAnswer: 0, bytes: 0,
    kinds: { long: 0, slow: 0, short: 0 }, abortKinds: { long: 0, slow: 0 } };
  const errorSamples = [];
  const noteError = (what) => {
    totals.errors++;
    if (errorSamples.length < 10) errorSamples.push(what);
  };

  const stack = await startStack();
  running = stack;
  const samples = [];
  let sampler = null;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    const pid = stack.pid;
    const sanitized = underSanitizer(pid);
    // Priming: token refresh, model list, the request log file; then the idle baseline.
    for (let i = 0; i < 5; ++i) {
      const problem = streamProblem(await streamMessage(stack.baseURL, API_KEY, `prime ${i}`, { timeoutMs: 15000 }));
      if (problem) throw new Error(`a priming stream failed: ${problem}`);
    }
    await sleep(300);
    const baseline = { rss: rssKiB(pid), fds: fdCount(pid) };
    const sample = () => samples.push({ at: hrNow(), rss: rssKiB(pid), fds: fdCount(pid) });
    sample();
    sampler = setInterval(sample, 1000);

    const runMs = options.seconds * 1000;
    const warmupMs = Math.max(2000, Math.min(10000, runMs / 5));
    const start = hrNow();
    const deadline = start + runMs;
    const steadyStart = start + warmupMs;
    const abortWindowEnd = Math.max(steadyStart, deadline - 1000);

    // Abort tokens are released evenly over the steady state; the next request a worker starts takes one.
    let released = 0;
    let pendingAborts = 0;
    let steady = null;
    const abortClock = setInterval(() => {
      const now = hrNow();
      if (now >= steadyStart && !steady) {
        sample();
        steady = { ...samples.at(-1), completed: totals.completed, bytes: totals.bytes };
      }
      const due = now < steadyStart ? 0 : now >= abortWindowEnd ? options.aborts
        : Math.floor((options.aborts * (now - steadyStart)) / (abortWindowEnd - steadyStart));
      pendingAborts += due - released;
      released = due;
    }, 10);

    let seq = 0;
    let abortsStarted = 0;
    const left = new Map(); // id → when its client left (hrNow)
    const runOne = async (opts) => {
      const id = `soak-${seq++}`;
      if (opts.abort) {
        abortsStarted++;
        const { kind, text, after } = pickAbort(id);
        const r = await streamMessage(stack.baseURL, API_KEY, text,
          { agent: opts.agent, abortAfterEvents: after, timeoutMs: 30000 });
        if (r.error) noteError(`${id} (abort after ${after} events): ${r.error}`);
        else if (!r.aborted) noteError(`${id} ended before its client could leave after ${after} events`);
        else {
          left.set(id, r.destroyedAt);
          totals.aborts++;
          totals.abortKinds[kind]++;
          if (!r.events.length) totals.abortsBeforeAnswer++;
        }
        return;
      }
      const { kind, text } = pickPrompt(deadline - hrNow(), id);
      const r = await streamMessage(stack.baseURL, API_KEY, text, { agent, timeoutMs: 30000 });
      const problem = streamProblem(r);
      if (problem) noteError(`${id} (${kind}): ${problem}`);
      else {
        totals.completed++;
        totals.kinds[kind]++;
        totals.bytes += r.bytes;
      }
    };
    const worker = async () => {
      while (hrNow() < deadline) {
        const abort = pendingAborts > 0;
        if (abort) pendingAborts--;
        await runOne({ abort, agent });
      }
    };
    const workers = Array.from({ length: options.concurrency }, worker);
    // The load stops at the deadline; the streams in flight get a bounded time to finish.
    await sleep(Math.max(0, deadline - hrNow()));
    clearInterval(abortClock);
    const loadEnd = hrNow();
    pendingAborts = 0;
    await within(Promise.all(workers), 15000, 'the streams in flight at the end').catch((e) => noteError(e.message));
    // Aborts no worker took in time (all busy with slow streams at the end) run now, on fresh connections.
    const leftover = options.aborts - abortsStarted;
    if (leftover > 0) {
      await within(Promise.all(Array.from({ length: leftover }, () => runOne({ abort: true, agent: false }))), 15000,
        'the remaining aborts').catch((e) => noteError(e.message));
    }
    const drainedAt = hrNow();

    // After the run: the client connections closed, the proxy's upstream connections all closed, fds back.
    agent.destroy();
    const upstreamClosed = await pollUntil(async () => (await stack.fakeConnections()).open === 0, { timeoutMs: 5000 });
    const openUpstream = (await stack.fakeConnections()).open;
    // How long each aborted exchange's upstream connection stayed open after its client left (not asserted here:
    // e2e_abort asserts it; an aborted answer may also have ended upstream before the proxy noticed).
    const seen = new Map((await stack.fakeConnections('?id=soak-')).connections.map((c) => [c.id, c]));
    const reached = [...left.keys()].map((id) => seen.get(id)).filter(Boolean);
    // Only the calls still running upstream when their client left: the others had ended (and closed) already.
    const cut = reached.filter((c) => c.endedAt === null || c.endedAt > left.get(c.id));
    const abortLatencies = cut.filter((c) => c.closedAt !== null)
      .map((c) => Math.max(0, c.closedAt - left.get(c.id))).sort((a, b) => a - b);
    await pollUntil(() => Math.abs(fdCount(pid) - baseline.fds) <= 2, { timeoutMs: 5000 });
    await sleep(500);
    clearInterval(sampler);
    sampler = null;
    sample();
    const end = samples.at(-1);
    const steadyAt = steady ?? samples[0];
    const peakRss = Math.max(...samples.map((s) => s.rss));
    const peakFds = Math.max(...samples.map((s) => s.fds));
    const steadySeconds = (loadEnd - (steady ? steadyStart : start)) / 1000;
    const loadSeconds = (loadEnd - start) / 1000;
    const stopped = await stack.stop({ killAfterMs: 15000 });

    const rows = [
      ['load', `${options.concurrency} concurrent keep-alive streams for ${options.seconds} s ` +
        `(warm-up ${(warmupMs / 1000).toFixed(0)} s), ${options.aborts} aborts asked`],
      ['requests completed', `${totals.completed} (${(totals.completed / loadSeconds).toFixed(1)}/s over the run, ` +
        `${((totals.completed - (steady?.completed ?? 0)) / steadySeconds).toFixed(1)}/s in the steady state; ` +
        `${totals.kinds.long} long, ${totals.kinds.slow} slow, ${totals.kinds.short} short)`],
      ['SSE received', `${(totals.bytes / 1048576).toFixed(1)} MiB (${(totals.bytes / 1048576 / loadSeconds).toFixed(2)} MiB/s)`],
      ['errors', String(totals.errors)],
      ['aborts', `${totals.aborts} (${totals.abortKinds.long} long, ${totals.abortKinds.slow} slow; ` +
        `${totals.abortsBeforeAnswer} before any answer)`],
      ['RSS idle / steady start / peak / end', `${mib(baseline.rss)} / ${mib(steadyAt.rss)} / ${mib(peakRss)} / ` +
        `${mib(end.rss)} MiB (end − steady start ${((end.rss - steadyAt.rss) / 1024).toFixed(2)} MiB)`],
      ['fds baseline / peak / end', `${baseline.fds} / ${peakFds} / ${end.fds}`],
      ['abort → upstream closed', abortLatencies.length
        ? `median ${quantile(abortLatencies, 0.5).toFixed(1)} ms, p95 ${quantile(abortLatencies, 0.95).toFixed(1)} ms, ` +
          `max ${abortLatencies.at(-1).toFixed(1)} ms; ${abortLatencies.filter((ms) => ms <= 100).length} of ` +
          `${abortLatencies.length} within 100 ms (of ${left.size} aborts, ${left.size - reached.length} never reached the ` +
          `upstream and ${reached.length - cut.length} had ended there)`
        : 'no aborted request was still running upstream'],
      ['upstream connections open at the end', String(openUpstream)],
      ['drain after the deadline', `${((drainedAt - loadEnd) / 1000).toFixed(1)} s`],
      ['kiro-proxyd exit code after SIGTERM', String(stopped)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'));
    for (const e of errorSamples) console.log(`error: ${e}`);

    const failures = [];
    if (totals.errors !== 0) failures.push(`${totals.errors} errors`);
    if (totals.aborts !== options.aborts) failures.push(`${totals.aborts} aborts done, ${options.aborts} asked`);
    if (!upstreamClosed) failures.push(`${openUpstream} upstream connections still open 5 s after the run`);
    if (Math.abs(end.fds - baseline.fds) > 2) failures.push(`fds ${baseline.fds} → ${end.fds} (baseline ±2)`);
    if (sanitized) console.log('RSS not asserted: kiro-proxyd runs under AddressSanitizer (quarantine)');
    else if (end.rss - steadyAt.rss >= 10 * 1024) {
      failures.push(`RSS grew ${((end.rss - steadyAt.rss) / 1024).toFixed(1)} MiB after the warm-up (< 10 MiB)`);
    }
    if (stopped !== 0) failures.push(`kiro-proxyd exited with ${stopped} after SIGTERM`);
    for (const line of stack.logLines) {
      if (line.includes('e2e-refresh-')) failures.push(`a log line leaks the refresh token: ${line}`);
    }
    if (failures.length) {
      console.log(`FAIL: ${failures.join('; ')}`);
      return 1;
    }
    console.log('PASS');
    return 0;
  } finally {
    if (sampler) clearInterval(sampler);
    agent.destroy();
    await stack.stop({ killAfterMs: 5000 }).catch(() => {});
  }
}

// A last guard: whatever hangs, the script ends (and kills its children through the finally above or the exit).
const watchdog = setTimeout(() => {
  console.error(`soak: still running ${options.seconds + 120} s after the start; giving up`);
  for (const pid of [running?.pid, running?.fakePid]) {
    try { if (pid) process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  process.exit(2);
}, (options.seconds + 120) * 1000);
watchdog.unref();

main().then((code) => {
  process.exitCode = code;
}, (e) => {
  console.error(e?.stack ?? e);
  process.exitCode = 2;
}).finally(() => clearTimeout(watchdog));
