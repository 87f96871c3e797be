// SPDX-License-Identifier: MIT
// Tests ChatRequest (OpenAI body → MessagesRequest, errors naming OpenAI fields) and ChatResponse / ChatStreamEncoder
// (Anthropic events → chat.completion and chat.completion.chunk), and ApiError's OpenAI dialect.
#include <QTest>

#include "anthropic/apierror.h"
#include "anthropic/messageevents.h"
#include "anthropic/ssewriter.h"
#include "kiro/messagecollector.h"
#include "openai/chatrequest.h"
#include "openai/chatresponse.h"

class TestOpenAiChat : public QObject
{
    Q_OBJECT

private slots:
    void roles();
    void toolPairing();
    void images();
    void limitsAndSampling();
    void reasoning();
    void responseFormat();
    void toolsAndChoice();
    void invalid_data();
    void invalid();
    void streamChunks();
    void streamUsageChunk();
    void streamErrorChunk();
    void finishReasons();
    void completion();
    void errorDialect();
};

namespace {

ChatRequest parseOk(const QByteArray &body)
{
    auto r = ChatRequest::parse(body);
    if (!r)
        qWarning().noquote() << r.error().message;
    return r ? r.value() : ChatRequest{};
}

SseEvent ev(const char *name, const char *json)
{
    return SseEvent{QByteArray(name), Json::parse(QByteArray(json)).toObject()};
}

/// A complete Anthropic stream: thinking, text, two tool calls, stop reason tool_use.
QList<SseEvent> sampleEvents()
{
    return {
        ev("message_start", R"({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant",
            "model":"m","content":[],"stop_reason":null,"usage":{"input_tokens":12,"output_tokens":1,
            "cache_read_input_tokens":3,"cache_creation_input_tokens":0}}})"),
        ev("content_block_start", R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking",
            "thinking":""}})"),
        ev("content_block_delta", R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta",
            "thinking":"hmm"}})"),
        ev("content_block_stop", R"({"type":"content_block_stop","index":0})"),
        ev("content_block_start",
           R"({"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}})"),
        ev("content_block_delta", R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta",
            "text":"Checking."}})"),
        ev("content_block_stop", R"({"type":"content_block_stop","index":1})"),
        ev("content_block_start", R"({"type":"content_block_start","index":2,"content_block":{"type":"tool_use",
            "id":"t1","name":"get_weather","input":{}}})"),
        ev("content_block_start", R"({"type":"content_block_start","index":3,"content_block":{"type":"tool_use",
            "id":"t2","name":"get_weather","input":{}}})"),
        ev("content_block_delta", R"({"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta",
            "partial_json":"{\"city\":\"Bergen\"}"}})"),
        ev("content_block_delta", R"({"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta",
            "partial_json":"{\"city\":\"Oslo\"}"}})"),
        ev("content_block_stop", R"({"type":"content_block_stop","index":2})"),
        ev("content_block_stop", R"({"type":"content_block_stop","index":3})"),
        ev("message_delta", R"({"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},
            "usage":{"input_tokens":12,"output_tokens":30,"cache_read_input_tokens":3,"cache_creation_input_tokens":0}})"),
        ev("message_stop", R"({"type":"message_stop"})"),
    };
}

ChatOutputOptions options(bool includeUsage)
{
    ChatOutputOptions o;
    o.id = QStringLiteral("chatcmpl-1");
    o.model = QStringLiteral("claude-sonnet-4-6");
    o.created = 1700000000;
    o.includeUsage = includeUsage;
    return o;
}

} // namespace

