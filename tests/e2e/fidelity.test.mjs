// SPDX-License-Identifier: MIT
// Anthropic API fidelity end to end (node --test): stop sequences, structured output, cut-off Kiro streams, model
// resolution against the served model list, web search over MCP, usage in message_start, Expect: 100-continue and
// thinking-tag endings, with the official SDK and on the raw wire, against a real kiro-proxyd and the fake Kiro upstream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn } from 'node:child_process';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { startStack, sharedStack, API_KEY, weatherTool, personSchema } from './harness.mjs';

let stack;
let client;
const MODEL = 'claude-sonnet-4-6';
const HEADERS = { 'x-api-key': API_KEY, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };


sharedStack({}, (s) => {
  stack = s;
  client = new Anthropic({ apiKey: API_KEY, baseURL: stack.baseURL, maxRetries: 0, timeout: 20000 });
});

// ---------------------------------------------------------------------------------------------------------------------
// Helpers

/** POST to the proxy on the raw wire. */
async function post(body, { route = '/v1/messages', headers = {}, base = stack.baseURL } = {}) {
  return fetch(`${base}${route}`, { method: 'POST', headers: { ...HEADERS, ...headers }, body: JSON.stringify(body) });
}

/** Parses an SSE body into [{event, data}]. */
function parseSse(text) {
  const out = [];
  for (const chunk of text.split(/\r?\n\r?\n/)) {
    if (!chunk.trim()) continue;
    const event = chunk.match(/^event: ?(.*)$/m)?.[1];
    const dataLines = [...chunk.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]);
    const data = dataLines.length ? JSON.parse(dataLines.join('\n')) : null;
    out.push({ event, data });
  }
  return out;
}

/** A streaming request on the raw wire: status, request id, parsed events. */
async function streamRaw(body, opts) {
  const r = await post({ ...body, stream: true }, opts);
  const text = await r.text();
  assert.equal(r.status, 200, `streaming request answered ${r.status}: ${text}`);
  assert.match(r.headers.get('content-type') ?? '', /text\/event-stream/);
  return { requestId: r.headers.get('request-id'), events: parseSse(text), text };
}

const textDeltas = (events) => events
  .filter((e) => e.event === 'content_block_delta' && e.data.delta.type === 'text_delta')
  .map((e) => e.data.delta.text);

async function chatRequests(s = stack) {
  return (await s.fakeRequests()).filter((r) => r.method === 'POST' && r.path === '/generateAssistantResponse');
}

/** The chat requests the fake received whose current message contains `marker`. */
async function chatsWith(marker, s = stack) {
  return (await chatRequests(s))
    .filter((r) => (r.body?.conversationState?.currentMessage?.userInputMessage?.content ?? '').includes(marker));
}

const currentOf = (req) => req.body.conversationState.currentMessage.userInputMessage;

async function logRow(requestId, s = stack) {
  assert.ok(requestId, 'the answer carries a request-id header');
  // The log row is written when the exchange completes; give it a moment after the last byte.
  for (let i = 0; i < 20; ++i) {
    const logs = await s.api('GET', '/api/logs?limit=5');
    assert.equal(logs.status, 200);
    assert.ok(Array.isArray(logs.body), '/api/logs answers an array of rows');
    const row = logs.body.find((r) => r.id === requestId);
    if (row) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`no log row for ${requestId}`);
}

// ---------------------------------------------------------------------------------------------------------------------
// 1. stop_sequences

test('stop_sequences: non-streaming stops before the sequence and names it', async () => {
  const msg = await client.messages.create({
    model: MODEL, max_tokens: 256, stop_sequences: ['fake'], messages: [{ role: 'user', content: 'Hi' }],
  });
  assert.equal(msg.content.length, 1);
  assert.equal(msg.content[0].type, 'text');
  assert.equal(msg.content[0].text, 'Hello from ');
  assert.equal(msg.stop_reason, 'stop_sequence');
  assert.equal(msg.stop_sequence, 'fake');
});

