// SPDX-License-Identifier: MIT
// Real third-party clients against a real kiro-proxyd and the fake Kiro upstream (node --test): the Vercel AI SDK
// (ai + @ai-sdk/anthropic) and LangChain (@langchain/anthropic). Directives in the prompt ([[tool]], [[think-end:…]],
// [[cut:…]], [[status:…]]) steer the fake; see the header of fake-kiro-upstream.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateText, streamText, Output, stepCountIs, tool, APICallError } from 'ai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { ChatAnthropic } from '@langchain/anthropic';
import { HumanMessage, ToolMessage } from '@langchain/core/messages';
import { z } from 'zod';
import { startStack, API_KEY } from './harness.mjs';

const MODEL = 'claude-sonnet-4-6';
let stack;
let anthropic; // the AI SDK provider
let model; // the AI SDK language model

before(async () => {
  stack = await startStack();
  anthropic = createAnthropic({ baseURL: `${stack.baseURL}/v1`, apiKey: API_KEY });
  model = anthropic(MODEL);
});

after(async () => {
  const code = await stack.stop();
  assert.equal(code, 0, 'kiro-proxyd exits cleanly on SIGTERM');
});

/** The Kiro requests the fake received for conversations whose current message contains `marker`. */
async function upstreamRequestsFor(marker) {
  const reqs = await stack.fakeRequests();
  return reqs.filter((r) => r.path === '/generateAssistantResponse'
    && JSON.stringify(r.body?.conversationState?.currentMessage ?? {}).includes(marker));
}

const chat = (opts = {}) => new ChatAnthropic({
  model: MODEL, anthropicApiUrl: stack.baseURL, apiKey: API_KEY, maxRetries: 0, maxTokens: 1024, ...opts,
});

