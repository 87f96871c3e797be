// SPDX-License-Identifier: MIT
// Shared by tests/soak/soak.mjs and tests/e2e/abort.test.mjs: a raw streaming Messages client that can leave at any
// point, process probes (/proc/<pid>/status VmRSS, /proc/<pid>/fd) and small statistics helpers.
import http from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Wall-clock milliseconds with sub-millisecond precision; comparable with the fake upstream's timestamps. */
export const hrNow = () => performance.timeOrigin + performance.now();

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory of a process in KiB (VmRSS), or NaN when it is gone. */
export function rssKiB(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

/** Open file descriptors of a process, or NaN when it is gone. */
export function fdCount(pid) {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
}

/**
 * Whether a process runs under AddressSanitizer (libasan mapped). Its quarantine keeps freed memory for a while (up to
 * 256 MiB), so RSS says nothing about leaks there: the tests print it but do not assert it.
 */
export function underSanitizer(pid) {
  try {
    return /libasan|libclang_rt\.asan/.test(readFileSync(`/proc/${pid}/maps`, 'utf8'));
  } catch {
    return false;
  }
}

/** Polls `probe()` every `everyMs` until it returns a truthy value or `timeoutMs` passed; returns the last value. */
export async function pollUntil(probe, { timeoutMs, everyMs = 50 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value || Date.now() >= deadline) return value;
    await sleep(everyMs);
  }
}

/** Rejects after `ms` with `what` in the message, unless `promise` settles first. */
export function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The value at quantile q (0…1) of a sorted array, nearest rank. */
export function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function messagesBody(text, { model = 'claude-sonnet-4-6', maxTokens = 256 } = {}) {
  return JSON.stringify({ model, max_tokens: maxTokens, stream: true, messages: [{ role: 'user', content: text }] });
}

/**
 * One streamed POST /v1/messages. Resolves (never rejects) with
 * {status, events: [type…], bytes, error, aborted, destroyedAt}.
 * - `abortAfterEvents: n` destroys the socket once n SSE events arrived (0: right after the request is written, before
 *   any answer); `abortOnEvent: 'content_block_delta'` destroys it at the first event of that type.
 * - `leaveOn` (a promise) destroys the socket when it resolves, wherever the exchange is.
 * - `timeoutMs` bounds the whole exchange (then error = 'timeout').
 * `destroyedAt` is hrNow() right after the socket was destroyed.
 */
export function streamMessage(baseURL, apiKey, text, { agent = false, abortAfterEvents = null, abortOnEvent = null,
  leaveOn = null, timeoutMs = 30000 } = {}) {
  const url = new URL('/v1/messages', baseURL);
  const body = messagesBody(text);
  return new Promise((resolve) => {
    const result = { status: 0, events: [], bytes: 0, error: null, aborted: false, destroyedAt: null };
    let settled = false;
    const finish = (error = null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error && !result.error) result.error = error;
      resolve(result);
    };
    const req = http.request({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
        'anthropic-version': '2023-06-01' },
    });
    const leave = () => {
      if (result.aborted) return;
      result.aborted = true;
      (req.socket ?? req).destroy();
      req.destroy();
      result.destroyedAt = hrNow();
      finish();
    };
    const timer = setTimeout(() => { req.destroy(); finish('timeout'); }, timeoutMs);
    req.on('error', (e) => finish(result.aborted ? null : `socket: ${e.code ?? e.message}`));
    req.on('response', (res) => {
      result.status = res.statusCode;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        if (result.aborted) return;
        result.bytes += Buffer.byteLength(chunk);
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = block.match(/^event: *(.*)$/m)?.[1];
          if (!type) continue;
          result.events.push(type);
          if (type === 'error' && !result.error) result.error = `error event: ${block.match(/^data: *(.*)$/m)?.[1]}`;
          if (abortOnEvent === type || (abortAfterEvents !== null && result.events.length >= abortAfterEvents)) {
            leave();
            return;
          }
        }
      });
      res.on('end', () => {
        if (result.aborted) return;
        if (res.statusCode !== 200) finish(`HTTP ${res.statusCode}`);
        else finish();
      });
      res.on('error', (e) => finish(result.aborted ? null : `response: ${e.code ?? e.message}`));
      res.on('aborted', () => finish(result.aborted ? null : 'response aborted by the server'));
    });
    if (abortAfterEvents === 0) req.end(body, leave);
    else req.end(body);
    leaveOn?.then(() => { if (!settled) leave(); });
  });
}

/** What a complete stream must look like: 200, message_start first, message_stop last, no error event. */
export function streamProblem(result) {
  if (result.error) return result.error;
  if (result.status !== 200) return `HTTP ${result.status}`;
  if (result.events[0] !== 'message_start') return `first event ${result.events[0]}`;
  if (result.events.at(-1) !== 'message_stop') return `last event ${result.events.at(-1)} (${result.events.length} events)`;
  return null;
}
