// SPDX-License-Identifier: MIT
// ChatResponse: Anthropic events → OpenAI chat.completion(.chunk) (docs/protocol.md §18.3).
#include "openai/chatresponse.h"

#include "anthropic/apierror.h"

namespace {

qint64 promptTokensOf(const JsonObject &usage)
{
    return usage.value(QStringLiteral("input_tokens")).toInteger() +
           usage.value(QStringLiteral("cache_read_input_tokens")).toInteger() +
           usage.value(QStringLiteral("cache_creation_input_tokens")).toInteger();
}

JsonObject usageObject(qint64 prompt, qint64 completion)
{
    return JsonObject{{QStringLiteral("prompt_tokens"), prompt},
                      {QStringLiteral("completion_tokens"), completion},
                      {QStringLiteral("total_tokens"), prompt + completion}};
}

void appendData(QByteArray &out, const JsonObject &data)
{
    out += "data: ";
    Json::append(out, data);
    out += "\n\n";
}

} // namespace

namespace ChatResponse {

QString chatCompletionId(const QString &messageId)
{
    QString hex = messageId;
    if (hex.startsWith(QLatin1String("msg_")))
        hex = hex.mid(4);
    return QStringLiteral("chatcmpl-") + hex;
}

QString finishReason(const QString &stopReason)
{
    if (stopReason == QLatin1String("max_tokens") || stopReason == QLatin1String("model_context_window_exceeded"))
        return QStringLiteral("length");
    if (stopReason == QLatin1String("tool_use"))
        return QStringLiteral("tool_calls");
    if (stopReason == QLatin1String("refusal"))
        return QStringLiteral("content_filter");
    return QStringLiteral("stop"); // end_turn, stop_sequence, pause_turn
}

JsonObject completion(const JsonObject &message, const ChatOutputOptions &options)
{
    QString text;
    QString reasoning;
    JsonArray toolCalls;
    for (const JsonValue &v : message.value(QStringLiteral("content")).toArray()) {
        const JsonObject block = v.toObject();
        const QString type = block.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("text")) {
            text += block.value(QStringLiteral("text")).toString();
        } else if (type == QLatin1String("thinking")) {
            reasoning += block.value(QStringLiteral("thinking")).toString();
        } else if (type == QLatin1String("tool_use")) {
            toolCalls.append(JsonObject{
                {QStringLiteral("id"), block.value(QStringLiteral("id"))},
                {QStringLiteral("type"), QStringLiteral("function")},
                {QStringLiteral("function"),
                 JsonObject{{QStringLiteral("name"), block.value(QStringLiteral("name"))},
                            {QStringLiteral("arguments"),
                             QString::fromUtf8(Json::write(block.value(QStringLiteral("input")).toObject()))}}}});
        }
    }
    JsonObject answer{{QStringLiteral("role"), QStringLiteral("assistant")},
                      {QStringLiteral("content"), text.isEmpty() && !toolCalls.isEmpty() ? JsonValue() : text},
                      {QStringLiteral("refusal"), JsonValue()}};
    if (!reasoning.isEmpty())
        answer.insert(QStringLiteral("reasoning_content"), reasoning);
    if (!toolCalls.isEmpty())
        answer.insert(QStringLiteral("tool_calls"), toolCalls);
    const JsonObject usage = message.value(QStringLiteral("usage")).toObject();
    return JsonObject{{QStringLiteral("id"), options.id},
                      {QStringLiteral("object"), QStringLiteral("chat.completion")},
                      {QStringLiteral("created"), options.created},
                      {QStringLiteral("model"), options.model},
                      {QStringLiteral("choices"),
                       JsonArray{JsonObject{{QStringLiteral("index"), 0},
                                            {QStringLiteral("message"), answer},
                                            {QStringLiteral("logprobs"), JsonValue()},
                                            {QStringLiteral("finish_reason"),
                                             finishReason(message.value(QStringLiteral("stop_reason")).toString())}}}},
                      {QStringLiteral("usage"),
                       usageObject(promptTokensOf(usage), usage.value(QStringLiteral("output_tokens")).toInteger())}};
}

QByteArray keepAlive()
{
    return QByteArrayLiteral(": keep-alive\n\n");
}

} // namespace ChatResponse

ChatStreamEncoder::ChatStreamEncoder(ChatOutputOptions options)
    : m_options(std::move(options))
{}

