// SPDX-License-Identifier: MIT
// MessagesRequest: a parsed and validated Anthropic Messages API request (POST /v1/messages, count_tokens).
#pragma once

#include <optional>

#include "common/json.h"
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include "anthropic/apierror.h"
#include "common/expected.h"

/// One content block of a message (or of a tool_result's content). Fields not used by a type stay empty.
struct ContentBlock
{
    enum class Type {
        Text,
        Image,
        ToolUse,
        ToolResult,
        Thinking,
        RedactedThinking,
        Document,
        ServerToolUse,       ///< server_tool_use (e.g. Anthropic-side web search call in history)
        WebSearchToolResult, ///< web_search_tool_result and other *_tool_result server blocks
        Other                ///< any unknown block type (kept so the builder can decide; never forwarded raw)
    };

    Type type = Type::Text;
    QString typeName; ///< the "type" string exactly as the client sent it

    // text / thinking (thinking text) / document (extracted plain text, when the document is text)
    QString text;
    QString signature; ///< thinking.signature (ignored upstream)
    QString data;      ///< redacted_thinking.data

    // image and document source
    QString sourceType; ///< "base64", "url", "text", "content"
    QString mediaType;  ///< e.g. "image/png", "application/pdf", "text/plain"
    QString sourceData; ///< base64 payload (any "data:...;base64," prefix already removed) or URL
    QString title;      ///< document title

    // tool_use / server_tool_use
    QString id;
    QString name;
    JsonObject input;

    // tool_result
    QString toolUseId;
    bool isError = false;
    bool contentIsString = false; ///< tool_result content was a plain string (held in `text`)
    QList<ContentBlock> content;  ///< tool_result content blocks (text, image, document)

    bool hasCacheControl = false; ///< cache_control seen (accepted, never forwarded)
};

struct Message
{
    enum class Role { User, Assistant, System }; ///< System: an instruction message inside `messages` (newer clients)
    Role role = Role::User;
    QList<ContentBlock> content;  ///< a string content becomes one Text block
    bool contentIsString = false; ///< the client sent content as a plain string
};

/// A tool definition. Custom tools have an empty `type` (or "custom"); server tools have a versioned type such as
/// "web_search_20250305", "bash_20250124", "text_editor_20250124", "computer_20250124".
struct ToolDefinition
{
    QString type;
    QString name;
    QString description;
    JsonObject inputSchema;
    JsonObject raw; ///< the whole definition as sent (server tools carry extra fields)

    bool isServerTool() const { return !type.isEmpty() && type != QLatin1String("custom"); }
};

struct ToolChoice
{
    enum class Type { Auto, Any, Tool, None };
    Type type = Type::Auto;
    QString name; ///< for Type::Tool
    bool disableParallelToolUse = false;
};

struct ThinkingConfig
{
    enum class Type { Disabled, Enabled, Adaptive };
    Type type = Type::Disabled;
    int budgetTokens = 0; ///< for Enabled (client value; the builder applies defaults and caps)
    bool enabled() const { return type != Type::Disabled; }
};

struct MessagesRequest
{
    QString model;
    int maxTokens = 0;
    QList<Message> messages;
    QList<ContentBlock> system; ///< string system becomes one Text block
    bool hasSystem = false;
    QList<ToolDefinition> tools;
    std::optional<ToolChoice> toolChoice;
    ThinkingConfig thinking;
    QString effort; ///< output_config.effort ("low", "medium", "high", "max"), empty when absent
    /// output_config.format (or the beta's output_format) of type json_schema: the answer must be JSON of this schema.
    std::optional<JsonObject> outputSchema;
    QString userId; ///< metadata.user_id
    bool stream = false;
    QStringList stopSequences;
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> topK;

    enum class Kind { Messages, CountTokens };

    /// Parses and validates a request body. Unknown fields are ignored. For Kind::CountTokens `max_tokens` is
    /// optional. Every error is an invalid_request_error (400) naming the field and what is wrong, e.g.
    /// "messages.1.content.0.source.media_type: expected one of image/jpeg, image/png, image/gif, image/webp".
    static Expected<MessagesRequest, ApiError> parse(const QByteArray &body, Kind kind = Kind::Messages);
    static Expected<MessagesRequest, ApiError> fromJson(const JsonObject &object, Kind kind = Kind::Messages);
};
