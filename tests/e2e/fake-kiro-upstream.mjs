// SPDX-License-Identifier: MIT
// A fake Kiro upstream for end-to-end tests, screenshots and trying clients by hand: real HTTP on 127.0.0.1, real
// AWS event-stream frames (both CRC32s), social/IdC token refresh with rotation, usage limits, a paginated model list,
// web search over MCP, scripted errors and truncated streams.
//
// Chat (POST /generateAssistantResponse) is driven by the conversation itself, so any client (the SDK, Claude Code, curl)
// can steer it. Directives are looked for in the current user message:
//   default                      text "Hello from fake Kiro. You said: <current user text>"
//   "[[tool]]" and tools given   "Let me check." and a tool call of Bash ({"command":"ls",…}) when offered, else of the first
//                                tool with {"city":"Oslo"} (or {} when no "city" property)
//   "[[tools:2]]" and tools given  two tool calls of the first tool in one answer, {"city":"Oslo"} and {"city":"Bergen"}
//                                (parallel calls), no text
//   tool results in the request  text "The tool said: <first result text>" (two or more results: "The tools said: <each
//                                result text, joined by " | ">")
//   a tool named structured_output*   a call of that tool (no text) whose input is a minimal valid instance of its input schema
//                                (every property; string "example" or the first enum value or the const, numbers 42, booleans
//                                true, arrays of one item, anyOf/oneOf → first non-null branch); "[[structured:text]]" ignores it
//   images in the request        "I received N image(s)."
//   "[[slow]]"                   50 text chunks, 100 ms apart (for abort tests)
//   "[[long:N]]"                 N text frames carrying 400 bytes of text each (throughput tests)
//   "[[tiny:N]]"                 N text frames carrying one short word each ("w0 ", "w1 ", …; event-rate tests)
//   "[[stall]]"                  never answers (first-byte timeout tests)
//   "[[silent]]"                 HTTP 200 and one text frame ("silent "), then nothing: the response never ends (abort-latency
//                                tests: the proxy must close the connection when its client leaves)
//   "[[id:XYZ]]"                 a marker (letters, digits, "-", "_", ".") naming this chat request in /__control/connections
//   "[[status:429]]" etc.        an HTTP error shaped like Kiro's (400-context, 400-malformed, 402, 403-bearer,
//                                403-suspended, 429, 500)
//   "[[cut:MODE]]"               the default answer is cut after its first 3 text frames. MODE socket: the socket is destroyed
//                                (no terminating chunk); partial: half of the next frame, then a clean end; tool: a started
//                                tool call (first tool of the request, else "Bash", partial input, no stop), then a clean end
//   "[[exception]]"              the default answer, then an InternalServerException frame mid-stream
//   "[[echo-error]]"             HTTP 400 {"message":"echo: <the request's headers and body as JSON>"} (a misbehaving gateway
//                                that copies the Authorization header and the whole request into its error)
//   "[[echo-exception]]"         the default answer, then an InternalServerException frame whose message echoes the request's
//                                headers and body the same way (a streamed error after content)
//   "[[cut-once:MODE]]"          the same, only the first time this process sees exactly this current-message content
//   unknown modelId              HTTP 400 {"message":"Invalid model. …","reason":"INVALID_MODEL_ID"} (see the model list below)
// Thinking: "<thinking_mode>" in the history or the current message turns it on. The answer is then preceded by
//   "<thinking>\nReasoning about it step by step.</thinking>\n\n", sent in 7-character chunks so tags split across events.
//   "[[think-end:NAME]]" picks another thinking part (table thinkEndings below): period, question, exclaim, colon, paren, fence,
//   list, cjk, single-nl, crlf, mention, no-close (never closed, and no answer text follows it). A tool call (the [[tool]] or
//   structured path) follows the thinking part directly, without "Let me check.".
// Tokens: refresh tokens containing "invalid" fail with invalid_grant; "rotate" ones are rotated (rotate → rotate1 → rotate2,
//   the old one then fails); "quota" ones give access tokens whose chats answer 402 and whose usage is 100 %; "mid" ones 80 %;
//   "echo" ones fail with HTTP 500 text/plain echoing the whole request (body with refresh token and client secret, and
//   headers), 100 characters of padding first so that a 200-character snippet cuts the token in the middle; "lateauth"
//   ones are answered 400 ms late.
//   "stall" ones never get an answer (the connection stays open; sign-in timeout tests; counted as refreshStalls).
// Model list (GET /ListAvailableModels?origin=AI_EDITOR&maxResults=N[&nextToken=T]): the §6.6 shape, paginated by maxResults.
//   Served ids: auto, claude-haiku-4.5, claude-sonnet-4.5, claude-sonnet-4.6, claude-opus-4.5, claude-opus-4.6, claude-opus-4.7,
//   or the ones given by --models id1,id2,… or FAKE_KIRO_MODELS=id1,id2,… or POST /__control/models.
// Web search (POST /mcp, JSON-RPC tools/call web_search): three results derived from the query ("Result 1 for <query>",
//   https://example.com/1?q=<query>, …). A query containing "[[mcp:error]]" gets a JSON-RPC error, "[[mcp:500]]" HTTP 500.
// Chat, model list and MCP need "Authorization: Bearer access-…" (else 403 like Kiro's bearer error).
// Control routes: GET /__control/requests (every request received, bodies parsed), GET /__control/stats (chats, refreshes,
// usageCalls, clientAborts, modelLists, mcpCalls, stalls, refreshStalls), POST /__control/reset (clears the request log and the counters),
// GET /__control/issued (every successful refresh: {from, refreshToken, accessToken}, never cleared),
// GET /__control/models, POST /__control/models {"models":["id",…]} (replace the served list) and/or {"fail":true|false}
// (the model list answers 500 while set).
// GET /__control/connections: every chat request's connection (the last 20,000), as {open, total, now, connections:
// [{id, bodyAt, arrivedAt, endedAt, closedAt, open}]}: id = the [[id:…]] marker or null; bodyAt = when the last byte of its
// body was read (before parsing); arrivedAt = when its request was read and parsed;
// endedAt = when the fake finished its response (null while it has not); closedAt = the request socket's 'close' event
// (the proxy hung up, or the connection ended after the response); open = not closed yet. Times are wall-clock
// milliseconds with sub-millisecond precision (performance.timeOrigin + performance.now()), comparable with another
// process's. open counts the open ones among all chat requests ever seen; now is the fake's clock. ?id=PREFIX keeps the
// entries whose id starts with PREFIX; ?open=1 keeps the open ones. POST /__control/reset forgets the closed ones.
// Usage: node fake-kiro-upstream.mjs [--port N] [--models id1,id2,…]; prints "listening on http://127.0.0.1:N".
import http from 'node:http';
import zlib from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;