void TestOpenAiChat::roles()
{
    const ChatRequest c = parseOk(R"({"model":"m","user":"u-1","messages":[
        {"role":"system","content":"Be brief."},
        {"role":"developer","content":[{"type":"text","text":"Use metric units."}]},
        {"role":"user","content":"hi"},
        {"role":"assistant","content":"hello"},
        {"role":"system","content":"Now in French."},
        {"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]})");
    const MessagesRequest &r = c.request;
    QCOMPARE(r.model, QStringLiteral("m"));
    QCOMPARE(r.system.size(), 2); // leading system and developer messages → the system prompt
    QCOMPARE(r.system.at(0).text, QStringLiteral("Be brief."));
    QCOMPARE(r.system.at(1).text, QStringLiteral("Use metric units."));
    QCOMPARE(r.messages.size(), 4);
    QCOMPARE(r.messages.at(0).role, Message::Role::User);
    QCOMPARE(r.messages.at(1).role, Message::Role::Assistant);
    QCOMPARE(r.messages.at(2).role, Message::Role::System); // a later one stays in place
    QCOMPARE(r.messages.at(3).content.size(), 2);
    const ChatRequest empty = parseOk(R"({"model":"m","messages":[{"role":"user","content":""}]})");
    QCOMPARE(empty.request.messages.size(), 1);
    QCOMPARE(empty.request.messages.at(0).content.size(), 1);
    QCOMPARE(r.userId, QStringLiteral("u-1"));
    QCOMPARE(r.stream, false);
    QCOMPARE(c.includeUsage, false);
}

void TestOpenAiChat::toolPairing()
{
    const ChatRequest c = parseOk(R"({"model":"m","messages":[
        {"role":"user","content":"weather?"},
        {"role":"assistant","content":null,"tool_calls":[
            {"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}},
            {"id":"c2","type":"function","function":{"name":"get_weather","arguments":""}}]},
        {"role":"tool","tool_call_id":"c2","content":"rain"},
        {"role":"tool","tool_call_id":"c1","content":[{"type":"text","text":"sun"}]},
        {"role":"user","content":"thanks"}]})");
    const auto &m = c.request.messages;
    QCOMPARE(m.size(), 3);
    QCOMPARE(m.at(1).role, Message::Role::Assistant);
    QCOMPARE(m.at(1).content.size(), 2);
    QCOMPARE(m.at(1).content.at(0).type, ContentBlock::Type::ToolUse);
    QCOMPARE(m.at(1).content.at(0).id, QStringLiteral("c1"));
    QCOMPARE(m.at(1).content.at(0).input.value(QStringLiteral("city")).toString(), QStringLiteral("Oslo"));
    QVERIFY(m.at(1).content.at(1).input.isEmpty()); // empty arguments: no input
    // Both tool messages and the user message after them: one user turn, results first, in the client's order.
    QCOMPARE(m.at(2).role, Message::Role::User);
    QCOMPARE(m.at(2).content.size(), 3);
    QCOMPARE(m.at(2).content.at(0).type, ContentBlock::Type::ToolResult);
    QCOMPARE(m.at(2).content.at(0).toolUseId, QStringLiteral("c2"));
    QCOMPARE(m.at(2).content.at(0).text, QStringLiteral("rain"));
    QCOMPARE(m.at(2).content.at(1).toolUseId, QStringLiteral("c1"));
    QCOMPARE(m.at(2).content.at(1).text, QStringLiteral("sun"));
    QCOMPARE(m.at(2).content.at(2).text, QStringLiteral("thanks"));
}

void TestOpenAiChat::images()
{
    const ChatRequest c = parseOk(R"({"model":"m","messages":[{"role":"user","content":[
        {"type":"image_url","image_url":{"url":"data:image/PNG;base64,iVBORw0KGgo=","detail":"high"}},
        {"type":"text","text":"what is it?"}]}]})");
    const ContentBlock &img = c.request.messages.at(0).content.at(0);
    QCOMPARE(img.type, ContentBlock::Type::Image);
    QCOMPARE(img.sourceType, QStringLiteral("base64"));
    QCOMPARE(img.mediaType, QStringLiteral("image/png"));
    QCOMPARE(img.sourceData, QStringLiteral("iVBORw0KGgo="));
}