test('stop_sequences: streaming never sends the sequence and reports it in message_delta', async () => {
  const { events } = await streamRaw({
    model: MODEL, max_tokens: 256, stop_sequences: ['fake'], messages: [{ role: 'user', content: 'Hi' }],
  });
  const deltas = textDeltas(events);
  assert.ok(deltas.length > 0, 'some text was streamed');
  assert.equal(deltas.join(''), 'Hello from ');
  assert.ok(!deltas.at(-1).includes('fake'), `the last text delta holds the sequence: ${JSON.stringify(deltas.at(-1))}`);
  assert.ok(deltas.every((d) => !d.includes('fake')));
  const md = events.find((e) => e.event === 'message_delta');
  assert.ok(md, 'a message_delta event');
  assert.equal(md.data.delta.stop_reason, 'stop_sequence');
  assert.equal(md.data.delta.stop_sequence, 'fake');
  assert.equal(events.at(-1).event, 'message_stop');
});

test('stop_sequences: a sequence split across upstream chunks still matches (both modes)', async () => {
  // The fake sends "Hello from f" "ake Kiro. Yo" "u said: Hi": "Kiro. You" spans two chunks.
  const body = { model: MODEL, max_tokens: 256, stop_sequences: ['Kiro. You'], messages: [{ role: 'user', content: 'Hi' }] };
  const msg = await client.messages.create(body);
  assert.equal(msg.content[0].text, 'Hello from fake ');
  assert.equal(msg.stop_reason, 'stop_sequence');
  assert.equal(msg.stop_sequence, 'Kiro. You');

  const { events } = await streamRaw(body);
  assert.equal(textDeltas(events).join(''), 'Hello from fake ');
  const md = events.find((e) => e.event === 'message_delta');
  assert.equal(md.data.delta.stop_reason, 'stop_sequence');
  assert.equal(md.data.delta.stop_sequence, 'Kiro. You');
});

test('stop_sequences: a sequence that never occurs gives end_turn and the full text (both modes)', async () => {
  const body = { model: MODEL, max_tokens: 256, stop_sequences: ['zebra', 'FAKE'], messages: [{ role: 'user', content: 'Hi' }] };
  const msg = await client.messages.create(body);
  assert.equal(msg.content[0].text, 'Hello from fake Kiro. You said: Hi');
  assert.equal(msg.stop_reason, 'end_turn');
  assert.equal(msg.stop_sequence, null);

  const { events } = await streamRaw(body);
  assert.equal(textDeltas(events).join(''), 'Hello from fake Kiro. You said: Hi');
  const md = events.find((e) => e.event === 'message_delta');
  assert.equal(md.data.delta.stop_reason, 'end_turn');
  assert.equal(md.data.delta.stop_sequence, null);
});

// ---------------------------------------------------------------------------------------------------------------------
// 2. Structured output

test('structured output (output_config.format): one JSON text block, and Kiro got a structured_output tool', async () => {
  const msg = await client.messages.create({
    model: MODEL,
    max_tokens: 512,
    output_config: { format: { type: 'json_schema', schema: personSchema } },
    messages: [{ role: 'user', content: 'Invent a person [so-1]' }],
  });
  assert.equal(msg.content.length, 1, `one content block, got ${JSON.stringify(msg.content)}`);
  assert.equal(msg.content[0].type, 'text');
  assert.deepEqual(JSON.parse(msg.content[0].text), { name: 'example', age: 42 });
  assert.equal(msg.stop_reason, 'end_turn');

  const [sent] = (await chatsWith('[so-1]')).slice(-1);
  assert.ok(sent, 'the fake received the chat');
  const tools = currentOf(sent).userInputMessageContext?.tools ?? [];
  const tool = tools.find((t) => t.toolSpecification?.name === 'structured_output');
  assert.ok(tool, `a structured_output tool was sent; tools: ${JSON.stringify(tools.map((t) => t.toolSpecification?.name))}`);
  const schema = tool.toolSpecification.inputSchema.json;
  assert.equal(schema.type, 'object');
  assert.deepEqual(schema.properties, personSchema.properties);
  assert.deepEqual(schema.required, personSchema.required);
});

