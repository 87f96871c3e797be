// SPDX-License-Identifier: MIT
// A fake Kiro upstream for end-to-end tests, screenshots and trying clients by hand: real HTTP on 127.0.0.1, real
// AWS event-stream frames (both CRC32s), social/IdC token refresh with rotation, usage limits, scripted errors.
//
// Behaviour is driven by the conversation itself, so any client (the SDK, Claude Code, curl) can steer it:
//   default                      text "Hello from fake Kiro. You said: <current user text>"
//   "[[tool]]" and tools given   a tool call of the first tool with {"city":"Oslo"} (or {} when no "city" property)
//   tool results in the request  text "The tool said: <first result text>"
//   thinking tags in history     "<thinking>\nReasoning about it.\n</thinking>\n\n" before the answer
//   images in the request        "I received N image(s)."
//   "[[slow]]"                   50 text chunks, 100 ms apart (for abort tests)
//   "[[status:429]]" etc.        an HTTP error shaped like Kiro's (400-context, 400-malformed, 402, 403-bearer,
//                                403-suspended, 429, 500)
// Control routes: GET /__control/requests (every request received, bodies parsed), GET /__control/stats,
// POST /__control/reset. Usage: node fake-kiro-upstream.mjs [--port N]; prints "listening on http://127.0.0.1:N".
import http from 'node:http';
import zlib from 'node:zlib';
import { randomUUID } from 'node:crypto';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;

const requests = [];
const stats = { chats: 0, refreshes: 0, usageCalls: 0, clientAborts: 0 };
const rotated = new Set(); // refresh tokens that were rotated away (now invalid_grant)