void TestOpenAiChat::limitsAndSampling()
{
    ChatRequest c = parseOk(R"({"model":"m","messages":[{"role":"user","content":"x"}]})");
    QCOMPARE(c.request.maxTokens, ChatRequest::kDefaultMaxTokens);
    c = parseOk(R"({"model":"m","max_tokens":50,"messages":[{"role":"user","content":"x"}]})");
    QCOMPARE(c.request.maxTokens, 50);
    c = parseOk(
        R"({"model":"m","max_tokens":50,"max_completion_tokens":70,"messages":[{"role":"user","content":"x"}]})");
    QCOMPARE(c.request.maxTokens, 70);
    c = parseOk(R"({"model":"m","stop":"END","temperature":1.6,"top_p":0.5,"n":1,"stream":true,
        "stream_options":{"include_usage":true},"seed":4,"presence_penalty":0.1,
        "messages":[{"role":"user","content":"x"}]})");
    QCOMPARE(c.request.stopSequences, QStringList{QStringLiteral("END")});
    QCOMPARE(c.request.temperature.value_or(-1), 1.0); // OpenAI's 0..2 capped at Claude's 1
    QCOMPARE(c.request.topP.value_or(-1), 0.5);
    QVERIFY(c.request.stream);
    QVERIFY(c.includeUsage);
    c = parseOk(R"({"model":"m","stop":["a","b"],"stream_options":{"include_usage":true},
        "messages":[{"role":"user","content":"x"}]})");
    QCOMPARE(c.request.stopSequences, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(!c.includeUsage); // only for streams
}

void TestOpenAiChat::reasoning()
{
    const QList<QPair<const char *, int>> efforts{{"minimal", 1024}, {"low", 4096}, {"medium", 12000}, {"high", 24576}};
    for (const auto &[effort, budget] : efforts) {
        const ChatRequest c = parseOk(QByteArray(R"({"model":"m","reasoning_effort":")") + effort +
                                      R"(","messages":[{"role":"user","content":"x"}]})");
        QCOMPARE(c.request.thinking.type, ThinkingConfig::Type::Enabled);
        QCOMPARE(c.request.thinking.budgetTokens, budget);
    }
    const ChatRequest none =
        parseOk(R"({"model":"m","reasoning_effort":"none","messages":[{"role":"user","content":"x"}]})");
    QVERIFY(!none.request.thinking.enabled());
}

void TestOpenAiChat::responseFormat()
{
    ChatRequest c = parseOk(R"({"model":"m","response_format":{"type":"json_schema","json_schema":{"name":"p",
        "strict":true,"schema":{"type":"object","properties":{"n":{"type":"string"}}}}},
        "messages":[{"role":"user","content":"x"}]})");
    QVERIFY(c.request.outputSchema);
    QVERIFY(c.request.outputSchema->value(QStringLiteral("properties")).toObject().contains(QStringLiteral("n")));
    c = parseOk(R"({"model":"m","response_format":{"type":"json_object"},"messages":[{"role":"user","content":"x"}]})");
    QVERIFY(c.request.outputSchema);
    QCOMPARE(c.request.outputSchema->value(QStringLiteral("type")).toString(), QStringLiteral("object"));
    c = parseOk(R"({"model":"m","response_format":{"type":"text"},"messages":[{"role":"user","content":"x"}]})");
    QVERIFY(!c.request.outputSchema);
}