JsonObject ChatStreamEncoder::envelope(const JsonArray &choices, const JsonValue &usage) const
{
    JsonObject c{{QStringLiteral("id"), m_options.id},
                 {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                 {QStringLiteral("created"), m_options.created},
                 {QStringLiteral("model"), m_options.model},
                 {QStringLiteral("choices"), choices}};
    if (m_options.includeUsage)
        c.insert(QStringLiteral("usage"), usage); // OpenAI: null on every chunk but the last
    return c;
}

JsonObject ChatStreamEncoder::chunk(const JsonObject &delta, const JsonValue &finishReason) const
{
    return envelope(JsonArray{JsonObject{{QStringLiteral("index"), 0},
                                         {QStringLiteral("delta"), delta},
                                         {QStringLiteral("logprobs"), JsonValue()},
                                         {QStringLiteral("finish_reason"), finishReason}}},
                    JsonValue());
}

JsonObject ChatStreamEncoder::usage() const
{
    return usageObject(m_promptTokens, m_completionTokens);
}

QList<JsonObject> ChatStreamEncoder::chunks(const SseEvent &event)
{
    const QByteArray &name = event.name;
    const JsonObject &data = event.data;
    QList<JsonObject> out;
    if (name == "message_start") {
        const JsonObject usage =
            data.value(QStringLiteral("message")).toObject().value(QStringLiteral("usage")).toObject();
        m_promptTokens = promptTokensOf(usage);
        if (!m_roleSent) {
            m_roleSent = true;
            out.append(chunk(JsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                        {QStringLiteral("content"), QStringLiteral("")}}));
        }
    } else if (name == "content_block_start") {
        const JsonObject block = data.value(QStringLiteral("content_block")).toObject();
        if (block.value(QStringLiteral("type")).toString() != QLatin1String("tool_use"))
            return out; // text and thinking arrive as deltas; server tool blocks have no OpenAI form
        const int index = m_toolCount++;
        m_toolIndexByBlock.insert(data.value(QStringLiteral("index")).toInteger(), index);
        out.append(chunk(
            JsonObject{{QStringLiteral("tool_calls"),
                        JsonArray{JsonObject{{QStringLiteral("index"), index},
                                             {QStringLiteral("id"), block.value(QStringLiteral("id"))},
                                             {QStringLiteral("type"), QStringLiteral("function")},
                                             {QStringLiteral("function"),
                                              JsonObject{{QStringLiteral("name"), block.value(QStringLiteral("name"))},
                                                         {QStringLiteral("arguments"), QStringLiteral("")}}}}}}}));
    } else if (name == "content_block_delta") {
        const JsonObject delta = data.value(QStringLiteral("delta")).toObject();
        const QString type = delta.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("text_delta")) {
            out.append(chunk(JsonObject{{QStringLiteral("content"), delta.value(QStringLiteral("text"))}}));
        } else if (type == QLatin1String("thinking_delta")) {
            out.append(
                chunk(JsonObject{{QStringLiteral("reasoning_content"), delta.value(QStringLiteral("thinking"))}}));
        } else if (type == QLatin1String("input_json_delta")) {
            const auto it = m_toolIndexByBlock.constFind(data.value(QStringLiteral("index")).toInteger());
            const QString partial = delta.value(QStringLiteral("partial_json")).toString();
            if (it == m_toolIndexByBlock.constEnd() || partial.isEmpty())
                return out;
            out.append(
                chunk(JsonObject{{QStringLiteral("tool_calls"),
                                  JsonArray{JsonObject{{QStringLiteral("index"), it.value()},
                                                       {QStringLiteral("function"),
                                                        JsonObject{{QStringLiteral("arguments"), partial}}}}}}}));
        }
    } else if (name == "message_delta") {
        const JsonObject usage = data.value(QStringLiteral("usage")).toObject();
        if (usage.contains(QStringLiteral("input_tokens")))
            m_promptTokens = promptTokensOf(usage);
        m_completionTokens = usage.value(QStringLiteral("output_tokens")).toInteger();
        const QString stop =
            data.value(QStringLiteral("delta")).toObject().value(QStringLiteral("stop_reason")).toString();
        out.append(chunk(JsonObject(), ChatResponse::finishReason(stop)));
    } else if (name == "message_stop") {
        if (m_options.includeUsage)
            out.append(envelope(JsonArray(), usage()));
    } else if (name == "error") {
        const JsonObject error = data.value(QStringLiteral("error")).toObject();
        ApiError e;
        e.type = error.value(QStringLiteral("type")).toString();
        e.message = error.value(QStringLiteral("message")).toString();
        out.append(JsonObject::fromQJsonObject(e.toJson(QString(), ApiError::Dialect::OpenAI)));
    }
    return out;
}

QByteArray ChatStreamEncoder::encode(const QList<SseEvent> &events)
{
    QByteArray out;
    for (const SseEvent &event : events) {
        for (const JsonObject &c : chunks(event))
            appendData(out, c);
        if (event.name == "message_stop")
            out += "data: [DONE]\n\n";
    }
    return out;
}