function u32(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function stringHeader(name, value) {
  const n = Buffer.from(name, 'utf8');
  const v = Buffer.from(value, 'utf8');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(v.length);
  return Buffer.concat([Buffer.from([n.length]), n, Buffer.from([7]), len, v]);
}

/** One AWS event-stream message (kiro-protocol.md §16.2). */
export function frame(headers, payload) {
  const h = Buffer.concat(headers.map(([k, v]) => stringHeader(k, v)));
  const p = Buffer.from(payload, 'utf8');
  const total = 12 + h.length + p.length + 4;
  const prelude = Buffer.concat([u32(total), u32(h.length)]);
  const msg = Buffer.concat([prelude, u32(zlib.crc32(prelude)), h, p]);
  return Buffer.concat([msg, u32(zlib.crc32(msg))]);
}

const event = (type, obj) =>
  frame([[':message-type', 'event'], [':event-type', type], [':content-type', 'application/json']], JSON.stringify(obj));

function chunkText(text, size = 12) {
  const out = [];
  const chars = [...text];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

const errors = {
  '400-context': [400, { message: 'Input is too long.', reason: 'CONTENT_LENGTH_EXCEEDS_THRESHOLD' }],
  '400-malformed': [400, { message: 'Improperly formed request.', reason: null }],
  '402': [402, { message: 'You have reached the limit.', reason: 'MONTHLY_REQUEST_COUNT' }],
  '403-bearer': [403, { message: 'The bearer token included in the request is invalid.' }],
  '403-suspended': [403, { message: 'Your User ID (u-1) temporarily is suspended. We detected unusual user activity and locked it as a security precaution.', reason: 'TEMPORARILY_SUSPENDED' }],
  '429': [429, { message: 'Due to suspicious activity, we are imposing temporary limits on how frequently your account can send a request to Kiro.', reason: null }],
  '500': [500, { message: 'Internal server error' }],
};

function readBody(req) {
  return new Promise((resolve) => {
    const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
  });
}

function sendJson(res, status, obj) {
  const body = JSON.stringify(obj);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function allText(state) {
  const hist = state.history ?? [];
  return hist.map((h) => h.userInputMessage?.content ?? h.assistantResponseMessage?.content ?? '').join('\n');
}

async function chat(req, res, body) {
  stats.chats++;
  const state = body.conversationState ?? {};
  const current = state.currentMessage?.userInputMessage ?? {};
  const content = current.content ?? '';
  const ctx = current.userInputMessageContext ?? {};
  const status = content.match(/\[\[status:([\w-]+)\]\]/);
  if (status && errors[status[1]]) {
    const [code, err] = errors[status[1]];
    const payload = JSON.stringify(err);
    res.writeHead(code, { 'content-type': 'application/json', 'x-amzn-errortype': 'ValidationException' });
    res.end(payload);
    return;
  }
  if (/\[\[stall\]\]/.test(content)) {
    // Never answers (first-byte timeout tests); the socket closes when the client gives up.
    stats.stalls = (stats.stalls ?? 0) + 1;
    res.on('close', () => { stats.clientAborts++; });
    return;
  }
  const frames = [];
  const thinking = /<thinking_mode>/.test(allText(state)) || /<thinking_mode>/.test(content);
  let pace = 0;
  if (thinking) frames.push(...chunkText('<thinking>\nReasoning about it.\n</thinking>\n\n', 7).map((t) => event('assistantResponseEvent', { content: t })));
  if (ctx.toolResults?.length) {
    const text = ctx.toolResults[0].content?.map((c) => c.text).join('') ?? '';
    frames.push(...chunkText(`The tool said: ${text}`).map((t) => event('assistantResponseEvent', { content: t })));
  } else if (/\[\[tool\]\]/.test(content) && ctx.tools?.length) {
    // Claude Code sends dozens of tools: prefer its Bash tool with a harmless command.
    const bash = ctx.tools.find((t) => t.toolSpecification.name === 'Bash');
    const spec = (bash ?? ctx.tools[0]).toolSpecification;
    const props = spec.inputSchema?.json?.properties ?? {};
    const input = bash ? '{"command":"ls","description":"List files"}' : 'city' in props ? '{"city":"Oslo"}' : '{}';
    const id = 'tooluse_' + randomUUID().replace(/-/g, '').slice(0, 22);
    frames.push(event('assistantResponseEvent', { content: 'Let me check.' }));
    frames.push(event('toolUseEvent', { name: spec.name, toolUseId: id, input: input.slice(0, 8) }));
    frames.push(event('toolUseEvent', { name: spec.name, toolUseId: id, input: input.slice(8), stop: true }));
  } else if (current.images?.length) {
    frames.push(event('assistantResponseEvent', { content: `I received ${current.images.length} image(s).` }));
  } else if (/\[\[slow\]\]/.test(content)) {
    pace = 100;
    for (let i = 0; i < 50; ++i) frames.push(event('assistantResponseEvent', { content: `chunk ${i} ` }));
  } else {
    const said = content.replace(/\s+/g, ' ').trim().slice(0, 200);
    frames.push(...chunkText(`Hello from fake Kiro. You said: ${said}`).map((t) => event('assistantResponseEvent', { content: t })));
  }
  frames.push(event('meteringEvent', { unit: 'credit', unitPlural: 'credits', usage: 0.0097 }));
  frames.push(event('contextUsageEvent', { contextUsagePercentage: 1.5 }));

  res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
  let aborted = false;
  res.on('close', () => {
    if (!res.writableFinished) {
      aborted = true;
      stats.clientAborts++;
    }
  });
  for (const f of frames) {
    if (aborted) return;
    // Split every frame in two writes so the proxy's decoder sees frames cut at arbitrary points.
    const cut = Math.max(1, Math.floor(f.length / 3));
    res.write(f.subarray(0, cut));
    res.write(f.subarray(cut));
    if (pace) await new Promise((r) => setTimeout(r, pace));
  }
  res.end();
}

function refresh(res, body, idc) {
  stats.refreshes++;
  const token = body.refreshToken ?? '';
  if (!token || rotated.has(token) || /invalid/.test(token)) {
    sendJson(res, 400, { error: 'invalid_grant', error_description: 'Invalid refresh token provided' });
    return;
  }
  if (idc && (!body.clientId || !body.clientSecret || body.grantType !== 'refresh_token')) {
    sendJson(res, 400, { error: 'invalid_request', error_description: 'clientId, clientSecret and grantType are required' });
    return;
  }
  // Refresh tokens containing "quota" give access tokens whose chat calls answer 402 (monthly limit reached).
  // "mid" tokens report 80 % of the quota used (for screenshots of the yellow band).
  const tag = /quota/.test(token) ? 'quota-' : /mid/.test(token) ? 'mid-' : '';
  const answer = { accessToken: 'access-' + tag + randomUUID(), expiresIn: 3600 };
  if (/rotate/.test(token)) {
    rotated.add(token);
    answer.refreshToken = token.replace(/rotate(\d*)/, (_, n) => `rotate${Number(n || 0) + 1}`);
  }
  if (!idc) answer.profileArn = 'arn:aws:codewhisperer:us-east-1:699475941385:profile/EHGA3GRVQMUK';
  sendJson(res, 200, answer);
}

function usage(req, res) {
  stats.usageCalls++;
  const auth = req.headers.authorization ?? '';
  const used = /access-quota-/.test(auth) ? 1000 : /access-mid-/.test(auth) ? 800 : 380.5;
  const reset = Math.floor(Date.UTC(2026, 11, 1) / 1000);
  sendJson(res, 200, {
    daysUntilReset: 7,
    nextDateReset: reset,
    subscriptionInfo: { subscriptionTitle: 'KIRO PRO', type: 'Q_DEVELOPER_STANDALONE_PRO' },
    userInfo: { email: 'fake@example.com', userId: 'u-fake' },
    usageBreakdownList: [{
      resourceType: 'CREDIT', unit: 'INVOCATIONS', usageLimit: 1000, usageLimitWithPrecision: 1000,
      currentUsage: Math.floor(used), currentUsageWithPrecision: used, nextDateReset: reset,
    }],
  });
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const raw = await readBody(req);
  let body = null;
  try { body = raw.length ? JSON.parse(raw.toString('utf8')) : null; } catch { body = null; }
  if (!url.pathname.startsWith('/__control')) {
    requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body });
    if (requests.length > 500) requests.shift();
  }
  if (url.pathname === '/__control/requests') return sendJson(res, 200, requests);
  if (url.pathname === '/__control/stats') return sendJson(res, 200, stats);
  if (url.pathname === '/__control/reset') { requests.length = 0; Object.keys(stats).forEach((k) => { stats[k] = 0; }); return sendJson(res, 200, {}); }
  if (req.method === 'POST' && url.pathname === '/generateAssistantResponse') {
    if (!/^Bearer access-/.test(req.headers.authorization ?? '')) {
      return sendJson(res, 403, { message: 'The bearer token included in the request is invalid.' });
    }
    if (/^Bearer access-quota-/.test(req.headers.authorization)) {
      return sendJson(res, 402, errors['402'][1]);
    }
    return chat(req, res, body ?? {});
  }
  if (req.method === 'POST' && url.pathname === '/refreshToken') return refresh(res, body ?? {}, false);
  if (req.method === 'POST' && url.pathname === '/token') return refresh(res, body ?? {}, true);
  if (req.method === 'GET' && url.pathname === '/getUsageLimits') return usage(req, res);
  sendJson(res, 404, { message: `fake Kiro has no route ${req.method} ${url.pathname}` });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