const defaultModels = ['auto', 'claude-haiku-4.5', 'claude-sonnet-4.5', 'claude-sonnet-4.6', 'claude-opus-4.5', 'claude-opus-4.6',
  'claude-opus-4.7'];
const parseModels = (list) => list.split(',').map((s) => s.trim()).filter(Boolean);
const modelsArg = args.indexOf('--models');
let models = modelsArg >= 0 ? parseModels(args[modelsArg + 1] ?? '')
  : process.env.FAKE_KIRO_MODELS ? parseModels(process.env.FAKE_KIRO_MODELS) : defaultModels;
let modelsFail = false;

const requests = [];
const stats = { chats: 0, refreshes: 0, usageCalls: 0, clientAborts: 0, modelLists: 0, mcpCalls: 0 };
const rotated = new Set(); // refresh tokens that were rotated away (now invalid_grant)
const issued = []; // every successful refresh: which refresh token it accepted and what it answered
const cutSeen = new Set(); // current-message contents already cut by [[cut-once:…]]

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

/** One AWS event-stream message (docs/protocol.md §16.2). */
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
const invalidModel = { message: 'Invalid model. Please select a different model to continue.', reason: 'INVALID_MODEL_ID' };

// The whole thinking part that precedes the answer, by [[think-end:NAME]] (docs/protocol.md §7.2 lists the endings real
// models produce).
const thinkEndings = {
  default: '<thinking>\nReasoning about it step by step.</thinking>\n\n',
  period: '<thinking>\nLet me think step by step.</thinking>\n\n',
  question: '<thinking>\nWhat is asked?</thinking>\n\n',
  exclaim: '<thinking>\nGot it!</thinking>\n\n',
  colon: '<thinking>\nPlan:</thinking>\n\n',
  paren: '<thinking>\nDone (mostly)</thinking>\n\n',
  fence: '<thinking>\n```js\nx()\n```\n</thinking>\n\n',
  list: '<thinking>\n- step one\n- step two</thinking>\n\n',
  cjk: '<thinking>\n我想一想。</thinking>\n\n',
  'single-nl': '<thinking>\nDone.</thinking>\n',
  crlf: '<thinking>\nDone.</thinking>\r\n\r\n',
  mention: '<thinking>\nThe tag `</thinking>` and "</thinking>" are mentions.</thinking>\n\n',
  'no-close': '<thinking>\nI never close my thinking',
};