test('structured output streaming: the text deltas concatenate to valid JSON', async () => {
  const { events } = await streamRaw({
    model: MODEL,
    max_tokens: 512,
    output_config: { format: { type: 'json_schema', schema: personSchema } },
    messages: [{ role: 'user', content: 'Invent a person [so-2]' }],
  });
  const starts = events.filter((e) => e.event === 'content_block_start').map((e) => e.data.content_block.type);
  assert.deepEqual(starts, ['text'], 'only a text block is streamed (no tool_use)');
  assert.deepEqual(JSON.parse(textDeltas(events).join('')), { name: 'example', age: 42 });
  const md = events.find((e) => e.event === 'message_delta');
  assert.equal(md.data.delta.stop_reason, 'end_turn');
  assert.equal(events.at(-1).event, 'message_stop');
});

test('structured output: the beta spelling output_format works too', async () => {
  const r = await post({
    model: MODEL,
    max_tokens: 512,
    output_format: { type: 'json_schema', schema: personSchema },
    messages: [{ role: 'user', content: 'Invent a person [so-3]' }],
  }, { headers: { 'anthropic-beta': 'structured-outputs-2025-11-13' } });
  const body = await r.json();
  assert.equal(r.status, 200, JSON.stringify(body));
  assert.equal(body.content.length, 1);
  assert.equal(body.content[0].type, 'text');
  assert.deepEqual(JSON.parse(body.content[0].text), { name: 'example', age: 42 });
  assert.equal(body.stop_reason, 'end_turn');
  const [sent] = (await chatsWith('[so-3]')).slice(-1);
  assert.ok(currentOf(sent).userInputMessageContext.tools.some((t) => t.toolSpecification.name === 'structured_output'));
});

test('structured output: an array-rooted schema is a 400 naming output_config.format.schema', async () => {
  const chatsBefore = (await chatRequests()).length;
  const r = await post({
    model: MODEL,
    max_tokens: 512,
    output_config: { format: { type: 'json_schema', schema: { type: 'array', items: { type: 'string' } } } },
    messages: [{ role: 'user', content: 'List names' }],
  });
  const body = await r.json();
  assert.equal(r.status, 400, JSON.stringify(body));
  assert.equal(body.type, 'error');
  assert.equal(body.error.type, 'invalid_request_error');
  assert.match(body.error.message, /output_config\.format\.schema/);
  assert.equal((await chatRequests()).length, chatsBefore, 'nothing was sent to Kiro');
  // The SDK surfaces it as a BadRequestError.
  await assert.rejects(
    client.messages.create({
      model: MODEL, max_tokens: 64,
      output_config: { format: { type: 'json_schema', schema: { type: 'array', items: { type: 'string' } } } },
      messages: [{ role: 'user', content: 'List names' }],
    }),
    (e) => e instanceof Anthropic.BadRequestError && /output_config\.format\.schema/.test(e.message),
  );
});

test('structured output: a model that answers prose instead of calling the tool gives the prose as text', async () => {
  const msg = await client.messages.create({
    model: MODEL,
    max_tokens: 512,
    output_config: { format: { type: 'json_schema', schema: personSchema } },
    messages: [{ role: 'user', content: 'Describe a person [[structured:text]]' }],
  });
  assert.equal(msg.content.length, 1);
  assert.equal(msg.content[0].type, 'text');
  assert.match(msg.content[0].text, /^Hello from fake Kiro\. You said: .*Describe a person/);
  assert.equal(msg.stop_reason, 'end_turn');
});

// ---------------------------------------------------------------------------------------------------------------------
// 3. Cut-off upstream streams

for (const mode of ['socket', 'partial', 'tool']) {
  test(`truncation: a streamed answer cut by Kiro (${mode}) ends with an api_error event and no message_stop`, async () => {
    const marker = `[cut-stream-${mode}]`;
    const { requestId, events, text } = await streamRaw({
      model: MODEL,
      max_tokens: 256,
      ...(mode === 'tool' ? { tools: [weatherTool] } : {}),
      messages: [{ role: 'user', content: `Tell me ${marker} [[cut:${mode}]]` }],
    });
    assert.equal(events[0].event, 'message_start');
    assert.ok(textDeltas(events).join('').startsWith('Hello from f'), 'the part Kiro sent was streamed');
    const err = events.find((e) => e.event === 'error');
    assert.ok(err, `an error event; stream was:\n${text}`);
    assert.equal(err.data.type, 'error');
    assert.equal(err.data.error.type, 'api_error');
    assert.match(err.data.error.message, /upstream connection was lost/i);
    assert.ok(!events.some((e) => e.event === 'message_stop'), 'no message_stop after a cut-off');

    const row = await logRow(requestId);
    assert.equal(row.success, false, 'the log row is a failure');
    assert.equal(row.stream, true);
    assert.match(JSON.stringify([row.error_class, row.error, row.hops]), /truncat|connection was lost/i);
  });
}

