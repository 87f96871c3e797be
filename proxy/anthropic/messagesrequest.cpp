// SPDX-License-Identifier: MIT
// MessagesRequest: parsing and validation with field-path error messages, like the Anthropic API.
#include "anthropic/messagesrequest.h"
#include "common/jsonnumber.h"

namespace {

using Result = Expected<MessagesRequest, ApiError>;

struct ParseError
{
    QString message;
};

ParseError fieldError(const QString &path, const QString &what)
{
    return ParseError{path + QStringLiteral(": ") + what};
}

QString typeName(const JsonValue &v)
{
    switch (v.type()) {
    case JsonValue::Null:
        return QStringLiteral("null");
    case JsonValue::Bool:
        return QStringLiteral("a boolean");
    case JsonValue::Double:
        return QStringLiteral("a number");
    case JsonValue::String:
        return QStringLiteral("a string");
    case JsonValue::Array:
        return QStringLiteral("an array");
    case JsonValue::Object:
        return QStringLiteral("an object");
    case JsonValue::Undefined:
        return QStringLiteral("missing");
    }
    return {};
}

const QStringList &imageTypes()
{
    static const QStringList types = {QStringLiteral("image/jpeg"), QStringLiteral("image/png"),
                                      QStringLiteral("image/gif"), QStringLiteral("image/webp")};
    return types;
}

QString stripDataUrl(const QString &data, QString *mediaType)
{
    if (!data.startsWith(QLatin1String("data:")))
        return data;
    const int comma = data.indexOf(QLatin1Char(','));
    if (comma < 0)
        return data;
    const QString head = data.mid(5, comma - 5);
    const int semi = head.indexOf(QLatin1Char(';'));
    if (mediaType && mediaType->isEmpty())
        *mediaType = semi >= 0 ? head.left(semi) : head;
    return data.mid(comma + 1);
}

bool isInteger(const JsonValue &v)
{
    if (!v.isDouble())
        return false;
    return JsonNumber::isInteger(v.toDouble());
}

// Parses one content block. `inToolResult` limits allowed types to what tool_result content may hold.
std::optional<ParseError> parseBlock(const JsonValue &value, const QString &path, bool inToolResult, ContentBlock &out);

std::optional<ParseError> parseSource(const JsonObject &source, const QString &path, bool image, ContentBlock &out)
{
    out.sourceType = source.value(QStringLiteral("type")).toString();
    if (out.sourceType == QLatin1String("base64")) {
        out.mediaType = source.value(QStringLiteral("media_type")).toString();
        const JsonValue data = source.value(QStringLiteral("data"));
        if (!data.isString() || data.toString().isEmpty())
            return fieldError(path + QStringLiteral(".data"), QStringLiteral("must be a non-empty base64 string"));
        out.sourceData = stripDataUrl(data.toString(), &out.mediaType);
        if (image && !imageTypes().contains(out.mediaType)) {
            return fieldError(path + QStringLiteral(".media_type"),
                              QStringLiteral("expected one of %1").arg(imageTypes().join(QStringLiteral(", "))));
        }
        if (!image && out.mediaType.isEmpty())
            return fieldError(path + QStringLiteral(".media_type"), QStringLiteral("required"));
        return std::nullopt;
    }
    if (out.sourceType == QLatin1String("url")) {
        const JsonValue url = source.value(QStringLiteral("url"));
        if (!url.isString() || url.toString().isEmpty())
            return fieldError(path + QStringLiteral(".url"), QStringLiteral("must be a non-empty string"));
        out.sourceData = url.toString();
        return std::nullopt;
    }
    if (!image && out.sourceType == QLatin1String("text")) {
        const JsonValue data = source.value(QStringLiteral("data"));
        if (!data.isString())
            return fieldError(path + QStringLiteral(".data"), QStringLiteral("must be a string"));
        out.mediaType = source.value(QStringLiteral("media_type")).toString(QStringLiteral("text/plain"));
        out.text = data.toString();
        return std::nullopt;
    }
    if (!image && out.sourceType == QLatin1String("content")) {
        const JsonValue content = source.value(QStringLiteral("content"));
        if (content.isString()) {
            out.text = content.toString();
            return std::nullopt;
        }
        if (!content.isArray())
            return fieldError(path + QStringLiteral(".content"), QStringLiteral("must be a string or an array"));
        QStringList texts;
        const JsonArray items = content.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const JsonObject item = items.at(i).toObject();
            if (item.value(QStringLiteral("type")).toString() == QLatin1String("text"))
                texts.append(item.value(QStringLiteral("text")).toString());
        }
        out.text = texts.join(QLatin1Char('\n'));
        return std::nullopt;
    }
    return fieldError(path + QStringLiteral(".type"),
                      image ? QStringLiteral("expected \"base64\" or \"url\"")
                            : QStringLiteral("expected \"base64\", \"text\", \"content\" or \"url\""));
}

