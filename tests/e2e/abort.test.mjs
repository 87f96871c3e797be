// SPDX-License-Identifier: MIT
// Clients that leave (node --test): a client that hangs up mid-stream, or before the first byte once the upstream call
// is running, cancels the upstream call promptly even while the upstream is silent; thousands of hang-ups before the
// first byte leave no stream behind (the fake's open connections drop to 0, SIGTERM finds 0 open streams and does not
// wait out its grace) and release their memory and file descriptors.
// KIRO_LONG=1 runs 5,000 aborts instead of 2,000. Memory is asserted as heap in use (/metrics'
// kiro_tray_heap_allocated_bytes); the resident size is printed. Neither is asserted under AddressSanitizer (its own
// allocator, whose quarantine holds freed memory).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startStack, API_KEY } from './harness.mjs';
import { fdCount, hrNow, pollUntil, quantile, rssKiB, sleep, streamMessage, streamProblem, underSanitizer, within }
  from '../soak/lib.mjs';

const LONG = process.env.KIRO_LONG === '1';
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const kib = (bytes) => Math.round(bytes / 1024);

/** kiro_tray_heap_allocated_bytes from /metrics, or null when kiro-proxyd does not report it. */
async function heapBytes(stack) {
  // On a connection of its own that closes after the answer: the descriptor count is measured right after.
  const text = await new Promise((resolve, reject) => {
    http.get(`${stack.baseURL}/metrics`, { agent: false, headers: { 'x-api-key': API_KEY, connection: 'close' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => { body += c; });
        res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`GET /metrics: ${res.statusCode}`))));
      }).on('error', reject);
  });
  const m = text.match(/^kiro_tray_heap_allocated_bytes (\S+)$/m);
  return m ? Number(m[1]) : null;
}

/** Stops the stack whatever happened; SIGKILL when SIGTERM does not end kiro-proxyd in time. */
async function withStack(body) {
  const stack = await startStack();
  try {
    return await body(stack);
  } finally {
    await stack.stop({ killAfterMs: 15000 });
    for (const line of stack.logLines) {
      assert.ok(!line.includes('e2e-refresh-'), `a log line leaks the refresh token: ${line}`);
    }
  }
}

/**
 * For clients that left (`left`: [{id, destroyedAt}]), waits until the fake saw every upstream connection close or
 * watched each for `observeMs` after its client left; prints the distribution of destroy → close and asserts that
 * every one closed within 1000 ms (generous for sanitizer runs; the printed numbers are what matters).
 */
async function assertUpstreamClosed(stack, what, prefix, left, observeMs = 1500) {
  const lastWatch = Math.max(...left.map((l) => l.destroyedAt)) + observeMs;
  const connections = await pollUntil(async () => {
    const c = await stack.fakeConnections(`?id=${prefix}`);
    return c.connections.every((e) => !e.open) || hrNow() > lastWatch ? c : null;
  }, { timeoutMs: observeMs + 5000, everyMs: 50 });
  assert.ok(connections, 'the fake answered /__control/connections');
  const byId = new Map(connections.connections.map((e) => [e.id, e]));
  const latencies = [];
  const notClosed = [];
  for (const { id, destroyedAt } of left) {
    const e = byId.get(id);
    assert.ok(e, `the fake saw chat request ${id}`);
    if (e.closedAt === null) notClosed.push(id);
    else latencies.push(Math.max(0, e.closedAt - destroyedAt));
  }
  latencies.sort((a, b) => a - b);
  const n = left.length;
  const within100 = latencies.filter((ms) => ms <= 100).length;
  const within1000 = latencies.filter((ms) => ms <= 1000).length;
  console.log(`client destroy → upstream closed, ${n} ${what}: ` + (latencies.length
    ? `min ${fmt(latencies[0])}, median ${fmt(quantile(latencies, 0.5))}, p95 ${fmt(quantile(latencies, 0.95))}, ` +
      `max ${fmt(latencies.at(-1))}; `
    : '') + `${within100}/${n} within 100 ms, ${within1000}/${n} within 1000 ms, ` +
    `${notClosed.length} still open ${observeMs} ms after the client left`);
  assert.equal(within1000, n, `every upstream call is cancelled within 1000 ms of its client leaving ` +
    `(${within1000}/${n}; still open: ${notClosed.slice(0, 5).join(', ')}${notClosed.length > 5 ? '…' : ''})`);
}