const stringFormats = {
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00Z',
  email: 'fake@example.com',
  uri: 'https://example.com/',
  uuid: '00000000-0000-4000-8000-000000000000',
};

/** A minimal valid instance of a JSON schema (structured output). Local $refs are followed. */
function exampleFor(schema, root = schema, depth = 0) {
  if (!schema || typeof schema !== 'object' || depth > 20) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#')) {
    const target = schema.$ref.slice(1).split('/').filter(Boolean)
      .reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], root);
    return exampleFor(target, root, depth + 1);
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches) && branches.length) {
    return exampleFor(branches.find((b) => b?.type !== 'null') ?? branches[0], root, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length) {
    const parts = schema.allOf.map((s) => exampleFor(s, root, depth + 1));
    return parts.every((p) => p && typeof p === 'object' && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[0];
  }
  let type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : schema.type;
  if (!type) type = schema.properties ? 'object' : schema.items ? 'array' : 'string';
  switch (type) {
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      return Object.fromEntries(props.map(([key, sub]) => [key, exampleFor(sub, root, depth + 1)]));
    }
    case 'array': {
      const item = exampleFor(schema.items ?? {}, root, depth + 1);
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
    }
    case 'integer':
    case 'number': {
      let n = 42;
      if (typeof schema.minimum === 'number' && n < schema.minimum) n = schema.minimum;
      if (typeof schema.maximum === 'number' && n > schema.maximum) n = schema.maximum;
      return type === 'integer' ? Math.ceil(n) : n;
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default: {
      const s = (stringFormats[schema.format] ?? 'example').padEnd(schema.minLength ?? 0, 'x');
      return typeof schema.maxLength === 'number' ? s.slice(0, schema.maxLength) : s;
    }
  }
}

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

const toolUseId = () => 'tooluse_' + randomUUID().replace(/-/g, '').slice(0, 22);

// Connection tracking for GET /__control/connections (abort-latency and soak tests).
const hrNow = () => performance.timeOrigin + performance.now();
const connections = []; // the last connectionsKept chat requests, oldest first
const connectionsKept = 20000;
let connectionsOpen = 0;

/** Records one chat request's connection: when it arrived, when the fake ended its response, when the socket closed. */
function trackConnection(req, res, content) {
  const entry = { id: content.match(/\[\[id:([\w.-]+)\]\]/)?.[1] ?? null, bodyAt: req.bodyAt ?? null, arrivedAt: hrNow(),
    endedAt: null, closedAt: null, open: true };
  connections.push(entry);
  if (connections.length > connectionsKept) connections.shift();
  connectionsOpen++;
  res.once('finish', () => { entry.endedAt = hrNow(); });
  const closed = () => {
    if (!entry.open) return;
    entry.closedAt = hrNow();
    entry.open = false;
    connectionsOpen--;
  };
  if (req.socket.destroyed) closed();
  else req.socket.once('close', closed);
}

function forgetClosedConnections() {
  const open = connections.filter((c) => c.open);
  connections.length = 0;
  connections.push(...open);
}

function controlConnections(res, url) {
  const prefix = url.searchParams.get('id');
  const openOnly = url.searchParams.get('open') === '1';
  const list = connections.filter((c) => (prefix === null || (c.id ?? '').startsWith(prefix)) && (!openOnly || c.open));
  sendJson(res, 200, { open: connectionsOpen, total: connections.length, now: hrNow(), connections: list });
}

/** [[silent]]: headers and one text frame, then nothing, never an end (until the proxy closes the connection). */
function silent(res) {
  stats.silent = (stats.silent ?? 0) + 1;
  res.on('close', () => { if (!res.writableFinished) stats.clientAborts++; });
  res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
  res.write(event('assistantResponseEvent', { content: 'silent ' }));
}

async function chat(req, res, body) {
  stats.chats++;
  const state = body.conversationState ?? {};
  const current = state.currentMessage?.userInputMessage ?? {};
  const content = current.content ?? '';
  const ctx = current.userInputMessageContext ?? {};
  trackConnection(req, res, content);
  if (typeof current.modelId === 'string' && !models.includes(current.modelId)) {
    res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'ValidationException' });
    res.end(JSON.stringify(invalidModel));
    return;
  }
  if (content.includes('[[echo-error]]')) {
    sendJson(res, 400, { message: `echo: ${JSON.stringify({ headers: req.headers, body })}`, reason: null });
    return;
  }
  const status = content.match(/\[\[status:([\w-]+)\]\]/);
  if (status && errors[status[1]]) {
    const [code, err] = errors[status[1]];
    const payload = JSON.stringify(err);
    res.writeHead(code, { 'content-type': 'application/json', 'x-amzn-errortype': 'ValidationException' });
    res.end(payload);
    return;
  }
  if (/\[\[silent\]\]/.test(content)) return silent(res);
  if (/\[\[stall\]\]/.test(content)) {
    // Never answers (first-byte timeout tests); the socket closes when the client gives up.
    stats.stalls = (stats.stalls ?? 0) + 1;
    res.on('close', () => { stats.clientAborts++; });
    return;
  }
  const frames = [];
  const text = (t, size = 12) => frames.push(...chunkText(t, size).map((c) => event('assistantResponseEvent', { content: c })));
  const thinking = /<thinking_mode>/.test(allText(state)) || /<thinking_mode>/.test(content);
  const ending = thinking ? (content.match(/\[\[think-end:([\w-]+)\]\]/)?.[1] ?? 'default') : null;
  const answers = ending !== 'no-close'; // an unclosed thinking part is all the model says
  const structured = /\[\[structured:text\]\]/.test(content)
    ? null : ctx.tools?.find((t) => t.toolSpecification?.name?.startsWith('structured_output'));
  let pace = 0;
  let cut = null;
  if (thinking) text(thinkEndings[ending] ?? thinkEndings.default, 7);
  if (structured) {
    const spec = structured.toolSpecification;
    const input = [...JSON.stringify(exampleFor(spec.inputSchema?.json ?? {}) ?? {})];
    const half = Math.ceil(input.length / 2);
    const id = toolUseId();
    frames.push(event('toolUseEvent', { name: spec.name, toolUseId: id, input: input.slice(0, half).join('') }));
    frames.push(event('toolUseEvent', { name: spec.name, toolUseId: id, input: input.slice(half).join(''), stop: true }));
  } else if (ctx.toolResults?.length) {
    const results = ctx.toolResults.map((r) => r.content?.map((c) => c.text).join('') ?? '');
    if (answers) text(results.length > 1 ? `The tools said: ${results.join(' | ')}` : `The tool said: ${results[0]}`);
  } else if (/\[\[tools:2\]\]/.test(content) && ctx.tools?.length) {
    const spec = ctx.tools[0].toolSpecification;
    for (const city of ['Oslo', 'Bergen']) {
      const id = toolUseId();
      frames.push(event('toolUseEvent', { name: spec.name, toolUseId: id, input: '{"city":' }));
      frames.push(event('toolUseEvent', { name: spec.name, toolUseId: id, input: `"${city}"}`, stop: true }));
    }
  } else if (/\[\[tool\]\]/.test(content) && ctx.tools?.length) {
    // Claude Code sends dozens of tools: prefer its Bash tool with a harmless command.
    const bash = ctx.tools.find((t) => t.toolSpecification.name === 'Bash');
    const spec = (bash ?? ctx.tools[0]).toolSpecification;
    const props = spec.inputSchema?.json?.properties ?? {};
    const input = bash ? '{"command":"ls","description":"List files"}' : 'city' in props ? '{"city":"Oslo"}' : '{}';
    const id = toolUseId();
    if (!thinking) frames.push(event('assistantResponseEvent', { content: 'Let me check.' }));
    frames.push(event('toolUseEvent', { name: spec.name, toolUseId: id, input: input.slice(0, 8) }));
    frames.push(event('toolUseEvent', { name: spec.name, toolUseId: id, input: input.slice(8), stop: true }));
  } else if (!answers) {
    // no-close thinking: nothing after it
  } else if (current.images?.length) {
    frames.push(event('assistantResponseEvent', { content: `I received ${current.images.length} image(s).` }));
  } else if (/\[\[slow\]\]/.test(content)) {
    pace = 100;
    for (let i = 0; i < 50; ++i) frames.push(event('assistantResponseEvent', { content: `chunk ${i} ` }));
  } else if (/\[\[tiny:\d+\]\]/.test(content)) {
    const n = Math.min(Number(content.match(/\[\[tiny:(\d+)\]\]/)[1]), 1000000);
    for (let i = 0; i < n; ++i) frames.push(event('assistantResponseEvent', { content: `w${i} ` }));
  } else if (/\[\[long:\d+\]\]/.test(content)) {
    const n = Math.min(Number(content.match(/\[\[long:(\d+)\]\]/)[1]), 1000000);
    const filler = 'The quick brown fox jumps over the lazy dog. '.repeat(10);
    for (let i = 0; i < n; ++i) frames.push(event('assistantResponseEvent', { content: `[${i}] ${filler}`.slice(0, 400) }));
  } else {
    // The directive itself is part of the echoed text, so this is always at least 4 frames of 12 characters.
    const said = content.replace(/\s+/g, ' ').trim().slice(0, 200);
    const cutAt = frames.length + 3;
    text(`Hello from fake Kiro. You said: ${said}`);
    const m = content.match(/\[\[cut(-once)?:(socket|partial|tool)\]\]/);
    if (m && !(m[1] && cutSeen.has(content))) {
      if (m[1]) cutSeen.add(content);
      cut = { at: cutAt, mode: m[2] };
    }
    if (content.includes('[[exception]]')) {
      frames.push(frame([[':message-type', 'exception'], [':exception-type', 'InternalServerException'],
        [':content-type', 'application/json']], JSON.stringify({ message: 'Encountered an unexpected error' })));
    }
    if (content.includes('[[echo-exception]]')) {
      frames.push(frame([[':message-type', 'exception'], [':exception-type', 'InternalServerException'],
        [':content-type', 'application/json']], JSON.stringify({ message: `echo: ${JSON.stringify({ headers: req.headers, body })}` })));
    }
  }
  frames.push(event('meteringEvent', { unit: 'credit', unitPlural: 'credits', usage: 0.0097 }));
  frames.push(event('contextUsageEvent', { contextUsagePercentage: 1.5 }));

  res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
  let aborted = false;
  let cutting = false;
  res.on('close', () => {
    if (!res.writableFinished && !cutting) {
      aborted = true;
      stats.clientAborts++;
    }
  });
  const drained = () => new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
  for (let i = 0; i < frames.length; ++i) {
    if (aborted) return;
    const f = frames[i];
    if (cut && i === cut.at) {
      cutting = true;
      if (cut.mode === 'socket') {
        res.socket.destroy();
      } else if (cut.mode === 'partial') {
        res.end(f.subarray(0, Math.floor(f.length / 2)));
      } else {
        const name = ctx.tools?.[0]?.toolSpecification?.name ?? 'Bash';
        res.end(event('toolUseEvent', { name, toolUseId: toolUseId(), input: '{"command":"echo hel' }));
      }
      return;
    }
    // Split every frame in two writes so the proxy's decoder sees frames cut at arbitrary points.
    const split = Math.max(1, Math.floor(f.length / 3));
    res.write(f.subarray(0, split));
    if (cut && i + 1 === cut.at) {
      // Before a cut, wait until the frames so far have really been handed to the OS.
      await new Promise((resolve) => {
        res.write(f.subarray(split), resolve);
        res.once('close', resolve);
      });
    } else if (!res.write(f.subarray(split))) {
      await drained(); // backpressure (large [[long:N]] answers)
    }
    if (pace) await new Promise((r) => setTimeout(r, pace));
  }
  res.end();
}