// tool_use and server_tool_use: an id, a name and an object input.
std::optional<ParseError> parseToolUse(const JsonObject &o, const QString &path, ContentBlock &out)
{
    out.type =
        out.typeName == QLatin1String("tool_use") ? ContentBlock::Type::ToolUse : ContentBlock::Type::ServerToolUse;
    const JsonValue id = o.value(QStringLiteral("id"));
    const JsonValue name = o.value(QStringLiteral("name"));
    if (!id.isString() || id.toString().isEmpty())
        return fieldError(path + QStringLiteral(".id"), QStringLiteral("required non-empty string"));
    if (!name.isString() || name.toString().isEmpty())
        return fieldError(path + QStringLiteral(".name"), QStringLiteral("required non-empty string"));
    const JsonValue input = o.value(QStringLiteral("input"));
    if (!input.isUndefined() && !input.isNull() && !input.isObject())
        return fieldError(path + QStringLiteral(".input"), QStringLiteral("must be an object"));
    out.id = id.toString();
    out.name = name.toString();
    out.input = input.toObject();
    return std::nullopt;
}

// tool_result: the id it answers, is_error, and content as a string or blocks (any block type accepted inside).
std::optional<ParseError> parseToolResult(const JsonObject &o, const QString &path, ContentBlock &out)
{
    out.type = ContentBlock::Type::ToolResult;
    const JsonValue id = o.value(QStringLiteral("tool_use_id"));
    if (!id.isString() || id.toString().isEmpty())
        return fieldError(path + QStringLiteral(".tool_use_id"), QStringLiteral("required non-empty string"));
    out.toolUseId = id.toString();
    const JsonValue isError = o.value(QStringLiteral("is_error"));
    if (!isError.isUndefined() && !isError.isNull() && !isError.isBool())
        return fieldError(path + QStringLiteral(".is_error"), QStringLiteral("must be a boolean"));
    out.isError = isError.toBool(false);
    const JsonValue content = o.value(QStringLiteral("content"));
    if (content.isUndefined() || content.isNull())
        return std::nullopt;
    if (content.isString()) {
        out.contentIsString = true;
        out.text = content.toString();
        return std::nullopt;
    }
    if (!content.isArray())
        return fieldError(path + QStringLiteral(".content"), QStringLiteral("must be a string or an array of blocks"));
    const JsonArray items = content.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        ContentBlock inner;
        if (auto e = parseBlock(items.at(i), path + QStringLiteral(".content.%1").arg(i), true, inner))
            return e;
        out.content.append(inner);
    }
    return std::nullopt;
}