test('a client that leaves mid-stream cancels the silent upstream call within 100 ms', { timeout: 120000 }, async () => {
  await withStack(async (stack) => {
    const left = [];
    for (let i = 0; i < 50; ++i) {
      const id = `silent-${i}`;
      const r = await streamMessage(stack.baseURL, API_KEY, `[[silent]] [[id:${id}]]`,
        { abortOnEvent: 'content_block_delta', timeoutMs: 15000 });
      assert.equal(r.error, null, `stream ${id}: ${r.error}`);
      assert.ok(r.aborted, `stream ${id} saw a content_block_delta (events: ${r.events.join(' ')})`);
      left.push({ id, destroyedAt: r.destroyedAt });
    }
    await assertUpstreamClosed(stack, 'silent streams (left at the first delta)', 'silent-', left);
  });
});

test('a client that leaves before the first byte cancels the stalled upstream call', { timeout: 120000 }, async () => {
  await withStack(async (stack) => {
    const N = 50;
    // All 50 stalled calls reach the fake (it has read each request, sends nothing), then every client leaves.
    let release;
    const allArrived = new Promise((resolve) => { release = resolve; });
    const streams = Array.from({ length: N }, (_, i) => streamMessage(stack.baseURL, API_KEY, `[[stall]] [[id:stall-${i}]]`,
      { leaveOn: allArrived, timeoutMs: 20000 }));
    const arrived = await pollUntil(async () => (await stack.fakeConnections('?id=stall-&open=1')).connections.length === N,
      { timeoutMs: 10000 });
    release();
    const results = await within(Promise.all(streams), 20000, 'the stalled streams');
    assert.ok(arrived, 'all stalled calls reached the fake');
    const left = results.map((r, i) => {
      assert.equal(r.error, null, `stream stall-${i}: ${r.error}`);
      assert.equal(r.events.length, 0, `stream stall-${i} got no event before it left`);
      return { id: `stall-${i}`, destroyedAt: r.destroyedAt };
    });
    await assertUpstreamClosed(stack, 'stalled streams (left before the first byte)', 'stall-', left);
  });
});