test('an exception frame mid-answer: non-streaming gets an Anthropic error (not a hang), streaming an error event', async () => {
  const content = 'Tell me [exception-ns] [[exception]]';
  const r = await post({ model: MODEL, max_tokens: 256, messages: [{ role: 'user', content }] },
    { headers: {} });
  const body = await r.json();
  assert.equal(r.status, 500, JSON.stringify(body));
  assert.equal(body.type, 'error');
  assert.equal(body.error.type, 'api_error');
  assert.match(body.error.message, /InternalServerException/);
  const row = await logRow(r.headers.get('request-id'));
  assert.equal(row.status, 500);

  const { events } = await streamRaw({ model: MODEL, max_tokens: 256,
    messages: [{ role: 'user', content: 'Tell me [exception-s] [[exception]]' }] });
  assert.ok(textDeltas(events).join('').startsWith('Hello from fake Kiro'), 'the text before the exception streamed');
  const err = events.find((e) => e.event === 'error');
  assert.ok(err, 'an error event');
  assert.match(err.data.error.message, /InternalServerException/);
  assert.ok(!events.some((e) => e.event === 'message_stop'), 'no message_stop after the error');
});

test('truncation: a non-streaming answer cut once is retried and answered in full', async () => {
  const marker = '[cut-once-ns]';
  const content = `Tell me ${marker} [[cut-once:socket]]`;
  const r = await post({ model: MODEL, max_tokens: 256, messages: [{ role: 'user', content }] });
  const body = await r.json();
  assert.equal(r.status, 200, JSON.stringify(body));
  assert.equal(body.content[0].text, `Hello from fake Kiro. You said: ${content}`);
  assert.equal(body.stop_reason, 'end_turn');
  assert.equal((await chatsWith(marker)).length, 2, 'the fake saw the first (cut) and the retried chat');
  const row = await logRow(r.headers.get('request-id'));
  assert.equal(row.status, 200);
  assert.equal(row.success, true);
  assert.equal(row.hops.length, 1, `one hop for the cut attempt: ${JSON.stringify(row.hops)}`);
  assert.match(row.hops[0].error, /truncat/i);
});

test('truncation: a non-streaming answer that is always cut is a 502 in Anthropic error shape', async () => {
  const marker = '[cut-always-ns]';
  const r = await post({ model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: `Tell me ${marker} [[cut:partial]]` }] });
  const body = await r.json();
  assert.equal(r.status, 502, JSON.stringify(body));
  assert.equal(body.type, 'error');
  assert.equal(body.error.type, 'api_error');
  assert.match(body.error.message, /upstream connection was lost/i);
  assert.equal(body.request_id, r.headers.get('request-id'));
  assert.equal((await chatsWith(marker)).length, 2, 'one retry, then the error');
  const row = await logRow(r.headers.get('request-id'));
  assert.equal(row.status, 502);
  assert.equal(row.success, false);
  assert.equal(row.error_class, 'api_error');
  assert.match(row.error, /upstream connection was lost/i);
  assert.equal(row.hops.length, 2);
  assert.ok(row.hops.every((h) => /truncat/i.test(h.error)), JSON.stringify(row.hops));
  // The SDK sees an InternalServerError-family APIError with status 502.
  await assert.rejects(
    client.messages.create({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: `Again ${marker} [[cut:partial]]` }] }),
    (e) => e instanceof Anthropic.APIError && e.status === 502 && /upstream connection was lost/i.test(e.message),
  );
});

// ---------------------------------------------------------------------------------------------------------------------
// 4. Models