std::optional<ParseError> parseBlock(const JsonValue &value, const QString &path, bool inToolResult, ContentBlock &out)
{
    if (!value.isObject())
        return fieldError(path, QStringLiteral("expected an object, got %1").arg(typeName(value)));
    const JsonObject o = value.toObject();
    const JsonValue typeValue = o.value(QStringLiteral("type"));
    if (!typeValue.isString())
        return fieldError(path + QStringLiteral(".type"), QStringLiteral("required string"));
    out.typeName = typeValue.toString();
    out.hasCacheControl = o.contains(QStringLiteral("cache_control"));
    const QString &t = out.typeName;

    if (t == QLatin1String("text")) {
        out.type = ContentBlock::Type::Text;
        const JsonValue text = o.value(QStringLiteral("text"));
        if (!text.isString())
            return fieldError(path + QStringLiteral(".text"),
                              QStringLiteral("must be a string, got %1").arg(typeName(text)));
        out.text = text.toString();
        return std::nullopt;
    }
    if (t == QLatin1String("image")) {
        out.type = ContentBlock::Type::Image;
        const JsonValue source = o.value(QStringLiteral("source"));
        if (!source.isObject())
            return fieldError(path + QStringLiteral(".source"), QStringLiteral("required object"));
        return parseSource(source.toObject(), path + QStringLiteral(".source"), true, out);
    }
    if (t == QLatin1String("document")) {
        out.type = ContentBlock::Type::Document;
        out.title = o.value(QStringLiteral("title")).toString();
        const JsonValue source = o.value(QStringLiteral("source"));
        if (!source.isObject())
            return fieldError(path + QStringLiteral(".source"), QStringLiteral("required object"));
        return parseSource(source.toObject(), path + QStringLiteral(".source"), false, out);
    }
    if (inToolResult) {
        // Anything else inside tool_result content is accepted and kept as an unknown block.
        out.type = ContentBlock::Type::Other;
        return std::nullopt;
    }
    if (t == QLatin1String("tool_use") || t == QLatin1String("server_tool_use"))
        return parseToolUse(o, path, out);
    if (t == QLatin1String("tool_result"))
        return parseToolResult(o, path, out);
    if (t == QLatin1String("thinking")) {
        out.type = ContentBlock::Type::Thinking;
        const JsonValue thinking = o.value(QStringLiteral("thinking"));
        if (!thinking.isString())
            return fieldError(path + QStringLiteral(".thinking"), QStringLiteral("must be a string"));
        out.text = thinking.toString();
        out.signature = o.value(QStringLiteral("signature")).toString();
        return std::nullopt;
    }
    if (t == QLatin1String("redacted_thinking")) {
        out.type = ContentBlock::Type::RedactedThinking;
        out.data = o.value(QStringLiteral("data")).toString();
        return std::nullopt;
    }
    if (t.endsWith(QLatin1String("_tool_result"))) {
        out.type = ContentBlock::Type::WebSearchToolResult;
        out.toolUseId = o.value(QStringLiteral("tool_use_id")).toString();
        return std::nullopt;
    }
    out.type = ContentBlock::Type::Other; // new block types are accepted; the builder decides what to do
    return std::nullopt;
}

std::optional<ParseError> parseContent(const JsonValue &content, const QString &path, QList<ContentBlock> &blocks,
                                       bool &isString)
{
    if (content.isString()) {
        ContentBlock b;
        b.type = ContentBlock::Type::Text;
        b.typeName = QStringLiteral("text");
        b.text = content.toString();
        blocks.append(b);
        isString = true;
        return std::nullopt;
    }
    if (!content.isArray())
        return fieldError(
            path, QStringLiteral("must be a string or an array of content blocks, got %1").arg(typeName(content)));
    const JsonArray items = content.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        ContentBlock b;
        if (auto e = parseBlock(items.at(i), path + QStringLiteral(".%1").arg(i), false, b))
            return e;
        blocks.append(b);
    }
    return std::nullopt;
}

// output_config.format / output_format: {"type":"json_schema","schema":{…}}. Structured output is emulated with a
// tool call whose input is the answer, so the schema's root must describe an object.
std::optional<ParseError> parseOutputFormat(const JsonValue &value, const QString &path, MessagesRequest &r)
{
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isObject())
        return fieldError(path, QStringLiteral("must be an object"));
    const JsonObject format = value.toObject();
    const QString type = format.value(QStringLiteral("type")).toString();
    if (type != QLatin1String("json_schema"))
        return fieldError(path + QStringLiteral(".type"), QStringLiteral("expected \"json_schema\""));
    const JsonValue schema = format.value(QStringLiteral("schema"));
    if (!schema.isObject())
        return fieldError(path + QStringLiteral(".schema"), QStringLiteral("must be a JSON Schema object"));
    const JsonObject s = schema.toObject();
    const JsonValue rootType = s.value(QStringLiteral("type"));
    const bool objectRoot = rootType.toString() == QLatin1String("object") ||
                            (rootType.isUndefined() && s.contains(QStringLiteral("properties")));
    if (!objectRoot)
        return fieldError(path + QStringLiteral(".schema.type"),
                          QStringLiteral("must be \"object\": Kiro has no native structured output, so the proxy "
                                         "emulates it with a tool call, and a tool's input is always a JSON object"));
    r.outputSchema = s;
    return std::nullopt;
}

