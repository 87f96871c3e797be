// SPDX-License-Identifier: MIT
// ChatRequest: OpenAI Chat Completions → the Anthropic request JSON → MessagesRequest::fromJson (docs/protocol.md §18).
#include "openai/chatrequest.h"

#include <QHash>
#include <QRegularExpression>

namespace {

using Result = Expected<ChatRequest, ApiError>;

struct Failure
{
    QString message;
};

Failure fieldError(const QString &path, const QString &what)
{
    return Failure{path + QStringLiteral(": ") + what};
}

bool isInteger(const JsonValue &v)
{
    return v.isDouble() && v.toDouble() == double(qint64(v.toDouble()));
}

bool absent(const JsonValue &v)
{
    return v.isUndefined() || v.isNull();
}

/// Builds the Anthropic body, remembering which OpenAI message each Anthropic message came from (for errors).
class Converter
{
public:
    explicit Converter(const JsonObject &in)
        : m_in(in)
    {}

    std::optional<Failure> run();
    JsonObject out;
    bool includeUsage = false;
    /// Anthropic messages[k] came from OpenAI messages[origin[k]].
    QList<qsizetype> origin;

private:
    std::optional<Failure> messages();
    std::optional<Failure> textParts(const JsonValue &content, const QString &path, bool allowImages,
                                     JsonArray &blocks);
    std::optional<Failure> imagePart(const JsonObject &part, const QString &path, JsonArray &blocks);
    std::optional<Failure> assistant(const JsonObject &m, const QString &path, JsonArray &blocks);
    std::optional<Failure> tools();
    std::optional<Failure> toolChoice();
    std::optional<Failure> limits();
    std::optional<Failure> sampling();
    std::optional<Failure> reasoning();
    std::optional<Failure> responseFormat();
    std::optional<Failure> streaming();
    void appendMessage(const QString &role, const JsonArray &blocks, qsizetype from);

