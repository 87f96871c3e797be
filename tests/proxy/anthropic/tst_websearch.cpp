// SPDX-License-Identifier: MIT
// Tests WebSearch: detection, query, MCP request/answer, the Anthropic event sequence and its non-streaming form.
#include "common/json.h"
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

#include "anthropic/messagesrequest.h"
#include "anthropic/websearch.h"
#include "kiro/messagecollector.h"

namespace {
const QString kWebSearchTool = QStringLiteral(R"({"type":"web_search_20250305","name":"web_search","max_uses":8})");
const QString kCustomTool =
    QStringLiteral(R"({"name":"get_weather","input_schema":{"type":"object","properties":{}}})");

MessagesRequest request(const QString &toolsJson, const QString &messagesJson)
{
    const QString body =
        QStringLiteral(R"({"model":"claude-sonnet-4-5","max_tokens":1024,"messages":%1%2})")
            .arg(messagesJson, toolsJson.isNull() ? QString() : QStringLiteral(",\"tools\":") + toolsJson);
    auto parsed = MessagesRequest::parse(body.toUtf8());
    if (!parsed)
        qFatal("test request does not parse: %s", qPrintable(parsed.error().message));
    return parsed.value();
}

QByteArray mcpAnswer(const JsonObject &inner, bool isError = false)
{
    const QString text = QString::fromUtf8(Json::write(inner));
    const JsonObject result{
        {QStringLiteral("content"),
         JsonArray{JsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}}}},
        {QStringLiteral("isError"), isError}};
    return Json::write(JsonObject{{QStringLiteral("id"), QStringLiteral("web_search_tooluse_x")},
                                  {QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                  {QStringLiteral("result"), result}});
}

JsonObject hit(const QString &title, const QString &url, const QString &snippet, const JsonValue &date)
{
    JsonObject o{{QStringLiteral("title"), title},
                 {QStringLiteral("url"), url},
                 {QStringLiteral("snippet"), snippet},
                 {QStringLiteral("id"), QStringLiteral("r")},
                 {QStringLiteral("domain"), QStringLiteral("example.org")},
                 {QStringLiteral("maxVerbatimWordLimit"), 25},
                 {QStringLiteral("publicDomain"), false}};
    if (!date.isUndefined())
        o.insert(QStringLiteral("publishedDate"), date);
    return o;
}

QByteArray goodAnswer()
{
    const JsonArray results{
        hit(QStringLiteral("Qt 6.8 Released"), QStringLiteral("https://www.qt.io/blog/qt-6.8-released"),
            QStringLiteral("Qt 6.8 LTS is out."), 1728000000000.0),
        hit(QStringLiteral("Qt 6.8 release plan"), QStringLiteral("https://wiki.qt.io/Qt_6.8_Release"),
            QStringLiteral("Schedule and\nmilestones."), JsonValue()),
        hit(QStringLiteral("Qt Forum"), QStringLiteral("https://forum.qt.io/topic/1"), QString(),
            JsonValue::Undefined)};
    return mcpAnswer(JsonObject{{QStringLiteral("results"), results},
                                {QStringLiteral("totalResults"), 3},
                                {QStringLiteral("query"), QStringLiteral("qt 6.8 release date")},
                                {QStringLiteral("error"), JsonValue()}});
}

QList<WebSearchResult> threeResults()
{
    return WebSearch::parseMcpResponse(goodAnswer());
}

WebSearch::Options options()
{
    WebSearch::Options o;
    o.clientModel = QStringLiteral("claude-haiku-4-5-20251001");
    o.messageId = QStringLiteral("msg_0123456789abcdef0123456789abcdef");
    o.inputTokens = 57;
    return o;
}

QString summaryFromDeltas(const QList<SseEvent> &events, int index, QStringList *chunks = nullptr)
{
    QString text;
    for (const SseEvent &e : events) {
        if (e.name != "content_block_delta" || e.data.value(QStringLiteral("index")).toInt() != index)
            continue;
        const QString chunk = e.data.value(QStringLiteral("delta")).toObject().value(QStringLiteral("text")).toString();
        if (chunks)
            chunks->append(chunk);
        text += chunk;
    }
    return text;
}

JsonObject startBlock(const QList<SseEvent> &events, int index)
{
    for (const SseEvent &e : events) {
        if (e.name == "content_block_start" && e.data.value(QStringLiteral("index")).toInt() == index)
            return e.data.value(QStringLiteral("content_block")).toObject();
    }
    return {};
}
} // namespace

