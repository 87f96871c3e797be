// SPDX-License-Identifier: MIT
// WebSearch: Claude Code's WebSearch side request answered from Kiro's web_search MCP tool, presented the way
// Anthropic presents its own server-side search so clients render and store it unchanged.
#include "anthropic/websearch.h"

#include "anthropic/messageevents.h"

#include <algorithm>

#include "common/json.h"
#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUuid>

#include "anthropic/messagesrequest.h"
#include "anthropic/tokenestimator.h"
#include "common/jsonnumber.h"

namespace {
const QLatin1String kToolName("web_search");
const QLatin1String kServerToolTypePrefix("web_search_");
const QLatin1String kQueryPrefix("Perform a web search for the query:");

QString randomString(int length, QLatin1String alphabet)
{
    QString out;
    out.reserve(length);
    auto *rng = QRandomGenerator::global();
    for (int i = 0; i < length; ++i)
        out.append(alphabet.at(int(rng->bounded(quint32(alphabet.size())))));
    return out;
}

// Splits on code points so a delta never ends between the halves of a surrogate pair.
QStringList chunks(const QString &text, int maxCodePoints)
{
    QStringList out;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype start = i;
        for (int n = 0; n < maxCodePoints && i < text.size(); ++n) {
            const bool pair = text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate();
            i += pair ? 2 : 1;
        }
        out.append(text.mid(start, i - start));
    }
    return out;
}

void textBlock(int index, const QString &text, QList<SseEvent> &out)
{
    out.append(MessageEvents::blockStart(
        index, JsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QString()}}));
    for (const QString &chunk : chunks(text, WebSearch::kMaxDeltaChars))
        out.append(MessageEvents::textDelta(index, chunk));
    out.append(MessageEvents::blockStop(index));
}

QString firstText(const JsonObject &result)
{
    const JsonArray content = result.value(QStringLiteral("content")).toArray();
    return content.isEmpty() ? QString() : content.first().toObject().value(QStringLiteral("text")).toString();
}

// MCP's streamable HTTP transport may answer as SSE; the JSON-RPC message is then the last `data:` payload.
QByteArray jsonPayload(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('{'))
        return trimmed;
    QByteArray last;
    for (const QByteArray &line : trimmed.split('\n')) {
        if (line.startsWith("data:"))
            last = line.mid(5).trimmed();
    }
    return last.isEmpty() ? trimmed : last;
}

qint64 publishedDate(const JsonValue &value)
{
    if (value.isDouble())
        return JsonNumber::toInt64(value.toDouble());
    if (value.isString()) {
        bool ok = false;
        const qint64 ms = value.toString().toLongLong(&ok);
        return ok ? ms : 0;
    }
    return 0;
}
} // namespace

bool WebSearch::isWebSearchRequest(const MessagesRequest &request)
{
    if (request.tools.size() != 1)
        return false;
    const ToolDefinition &tool = request.tools.first();
    return tool.name.compare(kToolName, Qt::CaseInsensitive) == 0 ||
           (tool.isServerTool() && tool.type.startsWith(kServerToolTypePrefix));
}

Expected<QString, ApiError> WebSearch::query(const MessagesRequest &request)
{
    qsizetype messageIndex = -1;
    for (qsizetype i = 0; i < request.messages.size(); ++i) {
        if (request.messages.at(i).role == Message::Role::User) {
            messageIndex = i;
            break;
        }
    }
    if (messageIndex < 0)
        return Expected<QString, ApiError>::failure(
            ApiError::invalidRequest(QStringLiteral("messages: a web search request needs a user message")));

    // The block carrying Claude Code's prefix wins; otherwise the first text that is not blank.
    const QList<ContentBlock> &content = request.messages.at(messageIndex).content;
    QString text;
    bool found = false;
    for (const ContentBlock &block : content) {
        if (block.type != ContentBlock::Type::Text)
            continue;
        const QString trimmed = block.text.trimmed();
        if (trimmed.startsWith(kQueryPrefix, Qt::CaseInsensitive)) {
            text = trimmed.mid(kQueryPrefix.size()).trimmed();
            found = true;
            break;
        }
        if (text.isEmpty())
            text = trimmed;
        found = true;
    }
    const QString path = QStringLiteral("messages.%1.content").arg(messageIndex);
    if (!found)
        return Expected<QString, ApiError>::failure(ApiError::invalidRequest(
            path + QStringLiteral(": a web search request needs a text block with the query")));
    if (text.isEmpty())
        return Expected<QString, ApiError>::failure(
            ApiError::invalidRequest(path + QStringLiteral(": the web search query is empty")));
    return text;
}