    const JsonObject &m_in;
    JsonArray m_messages;
    JsonArray m_system;
};

std::optional<Failure> Converter::run()
{
    const JsonValue model = m_in.value(QStringLiteral("model"));
    if (!model.isString() || model.toString().trimmed().isEmpty())
        return fieldError(QStringLiteral("model"), model.isUndefined() ? QStringLiteral("required")
                                                                       : QStringLiteral("must be a non-empty string"));
    out.insert(QStringLiteral("model"), model);
    const JsonValue n = m_in.value(QStringLiteral("n"));
    if (!absent(n) && (!isInteger(n) || n.toDouble() != 1))
        return fieldError(QStringLiteral("n"), QStringLiteral("only 1 is supported (Kiro answers with one choice)"));
    if (m_in.value(QStringLiteral("logprobs")).toBool())
        return fieldError(QStringLiteral("logprobs"), QStringLiteral("not supported: Kiro does not return logprobs"));
    for (auto step : {&Converter::messages, &Converter::tools, &Converter::toolChoice, &Converter::limits,
                      &Converter::sampling, &Converter::reasoning, &Converter::responseFormat, &Converter::streaming}) {
        if (auto e = (this->*step)())
            return e;
    }
    const JsonValue user = m_in.value(QStringLiteral("user"));
    if (!absent(user)) {
        if (!user.isString())
            return fieldError(QStringLiteral("user"), QStringLiteral("must be a string"));
        out.insert(QStringLiteral("metadata"), JsonObject{{QStringLiteral("user_id"), user}});
    }
    return std::nullopt;
}

void Converter::appendMessage(const QString &role, const JsonArray &blocks, qsizetype from)
{
    m_messages.append(JsonObject{{QStringLiteral("role"), role}, {QStringLiteral("content"), blocks}});
    origin.append(from);
}

std::optional<Failure> Converter::imagePart(const JsonObject &part, const QString &path, JsonArray &blocks)
{
    // {"type":"image_url","image_url":{"url":"data:image/png;base64,…","detail":"auto"}} (a bare string also occurs)
    const JsonValue image = part.value(QStringLiteral("image_url"));
    const QString url = image.isString() ? image.toString() : image.toObject().value(QStringLiteral("url")).toString();
    const QString urlPath =
        image.isString() ? path + QStringLiteral(".image_url") : path + QStringLiteral(".image_url.url");
    if (url.isEmpty())
        return fieldError(urlPath, QStringLiteral("required non-empty string"));
    if (!url.startsWith(QLatin1String("data:"), Qt::CaseInsensitive))
        return fieldError(urlPath, QStringLiteral("only data URLs (data:image/png;base64,…) are supported: Kiro takes "
                                                  "image bytes, and the proxy does not fetch URLs"));
    static const QRegularExpression dataUrl(QStringLiteral("^data:([^;,]+);base64,"),
                                            QRegularExpression::CaseInsensitiveOption);
    const auto match = dataUrl.match(url);
    if (!match.hasMatch())
        return fieldError(urlPath, QStringLiteral("expected a base64 data URL (data:<media type>;base64,<data>)"));
    const QString data = url.mid(match.capturedLength());
    if (data.isEmpty())
        return fieldError(urlPath, QStringLiteral("the data URL carries no data"));
    blocks.append(
        JsonObject{{QStringLiteral("type"), QStringLiteral("image")},
                   {QStringLiteral("source"), JsonObject{{QStringLiteral("type"), QStringLiteral("base64")},
                                                         {QStringLiteral("media_type"), match.captured(1).toLower()},
                                                         {QStringLiteral("data"), data}}}});
    return std::nullopt;
}

// A string, or an array of parts: text (and refusal in assistant messages), image_url where allowed.
std::optional<Failure> Converter::textParts(const JsonValue &content, const QString &path, bool allowImages,
                                            JsonArray &blocks)
{
    if (content.isString()) {
        if (!content.toString().isEmpty())
            blocks.append(
                JsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), content}});
        return std::nullopt;
    }
    if (!content.isArray())
        return fieldError(path, QStringLiteral("must be a string or an array of content parts"));
    const JsonArray parts = content.toArray();
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString partPath = path + QStringLiteral("[%1]").arg(i);
        const JsonObject part = parts.at(i).toObject();
        const QString type = part.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("text") || type == QLatin1String("refusal")) {
            const QString key = type;
            const JsonValue text = part.value(key);
            if (!text.isString())
                return fieldError(partPath + QLatin1Char('.') + key, QStringLiteral("must be a string"));
            if (!text.toString().isEmpty())
                blocks.append(
                    JsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}});
        } else if (type == QLatin1String("image_url") && allowImages) {
            if (auto e = imagePart(part, partPath, blocks))
                return e;
        } else {
            return fieldError(partPath + QStringLiteral(".type"),
                              allowImages ? QStringLiteral("expected \"text\" or \"image_url\" (audio and files are "
                                                           "not supported by Kiro)")
                                          : QStringLiteral("expected \"text\""));
        }
    }
    return std::nullopt;
}

std::optional<Failure> Converter::assistant(const JsonObject &m, const QString &path, JsonArray &blocks)
{
    const JsonValue content = m.value(QStringLiteral("content"));
    if (!absent(content)) {
        if (auto e = textParts(content, path + QStringLiteral(".content"), false, blocks))
            return e;
    }
    const JsonValue calls = m.value(QStringLiteral("tool_calls"));
    if (absent(calls))
        return std::nullopt;
    if (!calls.isArray())
        return fieldError(path + QStringLiteral(".tool_calls"), QStringLiteral("must be an array"));
    const JsonArray list = calls.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString callPath = path + QStringLiteral(".tool_calls[%1]").arg(i);
        const JsonObject call = list.at(i).toObject();
        const JsonValue id = call.value(QStringLiteral("id"));
        if (!id.isString() || id.toString().isEmpty())
            return fieldError(callPath + QStringLiteral(".id"), QStringLiteral("required non-empty string"));
        const JsonValue type = call.value(QStringLiteral("type"));
        if (!absent(type) && type.toString() != QLatin1String("function"))
            return fieldError(callPath + QStringLiteral(".type"), QStringLiteral("expected \"function\""));
        const JsonObject function = call.value(QStringLiteral("function")).toObject();
        const JsonValue name = function.value(QStringLiteral("name"));
        if (!name.isString() || name.toString().isEmpty())
            return fieldError(callPath + QStringLiteral(".function.name"), QStringLiteral("required non-empty string"));
        const JsonValue arguments = function.value(QStringLiteral("arguments"));
        JsonObject input;
        if (arguments.isString() && !arguments.toString().trimmed().isEmpty()) {
            QJsonParseError error;
            const JsonValue parsed = Json::parse(arguments.toString().toUtf8(), &error);
            if (error.error != QJsonParseError::NoError || !parsed.isObject())
                return fieldError(callPath + QStringLiteral(".function.arguments"),
                                  QStringLiteral("must be a JSON object encoded as a string"));
            input = parsed.toObject();
        } else if (!arguments.isString() && !absent(arguments)) {
            return fieldError(callPath + QStringLiteral(".function.arguments"),
                              QStringLiteral("must be a JSON object encoded as a string"));
        }
        blocks.append(JsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")},
                                 {QStringLiteral("id"), id},
                                 {QStringLiteral("name"), name},
                                 {QStringLiteral("input"), input}});
    }
    return std::nullopt;
}