class TestWebSearch : public QObject
{
    Q_OBJECT

private slots:
    void detection_data();
    void detection();
    void query_data();
    void query();
    void queryErrors_data();
    void queryErrors();
    void requestId();
    void mcpBody();
    void parseGood();
    void parseFailures_data();
    void parseFailures();
    void parseSkipsEmptyItems();
    void pageAge_data();
    void pageAge();
    void eventSequence();
    void idsAndResults();
    void summaryChunks_data();
    void summaryChunks();
    void usage();
    void emptyResults();
    void generatedIds();
    void collectorRoundTrip();
};

void TestWebSearch::detection_data()
{
    QTest::addColumn<QString>("tools");
    QTest::addColumn<bool>("expected");
    QTest::newRow("only web_search server tool") << QLatin1Char('[') + kWebSearchTool + QLatin1Char(']') << true;
    QTest::newRow("newer server tool version")
        << QStringLiteral(R"([{"type":"web_search_20260101","name":"search"}])") << true;
    QTest::newRow("name in other case") << QStringLiteral(R"([{"type":"web_search_20250305","name":"Web_Search"}])")
                                        << true;
    QTest::newRow("custom tool named web_search")
        << QStringLiteral(R"([{"name":"web_search","input_schema":{"type":"object"}}])") << true;
    QTest::newRow("web_search plus another tool")
        << QLatin1Char('[') + kWebSearchTool + QLatin1Char(',') + kCustomTool + QLatin1Char(']') << false;
    QTest::newRow("only a custom tool") << QLatin1Char('[') + kCustomTool + QLatin1Char(']') << false;
    QTest::newRow("other server tool") << QStringLiteral(R"([{"type":"bash_20250124","name":"bash"}])") << false;
    QTest::newRow("custom type web_search_like name")
        << QStringLiteral(R"([{"type":"custom","name":"web_search_pro","input_schema":{"type":"object"}}])") << false;
    QTest::newRow("empty tools") << QStringLiteral("[]") << false;
    QTest::newRow("no tools") << QString() << false;
}

void TestWebSearch::detection()
{
    QFETCH(QString, tools);
    QFETCH(bool, expected);
    const MessagesRequest r = request(tools, QStringLiteral(R"([{"role":"user","content":"hi"}])"));
    QCOMPARE(WebSearch::isWebSearchRequest(r), expected);
}

void TestWebSearch::query_data()
{
    QTest::addColumn<QString>("messages");
    QTest::addColumn<QString>("expected");
    QTest::newRow("claude code prefix")
        << QStringLiteral(R"([{"role":"user","content":"Perform a web search for the query: qt 6.8 release date"}])")
        << QStringLiteral("qt 6.8 release date");
    QTest::newRow("no prefix") << QStringLiteral(R"([{"role":"user","content":"  qt 6.8 release date \n"}])")
                               << QStringLiteral("qt 6.8 release date");
    QTest::newRow("prefix with extra spaces")
        << QStringLiteral(R"([{"role":"user","content":"\nPerform a web search for the query:   rust 2024  "}])")
        << QStringLiteral("rust 2024");
    QTest::newRow("content as blocks")
        << QStringLiteral(R"([{"role":"user","content":[{"type":"text","text":"Perform a web search for the query: )"
                          R"(cmake presets"},{"type":"text","text":"ignored"}]}])")
        << QStringLiteral("cmake presets");
    QTest::newRow("prefix block after another text")
        << QStringLiteral(R"([{"role":"user","content":[{"type":"text","text":"<system-reminder>x</system-reminder>"},)"
                          R"({"type":"text","text":"Perform a web search for the query: kiro"}]}])")
        << QStringLiteral("kiro");
    QTest::newRow("blank first block")
        << QStringLiteral(R"([{"role":"user","content":[{"type":"text","text":"  "},{"type":"text","text":"zig"}]}])")
        << QStringLiteral("zig");
    QTest::newRow("first user message wins")
        << QStringLiteral(R"([{"role":"user","content":"first"},{"role":"assistant","content":"ok"},)"
                          R"({"role":"user","content":"second"}])")
        << QStringLiteral("first");
    QTest::newRow("cjk query") << QStringLiteral(
                                      R"([{"role":"user","content":"Perform a web search for the query: 北京天气"}])")
                               << QStringLiteral("北京天气");
}