async function listAllModels(base) {
  const data = [];
  let after = null;
  for (let page = 0; page < 50; ++page) {
    const r = await fetch(`${base}/v1/models?limit=100${after ? `&after_id=${encodeURIComponent(after)}` : ''}`,
      { headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01' } });
    const body = await r.json();
    assert.equal(r.status, 200, JSON.stringify(body));
    data.push(...body.data);
    if (!body.has_more) break;
    after = body.last_id;
  }
  return data;
}

test('models: /v1/models reflects the served list (claude-opus-4-7 with kiro_model_id)', async () => {
  // The served list is fetched in the background; give it a moment.
  let models = [];
  for (let i = 0; i < 30; ++i) {
    models = await listAllModels(stack.baseURL);
    if (models.some((m) => m.id === 'claude-opus-4-7')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const ids = models.map((m) => m.id);
  assert.ok(ids.includes('claude-opus-4-7'), `claude-opus-4-7 listed; ids: ${ids.join(', ')}`);
  const opus = models.find((m) => m.id === 'claude-opus-4-7');
  assert.equal(opus.kiro_model_id, 'claude-opus-4.7');
  assert.equal(opus.type, 'model');
  const sonnet = models.find((m) => m.id === 'claude-sonnet-4-6');
  assert.ok(sonnet, 'claude-sonnet-4-6 listed');
  assert.equal(sonnet.kiro_model_id, 'claude-sonnet-4.6');
});

test('models: a newer opus than Kiro serves (claude-opus-4-8) goes to claude-opus-4.7 and echoes the asked model', async () => {
  const msg = await client.messages.create({
    model: 'claude-opus-4-8', max_tokens: 64, messages: [{ role: 'user', content: 'Hi [model-opus-4-8]' }],
  });
  assert.equal(msg.model, 'claude-opus-4-8');
  assert.match(msg.content[0].text, /Hello from fake Kiro/);
  const [sent] = (await chatsWith('[model-opus-4-8]')).slice(-1);
  assert.equal(currentOf(sent).modelId, 'claude-opus-4.7');
});

test('models: claude-sonnet-5 goes to the newest served sonnet (claude-sonnet-4.6)', async () => {
  const msg = await client.messages.create({
    model: 'claude-sonnet-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi [model-sonnet-5]' }],
  });
  assert.equal(msg.model, 'claude-sonnet-5');
  const sent = await chatsWith('[model-sonnet-5]');
  assert.ok(sent.length >= 1, 'the fake received the chat');
  assert.equal(currentOf(sent.at(-1)).modelId, 'claude-sonnet-4.6');
});

test('models: a non-Claude model is a 400 listing the available models, not sent to Kiro', async () => {
  const r = await post({ model: 'gpt-4o', max_tokens: 64, messages: [{ role: 'user', content: 'Hi [model-gpt-4o]' }] });
  const body = await r.json();
  assert.equal(r.status, 400, JSON.stringify(body));
  assert.equal(body.error.type, 'invalid_request_error');
  assert.match(body.error.message, /claude-sonnet-4\.6/, `the message lists the available models: ${body.error.message}`);
  assert.equal((await chatsWith('[model-gpt-4o]')).length, 0, 'not sent to Kiro');
});

test('models: Kiro dropping a model (INVALID_MODEL_ID) refreshes the list and the request is answered', async () => {
  const s = await startStack();
  try {
    // The proxy knows the default list (it lists claude-sonnet-4-6 and served it once).
    const warm = await post({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'warm up' }] }, { base: s.baseURL });
    assert.equal(warm.status, 200, await warm.text());
    assert.equal(currentOf((await chatRequests(s)).at(-1)).modelId, 'claude-sonnet-4.6');

    const ctl = await fetch(`${s.fakeUrl}/__control/models`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ models: ['auto', 'claude-sonnet-4.5'] }),
    });
    assert.equal(ctl.status, 200);

    const r = await post({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'Hi [model-dropped]' }] }, { base: s.baseURL });
    const body = await r.json();
    assert.equal(r.status, 200, `expected the proxy to refresh its model list and retry; got ${r.status} ${JSON.stringify(body)}`);
    assert.equal(body.model, MODEL);
    assert.match(body.content[0].text, /Hello from fake Kiro/);
    const sent = await chatsWith('[model-dropped]', s);
    assert.equal(currentOf(sent[0]).modelId, 'claude-sonnet-4.6', 'the first attempt used the stale model');
    assert.equal(currentOf(sent.at(-1)).modelId, 'claude-sonnet-4.5', 'the answered attempt used a served model');
    const all = await s.fakeRequests();
    const firstChat = all.findIndex((x) => x.path === '/generateAssistantResponse' &&
      (x.body?.conversationState?.currentMessage?.userInputMessage?.content ?? '').includes('[model-dropped]'));
    assert.ok(all.slice(firstChat + 1).some((x) => x.path === '/ListAvailableModels'),
      'the model list was re-fetched after INVALID_MODEL_ID');
  } finally {
    await s.stop();
  }
});