void TestOpenAiChat::toolsAndChoice()
{
    ChatRequest c = parseOk(R"({"model":"m","tools":[{"type":"function","function":{"name":"f","description":"d",
        "parameters":{"type":"object","properties":{"a":{"type":"string"}}}}},{"type":"function","function":{"name":"g"}}],
        "tool_choice":"required","parallel_tool_calls":false,"messages":[{"role":"user","content":"x"}]})");
    QCOMPARE(c.request.tools.size(), 2);
    QCOMPARE(c.request.tools.at(0).description, QStringLiteral("d"));
    QCOMPARE(c.request.tools.at(1).inputSchema.value(QStringLiteral("type")).toString(), QStringLiteral("object"));
    QVERIFY(c.request.toolChoice);
    QCOMPARE(c.request.toolChoice->type, ToolChoice::Type::Any);
    QVERIFY(c.request.toolChoice->disableParallelToolUse);
    c = parseOk(R"({"model":"m","tools":[{"type":"function","function":{"name":"f"}}],
        "tool_choice":{"type":"function","function":{"name":"f"}},"messages":[{"role":"user","content":"x"}]})");
    QCOMPARE(c.request.toolChoice->type, ToolChoice::Type::Tool);
    QCOMPARE(c.request.toolChoice->name, QStringLiteral("f"));
    c = parseOk(R"({"model":"m","tool_choice":"none","messages":[{"role":"user","content":"x"}]})");
    QCOMPARE(c.request.toolChoice->type, ToolChoice::Type::None);
    c = parseOk(R"({"model":"m","messages":[{"role":"user","content":"x"}]})");
    QVERIFY(!c.request.toolChoice);
}

void TestOpenAiChat::invalid_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    const QByteArray user = R"({"role":"user","content":"x"})";
    QTest::newRow("not json") << QByteArray("{") << QStringLiteral("body: invalid JSON");
    QTest::newRow("no model") << QByteArray(R"({"messages":[)" + user + "]}") << QStringLiteral("model: required");
    QTest::newRow("no messages") << QByteArray(R"({"model":"m"})") << QStringLiteral("messages: required");
    QTest::newRow("n > 1") << QByteArray(R"({"model":"m","n":2,"messages":[)" + user + "]}")
                           << QStringLiteral("n: only 1 is supported");
    QTest::newRow("logprobs") << QByteArray(R"({"model":"m","logprobs":true,"messages":[)" + user + "]}")
                              << QStringLiteral("logprobs: not supported");
    QTest::newRow("bad role") << QByteArray(R"({"model":"m","messages":[{"role":"function","content":"x"}]})")
                              << QStringLiteral("messages[0].role: expected");
    QTest::newRow("bad arguments")
        << QByteArray(R"({"model":"m","messages":[)" + user +
                      R"(,{"role":"assistant","tool_calls":[{"id":"a","type":"function","function":{"name":"f",
                      "arguments":"[1,2]"}}]}]})")
        << QStringLiteral("messages[1].tool_calls[0].function.arguments: must be a JSON object encoded as a string");
    QTest::newRow("tool without id") << QByteArray(R"({"model":"m","messages":[)" + user +
                                                   R"(,{"role":"tool","content":"r"}]})")
                                     << QStringLiteral("messages[1].tool_call_id: required");
    QTest::newRow("http image") << QByteArray(R"({"model":"m","messages":[{"role":"user","content":[{"type":"image_url",
                      "image_url":{"url":"https://x/y.png"}}]}]})")
                                << QStringLiteral("messages[0].content[0].image_url.url: only data URLs");
    QTest::newRow("audio part") << QByteArray(R"({"model":"m","messages":[{"role":"user","content":[
                                               {"type":"input_audio","input_audio":{}}]}]})")
                                << QStringLiteral("messages[0].content[0].type: expected \"text\" or \"image_url\"");
    // Errors found by MessagesRequest are reworded: messages[3] is the fourth OpenAI message, the third Anthropic one.
    QTest::newRow("media type via MessagesRequest")
        << QByteArray(R"({"model":"m","messages":[{"role":"system","content":"s"},)" + user +
                      R"(,{"role":"assistant","content":"a"},{"role":"user","content":[{"type":"image_url",
                      "image_url":{"url":"data:image/tiff;base64,AAAA"}}]}]})")
        << QStringLiteral("messages[3].content[0].source.media_type");
    QTest::newRow("max_completion_tokens")
        << QByteArray(R"({"model":"m","max_completion_tokens":0,"messages":[)" + user + "]}")
        << QStringLiteral("max_completion_tokens: must be an integer >= 1");
    QTest::newRow("stop") << QByteArray(R"({"model":"m","stop":[1],"messages":[)" + user + "]}")
                          << QStringLiteral("stop[0]: must be a non-empty string");
    QTest::newRow("temperature") << QByteArray(R"({"model":"m","temperature":3,"messages":[)" + user + "]}")
                                 << QStringLiteral("temperature: must be a number between 0 and 2");
    QTest::newRow("reasoning_effort") << QByteArray(R"({"model":"m","reasoning_effort":"max","messages":[)" + user +
                                                    "]}")
                                      << QStringLiteral("reasoning_effort: expected one of");
    QTest::newRow("tool type") << QByteArray(R"({"model":"m","tools":[{"type":"code_interpreter"}],"messages":[)" +
                                             user + "]}")
                               << QStringLiteral("tools[0].type: expected \"function\"");
    QTest::newRow("tool_choice") << QByteArray(R"({"model":"m","tool_choice":"any","messages":[)" + user + "]}")
                                 << QStringLiteral("tool_choice: expected");
    QTest::newRow("json_schema without schema")
        << QByteArray(
               R"({"model":"m","response_format":{"type":"json_schema","json_schema":{"name":"x"}},"messages":[)" +
               user + "]}")
        << QStringLiteral("response_format.json_schema.schema: required");
    QTest::newRow("array schema") << QByteArray(R"({"model":"m","response_format":{"type":"json_schema",
                                                "json_schema":{"name":"x","schema":{"type":"array"}}},"messages":[)" +
                                                user + "]}")
                                  << QStringLiteral("response_format.json_schema.schema.type: must be \"object\"");
}