void TestWebSearch::query()
{
    QFETCH(QString, messages);
    QFETCH(QString, expected);
    const auto q = WebSearch::query(request(QLatin1Char('[') + kWebSearchTool + QLatin1Char(']'), messages));
    QVERIFY2(q.ok(), q.ok() ? "" : qPrintable(q.error().message));
    QCOMPARE(q.value(), expected);
}

void TestWebSearch::queryErrors_data()
{
    QTest::addColumn<QString>("messages");
    QTest::addColumn<QString>("messageStart");
    QTest::newRow("only prefix") << QStringLiteral(
                                        R"([{"role":"user","content":"Perform a web search for the query:   "}])")
                                 << QStringLiteral("messages.0.content: the web search query is empty");
    QTest::newRow("blank text") << QStringLiteral(R"([{"role":"user","content":"   "}])")
                                << QStringLiteral("messages.0.content: the web search query is empty");
    QTest::newRow("no text block") << QStringLiteral(
                                          R"([{"role":"user","content":[{"type":"image","source":{"type":"base64",)"
                                          R"("media_type":"image/png","data":"iVBORw0KGgo="}}]}])")
                                   << QStringLiteral("messages.0.content: a web search request needs a text block");
    QTest::newRow("no user message") << QStringLiteral(R"([{"role":"assistant","content":"hello"}])")
                                     << QStringLiteral("messages: a web search request needs a user message");
}

void TestWebSearch::queryErrors()
{
    QFETCH(QString, messages);
    QFETCH(QString, messageStart);
    const auto q = WebSearch::query(request(QLatin1Char('[') + kWebSearchTool + QLatin1Char(']'), messages));
    QVERIFY(!q.ok());
    QCOMPARE(q.error().status, 400);
    QCOMPARE(q.error().type, QStringLiteral("invalid_request_error"));
    QVERIFY2(q.error().message.startsWith(messageStart), qPrintable(q.error().message));
}

void TestWebSearch::requestId()
{
    const QRegularExpression format(QStringLiteral("^web_search_tooluse_[A-Za-z0-9]{22}_(\\d{13})_[a-z0-9]{8}$"));
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const QString id = WebSearch::newRequestId();
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    const QRegularExpressionMatch m = format.match(id);
    QVERIFY2(m.hasMatch(), qPrintable(id));
    const qint64 ms = m.captured(1).toLongLong();
    QVERIFY(ms >= before && ms <= after);
    QVERIFY(WebSearch::newRequestId() != id);
}

void TestWebSearch::mcpBody()
{
    const QByteArray body = WebSearch::mcpRequestBody(QStringLiteral("qt \"6.8\" 发布"), QStringLiteral("req-1"));
    QJsonParseError error;
    const JsonObject o = JsonObject::fromQJsonObject(QJsonDocument::fromJson(body, &error).object()); // Qt reads it
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(o.size(), 4);
    QCOMPARE(o.value(QStringLiteral("id")).toString(), QStringLiteral("req-1"));
    QCOMPARE(o.value(QStringLiteral("jsonrpc")).toString(), QStringLiteral("2.0"));
    QCOMPARE(o.value(QStringLiteral("method")).toString(), QStringLiteral("tools/call"));
    const JsonObject params = o.value(QStringLiteral("params")).toObject();
    QCOMPARE(params.value(QStringLiteral("name")).toString(), QStringLiteral("web_search"));
    QCOMPARE(params.value(QStringLiteral("arguments")).toObject(),
             (JsonObject{{QStringLiteral("query"), QStringLiteral("qt \"6.8\" 发布")}}));
    QVERIFY(!body.contains('\n')); // compact
}