std::optional<Failure> Converter::messages()
{
    const JsonValue value = m_in.value(QStringLiteral("messages"));
    if (!value.isArray())
        return fieldError(QStringLiteral("messages"),
                          value.isUndefined() ? QStringLiteral("required") : QStringLiteral("must be an array"));
    const JsonArray list = value.toArray();
    if (list.isEmpty())
        return fieldError(QStringLiteral("messages"), QStringLiteral("must not be empty"));
    JsonArray pendingResults; // consecutive tool messages: one user turn of tool_result blocks
    qsizetype pendingFrom = -1;
    const auto flushResults = [&](const JsonArray &more) {
        if (pendingResults.isEmpty())
            return false;
        JsonArray blocks = pendingResults;
        for (const JsonValue &b : more)
            blocks.append(b);
        appendMessage(QStringLiteral("user"), blocks, pendingFrom);
        pendingResults = JsonArray();
        return true;
    };
    bool conversationStarted = false;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = QStringLiteral("messages[%1]").arg(i);
        if (!list.at(i).isObject())
            return fieldError(path, QStringLiteral("expected an object"));
        const JsonObject m = list.at(i).toObject();
        const QString role = m.value(QStringLiteral("role")).toString();
        const JsonValue content = m.value(QStringLiteral("content"));
        JsonArray blocks;
        if (role == QLatin1String("system") || role == QLatin1String("developer")) {
            if (auto e = textParts(content, path + QStringLiteral(".content"), false, blocks))
                return e;
            if (!conversationStarted) {
                for (const JsonValue &b : blocks)
                    m_system.append(b);
            } else if (!blocks.isEmpty()) {
                flushResults({});
                appendMessage(QStringLiteral("system"), blocks, i); // an instruction inside the conversation
            }
        } else if (role == QLatin1String("user")) {
            if (absent(content))
                return fieldError(path + QStringLiteral(".content"), QStringLiteral("required"));
            if (auto e = textParts(content, path + QStringLiteral(".content"), true, blocks))
                return e;
            if (blocks.isEmpty()) // "" or [] — kept as an empty turn, as the Messages route keeps content ""
                blocks.append(
                    JsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QString()}});
            conversationStarted = true;
            if (!flushResults(blocks)) // a user message right after tool results joins their turn
                appendMessage(QStringLiteral("user"), blocks, i);
        } else if (role == QLatin1String("assistant")) {
            if (auto e = assistant(m, path, blocks))
                return e;
            conversationStarted = true;
            flushResults({});
            if (!blocks.isEmpty())
                appendMessage(QStringLiteral("assistant"), blocks, i);
        } else if (role == QLatin1String("tool")) {
            const JsonValue callId = m.value(QStringLiteral("tool_call_id"));
            if (!callId.isString() || callId.toString().isEmpty())
                return fieldError(path + QStringLiteral(".tool_call_id"), QStringLiteral("required non-empty string"));
            JsonArray text;
            if (!absent(content)) {
                if (auto e = textParts(content, path + QStringLiteral(".content"), false, text))
                    return e;
            }
            QString joined;
            for (const JsonValue &b : std::as_const(text))
                joined += b.toObject().value(QStringLiteral("text")).toString();
            if (pendingResults.isEmpty())
                pendingFrom = i;
            conversationStarted = true;
            pendingResults.append(JsonObject{{QStringLiteral("type"), QStringLiteral("tool_result")},
                                             {QStringLiteral("tool_use_id"), callId},
                                             {QStringLiteral("content"), joined}});
        } else {
            return fieldError(
                path + QStringLiteral(".role"),
                QStringLiteral("expected \"system\", \"developer\", \"user\", \"assistant\" or \"tool\""));
        }
    }
    flushResults({});
    out.insert(QStringLiteral("messages"), m_messages);
    if (!m_system.isEmpty())
        out.insert(QStringLiteral("system"), m_system);
    return std::nullopt;
}