/** Starts a fake Kiro upstream of our own (so it can be steered before kiro-proxyd starts). */
async function startFake() {
  const fake = spawn(process.execPath, [path.join(path.dirname(new URL(import.meta.url).pathname), 'fake-kiro-upstream.mjs'), '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`fake did not start: ${seen}`)), 15000);
    fake.stdout.on('data', (c) => {
      seen += c.toString();
      const m = seen.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    fake.on('exit', (code) => { clearTimeout(timer); reject(new Error(`fake exited with ${code}: ${seen}`)); });
  });
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => fake.on('exit', resolve));
      fake.kill('SIGTERM');
      await exited;
    },
  };
}

test('models: when the model list route fails, /v1/models falls back to the built-in catalogue and requests work', async () => {
  const fake = await startFake();
  let s;
  try {
    const ctl = await fetch(`${fake.url}/__control/models`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fail: true }),
    });
    assert.equal(ctl.status, 200);
    s = await startStack({ env: { KIRO_API_ENDPOINT: fake.url, KIRO_SOCIAL_AUTH_ENDPOINT: fake.url, KIRO_IDC_AUTH_ENDPOINT: fake.url } });
    const msg = await post({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'Hi [model-fallback]' }] }, { base: s.baseURL });
    const body = await msg.json();
    assert.equal(msg.status, 200, JSON.stringify(body));
    assert.match(body.content[0].text, /Hello from fake Kiro/);

    const models = await listAllModels(s.baseURL);
    assert.ok(models.some((m) => m.id === 'claude-sonnet-4-6'), 'the built-in catalogue is listed');

    const reqs = await (await fetch(`${fake.url}/__control/requests`)).json();
    const chat = reqs.filter((r) => r.path === '/generateAssistantResponse').at(-1);
    assert.equal(currentOf(chat).modelId, 'claude-sonnet-4.6');
    assert.ok(reqs.some((r) => r.path === '/ListAvailableModels'), 'the proxy did try the model list route');
  } finally {
    if (s) await s.stop();
    await fake.stop();
  }
});

// ---------------------------------------------------------------------------------------------------------------------
// 5. Web search

const webSearchTool = { type: 'web_search_20250305', name: 'web_search', max_uses: 8 };

function assertWebSearchMessage(msg, query, { results = 3 } = {}) {
  assert.deepEqual(msg.content.map((b) => b.type), ['text', 'server_tool_use', 'web_search_tool_result', 'text'],
    `content: ${JSON.stringify(msg.content)}`);
  const [, use, result, summary] = msg.content;
  assert.equal(use.name, 'web_search');
  assert.equal(use.input.query, query);
  assert.match(use.id, /^srvtoolu_/);
  assert.equal(result.tool_use_id, use.id);
  assert.ok(Array.isArray(result.content), 'web_search_tool_result content is an array');
  assert.equal(result.content.length, results);
  if (results) {
    assert.ok(result.content.every((x) => x.type === 'web_search_result'));
    assert.equal(result.content[0].title, `Result 1 for ${query}`);
    assert.equal(result.content[0].url, `https://example.com/1?q=${encodeURIComponent(query)}`);
    assert.equal(result.content[2].title, `Result 3 for ${query}`);
    assert.ok(summary.text.includes(`Result 1 for ${query}`), `the summary mentions the first result: ${summary.text}`);
  }
  assert.equal(msg.stop_reason, 'end_turn');
  assert.equal(msg.usage.server_tool_use?.web_search_requests, 1);
}