void TestWebSearch::parseGood()
{
    QString error = QStringLiteral("stale");
    const QList<WebSearchResult> r = WebSearch::parseMcpResponse(goodAnswer(), &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(r.size(), 3);
    QCOMPARE(r.at(0).title, QStringLiteral("Qt 6.8 Released"));
    QCOMPARE(r.at(0).url, QStringLiteral("https://www.qt.io/blog/qt-6.8-released"));
    QCOMPARE(r.at(0).snippet, QStringLiteral("Qt 6.8 LTS is out."));
    QCOMPARE(r.at(0).publishedDateMs, Q_INT64_C(1728000000000));
    QCOMPARE(r.at(1).snippet, QStringLiteral("Schedule and\nmilestones."));
    QCOMPARE(r.at(1).publishedDateMs, Q_INT64_C(0));
    QCOMPARE(r.at(2).snippet, QString());
    QCOMPARE(r.at(2).publishedDateMs, Q_INT64_C(0));

    // The same answer framed as MCP streamable-HTTP SSE.
    const QByteArray sse = "event: message\ndata: " + goodAnswer() + "\n\n";
    QCOMPARE(WebSearch::parseMcpResponse(sse).size(), 3);
}

void TestWebSearch::parseFailures_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("json-rpc error")
        << QByteArray(R"({"id":"x","jsonrpc":"2.0","error":{"code":-32602,"message":"Invalid params"}})")
        << QStringLiteral("MCP error -32602: Invalid params");
    QTest::newRow("isError true") << mcpAnswer(JsonObject{{QStringLiteral("results"), JsonArray()}}, true)
                                  << QStringLiteral("MCP tool reported an error");
    QTest::newRow("garbage") << QByteArray("<html>502 Bad Gateway</html>")
                             << QStringLiteral("MCP answer is not a JSON object");
    QTest::newRow("empty body") << QByteArray() << QStringLiteral("MCP answer is not a JSON object");
    QTest::newRow("json array") << QByteArray("[1,2]") << QStringLiteral("MCP answer is not a JSON object");
    QTest::newRow("no result") << QByteArray(R"({"id":"x","jsonrpc":"2.0"})") << QStringLiteral("no result object");
    QTest::newRow("no content") << QByteArray(R"({"result":{"content":[],"isError":false}})")
                                << QStringLiteral("no text content");
    QTest::newRow("inner text not json")
        << QByteArray(R"({"result":{"content":[{"type":"text","text":"Search is unavailable"}],"isError":false}})")
        << QStringLiteral("MCP result text is not a JSON object");
    QTest::newRow("missing results") << mcpAnswer(JsonObject{{QStringLiteral("totalResults"), 0},
                                                             {QStringLiteral("query"), QStringLiteral("q")}})
                                     << QStringLiteral("no results array");
    QTest::newRow("inner error") << mcpAnswer(JsonObject{{QStringLiteral("results"), JsonArray()},
                                                         {QStringLiteral("error"), QStringLiteral("rate limited")}})
                                 << QStringLiteral("web search failed: rate limited");
}

void TestWebSearch::parseFailures()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, errorContains);
    QString error;
    QVERIFY(WebSearch::parseMcpResponse(body, &error).isEmpty());
    QVERIFY2(error.contains(errorContains), qPrintable(error));
    QVERIFY(WebSearch::parseMcpResponse(body).isEmpty()); // no error pointer is fine
}

void TestWebSearch::parseSkipsEmptyItems()
{
    const JsonArray results{JsonValue(42), JsonObject{{QStringLiteral("snippet"), QStringLiteral("orphan")}},
                            JsonObject{{QStringLiteral("url"), QStringLiteral("https://a.example")},
                                       {QStringLiteral("publishedDate"), QStringLiteral("1767312000000")}}};
    QString error;
    const QList<WebSearchResult> r =
        WebSearch::parseMcpResponse(mcpAnswer(JsonObject{{QStringLiteral("results"), results}}), &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(r.size(), 1);
    QCOMPARE(r.at(0).url, QStringLiteral("https://a.example"));
    QCOMPARE(r.at(0).publishedDateMs, Q_INT64_C(1767312000000));
}

void TestWebSearch::pageAge_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << Q_INT64_C(0) << QString();
    QTest::newRow("negative") << Q_INT64_C(-5) << QString();
    QTest::newRow("2 jan 2026 midnight utc") << Q_INT64_C(1767312000000) << QStringLiteral("January 2, 2026");
    QTest::newRow("last ms of 2025 utc") << Q_INT64_C(1767225599999) << QStringLiteral("December 31, 2025");
    QTest::newRow("october 2024") << Q_INT64_C(1728000000000) << QStringLiteral("October 4, 2024");
    QTest::newRow("leap day") << Q_INT64_C(1709164800000) << QStringLiteral("February 29, 2024");
}

void TestWebSearch::pageAge()
{
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    QCOMPARE(WebSearch::pageAge(ms), expected);
}