std::optional<Failure> Converter::tools()
{
    const JsonValue value = m_in.value(QStringLiteral("tools"));
    if (absent(value))
        return std::nullopt;
    if (!value.isArray())
        return fieldError(QStringLiteral("tools"), QStringLiteral("must be an array"));
    const JsonArray list = value.toArray();
    JsonArray tools;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = QStringLiteral("tools[%1]").arg(i);
        const JsonObject tool = list.at(i).toObject();
        if (tool.value(QStringLiteral("type")).toString() != QLatin1String("function"))
            return fieldError(path + QStringLiteral(".type"), QStringLiteral("expected \"function\""));
        const JsonValue function = tool.value(QStringLiteral("function"));
        if (!function.isObject())
            return fieldError(path + QStringLiteral(".function"), QStringLiteral("required object"));
        const JsonObject f = function.toObject();
        const JsonValue name = f.value(QStringLiteral("name"));
        if (!name.isString() || name.toString().isEmpty())
            return fieldError(path + QStringLiteral(".function.name"), QStringLiteral("required non-empty string"));
        JsonObject t{{QStringLiteral("name"), name}};
        const JsonValue description = f.value(QStringLiteral("description"));
        if (!absent(description)) {
            if (!description.isString())
                return fieldError(path + QStringLiteral(".function.description"), QStringLiteral("must be a string"));
            t.insert(QStringLiteral("description"), description);
        }
        const JsonValue parameters = f.value(QStringLiteral("parameters"));
        if (!absent(parameters) && !parameters.isObject())
            return fieldError(path + QStringLiteral(".function.parameters"),
                              QStringLiteral("must be a JSON Schema object"));
        // OpenAI allows a function without parameters; Anthropic wants a schema: an object with no properties.
        t.insert(QStringLiteral("input_schema"), parameters.isObject()
                                                     ? parameters.toObject()
                                                     : JsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                                                  {QStringLiteral("properties"), JsonObject()}});
        tools.append(t);
    }
    if (!tools.isEmpty())
        out.insert(QStringLiteral("tools"), tools);
    return std::nullopt;
}

std::optional<Failure> Converter::toolChoice()
{
    const JsonValue value = m_in.value(QStringLiteral("tool_choice"));
    JsonObject choice;
    if (absent(value)) {
        choice.insert(QStringLiteral("type"), QStringLiteral("auto"));
    } else if (value.isString()) {
        static const QHash<QString, QString> kinds{{QStringLiteral("none"), QStringLiteral("none")},
                                                   {QStringLiteral("auto"), QStringLiteral("auto")},
                                                   {QStringLiteral("required"), QStringLiteral("any")}};
        const auto it = kinds.constFind(value.toString());
        if (it == kinds.constEnd())
            return fieldError(QStringLiteral("tool_choice"),
                              QStringLiteral("expected \"none\", \"auto\", \"required\" or a function object"));
        choice.insert(QStringLiteral("type"), it.value());
    } else if (value.isObject()) {
        const JsonValue name =
            value.toObject().value(QStringLiteral("function")).toObject().value(QStringLiteral("name"));
        if (!name.isString() || name.toString().isEmpty())
            return fieldError(QStringLiteral("tool_choice.function.name"), QStringLiteral("required non-empty string"));
        choice.insert(QStringLiteral("type"), QStringLiteral("tool"));
        choice.insert(QStringLiteral("name"), name);
    } else {
        return fieldError(QStringLiteral("tool_choice"), QStringLiteral("must be a string or an object"));
    }
    const JsonValue parallel = m_in.value(QStringLiteral("parallel_tool_calls"));
    if (!absent(parallel) && !parallel.isBool())
        return fieldError(QStringLiteral("parallel_tool_calls"), QStringLiteral("must be a boolean"));
    const bool serial = parallel.isBool() && !parallel.toBool();
    if (serial && choice.value(QStringLiteral("type")).toString() != QLatin1String("none"))
        choice.insert(QStringLiteral("disable_parallel_tool_use"), true);
    // The default (auto, parallel allowed) is what an absent Anthropic tool_choice means: send nothing then.
    if (!absent(value) || serial)
        out.insert(QStringLiteral("tool_choice"), choice);
    return std::nullopt;
}