void TestOpenAiChat::invalid()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const auto r = ChatRequest::parse(body);
    QVERIFY(!r);
    QCOMPARE(r.error().status, 400);
    QCOMPARE(r.error().type, QStringLiteral("invalid_request_error"));
    QVERIFY2(r.error().message.startsWith(message), qPrintable(r.error().message));
}

void TestOpenAiChat::streamChunks()
{
    ChatStreamEncoder encoder(options(false));
    QList<JsonObject> chunks;
    for (const SseEvent &e : sampleEvents())
        chunks += encoder.chunks(e);
    const auto delta = [&](qsizetype i) {
        return chunks.at(i)
            .value(QStringLiteral("choices"))
            .toArray()
            .at(0)
            .toObject()
            .value(QStringLiteral("delta"))
            .toObject();
    };
    QCOMPARE(chunks.size(), 8);
    for (const JsonObject &c : chunks) {
        QCOMPARE(c.value(QStringLiteral("object")).toString(), QStringLiteral("chat.completion.chunk"));
        QCOMPARE(c.value(QStringLiteral("id")).toString(), QStringLiteral("chatcmpl-1"));
        QVERIFY(!c.contains(QStringLiteral("usage")));
    }
    QCOMPARE(delta(0).value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(delta(1).value(QStringLiteral("reasoning_content")).toString(), QStringLiteral("hmm"));
    QCOMPARE(delta(2).value(QStringLiteral("content")).toString(), QStringLiteral("Checking."));
    // Two parallel calls: id and name first (index 0, 1), then argument fragments by index, in arrival order.
    const JsonObject first = delta(3).value(QStringLiteral("tool_calls")).toArray().at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("index")).toInt(), 0);
    QCOMPARE(first.value(QStringLiteral("id")).toString(), QStringLiteral("t1"));
    QCOMPARE(first.value(QStringLiteral("function")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("get_weather"));
    QCOMPARE(
        delta(4).value(QStringLiteral("tool_calls")).toArray().at(0).toObject().value(QStringLiteral("index")).toInt(),
        1);
    const JsonObject bergen = delta(5).value(QStringLiteral("tool_calls")).toArray().at(0).toObject();
    QCOMPARE(bergen.value(QStringLiteral("index")).toInt(), 1);
    QVERIFY(!bergen.contains(QStringLiteral("id")));
    QCOMPARE(bergen.value(QStringLiteral("function")).toObject().value(QStringLiteral("arguments")).toString(),
             QStringLiteral("{\"city\":\"Bergen\"}"));
    QCOMPARE(
        delta(6).value(QStringLiteral("tool_calls")).toArray().at(0).toObject().value(QStringLiteral("index")).toInt(),
        0);
    QCOMPARE(chunks.at(7)
                 .value(QStringLiteral("choices"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("finish_reason"))
                 .toString(),
             QStringLiteral("tool_calls"));

    ChatStreamEncoder again(options(false));
    const QByteArray wire = again.encode(sampleEvents());
    QVERIFY(wire.startsWith("data: {"));
    QVERIFY(wire.endsWith("\n\ndata: [DONE]\n\n"));
    QCOMPARE(wire.count("data: "), 9);
    QVERIFY(!wire.contains("event:"));
}

void TestOpenAiChat::streamUsageChunk()
{
    ChatStreamEncoder encoder(options(true));
    QList<JsonObject> chunks;
    for (const SseEvent &e : sampleEvents())
        chunks += encoder.chunks(e);
    QCOMPARE(chunks.size(), 9);
    for (qsizetype i = 0; i + 1 < chunks.size(); ++i)
        QVERIFY(chunks.at(i).value(QStringLiteral("usage")).isNull());
    const JsonObject last = chunks.last();
    QVERIFY(last.value(QStringLiteral("choices")).toArray().isEmpty());
    const JsonObject usage = last.value(QStringLiteral("usage")).toObject();
    QCOMPARE(usage.value(QStringLiteral("prompt_tokens")).toInt(), 15); // input + cache read
    QCOMPARE(usage.value(QStringLiteral("completion_tokens")).toInt(), 30);
    QCOMPARE(usage.value(QStringLiteral("total_tokens")).toInt(), 45);
}

void TestOpenAiChat::streamErrorChunk()
{
    ChatStreamEncoder encoder(options(true));
    QList<SseEvent> events = sampleEvents().mid(0, 6);
    events.append(SseWriter::errorEvent(ApiError::make(529, QStringLiteral("Kiro is overloaded"))));
    const QByteArray wire = encoder.encode(events);
    QVERIFY(!wire.contains("[DONE]")); // an error ends the stream: the SDK raises it
    const QByteArray last = wire.mid(wire.lastIndexOf("data: ") + 6).trimmed();
    const JsonObject error = Json::parse(last).toObject().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("Kiro is overloaded"));
    QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("overloaded_error"));
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("overloaded_error"));
    QVERIFY(error.value(QStringLiteral("param")).isNull());
    QCOMPARE(ChatResponse::keepAlive(), QByteArray(": keep-alive\n\n"));
}