std::optional<ParseError> parseTools(const JsonValue &value, MessagesRequest &r)
{
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isArray())
        return fieldError(QStringLiteral("tools"), QStringLiteral("must be an array"));
    const JsonArray tools = value.toArray();
    for (qsizetype i = 0; i < tools.size(); ++i) {
        const QString path = QStringLiteral("tools.%1").arg(i);
        if (!tools.at(i).isObject())
            return fieldError(path, QStringLiteral("expected an object"));
        const JsonObject o = tools.at(i).toObject();
        ToolDefinition tool;
        tool.raw = o;
        tool.type = o.value(QStringLiteral("type")).toString();
        const JsonValue name = o.value(QStringLiteral("name"));
        if (!name.isString() || name.toString().isEmpty())
            return fieldError(path + QStringLiteral(".name"), QStringLiteral("required non-empty string"));
        tool.name = name.toString();
        const JsonValue description = o.value(QStringLiteral("description"));
        if (!description.isUndefined() && !description.isNull() && !description.isString())
            return fieldError(path + QStringLiteral(".description"), QStringLiteral("must be a string"));
        tool.description = description.toString();
        if (!tool.isServerTool()) {
            const JsonValue schema = o.value(QStringLiteral("input_schema"));
            if (schema.isUndefined() || schema.isNull())
                tool.inputSchema = JsonObject{{QStringLiteral("type"), QStringLiteral("object")}};
            else if (!schema.isObject())
                return fieldError(path + QStringLiteral(".input_schema"), QStringLiteral("must be an object"));
            else
                tool.inputSchema = schema.toObject();
        }
        r.tools.append(tool);
    }
    return std::nullopt;
}

std::optional<ParseError> parseModelAndLimits(const JsonObject &o, MessagesRequest::Kind kind, MessagesRequest &r)
{
    const JsonValue model = o.value(QStringLiteral("model"));
    if (!model.isString() || model.toString().trimmed().isEmpty())
        return fieldError(QStringLiteral("model"), model.isUndefined() ? QStringLiteral("required")
                                                                       : QStringLiteral("must be a non-empty string"));
    r.model = model.toString().trimmed();

    const JsonValue maxTokens = o.value(QStringLiteral("max_tokens"));
    if (maxTokens.isUndefined() || maxTokens.isNull()) {
        if (kind == MessagesRequest::Kind::Messages)
            return fieldError(QStringLiteral("max_tokens"), QStringLiteral("required"));
    } else if (!isInteger(maxTokens) || maxTokens.toDouble() < 1) {
        return fieldError(QStringLiteral("max_tokens"), QStringLiteral("must be an integer >= 1"));
    } else {
        r.maxTokens = int(qMin(maxTokens.toDouble(), 2147483647.0));
    }
    return std::nullopt;
}

std::optional<ParseError> parseMessages(const JsonValue &messages, MessagesRequest &r)
{
    if (!messages.isArray())
        return fieldError(QStringLiteral("messages"),
                          messages.isUndefined() ? QStringLiteral("required") : QStringLiteral("must be an array"));
    const JsonArray list = messages.toArray();
    if (list.isEmpty())
        return fieldError(QStringLiteral("messages"), QStringLiteral("must not be empty"));
    bool conversational = false;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = QStringLiteral("messages.%1").arg(i);
        if (!list.at(i).isObject())
            return fieldError(path, QStringLiteral("expected an object"));
        const JsonObject m = list.at(i).toObject();
        Message msg;
        const QString role = m.value(QStringLiteral("role")).toString();
        if (role == QLatin1String("user"))
            msg.role = Message::Role::User;
        else if (role == QLatin1String("assistant"))
            msg.role = Message::Role::Assistant;
        else if (role == QLatin1String("system"))
            msg.role = Message::Role::System; // Claude Code 2.1+ sends environment notes as system messages
        else
            return fieldError(path + QStringLiteral(".role"),
                              QStringLiteral("expected \"user\", \"assistant\" or \"system\""));
        const JsonValue content = m.value(QStringLiteral("content"));
        if (content.isUndefined())
            return fieldError(path + QStringLiteral(".content"), QStringLiteral("required"));
        if (auto e = parseContent(content, path + QStringLiteral(".content"), msg.content, msg.contentIsString))
            return e;
        conversational = conversational || msg.role != Message::Role::System;
        r.messages.append(msg);
    }
    if (!conversational)
        return fieldError(QStringLiteral("messages"), QStringLiteral("needs at least one user or assistant message"));
    return std::nullopt;
}