function refresh(req, res, body, idc) {
  stats.refreshes++;
  const token = body.refreshToken ?? '';
  if (/echo/.test(token)) {
    const text = `${'-'.repeat(100)} gateway error; request was ${JSON.stringify(body)} with headers ${JSON.stringify(req.headers)}`;
    res.writeHead(500, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  if (/stall/.test(token)) {
    stats.refreshStalls = (stats.refreshStalls ?? 0) + 1;
    return; // no answer at all: the caller's timeout must end it
  }
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
  issued.push({ from: token, refreshToken: answer.refreshToken ?? null, accessToken: answer.accessToken });
  // "lateauth" tokens are answered 400 ms late (a sign-in that finishes after later ones).
  if (/lateauth/.test(token)) setTimeout(() => sendJson(res, 200, answer), 400);
  else sendJson(res, 200, answer);
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

/** One entry of ListAvailableModels (docs/protocol.md §6.6). */
function modelInfo(modelId) {
  const m = modelId.match(/^claude-(opus|sonnet|haiku)-(\d+)\.(\d+)$/);
  const family = m?.[1];
  const version = m ? Number(m[2]) * 100 + Number(m[3]) : 0;
  const bigContext = modelId === 'auto' || (m && family !== 'haiku' && version >= 406);
  const modelName = modelId === 'auto' ? 'Auto'
    : m ? `Claude ${family[0].toUpperCase()}${family.slice(1)} ${m[2]}.${m[3]}` : modelId;
  return {
    modelId,
    modelName,
    description: modelId === 'auto' ? 'Picks the best model for each task' : `${modelName} (fake Kiro)`,
    supportedInputTypes: ['TEXT', 'IMAGE'],
    tokenLimits: { maxInputTokens: bigContext ? 1000000 : 200000, maxOutputTokens: 64000 },
    rateMultiplier: { haiku: 0.4, sonnet: 1.3, opus: 2.2 }[family] ?? 1.0,
    rateUnit: 'Credit',
  };
}

function listModels(req, res, url) {
  stats.modelLists++;
  if (!/^Bearer access-/.test(req.headers.authorization ?? '')) {
    return sendJson(res, 403, { message: 'The bearer token included in the request is invalid.' });
  }
  if (modelsFail) return sendJson(res, 500, { message: 'Internal server error' });
  const max = Number(url.searchParams.get('maxResults') ?? 50);
  if (!Number.isInteger(max) || max < 1) return sendJson(res, 400, { message: 'Invalid maxResults.', reason: null });
  const token = url.searchParams.get('nextToken');
  const start = token === null ? 0 : Number(token.match(/^page-(\d+)$/)?.[1] ?? NaN);
  if (Number.isNaN(start)) return sendJson(res, 400, { message: 'Invalid nextToken.', reason: null });
  const answer = {
    defaultModel: { modelId: models.includes('auto') || !models.length ? 'auto' : models[0] },
    models: models.slice(start, start + max).map(modelInfo),
  };
  if (start + max < models.length) answer.nextToken = `page-${start + max}`;
  sendJson(res, 200, answer);
}

/** POST /mcp: JSON-RPC tools/call web_search (docs/protocol.md §9.10). */
function mcp(req, res, body) {
  stats.mcpCalls++;
  if (!/^Bearer access-/.test(req.headers.authorization ?? '')) {
    return sendJson(res, 403, { message: 'The bearer token included in the request is invalid.' });
  }
  const id = body?.id ?? null;
  const rpcError = (code, message) => sendJson(res, 200, { id, jsonrpc: '2.0', error: { code, message } });
  if (body?.method !== 'tools/call') return rpcError(-32601, `Method not found: ${body?.method}`);
  if (body.params?.name !== 'web_search') return rpcError(-32602, `Unknown tool: ${body.params?.name}`);
  const query = body.params.arguments?.query;
  if (typeof query !== 'string' || !query) return rpcError(-32602, 'query is required');
  if (query.includes('[[mcp:500]]')) return sendJson(res, 500, { message: 'Internal server error' });
  if (query.includes('[[mcp:error]]')) return rpcError(-32000, 'search failed');
  const results = [1, 2, 3].map((i) => ({
    title: `Result ${i} for ${query}`,
    url: `https://example.com/${i}?q=${encodeURIComponent(query)}`,
    snippet: `Snippet ${i} about ${query}.`,
    publishedDate: Date.UTC(2026, 0, i),
    id: `result-${i}`,
    domain: 'example.com',
    maxVerbatimWordLimit: 25,
    publicDomain: false,
  }));
  const text = JSON.stringify({ results, totalResults: 3, query });
  sendJson(res, 200, { id, jsonrpc: '2.0', result: { content: [{ type: 'text', text }], isError: false } });
}

function controlModels(req, res, body) {
  if (req.method === 'POST') {
    const list = body?.models;
    if (list !== undefined && !(Array.isArray(list) && list.every((m) => typeof m === 'string'))) {
      return sendJson(res, 400, { message: 'models must be an array of strings' });
    }
    if (list) models = [...list];
    if (typeof body?.fail === 'boolean') modelsFail = body.fail;
  }
  sendJson(res, 200, { models, fail: modelsFail });
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const raw = await readBody(req);
  req.bodyAt = hrNow();
  let body = null;
  try { body = raw.length ? JSON.parse(raw.toString('utf8')) : null; } catch { body = null; }
  if (!url.pathname.startsWith('/__control')) {
    requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body });
    if (requests.length > 500) requests.shift();
  }
  if (url.pathname === '/__control/requests') return sendJson(res, 200, requests);
  if (url.pathname === '/__control/stats') return sendJson(res, 200, stats);
  if (url.pathname === '/__control/issued') return sendJson(res, 200, issued);
  if (url.pathname === '/__control/reset') { requests.length = 0; Object.keys(stats).forEach((k) => { stats[k] = 0; }); forgetClosedConnections(); return sendJson(res, 200, {}); }
  if (url.pathname === '/__control/models') return controlModels(req, res, body);
  if (url.pathname === '/__control/connections') return controlConnections(res, url);
  if (req.method === 'POST' && url.pathname === '/generateAssistantResponse') {
    if (!/^Bearer access-/.test(req.headers.authorization ?? '')) {
      return sendJson(res, 403, { message: 'The bearer token included in the request is invalid.' });
    }
    if (/^Bearer access-quota-/.test(req.headers.authorization)) {
      return sendJson(res, 402, errors['402'][1]);
    }
    return chat(req, res, body ?? {});
  }
  if (req.method === 'POST' && url.pathname === '/refreshToken') return refresh(req, res, body ?? {}, false);
  if (req.method === 'POST' && url.pathname === '/token') return refresh(req, res, body ?? {}, true);
  if (req.method === 'GET' && url.pathname === '/getUsageLimits') return usage(req, res);
  if (req.method === 'GET' && url.pathname === '/ListAvailableModels') return listModels(req, res, url);
  if (req.method === 'POST' && url.pathname === '/mcp') return mcp(req, res, body);
  sendJson(res, 404, { message: `fake Kiro has no route ${req.method} ${url.pathname}` });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
