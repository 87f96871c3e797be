// SPDX-License-Identifier: MIT
// ChatResponse: the Anthropic events of one answer (ResponseAssembler's) as OpenAI Chat Completions output —
// chat.completion.chunk objects for a stream, one chat.completion for stream:false.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include "anthropic/sseevent.h"
#include "common/json.h"

struct ChatOutputOptions
{
    QString id;                ///< "chatcmpl-…" (chatCompletionId)
    QString model;             ///< the model the client asked for
    qint64 created = 0;        ///< unix seconds
    bool includeUsage = false; ///< stream_options.include_usage
};

namespace ChatResponse {
/// "chatcmpl-" + the hex of the Anthropic message id, so the log and both dialects name the same answer.
QString chatCompletionId(const QString &messageId);
/// Anthropic stop_reason → OpenAI finish_reason (stop, length, tool_calls, content_filter).
QString finishReason(const QString &stopReason);
/// The collected Anthropic message (MessageCollector::collect) as one chat.completion object.
JsonObject completion(const JsonObject &message, const ChatOutputOptions &options);
/// The SSE comment OpenAI clients ignore, written while the upstream is quiet.
QByteArray keepAlive();
} // namespace ChatResponse

/// Turns the Anthropic event sequence of one streamed answer into OpenAI chunks, event by event (it keeps which
/// content block is which tool call). An `error` event becomes `data: {"error":{…}}` and ends the stream without
/// `[DONE]`, which OpenAI's SDKs raise as an APIError; message_stop becomes the usage chunk (when asked) and
/// `data: [DONE]`.
class ChatStreamEncoder
{
public:
    explicit ChatStreamEncoder(ChatOutputOptions options);

    /// The chunk objects one event becomes (`[DONE]` is not an object: see encode).
    QList<JsonObject> chunks(const SseEvent &event);
    /// The bytes a batch of events becomes on the wire ("data: <json>\n\n" per chunk, "data: [DONE]\n\n" at the end).
    QByteArray encode(const QList<SseEvent> &events);

private:
    /// A chunk object around `choices` (usage present, as `usage`, only when the client asked for it).
    JsonObject envelope(const JsonArray &choices, const JsonValue &usage) const;
    JsonObject chunk(const JsonObject &delta, const JsonValue &finishReason = JsonValue()) const;
    JsonObject usage() const;

    ChatOutputOptions m_options;
    bool m_roleSent = false;
    QHash<qint64, int> m_toolIndexByBlock; ///< Anthropic content block index → OpenAI tool_calls index
    int m_toolCount = 0;
    qint64 m_promptTokens = 0;
    qint64 m_completionTokens = 0;
};