void TestWebSearch::eventSequence()
{
    const QList<SseEvent> events = WebSearch::events(options(), QStringLiteral("qt 6.8 release date"), threeResults());
    QStringList sketch;
    for (const SseEvent &e : events) {
        QString line = QString::fromLatin1(e.name);
        QCOMPARE(e.data.value(QStringLiteral("type")).toString(), line); // data.type always matches the name
        if (e.data.contains(QStringLiteral("index")))
            line += QLatin1Char('#') + QString::number(e.data.value(QStringLiteral("index")).toInt());
        if (e.name == "content_block_start")
            line += QLatin1Char(':') +
                    e.data.value(QStringLiteral("content_block")).toObject().value(QStringLiteral("type")).toString();
        if (e.name == "content_block_delta") {
            QCOMPARE(e.data.value(QStringLiteral("delta")).toObject().value(QStringLiteral("type")).toString(),
                     QStringLiteral("text_delta"));
            if (sketch.last().startsWith(line))
                continue; // one line per run of deltas
        }
        sketch.append(line);
    }
    const QStringList expected = {QStringLiteral("message_start"),
                                  QStringLiteral("content_block_start#0:text"),
                                  QStringLiteral("content_block_delta#0"),
                                  QStringLiteral("content_block_stop#0"),
                                  QStringLiteral("content_block_start#1:server_tool_use"),
                                  QStringLiteral("content_block_stop#1"),
                                  QStringLiteral("content_block_start#2:web_search_tool_result"),
                                  QStringLiteral("content_block_stop#2"),
                                  QStringLiteral("content_block_start#3:text"),
                                  QStringLiteral("content_block_delta#3"),
                                  QStringLiteral("content_block_stop#3"),
                                  QStringLiteral("message_delta"),
                                  QStringLiteral("message_stop")};
    QCOMPARE(sketch, expected);

    const JsonObject message = events.first().data.value(QStringLiteral("message")).toObject();
    QCOMPARE(message.value(QStringLiteral("id")).toString(), QStringLiteral("msg_0123456789abcdef0123456789abcdef"));
    QCOMPARE(message.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
    QCOMPARE(message.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(message.value(QStringLiteral("content")).toArray(), JsonArray());
    QCOMPARE(message.value(QStringLiteral("model")).toString(), QStringLiteral("claude-haiku-4-5-20251001"));
    QVERIFY(message.value(QStringLiteral("stop_reason")).isNull());
    QVERIFY(message.value(QStringLiteral("stop_sequence")).isNull());
    const JsonObject startUsage = message.value(QStringLiteral("usage")).toObject();
    QCOMPARE(startUsage.value(QStringLiteral("input_tokens")).toInt(), 57);
    QCOMPARE(startUsage.value(QStringLiteral("output_tokens")).toInt(), 1);
    QCOMPARE(startUsage.value(QStringLiteral("cache_creation_input_tokens")).toInt(), 0);
    QCOMPARE(startUsage.value(QStringLiteral("cache_read_input_tokens")).toInt(), 0);

    QCOMPARE(summaryFromDeltas(events, 0), QStringLiteral("I'll search for \"qt 6.8 release date\"."));

    const JsonObject delta = events.at(events.size() - 2).data.value(QStringLiteral("delta")).toObject();
    QCOMPARE(delta.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("end_turn"));
    QVERIFY(delta.value(QStringLiteral("stop_sequence")).isNull());
    QVERIFY(delta.contains(QStringLiteral("stop_sequence")));
}

void TestWebSearch::idsAndResults()
{
    const QList<SseEvent> events = WebSearch::events(options(), QStringLiteral("qt 6.8"), threeResults());
    const JsonObject use = startBlock(events, 1);
    const QString id = use.value(QStringLiteral("id")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^srvtoolu_[0-9a-f]{32}$")).match(id).hasMatch(), qPrintable(id));
    QCOMPARE(use.value(QStringLiteral("name")).toString(), QStringLiteral("web_search"));
    QCOMPARE(use.value(QStringLiteral("input")).toObject(),
             (JsonObject{{QStringLiteral("query"), QStringLiteral("qt 6.8")}}));

    const JsonObject result = startBlock(events, 2);
    QCOMPARE(result.value(QStringLiteral("tool_use_id")).toString(), id);
    const JsonArray items = result.value(QStringLiteral("content")).toArray();
    QCOMPARE(items.size(), 3);
    const JsonObject first = items.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("type")).toString(), QStringLiteral("web_search_result"));
    QCOMPARE(first.value(QStringLiteral("title")).toString(), QStringLiteral("Qt 6.8 Released"));
    QCOMPARE(first.value(QStringLiteral("url")).toString(), QStringLiteral("https://www.qt.io/blog/qt-6.8-released"));
    QCOMPARE(first.value(QStringLiteral("encrypted_content")).toString(), QStringLiteral("Qt 6.8 LTS is out."));
    QCOMPARE(first.value(QStringLiteral("page_age")).toString(), QStringLiteral("October 4, 2024"));
    QVERIFY(items.at(1).toObject().contains(QStringLiteral("page_age")));
    QVERIFY(items.at(1).toObject().value(QStringLiteral("page_age")).isNull());

    // No deltas for the server blocks: they arrive complete in content_block_start.
    for (const SseEvent &e : events) {
        if (e.name == "content_block_delta") {
            const int index = e.data.value(QStringLiteral("index")).toInt();
            QVERIFY(index == 0 || index == 3);
        }
    }

    // A fixed id is used as given.
    WebSearch::Options o = options();
    o.toolUseId = QStringLiteral("srvtoolu_fixed");
    const QList<SseEvent> fixed = WebSearch::events(o, QStringLiteral("q"), {});
    QCOMPARE(startBlock(fixed, 1).value(QStringLiteral("id")).toString(), QStringLiteral("srvtoolu_fixed"));
    QCOMPARE(startBlock(fixed, 2).value(QStringLiteral("tool_use_id")).toString(), QStringLiteral("srvtoolu_fixed"));
}

void TestWebSearch::summaryChunks_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<WebSearchResult>>("results");
    QTest::newRow("latin") << QStringLiteral("qt 6.8 release date") << threeResults();
    QTest::newRow("cjk") << QStringLiteral("北京天气")
                         << QList<WebSearchResult>{{QStringLiteral("北京天气预报"),
                                                    QStringLiteral("https://tq.example.cn"),
                                                    QString(300, QChar(0x6674)), 0}};
    // U+1F600 is a surrogate pair in UTF-16; place pairs so a naive 100-unit cut would split one.
    QString emoji = QStringLiteral("x");
    for (int i = 0; i < 150; ++i)
        emoji += QString::fromUcs4(U"\U0001F600");
    QTest::newRow("surrogate pairs") << QStringLiteral("emoji")
                                     << QList<WebSearchResult>{
                                            {QStringLiteral("Faces"), QStringLiteral("https://e.x"), emoji, 0}};
}