std::optional<ParseError> parseSystem(const JsonValue &system, MessagesRequest &r)
{
    if (system.isUndefined() || system.isNull())
        return std::nullopt;
    r.hasSystem = true;
    if (system.isString()) {
        ContentBlock b;
        b.typeName = QStringLiteral("text");
        b.text = system.toString();
        r.system.append(b);
    } else if (system.isArray()) {
        const JsonArray blocks = system.toArray();
        for (qsizetype i = 0; i < blocks.size(); ++i) {
            ContentBlock b;
            if (auto e = parseBlock(blocks.at(i), QStringLiteral("system.%1").arg(i), false, b))
                return e;
            if (b.type != ContentBlock::Type::Text)
                return fieldError(QStringLiteral("system.%1.type").arg(i), QStringLiteral("expected \"text\""));
            r.system.append(b);
        }
    } else {
        return fieldError(QStringLiteral("system"), QStringLiteral("must be a string or an array of text blocks"));
    }
    return std::nullopt;
}

std::optional<ParseError> parseToolChoice(const JsonValue &toolChoice, MessagesRequest &r)
{
    if (toolChoice.isUndefined() || toolChoice.isNull())
        return std::nullopt;
    if (!toolChoice.isObject())
        return fieldError(QStringLiteral("tool_choice"), QStringLiteral("must be an object"));
    const JsonObject tc = toolChoice.toObject();
    ToolChoice choice;
    const QString type = tc.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("auto"))
        choice.type = ToolChoice::Type::Auto;
    else if (type == QLatin1String("any"))
        choice.type = ToolChoice::Type::Any;
    else if (type == QLatin1String("none"))
        choice.type = ToolChoice::Type::None;
    else if (type == QLatin1String("tool")) {
        choice.type = ToolChoice::Type::Tool;
        choice.name = tc.value(QStringLiteral("name")).toString();
        if (choice.name.isEmpty())
            return fieldError(QStringLiteral("tool_choice.name"), QStringLiteral("required when type is \"tool\""));
    } else {
        return fieldError(QStringLiteral("tool_choice.type"), QStringLiteral("expected one of auto, any, tool, none"));
    }
    choice.disableParallelToolUse = tc.value(QStringLiteral("disable_parallel_tool_use")).toBool(false);
    r.toolChoice = choice;
    return std::nullopt;
}

std::optional<ParseError> parseThinking(const JsonValue &thinking, MessagesRequest &r)
{
    if (thinking.isUndefined() || thinking.isNull())
        return std::nullopt;
    if (!thinking.isObject())
        return fieldError(QStringLiteral("thinking"), QStringLiteral("must be an object"));
    const JsonObject th = thinking.toObject();
    const QString type = th.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("enabled")) {
        const JsonValue budget = th.value(QStringLiteral("budget_tokens"));
        if (!isInteger(budget) || budget.toDouble() < 1)
            return fieldError(QStringLiteral("thinking.budget_tokens"), QStringLiteral("must be an integer >= 1"));
        r.thinking.type = ThinkingConfig::Type::Enabled;
        r.thinking.budgetTokens = int(qMin(budget.toDouble(), 2147483647.0));
    } else if (type == QLatin1String("adaptive")) {
        r.thinking.type = ThinkingConfig::Type::Adaptive;
    } else if (type == QLatin1String("disabled")) {
        r.thinking.type = ThinkingConfig::Type::Disabled;
    } else {
        return fieldError(QStringLiteral("thinking.type"),
                          QStringLiteral("expected one of enabled, adaptive, disabled"));
    }
    return std::nullopt;
}

/// output_config (effort, format) and the structured-outputs beta's top-level output_format.
std::optional<ParseError> parseOutputConfig(const JsonObject &o, MessagesRequest &r)
{
    const JsonValue outputConfig = o.value(QStringLiteral("output_config"));
    if (outputConfig.isObject()) {
        const JsonObject oc = outputConfig.toObject();
        r.effort = oc.value(QStringLiteral("effort")).toString();
        if (auto e = parseOutputFormat(oc.value(QStringLiteral("format")), QStringLiteral("output_config.format"), r))
            return e;
    } else if (!outputConfig.isUndefined() && !outputConfig.isNull()) {
        return fieldError(QStringLiteral("output_config"), QStringLiteral("must be an object"));
    }
    // The structured-outputs beta spelled it at the top level.
    if (!r.outputSchema) {
        if (auto e = parseOutputFormat(o.value(QStringLiteral("output_format")), QStringLiteral("output_format"), r))
            return e;
    }
    return std::nullopt;
}

std::optional<ParseError> parseMetadata(const JsonValue &metadata, MessagesRequest &r)
{
    if (metadata.isObject()) {
        const JsonValue userId = metadata.toObject().value(QStringLiteral("user_id"));
        if (!userId.isUndefined() && !userId.isNull() && !userId.isString())
            return fieldError(QStringLiteral("metadata.user_id"), QStringLiteral("must be a string"));
        r.userId = userId.toString();
    } else if (!metadata.isUndefined() && !metadata.isNull()) {
        return fieldError(QStringLiteral("metadata"), QStringLiteral("must be an object"));
    }
    return std::nullopt;
}