test('web search: non-streaming answers from Kiro MCP with Anthropic server-tool blocks, no chat call', async () => {
  const query = 'qt 6.8 release';
  const chatsBefore = (await chatRequests()).length;
  const msg = await client.messages.create({
    model: MODEL, max_tokens: 1024, tools: [webSearchTool],
    messages: [{ role: 'user', content: `Perform a web search for the query: ${query}` }],
  });
  assertWebSearchMessage(msg, query);
  const reqs = await stack.fakeRequests();
  const mcp = reqs.filter((r) => r.method === 'POST' && r.path === '/mcp');
  assert.ok(mcp.length >= 1, 'the fake received a POST /mcp');
  assert.equal(mcp.at(-1).body.params.arguments.query, query);
  assert.equal((await chatRequests()).length, chatsBefore, 'no chat call for a web search');
});

test('web search: streaming gives the same blocks (SDK finalMessage)', async () => {
  const query = 'qt 6.8 release notes';
  const chatsBefore = (await chatRequests()).length;
  const stream = client.messages.stream({
    model: MODEL, max_tokens: 1024, tools: [webSearchTool],
    messages: [{ role: 'user', content: `Perform a web search for the query: ${query}` }],
  });
  const msg = await stream.finalMessage();
  assertWebSearchMessage(msg, query);
  const mcp = (await stack.fakeRequests()).filter((r) => r.path === '/mcp');
  assert.equal(mcp.at(-1).body.params.arguments.query, query);
  assert.equal((await chatRequests()).length, chatsBefore, 'no chat call for a web search');
});

test('web search: an MCP error still answers 200 with an empty result list', async () => {
  const query = 'qt [[mcp:error]]';
  const chatsBefore = (await chatRequests()).length;
  const r = await post({
    model: MODEL, max_tokens: 1024, tools: [webSearchTool],
    messages: [{ role: 'user', content: `Perform a web search for the query: ${query}` }],
  });
  const body = await r.json();
  assert.equal(r.status, 200, JSON.stringify(body));
  assertWebSearchMessage(body, query, { results: 0 });
  const mcp = (await stack.fakeRequests()).filter((x) => x.path === '/mcp');
  assert.equal(mcp.at(-1).body.params.arguments.query, query);
  assert.equal((await chatRequests()).length, chatsBefore);
});

// ---------------------------------------------------------------------------------------------------------------------
// 6. message_start usage = count_tokens

test('message_start.usage.input_tokens equals count_tokens for the same body', async () => {
  const request = {
    model: MODEL,
    system: 'You are a careful assistant. Answer briefly and cite the weather tool when you use it.',
    tools: [weatherTool],
    messages: [
      { role: 'user', content: 'What is the weather in Oslo today? I am planning a long walk along the fjord.' },
      { role: 'assistant', content: 'I can check that for you. Which part of the day matters most?' },
      { role: 'user', content: 'The afternoon, roughly from two to six. Also tell me if I need an umbrella.' },
    ],
  };
  const counted = await post(request, { route: '/v1/messages/count_tokens' });
  const countBody = await counted.json();
  assert.equal(counted.status, 200, JSON.stringify(countBody));
  assert.ok(countBody.input_tokens > 20);

  const { events } = await streamRaw({ ...request, max_tokens: 256 });
  const start = events.find((e) => e.event === 'message_start');
  assert.equal(start.data.message.usage.input_tokens, countBody.input_tokens);
  const sdkCount = await client.messages.countTokens(request);
  assert.equal(sdkCount.input_tokens, countBody.input_tokens);
});

// ---------------------------------------------------------------------------------------------------------------------
// 7. Expect: 100-continue