void TestWebSearch::summaryChunks()
{
    QFETCH(QString, query);
    QFETCH(QList<WebSearchResult>, results);
    const QList<SseEvent> events = WebSearch::events(options(), query, results);
    QStringList chunks;
    const QString text = summaryFromDeltas(events, 3, &chunks);
    QCOMPARE(text, WebSearch::summary(query, results));
    QVERIFY(chunks.size() > 1);
    for (const QString &chunk : chunks) {
        QVERIFY(!chunk.isEmpty());
        QVERIFY2(chunk.toUcs4().size() <= WebSearch::kMaxDeltaChars, qPrintable(chunk));
        QVERIFY2(!chunk.front().isLowSurrogate() && !chunk.back().isHighSurrogate(), qPrintable(chunk));
        QCOMPARE(QString::fromUtf8(chunk.toUtf8()), chunk); // valid UTF-16 round-trips through UTF-8
    }
    for (qsizetype i = 0; i + 1 < chunks.size(); ++i)
        QCOMPARE(int(chunks.at(i).toUcs4().size()), WebSearch::kMaxDeltaChars); // only the last chunk is short

    for (const WebSearchResult &r : results) {
        QVERIFY(text.contains(r.title));
        QVERIFY(text.contains(r.url));
    }
}

void TestWebSearch::usage()
{
    const QString query = QStringLiteral("qt 6.8 release date");
    const QList<WebSearchResult> results = threeResults();
    const QList<SseEvent> events = WebSearch::events(options(), query, results);
    const JsonObject usage = events.at(events.size() - 2).data.value(QStringLiteral("usage")).toObject();
    QCOMPARE(usage.value(QStringLiteral("input_tokens")).toInt(), 57);
    QCOMPARE(usage.value(QStringLiteral("cache_creation_input_tokens")).toInt(), 0);
    QCOMPARE(usage.value(QStringLiteral("cache_read_input_tokens")).toInt(), 0);
    QCOMPARE(usage.value(QStringLiteral("server_tool_use")).toObject(),
             (JsonObject{{QStringLiteral("web_search_requests"), 1}}));
    const qint64 output = usage.value(QStringLiteral("output_tokens")).toInteger();
    const qint64 chars = summaryFromDeltas(events, 0).size() + summaryFromDeltas(events, 3).size();
    QVERIFY2(output >= chars / 5 && output <= chars / 3 + 1, qPrintable(QString::number(output)));

    WebSearch::Options tiny = options();
    tiny.inputTokens = 0;
    const QList<SseEvent> minimal = WebSearch::events(tiny, QStringLiteral("a"), {});
    const JsonObject minimalUsage = minimal.at(minimal.size() - 2).data.value(QStringLiteral("usage")).toObject();
    QCOMPARE(minimalUsage.value(QStringLiteral("input_tokens")).toInt(), 1);
    QVERIFY(minimalUsage.value(QStringLiteral("output_tokens")).toInteger() >= 1);
}