std::optional<Failure> Converter::limits()
{
    // max_completion_tokens supersedes the deprecated max_tokens when both are sent.
    for (const char *key : {"max_completion_tokens", "max_tokens"}) {
        const JsonValue v = m_in.value(QLatin1String(key));
        if (absent(v))
            continue;
        if (!isInteger(v) || v.toDouble() < 1)
            return fieldError(QLatin1String(key), QStringLiteral("must be an integer >= 1"));
        out.insert(QStringLiteral("max_tokens"), v);
        return std::nullopt;
    }
    out.insert(QStringLiteral("max_tokens"), ChatRequest::kDefaultMaxTokens);
    return std::nullopt;
}

std::optional<Failure> Converter::sampling()
{
    const JsonValue stop = m_in.value(QStringLiteral("stop"));
    if (stop.isString()) {
        out.insert(QStringLiteral("stop_sequences"), JsonArray{stop});
    } else if (stop.isArray()) {
        const JsonArray list = stop.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!list.at(i).isString() || list.at(i).toString().isEmpty())
                return fieldError(QStringLiteral("stop[%1]").arg(i), QStringLiteral("must be a non-empty string"));
        }
        if (!list.isEmpty())
            out.insert(QStringLiteral("stop_sequences"), list);
    } else if (!absent(stop)) {
        return fieldError(QStringLiteral("stop"), QStringLiteral("must be a string or an array of strings"));
    }
    const JsonValue temperature = m_in.value(QStringLiteral("temperature"));
    if (!absent(temperature)) {
        if (!temperature.isDouble() || temperature.toDouble() < 0 || temperature.toDouble() > 2)
            return fieldError(QStringLiteral("temperature"), QStringLiteral("must be a number between 0 and 2"));
        // OpenAI's scale goes to 2, Claude's to 1: above 1 is as random as Claude gets.
        out.insert(QStringLiteral("temperature"), qMin(temperature.toDouble(), 1.0));
    }
    const JsonValue topP = m_in.value(QStringLiteral("top_p"));
    if (!absent(topP)) {
        if (!topP.isDouble() || topP.toDouble() < 0 || topP.toDouble() > 1)
            return fieldError(QStringLiteral("top_p"), QStringLiteral("must be a number between 0 and 1"));
        out.insert(QStringLiteral("top_p"), topP);
    }
    return std::nullopt;
}

std::optional<Failure> Converter::reasoning()
{
    const JsonValue effort = m_in.value(QStringLiteral("reasoning_effort"));
    if (absent(effort) || effort.toString() == QLatin1String("none"))
        return std::nullopt;
    const int budget = ChatRequest::thinkingBudget(effort.toString());
    if (budget <= 0)
        return fieldError(QStringLiteral("reasoning_effort"),
                          QStringLiteral("expected one of none, minimal, low, medium, high"));
    out.insert(QStringLiteral("thinking"), JsonObject{{QStringLiteral("type"), QStringLiteral("enabled")},
                                                      {QStringLiteral("budget_tokens"), budget}});
    return std::nullopt;
}

std::optional<Failure> Converter::responseFormat()
{
    const JsonValue value = m_in.value(QStringLiteral("response_format"));
    if (absent(value))
        return std::nullopt;
    const JsonObject format = value.toObject();
    const QString type = format.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("text"))
        return std::nullopt;
    if (type == QLatin1String("json_object")) {
        // Any JSON object: the emulation's tool takes an object with no declared properties.
        out.insert(QStringLiteral("output_format"),
                   JsonObject{{QStringLiteral("type"), QStringLiteral("json_schema")},
                              {QStringLiteral("schema"), JsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                                                    {QStringLiteral("additionalProperties"), true}}}});
        return std::nullopt;
    }
    if (type != QLatin1String("json_schema"))
        return fieldError(QStringLiteral("response_format.type"),
                          QStringLiteral("expected \"text\", \"json_object\" or \"json_schema\""));
    const JsonValue schema = format.value(QStringLiteral("json_schema")).toObject().value(QStringLiteral("schema"));
    if (!schema.isObject())
        return fieldError(QStringLiteral("response_format.json_schema.schema"),
                          QStringLiteral("required JSON Schema object"));
    out.insert(QStringLiteral("output_format"),
               JsonObject{{QStringLiteral("type"), QStringLiteral("json_schema")}, {QStringLiteral("schema"), schema}});
    return std::nullopt;
}