QString WebSearch::newRequestId()
{
    return QStringLiteral("web_search_tooluse_") +
           randomString(22, QLatin1String("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")) +
           QLatin1Char('_') + QString::number(QDateTime::currentMSecsSinceEpoch()) + QLatin1Char('_') +
           randomString(8, QLatin1String("abcdefghijklmnopqrstuvwxyz0123456789"));
}

QByteArray WebSearch::mcpRequestBody(const QString &query, const QString &requestId)
{
    const JsonObject params{{QStringLiteral("name"), QString(kToolName)},
                            {QStringLiteral("arguments"), JsonObject{{QStringLiteral("query"), query}}}};
    const JsonObject body{{QStringLiteral("id"), requestId},
                          {QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                          {QStringLiteral("method"), QStringLiteral("tools/call")},
                          {QStringLiteral("params"), params}};
    return Json::write(body);
}

QList<WebSearchResult> WebSearch::parseMcpResponse(const QByteArray &body, QString *error)
{
    if (error)
        error->clear();
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QList<WebSearchResult>();
    };

    QJsonParseError parseError;
    const JsonValue doc = Json::parse(jsonPayload(body), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return fail(QStringLiteral("MCP answer is not a JSON object: ") + (parseError.error != QJsonParseError::NoError
                                                                               ? parseError.errorString()
                                                                               : QStringLiteral("not an object")));
    const JsonObject root = doc.toObject();

    const JsonValue rpcError = root.value(QStringLiteral("error"));
    if (rpcError.isObject()) {
        const JsonObject e = rpcError.toObject();
        return fail(QStringLiteral("MCP error %1: %2")
                        .arg(QString::number(e.value(QStringLiteral("code")).toInteger()),
                             e.value(QStringLiteral("message")).toString()));
    }
    const JsonValue resultValue = root.value(QStringLiteral("result"));
    if (!resultValue.isObject())
        return fail(QStringLiteral("MCP answer has no result object"));
    const JsonObject result = resultValue.toObject();
    if (result.value(QStringLiteral("isError")).toBool())
        return fail(QStringLiteral("MCP tool reported an error: ") + firstText(result));

    const JsonArray content = result.value(QStringLiteral("content")).toArray();
    const JsonValue textValue =
        content.isEmpty() ? JsonValue() : content.first().toObject().value(QStringLiteral("text"));
    if (!textValue.isString())
        return fail(QStringLiteral("MCP result has no text content"));

    const JsonValue innerDoc = Json::parse(textValue.toString().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !innerDoc.isObject())
        return fail(QStringLiteral("MCP result text is not a JSON object: ") +
                    (parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                  : QStringLiteral("not an object")));
    const JsonObject inner = innerDoc.toObject();

    const JsonValue innerError = inner.value(QStringLiteral("error"));
    if (innerError.isString() && !innerError.toString().trimmed().isEmpty())
        return fail(QStringLiteral("web search failed: ") + innerError.toString());
    if (innerError.isObject())
        return fail(QStringLiteral("web search failed: ") + QString::fromUtf8(Json::write(innerError)));

    const JsonValue resultsValue = inner.value(QStringLiteral("results"));
    if (!resultsValue.isArray())
        return fail(QStringLiteral("MCP result has no results array"));

    QList<WebSearchResult> out;
    for (const JsonValue &v : resultsValue.toArray()) {
        const JsonObject o = v.toObject();
        WebSearchResult r;
        r.title = o.value(QStringLiteral("title")).toString().trimmed();
        r.url = o.value(QStringLiteral("url")).toString().trimmed();
        r.snippet = o.value(QStringLiteral("snippet")).toString();
        r.publishedDateMs = publishedDate(o.value(QStringLiteral("publishedDate")));
        if (r.url.isEmpty() && r.title.isEmpty())
            continue; // nothing a client could show or cite
        out.append(r);
    }
    return out;
}

QString WebSearch::pageAge(qint64 publishedDateMs)
{
    if (publishedDateMs <= 0)
        return {};
    // Fixed English names: the client sees the same text whatever the proxy's locale is.
    static const char *const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    const QDate date = QDateTime::fromMSecsSinceEpoch(publishedDateMs, Qt::UTC).date();
    return QLatin1String(months[date.month() - 1]) + QLatin1Char(' ') + QString::number(date.day()) +
           QStringLiteral(", ") + QString::number(date.year());
}

QString WebSearch::summary(const QString &query, const QList<WebSearchResult> &results)
{
    if (results.isEmpty())
        return QStringLiteral("No web search results were found for \"%1\".").arg(query);
    QString out = QStringLiteral("Here are the web search results for \"%1\":\n").arg(query);
    for (qsizetype i = 0; i < results.size(); ++i) {
        const WebSearchResult &r = results.at(i);
        out += QStringLiteral("\n%1. %2\n").arg(QString::number(i + 1), r.title.isEmpty() ? r.url : r.title);
        if (!r.url.isEmpty())
            out += QStringLiteral("   ") + r.url + QLatin1Char('\n');
        const QString snippet = r.snippet.simplified();
        if (!snippet.isEmpty())
            out += QStringLiteral("   ") + snippet + QLatin1Char('\n');
    }
    return out;
}

QList<SseEvent> WebSearch::events(const Options &options, const QString &query, const QList<WebSearchResult> &results)
{
    const QString messageId = options.messageId.isEmpty() ? MessageEvents::newMessageId() : options.messageId;
    const QString toolUseId = options.toolUseId.isEmpty()
                                  ? QStringLiteral("srvtoolu_") + QUuid::createUuid().toString(QUuid::Id128)
                                  : options.toolUseId;
    const qint64 inputTokens = std::max<qint64>(1, options.inputTokens);
    const QString intro = QStringLiteral("I'll search for \"%1\".").arg(query);
    const QString summaryText = summary(query, results);

    QList<SseEvent> out;
    out.append(MessageEvents::messageStart(messageId, options.clientModel, inputTokens));

    textBlock(0, intro, out);

    out.append(MessageEvents::blockStart(
        1, JsonObject{{QStringLiteral("type"), QStringLiteral("server_tool_use")},
                      {QStringLiteral("id"), toolUseId},
                      {QStringLiteral("name"), QString(kToolName)},
                      {QStringLiteral("input"), JsonObject{{QStringLiteral("query"), query}}}}));
    out.append(MessageEvents::blockStop(1));

    JsonArray items;
    for (const WebSearchResult &r : results) {
        const QString age = pageAge(r.publishedDateMs);
        items.append(JsonObject{{QStringLiteral("type"), QStringLiteral("web_search_result")},
                                {QStringLiteral("title"), r.title},
                                {QStringLiteral("url"), r.url},
                                {QStringLiteral("encrypted_content"), r.snippet},
                                {QStringLiteral("page_age"), age.isEmpty() ? JsonValue() : JsonValue(age)}});
    }
    out.append(
        MessageEvents::blockStart(2, JsonObject{{QStringLiteral("type"), QStringLiteral("web_search_tool_result")},
                                                {QStringLiteral("tool_use_id"), toolUseId},
                                                {QStringLiteral("content"), items}}));
    out.append(MessageEvents::blockStop(2));

    textBlock(3, summaryText, out);

    JsonObject usage = MessageEvents::usage(inputTokens, TokenEstimator::outputChunk(QString(intro + summaryText)));
    usage.insert(QStringLiteral("server_tool_use"), JsonObject{{QStringLiteral("web_search_requests"), 1}});
    out.append(MessageEvents::messageDelta(QStringLiteral("end_turn"), JsonValue(), usage));
    out.append(MessageEvents::messageStop());
    return out;
}