/** The text of a LangChain message whose content is a string or an array of blocks. */
function lcText(msg) {
  if (typeof msg.content === 'string') return msg.content;
  return msg.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Vercel AI SDK

test('AI SDK: generateText returns the text, finishReason stop and usage', async () => {
  const r = await generateText({ model, prompt: 'Say hi from the AI SDK', maxRetries: 0 });
  assert.match(r.text, /Hello from fake Kiro\. You said: Say hi from the AI SDK/);
  assert.equal(r.finishReason, 'stop');
  assert.ok(r.usage.inputTokens > 0, `input tokens: ${r.usage.inputTokens}`);
  assert.ok(r.usage.outputTokens > 0, `output tokens: ${r.usage.outputTokens}`);
  assert.ok(r.usage.totalTokens >= r.usage.inputTokens + r.usage.outputTokens);
});

test('AI SDK: streamText streams the text in several parts and finishes with stop', async () => {
  const result = streamText({ model, prompt: 'Stream a longer answer please, word by word', maxRetries: 0 });
  const parts = [];
  for await (const t of result.textStream) parts.push(t);
  assert.ok(parts.length > 1, `text came in ${parts.length} part(s)`);
  const text = parts.join('');
  assert.match(text, /Hello from fake Kiro\. You said: Stream a longer answer please/);
  assert.equal(await result.text, text);
  assert.equal(await result.finishReason, 'stop');
  assert.ok((await result.usage).outputTokens > 0);
});

test('AI SDK: multi-step tool round trip with an execute function', async () => {
  const calls = [];
  const r = await generateText({
    model,
    maxRetries: 0,
    tools: {
      get_weather: tool({
        description: 'Get the weather for a city',
        inputSchema: z.object({ city: z.string() }),
        execute: async ({ city }) => {
          calls.push(city);
          return `${city}: 22°C and sunny`;
        },
      }),
    },
    stopWhen: stepCountIs(3),
    prompt: 'What is the weather in Oslo? [[tool]]',
  });
  assert.deepEqual(calls, ['Oslo'], 'the tool ran once with the input the model gave');
  assert.equal(r.steps.length, 2, 'a tool step and an answer step');
  assert.equal(r.steps[0].finishReason, 'tool-calls');
  assert.equal(r.steps[0].toolCalls[0].toolName, 'get_weather');
  assert.match(r.text, /The tool said: /);
  assert.match(r.text, /Oslo: 22°C and sunny/);
  assert.equal(r.finishReason, 'stop');
  const sent = (await upstreamRequestsFor('Oslo: 22°C and sunny')).at(-1);
  assert.ok(sent, 'the tool result reached the upstream');
});

test('AI SDK: thinking enabled, the thinking ends with a period ([[think-end:period]])', async () => {
  const r = await generateText({
    model,
    maxRetries: 0,
    maxOutputTokens: 4096,
    providerOptions: { anthropic: { thinking: { type: 'enabled', budgetTokens: 2048 } } },
    prompt: 'Think, then answer [[think-end:period]]',
  });
  assert.ok(r.reasoningText && r.reasoningText.trim().length > 0, 'reasoning text is present');
  assert.doesNotMatch(r.reasoningText, /Hello from fake Kiro/, 'the answer did not end up in the reasoning');
  assert.match(r.text, /Hello from fake Kiro/, `answer text: ${JSON.stringify(r.text)}`);
  assert.doesNotMatch(r.text, /<\/?thinking>/, 'no thinking tags leak into the answer');
  assert.equal(r.finishReason, 'stop', `finishReason is ${r.finishReason} (length would mean the answer was eaten)`);
});

test('AI SDK: structured output with a zod schema (generateText + Output.object)', async () => {
  const schema = z.object({
    name: z.string(),
    age: z.number().int(),
    languages: z.array(z.string()),
  });
  const r = await generateText({
    model,
    maxRetries: 0,
    output: Output.object({ schema }),
    prompt: 'Describe a fictional programmer as JSON.',
  });
  const parsed = schema.safeParse(r.output);
  assert.ok(parsed.success, `output matches the schema: ${JSON.stringify(r.output)}`);
  assert.equal(r.finishReason, 'stop');
});

// ---------------------------------------------------------------------------------------------------------------
// LangChain

test('LangChain: invoke returns the text', async () => {
  const msg = await chat().invoke('Say hi from LangChain');
  assert.match(lcText(msg), /Hello from fake Kiro\. You said: Say hi from LangChain/);
  assert.equal(msg.response_metadata.stop_reason, 'end_turn');
  assert.ok(msg.usage_metadata.input_tokens > 0);
  assert.ok(msg.usage_metadata.output_tokens > 0);
});

test('LangChain: stream chunks concatenate to the text', async () => {
  const stream = await chat().stream('Stream from LangChain please');
  const pieces = [];
  for await (const chunk of stream) {
    const t = typeof chunk.content === 'string' ? chunk.content : lcText(chunk);
    if (t) pieces.push(t);
  }
  assert.ok(pieces.length > 1, `${pieces.length} chunk(s) with text`);
  assert.equal(pieces.join(''), 'Hello from fake Kiro. You said: Stream from LangChain please');
});

test('LangChain: bindTools, a tool call, then the ToolMessage back', async () => {
  const model = chat().bindTools([{
    name: 'get_weather',
    description: 'Get the weather for a city',
    schema: z.object({ city: z.string().describe('The city') }),
  }]);
  const question = new HumanMessage('What is the weather in Oslo? [[tool]]');
  const ai = await model.invoke([question]);
  assert.equal(ai.tool_calls?.length, 1, 'one tool call');
  assert.equal(ai.tool_calls[0].name, 'get_weather');
  assert.deepEqual(ai.tool_calls[0].args, { city: 'Oslo' });
  assert.ok(ai.tool_calls[0].id);
  const answer = await model.invoke([
    question,
    ai,
    new ToolMessage({ tool_call_id: ai.tool_calls[0].id, content: 'Oslo is 22°C and sunny' }),
  ]);
  assert.match(lcText(answer), /The tool said: Oslo is 22°C and sunny/);
});

test('LangChain: withStructuredOutput (default method, a forced tool call) returns an object', async () => {
  const schema = z.object({ city: z.string() });
  const structured = chat().withStructuredOutput(schema, { name: 'city_info' });
  const out = await structured.invoke('Which city? [[tool]]');
  assert.deepEqual(out, { city: 'Oslo' });
  const sent = (await upstreamRequestsFor('Which city? [[tool]]')).at(-1);
  const tools = sent.body.conversationState.currentMessage.userInputMessage.userInputMessageContext.tools;
  assert.equal(tools[0].toolSpecification.name, 'city_info');
});

test('LangChain: withStructuredOutput (method jsonSchema, output_config.format) returns an object', async () => {
  const schema = z.object({ title: z.string(), year: z.number().int(), genres: z.array(z.string()) });
  const structured = chat().withStructuredOutput(schema, { method: 'jsonSchema' });
  const out = await structured.invoke('Recommend a film as JSON.');
  const parsed = schema.safeParse(out);
  assert.ok(parsed.success, `output matches the schema: ${JSON.stringify(out)}`);
});

test('LangChain: thinking enabled, the thinking ends in CJK text ([[think-end:cjk]])', async () => {
  const model = chat({ maxTokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 } });
  const msg = await model.invoke('用中文想一想 [[think-end:cjk]]');
  assert.ok(Array.isArray(msg.content), 'content is an array of blocks');
  const thinking = msg.content.filter((b) => b.type === 'thinking').map((b) => b.thinking).join('');
  assert.ok(thinking.trim().length > 0, 'a thinking block is present');
  assert.doesNotMatch(thinking, /Hello from fake Kiro/, 'the answer did not end up in the thinking');
  const text = lcText(msg);
  assert.match(text, /Hello from fake Kiro/, `answer content: ${JSON.stringify(msg.content)}`);
  assert.doesNotMatch(text, /<\/?thinking>/);
  assert.equal(msg.response_metadata.stop_reason, 'end_turn');
});