std::optional<Failure> Converter::streaming()
{
    const JsonValue stream = m_in.value(QStringLiteral("stream"));
    if (!absent(stream)) {
        if (!stream.isBool())
            return fieldError(QStringLiteral("stream"), QStringLiteral("must be a boolean"));
        out.insert(QStringLiteral("stream"), stream);
    }
    const JsonValue options = m_in.value(QStringLiteral("stream_options"));
    if (!absent(options)) {
        if (!options.isObject())
            return fieldError(QStringLiteral("stream_options"), QStringLiteral("must be an object"));
        includeUsage = options.toObject().value(QStringLiteral("include_usage")).toBool();
    }
    return std::nullopt;
}

/// MessagesRequest names Anthropic fields; say them in the client's terms.
QString openAiPath(const QString &message, const QList<qsizetype> &origin)
{
    static const QRegularExpression messagePath(QStringLiteral("^messages\\.(\\d+)\\.content\\.(\\d+)"));
    const auto m = messagePath.match(message);
    if (m.hasMatch()) {
        const qsizetype k = m.captured(1).toLongLong();
        const QString from = QStringLiteral("messages[%1]").arg(k < origin.size() ? origin.at(k) : k);
        return from + QStringLiteral(".content[%1]").arg(m.captured(2)) + message.mid(m.capturedLength());
    }
    static const QList<QPair<QString, QString>> renames{
        {QStringLiteral("output_format"), QStringLiteral("response_format.json_schema")},
        {QStringLiteral("stop_sequences"), QStringLiteral("stop")},
        {QStringLiteral("thinking"), QStringLiteral("reasoning_effort")},
        {QStringLiteral("metadata.user_id"), QStringLiteral("user")},
    };
    for (const auto &[from, to] : renames) {
        if (message.startsWith(from))
            return to + message.mid(from.size());
    }
    static const QRegularExpression toolPath(QStringLiteral("^tools\\.(\\d+)\\.(input_schema|name|description)"));
    const auto t = toolPath.match(message);
    if (t.hasMatch()) {
        const QString field =
            t.captured(2) == QLatin1String("input_schema") ? QStringLiteral("parameters") : t.captured(2);
        return QStringLiteral("tools[%1].function.%2").arg(t.captured(1), field) + message.mid(t.capturedLength());
    }
    return message;
}

} // namespace

int ChatRequest::thinkingBudget(const QString &effort)
{
    if (effort == QLatin1String("minimal"))
        return 1024;
    if (effort == QLatin1String("low"))
        return 4096;
    if (effort == QLatin1String("medium"))
        return 12000;
    if (effort == QLatin1String("high"))
        return 24576;
    return 0;
}

Expected<ChatRequest, ApiError> ChatRequest::fromJson(const JsonObject &object)
{
    Converter c(object);
    if (auto e = c.run())
        return Result::failure(ApiError::invalidRequest(e->message));
    auto parsed = MessagesRequest::fromJson(c.out);
    if (!parsed)
        return Result::failure(ApiError::invalidRequest(openAiPath(parsed.error().message, c.origin)));
    ChatRequest r;
    r.request = std::move(parsed).value();
    r.includeUsage = c.includeUsage && r.request.stream;
    return r;
}

Expected<ChatRequest, ApiError> ChatRequest::parse(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return Result::failure(ApiError::invalidRequest(QStringLiteral("body: empty; expected a JSON object")));
    QJsonParseError error;
    const JsonValue doc = Json::parse(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Result::failure(ApiError::invalidRequest(
            QStringLiteral("body: invalid JSON (%1 at offset %2)").arg(error.errorString()).arg(error.offset)));
    if (!doc.isObject())
        return Result::failure(ApiError::invalidRequest(QStringLiteral("body: expected a JSON object")));
    return fromJson(doc.toObject());
}