std::optional<ParseError> parseStream(const JsonValue &stream, MessagesRequest &r)
{
    if (!stream.isUndefined() && !stream.isNull() && !stream.isBool())
        return fieldError(QStringLiteral("stream"), QStringLiteral("must be a boolean"));
    r.stream = stream.toBool(false);
    return std::nullopt;
}

std::optional<ParseError> parseStopSequences(const JsonValue &stops, MessagesRequest &r)
{
    if (stops.isUndefined() || stops.isNull())
        return std::nullopt;
    if (!stops.isArray())
        return fieldError(QStringLiteral("stop_sequences"), QStringLiteral("must be an array of strings"));
    const JsonArray arr = stops.toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        if (!arr.at(i).isString())
            return fieldError(QStringLiteral("stop_sequences.%1").arg(i), QStringLiteral("must be a string"));
        r.stopSequences.append(arr.at(i).toString());
    }
    return std::nullopt;
}

/// temperature, top_p and top_k.
std::optional<ParseError> parseSampling(const JsonObject &o, MessagesRequest &r)
{
    const auto number = [&o](const char *key, double lo, double hi,
                             std::optional<double> &out) -> std::optional<ParseError> {
        const JsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isDouble() || v.toDouble() < lo || v.toDouble() > hi)
            return fieldError(QLatin1String(key), QStringLiteral("must be a number between %1 and %2").arg(lo).arg(hi));
        out = v.toDouble();
        return std::nullopt;
    };
    if (auto e = number("temperature", 0, 1, r.temperature))
        return e;
    if (auto e = number("top_p", 0, 1, r.topP))
        return e;
    const JsonValue topK = o.value(QStringLiteral("top_k"));
    if (!topK.isUndefined() && !topK.isNull()) {
        if (!isInteger(topK) || topK.toDouble() < 0)
            return fieldError(QStringLiteral("top_k"), QStringLiteral("must be an integer >= 0"));
        r.topK = int(qMin(topK.toDouble(), 2147483647.0));
    }
    return std::nullopt;
}

/// The steps run in this order, so the first invalid field (in this order) is the one reported.
std::optional<ParseError> parseObject(const JsonObject &o, MessagesRequest::Kind kind, MessagesRequest &r)
{
    if (auto e = parseModelAndLimits(o, kind, r))
        return e;
    if (auto e = parseMessages(o.value(QStringLiteral("messages")), r))
        return e;
    if (auto e = parseSystem(o.value(QStringLiteral("system")), r))
        return e;
    if (auto e = parseTools(o.value(QStringLiteral("tools")), r))
        return e;
    if (auto e = parseToolChoice(o.value(QStringLiteral("tool_choice")), r))
        return e;
    if (auto e = parseThinking(o.value(QStringLiteral("thinking")), r))
        return e;
    if (auto e = parseOutputConfig(o, r))
        return e;
    if (auto e = parseMetadata(o.value(QStringLiteral("metadata")), r))
        return e;
    if (auto e = parseStream(o.value(QStringLiteral("stream")), r))
        return e;
    if (auto e = parseStopSequences(o.value(QStringLiteral("stop_sequences")), r))
        return e;
    return parseSampling(o, r);
}

} // namespace

Expected<MessagesRequest, ApiError> MessagesRequest::fromJson(const JsonObject &object, Kind kind)
{
    MessagesRequest r;
    if (auto e = parseObject(object, kind, r))
        return Result::failure(ApiError::invalidRequest(e->message));
    return r;
}

Expected<MessagesRequest, ApiError> MessagesRequest::parse(const QByteArray &body, Kind kind)
{
    if (body.trimmed().isEmpty())
        return Result::failure(ApiError::invalidRequest(QStringLiteral("body: empty; expected a JSON object")));
    QJsonParseError error;
    const JsonValue doc = Json::parse(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return Result::failure(ApiError::invalidRequest(
            QStringLiteral("body: invalid JSON (%1 at offset %2)").arg(error.errorString()).arg(error.offset)));
    }
    if (!doc.isObject())
        return Result::failure(ApiError::invalidRequest(QStringLiteral("body: expected a JSON object")));
    return fromJson(doc.toObject(), kind);
}