void TestWebSearch::emptyResults()
{
    const QList<SseEvent> events = WebSearch::events(options(), QStringLiteral("xyzzy plugh"), {});
    QCOMPARE(events.size(), 13); // one delta each for the intro and the short summary
    QCOMPARE(startBlock(events, 2).value(QStringLiteral("content")).toArray(), JsonArray());
    const QString summary = summaryFromDeltas(events, 3);
    QCOMPARE(summary, QStringLiteral("No web search results were found for \"xyzzy plugh\"."));
    QCOMPARE(events.last().name, QByteArray("message_stop"));
}

void TestWebSearch::generatedIds()
{
    WebSearch::Options o = options();
    o.messageId.clear();
    const QList<SseEvent> a = WebSearch::events(o, QStringLiteral("q"), {});
    const QList<SseEvent> b = WebSearch::events(o, QStringLiteral("q"), {});
    const QString idA =
        a.first().data.value(QStringLiteral("message")).toObject().value(QStringLiteral("id")).toString();
    const QString idB =
        b.first().data.value(QStringLiteral("message")).toObject().value(QStringLiteral("id")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^msg_[0-9a-f]{32}$")).match(idA).hasMatch(), qPrintable(idA));
    QVERIFY(idA != idB);
    QVERIFY(startBlock(a, 1).value(QStringLiteral("id")) != startBlock(b, 1).value(QStringLiteral("id")));
}

void TestWebSearch::collectorRoundTrip()
{
    const QString query = QStringLiteral("qt 6.8 release date");
    const QList<WebSearchResult> results = threeResults();
    const QList<SseEvent> events = WebSearch::events(options(), query, results);
    const JsonObject message = MessageCollector::collect(events);

    QCOMPARE(message.value(QStringLiteral("id")).toString(), QStringLiteral("msg_0123456789abcdef0123456789abcdef"));
    QCOMPARE(message.value(QStringLiteral("model")).toString(), QStringLiteral("claude-haiku-4-5-20251001"));
    QCOMPARE(message.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("end_turn"));
    QVERIFY(message.value(QStringLiteral("stop_sequence")).isNull());

    const JsonArray content = message.value(QStringLiteral("content")).toArray();
    QCOMPARE(content.size(), 4);
    const QString intro = QStringLiteral("I'll search for \"%1\".").arg(query);
    QCOMPARE(content.at(0).toObject(),
             (JsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), intro}}));
    QCOMPARE(content.at(1).toObject(), startBlock(events, 1));
    QCOMPARE(content.at(1).toObject().value(QStringLiteral("input")).toObject(),
             (JsonObject{{QStringLiteral("query"), query}}));
    QCOMPARE(content.at(2).toObject(), startBlock(events, 2));
    QCOMPARE(content.at(2).toObject().value(QStringLiteral("content")).toArray().size(), 3);
    QCOMPARE(content.at(3).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("text"));
    QCOMPARE(content.at(3).toObject().value(QStringLiteral("text")).toString(), WebSearch::summary(query, results));

    const JsonObject usage = message.value(QStringLiteral("usage")).toObject();
    QCOMPARE(usage.value(QStringLiteral("input_tokens")).toInt(), 57);
    QVERIFY(usage.value(QStringLiteral("output_tokens")).toInteger() >= 1);
    QCOMPARE(
        usage.value(QStringLiteral("server_tool_use")).toObject().value(QStringLiteral("web_search_requests")).toInt(),
        1);
}

QTEST_GUILESS_MAIN(TestWebSearch)
#include "tst_websearch.moc"