test('Expect: 100-continue is answered at once', async () => {
  const body = Buffer.from(JSON.stringify({
    model: MODEL, messages: [{ role: 'user', content: 'x'.repeat(5000) }],
  }));
  assert.ok(body.length > 5000);
  const started = performance.now();
  const result = await new Promise((resolve, reject) => {
    const url = new URL('/v1/messages/count_tokens', stack.baseURL);
    let continued = false;
    const req = http.request(url, {
      method: 'POST',
      headers: { ...HEADERS, 'content-length': body.length, expect: '100-continue' },
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within 2 s (continue event ${continued ? 'fired' : 'never fired'})`));
    }, 2000);
    req.on('continue', () => {
      continued = true;
      req.end(body);
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode, text, continued });
      });
    });
    req.on('error', (e) => { clearTimeout(timer); reject(e); });
    req.flushHeaders();
  });
  const elapsed = performance.now() - started;
  assert.equal(result.continued, true, 'the server sent 100 Continue');
  assert.equal(result.status, 200, result.text);
  assert.ok(JSON.parse(result.text).input_tokens > 1000);
  assert.ok(elapsed < 500, `the exchange took ${elapsed.toFixed(0)} ms`);
});

// ---------------------------------------------------------------------------------------------------------------------
// 8. Thinking end to end

const thinkingBodies = {
  period: 'Let me think step by step.',
  question: 'What is asked?',
  exclaim: 'Got it!',
  colon: 'Plan:',
  paren: 'Done (mostly)',
  fence: '```js\nx()\n```',
  list: '- step one\n- step two',
  cjk: '我想一想。',
  'single-nl': 'Done.',
  crlf: 'Done.',
  mention: 'The tag `</thinking>` and "</thinking>" are mentions.',
};

function assertThinkingAnswer(msg, ending) {
  assert.deepEqual(msg.content.map((b) => b.type), ['thinking', 'text'], `[${ending}] content: ${JSON.stringify(msg.content)}`);
  const [thinking, text] = msg.content;
  if (ending === 'mention') {
    assert.ok(thinking.thinking.includes('`</thinking>`') && thinking.thinking.includes('"</thinking>"'),
      `[mention] the mentions stay inside the thinking: ${JSON.stringify(thinking.thinking)}`);
  } else {
    assert.ok(!thinking.thinking.includes('</thinking>'), `[${ending}] thinking holds the end tag: ${JSON.stringify(thinking.thinking)}`);
  }
  assert.equal(thinking.thinking.trim(), thinkingBodies[ending], `[${ending}] thinking text`);
  assert.match(text.text, /^Hello from fake Kiro\. You said: /, `[${ending}] the text block is the answer: ${JSON.stringify(text.text)}`);
  assert.ok(!text.text.includes('thinking>'), `[${ending}] no tag leaks into the answer: ${JSON.stringify(text.text)}`);
  assert.equal(msg.stop_reason, 'end_turn', `[${ending}] stop_reason`);
}

const thinkingRequest = (content, extra = {}) => ({
  model: MODEL, max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 },
  messages: [{ role: 'user', content }], ...extra,
});

test('thinking: every end-of-thinking form splits into [thinking, text] (non-streaming)', async () => {
  for (const ending of Object.keys(thinkingBodies)) {
    const msg = await client.messages.create(thinkingRequest(`Answer me [[think-end:${ending}]]`));
    assertThinkingAnswer(msg, ending);
  }
});

test('thinking: every end-of-thinking form splits into [thinking, text] (streaming, SDK finalMessage)', async () => {
  for (const ending of Object.keys(thinkingBodies)) {
    const msg = await client.messages.stream(thinkingRequest(`Answer me [[think-end:${ending}]]`)).finalMessage();
    assertThinkingAnswer(msg, ending);
    assert.ok(msg.content[0].signature?.length > 0, `[${ending}] the thinking block is signed`);
  }
});

test('thinking: never closed → thinking block, a " " text block and max_tokens (both modes)', async () => {
  const body = thinkingRequest('Answer me [[think-end:no-close]]');
  for (const msg of [await client.messages.create(body), await client.messages.stream(body).finalMessage()]) {
    assert.deepEqual(msg.content.map((b) => b.type), ['thinking', 'text'], JSON.stringify(msg.content));
    assert.equal(msg.content[0].thinking.trim(), 'I never close my thinking');
    assert.equal(msg.content[1].text, ' ');
    assert.equal(msg.stop_reason, 'max_tokens');
  }
});

test('thinking followed by a tool call → [thinking, tool_use] and tool_use stop (both modes)', async () => {
  const body = thinkingRequest('Weather in Oslo? [[tool]]', { tools: [weatherTool] });
  for (const msg of [await client.messages.create(body), await client.messages.stream(body).finalMessage()]) {
    assert.deepEqual(msg.content.map((b) => b.type), ['thinking', 'tool_use'], JSON.stringify(msg.content));
    assert.equal(msg.content[0].thinking.trim(), 'Reasoning about it step by step.');
    assert.equal(msg.content[1].name, 'get_weather');
    assert.deepEqual(msg.content[1].input, { city: 'Oslo' });
    assert.equal(msg.stop_reason, 'tool_use');
  }
});