void TestOpenAiChat::finishReasons()
{
    QCOMPARE(ChatResponse::finishReason(QStringLiteral("end_turn")), QStringLiteral("stop"));
    QCOMPARE(ChatResponse::finishReason(QStringLiteral("stop_sequence")), QStringLiteral("stop"));
    QCOMPARE(ChatResponse::finishReason(QStringLiteral("max_tokens")), QStringLiteral("length"));
    QCOMPARE(ChatResponse::finishReason(QStringLiteral("model_context_window_exceeded")), QStringLiteral("length"));
    QCOMPARE(ChatResponse::finishReason(QStringLiteral("tool_use")), QStringLiteral("tool_calls"));
    QCOMPARE(ChatResponse::finishReason(QStringLiteral("refusal")), QStringLiteral("content_filter"));
    QCOMPARE(ChatResponse::chatCompletionId(QStringLiteral("msg_abc")), QStringLiteral("chatcmpl-abc"));
}

void TestOpenAiChat::completion()
{
    const JsonObject c = ChatResponse::completion(MessageCollector::collect(sampleEvents()), options(false));
    QCOMPARE(c.value(QStringLiteral("object")).toString(), QStringLiteral("chat.completion"));
    QCOMPARE(c.value(QStringLiteral("model")).toString(), QStringLiteral("claude-sonnet-4-6"));
    QCOMPARE(c.value(QStringLiteral("created")).toInteger(), 1700000000);
    const JsonObject choice = c.value(QStringLiteral("choices")).toArray().at(0).toObject();
    QCOMPARE(choice.value(QStringLiteral("finish_reason")).toString(), QStringLiteral("tool_calls"));
    const JsonObject message = choice.value(QStringLiteral("message")).toObject();
    QCOMPARE(message.value(QStringLiteral("content")).toString(), QStringLiteral("Checking."));
    QCOMPARE(message.value(QStringLiteral("reasoning_content")).toString(), QStringLiteral("hmm"));
    const JsonArray calls = message.value(QStringLiteral("tool_calls")).toArray();
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls.at(1).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("t2"));
    QCOMPARE(calls.at(1)
                 .toObject()
                 .value(QStringLiteral("function"))
                 .toObject()
                 .value(QStringLiteral("arguments"))
                 .toString(),
             QStringLiteral("{\"city\":\"Bergen\"}"));
    const JsonObject usage = c.value(QStringLiteral("usage")).toObject();
    QCOMPARE(usage.value(QStringLiteral("prompt_tokens")).toInt(), 15);
    QCOMPARE(usage.value(QStringLiteral("completion_tokens")).toInt(), 30);
    QCOMPARE(usage.value(QStringLiteral("total_tokens")).toInt(), 45);

    // Only tool calls: content is null, as OpenAI sends it.
    QList<SseEvent> toolsOnly = sampleEvents();
    toolsOnly.remove(4, 3);
    const JsonObject m2 = ChatResponse::completion(MessageCollector::collect(toolsOnly), options(false))
                              .value(QStringLiteral("choices"))
                              .toArray()
                              .at(0)
                              .toObject()
                              .value(QStringLiteral("message"))
                              .toObject();
    QVERIFY(m2.value(QStringLiteral("content")).isNull());
}