// ---------------------------------------------------------------------------------------------------------------
// Failure modes (kept last: the 429 puts the only account into a cool-down)

test('AI SDK: an upstream socket cut mid-stream ([[cut:socket]]) ends the stream with an error, not a finish', async () => {
  const errors = [];
  const result = streamText({
    model,
    maxRetries: 0,
    prompt: 'Stream until the socket is cut [[cut:socket]]',
    onError: ({ error }) => { errors.push(error); },
  });
  const partTypes = [];
  let thrown = null;
  try {
    for await (const part of result.fullStream) {
      partTypes.push(part.type);
      if (part.type === 'error') errors.push(part.error);
    }
  } catch (e) {
    thrown = e;
  }
  let finishReason;
  try {
    finishReason = await result.finishReason;
  } catch (e) {
    thrown ??= e;
  }
  assert.ok(errors.length > 0 || thrown, `an error is reported (parts: ${partTypes.join(',')}; finishReason ${finishReason})`);
  assert.notEqual(finishReason, 'stop', 'a cut stream must not look like a normal end of turn');
  const sent = await upstreamRequestsFor('[[cut:socket]]');
  assert.ok(sent.length >= 1, 'the request reached the upstream');
});

test('AI SDK: non-streaming generateText survives a one-off socket cut ([[cut-once:socket]])', async () => {
  const r = await generateText({ model, maxRetries: 0, prompt: 'Answer despite one cut [[cut-once:socket]]' });
  const sent = await upstreamRequestsFor('[[cut-once:socket]]');
  assert.equal(sent.length, 2, `the proxy retried the cut request once, transparently (answer: ${JSON.stringify(r.text)})`);
  assert.match(r.text, /Hello from fake Kiro\. You said: Answer despite one cut \[\[cut-once:socket\]\]$/,
    'the whole answer, not the part before the cut');
  assert.equal(r.finishReason, 'stop');
});

test('LangChain: a cut stream ([[cut:partial]]) throws instead of returning a truncated answer', async () => {
  const pieces = [];
  await assert.rejects(async () => {
    for await (const chunk of await chat().stream('Stream until the frame is cut [[cut:partial]]')) {
      const t = typeof chunk.content === 'string' ? chunk.content : lcText(chunk);
      if (t) pieces.push(t);
    }
  }, (e) => {
    assert.match(String(e?.message ?? e), /upstream connection was lost|incomplete/i, `error: ${e?.message}`);
    return true;
  });
  assert.ok(pieces.join('').length > 0, 'part of the answer had arrived before the error');
});

test('LangChain: stop sequences end the answer with stop_reason stop_sequence', async () => {
  const msg = await chat({ stopSequences: ['Kiro'] }).invoke('Stop early please');
  assert.equal(lcText(msg), 'Hello from fake ');
  assert.equal(msg.response_metadata.stop_reason, 'stop_sequence');
  assert.equal(msg.response_metadata.stop_sequence, 'Kiro');
});

test('AI SDK: streamText with stop sequences stops at the match', async () => {
  const result = streamText({ model, maxRetries: 0, stopSequences: ['You said'], prompt: 'Stop at the echo' });
  let text = '';
  for await (const t of result.textStream) text += t;
  assert.equal(text, 'Hello from fake Kiro. ');
  assert.equal(await result.finishReason, 'stop');
});

test('AI SDK: upstream throttling ([[status:429]]) surfaces as an APICallError with status 429', async () => {
  await assert.rejects(
    generateText({ model, maxRetries: 0, prompt: 'throttle me [[status:429]]' }),
    (e) => {
      assert.ok(APICallError.isInstance(e), `an APICallError, got ${e?.name}: ${e?.message}`);
      assert.equal(e.statusCode, 429);
      assert.equal(e.isRetryable, true);
      return true;
    },
  );
});