test(`${LONG ? '5,000' : '2,000'} aborts before the first byte leave nothing open and nothing held`,
  { timeout: LONG ? 600000 : 240000 }, async () => {
    const total = LONG ? 5000 : 2000;
    const wave = 50;
    await withStack(async (stack) => {
      // Warm-up: 200 complete streams (token refresh, model list, allocator arenas, the request log file).
      for (let i = 0; i < 200; i += 20) {
        const results = await Promise.all(Array.from({ length: 20 }, (_, k) =>
          streamMessage(stack.baseURL, API_KEY, `warm-up ${i + k} [[id:warm-${i + k}]]`, { timeoutMs: 15000 })));
        for (const r of results) assert.equal(streamProblem(r), null, 'a warm-up stream completes');
      }
      await pollUntil(async () => (await stack.fakeConnections()).open === 0, { timeoutMs: 5000 });
      const sanitized = underSanitizer(stack.pid);
      if (!sanitized) {
        // Then 1,000 aborts like the measured ones: the request log keeps its last 1,000 rows in memory, so until it
        // is full every row is memory held on purpose, not leaked. From here on a row in is a row out. (Memory is
        // not asserted under AddressSanitizer, where these would only add a minute.)
        const restingFds = fdCount(stack.pid);
        for (let i = 0; i < 1000; i += wave) {
          const results = await within(Promise.all(Array.from({ length: wave }, (_, k) =>
            streamMessage(stack.baseURL, API_KEY, `[[stall]] [[id:fill-${i + k}]]`, { abortAfterEvents: 0, timeoutMs: 10000 }))),
          30000, `warm-up abort wave ${i / wave}`);
          for (const r of results) assert.equal(r.error, null, `a warm-up abort: ${r.error}`);
        }
        await pollUntil(async () => (await stack.fakeConnections()).open === 0, { timeoutMs: 5000 });
        await pollUntil(() => fdCount(stack.pid) <= restingFds + 2, { timeoutMs: 10000 });
      }
      await sleep(1500); // past the idle trim, as the measurement at the end
      const before = { rss: rssKiB(stack.pid), fds: fdCount(stack.pid), heap: await heapBytes(stack) };

      const started = hrNow();
      const series = []; // RSS every 500 aborts: a leak grows linearly, a one-off allocation does not
      for (let i = 0; i < total; i += wave) {
        const results = await within(Promise.all(Array.from({ length: Math.min(wave, total - i) }, (_, k) =>
          streamMessage(stack.baseURL, API_KEY, `[[stall]] [[id:pre-${i + k}]]`, { abortAfterEvents: 0, timeoutMs: 10000 }))),
        30000, `abort wave ${i / wave}`);
        for (const r of results) assert.equal(r.error, null, `an abort before the first byte: ${r.error}`);
        if ((i + wave) % 500 === 0) series.push(rssKiB(stack.pid));
      }
      const abortSeconds = (hrNow() - started) / 1000;

      // The upstream side: every stalled chat call is closed by the proxy.
      const drainStarted = hrNow();
      const drained = await pollUntil(async () => (await stack.fakeConnections()).open === 0, { timeoutMs: 5000 });
      const drainMs = hrNow() - drainStarted;
      const open = (await stack.fakeConnections()).open;
      const seen = (await stack.fakeConnections('?id=pre-')).connections.length;
      // Memory and descriptors, once the proxy had a moment to finish what the aborts left.
      // Under AddressSanitizer every exchange costs several times as much: the backlog of aborts takes longer to clear.
      await pollUntil(() => Math.abs(fdCount(stack.pid) - before.fds) <= 2, { timeoutMs: sanitized ? 60000 : 3000 });
      // A proxy at rest hands the memory of a finished burst back to the system after 1 s (ProxyServer's idle trim):
      // measure after that, as a user watching its RSS would see it.
      await sleep(1500);
      const after = { rss: rssKiB(stack.pid), fds: fdCount(stack.pid), heap: await heapBytes(stack) };

      // SIGTERM: kiro-proxyd must exit, and say how many streams it still had to wait for.
      const termAt = hrNow();
      process.kill(stack.pid, 'SIGTERM');
      const exit = await within(stack.exited, 15000, 'kiro-proxyd after SIGTERM').catch((e) => ({ error: e.message }));
      const exitMs = hrNow() - termAt;
      const line = stack.logLines.find((l) => /shutting down:/.test(l)) ?? '(no "shutting down" line)';
      const openStreams = line.match(/shutting down: (\d+) open streams?/)?.[1];

      console.log(`${total} aborts before the first byte in waves of ${wave}: ${abortSeconds.toFixed(1)} s; ` +
        `the fake saw ${seen} of them; open upstream connections ${drained ? `0 after ${fmt(drainMs)}` : `${open} after 5 s`}`);
      console.log(`kiro-proxyd RSS ${before.rss} KiB → ${after.rss} KiB (${((after.rss - before.rss) / 1024).toFixed(2)} MiB), ` +
        `fds ${before.fds} → ${after.fds}; RSS every 500 aborts (KiB): ${series.join(' ')}; heap in use ` +
        (before.heap === null ? 'not reported' : `${kib(before.heap)} KiB → ${kib(after.heap)} KiB (${((after.heap - before.heap) / 1024).toFixed(0)} KiB)`));
      console.log(`SIGTERM → exit in ${fmt(exitMs)} (${exit.error ?? `code ${exit.code}`}); it said: ${line}`);

      assert.ok(drained, `the fake's open upstream connections drop to 0 (still ${open} open after 5 s)`);
      // What a leak is measured by: the bytes the allocator has handed out and not had back (/metrics,
      // kiro_tray_heap_allocated_bytes). The resident size is no measure at this scale: glibc keeps freed memory for
      // reuse, so 1.5 s after a burst it is anywhere from +2 to +36 MiB, back to +5 to +10 MiB a few seconds later
      // (measured over 50,000 aborts). Heap in use settles at +0.5 to +1 MiB of caches sized by the peak (over
      // 40,000 aborts: 1.9 → 2.4 → 2.7 → 3.0 MiB); a leak of 1 KiB per abort adds 2 MiB here and keeps growing.
      if (sanitized) console.log('memory not asserted: kiro-proxyd runs under AddressSanitizer (its own allocator and quarantine)');
      else {
        assert.ok(before.heap !== null && after.heap !== null, 'kiro-proxyd reports kiro_tray_heap_allocated_bytes');
        assert.ok(after.heap - before.heap < 2 * 1024 * 1024,
          `heap in use grew ${kib(after.heap - before.heap)} KiB over ${total} aborts (< 2 MiB)`);
      }
      assert.ok(Math.abs(after.fds - before.fds) <= 2, `fds return to the baseline ±2 (${before.fds} → ${after.fds})`);
      assert.equal(exit.error, undefined, 'kiro-proxyd exits after SIGTERM');
      assert.equal(exit.code, 0, 'kiro-proxyd exits with 0');
      // With nothing open, SIGTERM has nothing to wait for: waiting out the 5 s grace means a stream was still counted.
      assert.ok(exitMs < 4000, `kiro-proxyd exits without waiting out the 5 s grace (${fmt(exitMs)})`);
      assert.ok(openStreams !== undefined, `kiro-proxyd prints "shutting down: N open streams" (it printed: ${line})`);
      assert.equal(Number(openStreams), 0, 'no stream is left open after the aborts');
    });
  });