void TestOpenAiChat::errorDialect()
{
    QCOMPARE(ApiError::dialectForPath(QStringLiteral("/v1/chat/completions")), ApiError::Dialect::OpenAI);
    QCOMPARE(ApiError::dialectForPath(QStringLiteral("/v1/messages")), ApiError::Dialect::Anthropic);
    const QJsonObject auth =
        ApiError::make(401, QStringLiteral("bad key")).toJson(QStringLiteral("req_1"), ApiError::Dialect::OpenAI);
    QCOMPARE(auth.keys(), QStringList{QStringLiteral("error")});
    const QJsonObject e = auth.value(QStringLiteral("error")).toObject();
    QCOMPARE(e.value(QStringLiteral("type")).toString(), QStringLiteral("authentication_error"));
    QCOMPARE(e.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_api_key"));
    QVERIFY(e.value(QStringLiteral("param")).isNull());
    QCOMPARE(ApiError::openAiType(QStringLiteral("api_error")), QStringLiteral("server_error"));
    QCOMPARE(ApiError::openAiType(QStringLiteral("request_too_large")), QStringLiteral("invalid_request_error"));
    QCOMPARE(ApiError::openAiType(QStringLiteral("billing_error")), QStringLiteral("insufficient_quota"));
    QCOMPARE(ApiError::openAiType(QStringLiteral("rate_limit_error")), QStringLiteral("rate_limit_error"));
    // The Anthropic shape is unchanged.
    const QJsonObject anthropic = ApiError::make(401, QStringLiteral("bad key")).toJson();
    QCOMPARE(anthropic.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
}

QTEST_GUILESS_MAIN(TestOpenAiChat)
#include "tst_openaichat.moc"
