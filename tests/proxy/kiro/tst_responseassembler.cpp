// SPDX-License-Identifier: MIT
// Tests ResponseAssembler and MessageCollector: the §16.3 scenario SSE sequence and the §9 rules.
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "anthropic/ssewriter.h"
#include "eventstreamencoder.h"
#include "kiro/eventstreamdecoder.h"
#include "kiro/kiroevent.h"
#include "kiro/messagecollector.h"
#include "kiro/responseassembler.h"

namespace {
QList<KiroEvent> decode(const QList<QByteArray> &frames)
{
    EventStreamDecoder d;
    QList<KiroEvent> out;
    for (const QByteArray &f : frames) {
        for (const EventStreamMessage &m : d.feed(f))
            out.append(KiroEvent::fromMessage(m));
    }
    return out;
}

QByteArray ev(const char *type, const char *json)
{
    return EventStreamEncoder::event(type, json);
}

QList<SseEvent> runAll(ResponseAssembler &a, const QList<QByteArray> &frames)
{
    QList<SseEvent> out = a.start();
    for (const KiroEvent &e : decode(frames))
        out += a.handle(e);
    out += a.finish();
    return out;
}

// "name#index:detail" lines for compact comparison.
QStringList sketch(const QList<SseEvent> &events)
{
    QStringList out;
    for (const SseEvent &e : events) {
        const QJsonObject d = e.data;
        QString line = QString::fromLatin1(e.name);
        if (d.contains(QStringLiteral("index")))
            line += QLatin1Char('#') + QString::number(d.value(QStringLiteral("index")).toInt());
        if (e.name == "content_block_start")
            line += QLatin1Char(':') +
                    d.value(QStringLiteral("content_block")).toObject().value(QStringLiteral("type")).toString();
        if (e.name == "content_block_delta") {
            const QJsonObject delta = d.value(QStringLiteral("delta")).toObject();
            const QString type = delta.value(QStringLiteral("type")).toString();
            QString value = delta.value(QStringLiteral("text")).toString() +
                            delta.value(QStringLiteral("thinking")).toString() +
                            delta.value(QStringLiteral("partial_json")).toString();
            if (type == QLatin1String("signature_delta"))
                value = QStringLiteral("<sig>");
            line += QLatin1Char(':') + type + QLatin1Char('=') + value;
            // Deltas are cut wherever chunks arrived; compare the text they carry, merged per block.
            const QString prefix = line.left(line.indexOf(QLatin1Char('=')) + 1);
            if (!value.isEmpty() && (type == QLatin1String("text_delta") || type == QLatin1String("thinking_delta")) &&
                !out.isEmpty() && out.last().startsWith(prefix) && out.last().size() > prefix.size()) {
                out.last() += value;
                continue;
            }
        }
        if (e.name == "message_delta")
            line += QLatin1Char(':') +
                    d.value(QStringLiteral("delta")).toObject().value(QStringLiteral("stop_reason")).toString();
        out.append(line);
    }
    return out;
}

ResponseAssembler::Options options(bool thinking = false)
{
    ResponseAssembler::Options o;
    o.clientModel = QStringLiteral("claude-sonnet-4-5-20250929");
    o.messageId = QStringLiteral("msg_0123456789abcdef0123456789abcdef");
    o.thinkingRequested = thinking;
    o.inputTokenEstimate = 42;
    o.contextWindow = 200000;
    return o;
}
} // namespace

class TestResponseAssembler : public QObject
{
    Q_OBJECT

private slots:
    void goldenScenario();
    void goldenScenarioNonStreaming();
    void sequences_data();
    void sequences();
    void longToolNameRestored();
    void metadataUsagePreferred();
    void midStreamException();
    void sseBytesExact();
};

void TestResponseAssembler::goldenScenario()
{
    ResponseAssembler a(options());
    const QList<SseEvent> events = runAll(
        a, {ev("assistantResponseEvent", R"({"content":"Hello"})"),
            ev("toolUseEvent", R"({"name":"get_weather","toolUseId":"tooluse_1","input":"{\"city\":"})"),
            ev("toolUseEvent", R"({"name":"get_weather","toolUseId":"tooluse_1","input":"\"Oslo\"}","stop":true})"),
            ev("meteringEvent", R"({"unit":"credit","unitPlural":"credits","usage":0.0097})"),
            ev("contextUsageEvent", R"({"contextUsagePercentage":1.5})")});
    const QStringList expected = {QStringLiteral("message_start"),
                                  QStringLiteral("content_block_start#0:text"),
                                  QStringLiteral("content_block_delta#0:text_delta=Hello"),
                                  QStringLiteral("content_block_stop#0"),
                                  QStringLiteral("content_block_start#1:tool_use"),
                                  QStringLiteral("content_block_delta#1:input_json_delta={\"city\":"),
                                  QStringLiteral("content_block_delta#1:input_json_delta=\"Oslo\"}"),
                                  QStringLiteral("content_block_stop#1"),
                                  QStringLiteral("message_delta:tool_use"),
                                  QStringLiteral("message_stop")};
    QCOMPARE(sketch(events), expected);
    const QJsonObject start = events.first().data.value(QStringLiteral("message")).toObject();
    QCOMPARE(start.value(QStringLiteral("model")).toString(), QStringLiteral("claude-sonnet-4-5-20250929"));
    QCOMPARE(start.value(QStringLiteral("usage")).toObject().value(QStringLiteral("input_tokens")).toInt(), 42);
    QCOMPARE(start.value(QStringLiteral("usage")).toObject().value(QStringLiteral("output_tokens")).toInt(), 1);
    const QJsonObject toolStart = events.at(4).data.value(QStringLiteral("content_block")).toObject();
    QCOMPARE(toolStart.value(QStringLiteral("id")).toString(), QStringLiteral("tooluse_1"));
    QCOMPARE(toolStart.value(QStringLiteral("name")).toString(), QStringLiteral("get_weather"));
    const QJsonObject usage = events.at(8).data.value(QStringLiteral("usage")).toObject();
    QCOMPARE(usage.value(QStringLiteral("input_tokens")).toInt(), 3000);
    QCOMPARE(usage.value(QStringLiteral("output_tokens")).toInt(), 6);
    QCOMPARE(usage.value(QStringLiteral("cache_read_input_tokens")).toInt(), 0);
    QCOMPARE(usage.value(QStringLiteral("cache_creation_input_tokens")).toInt(), 0);
    QVERIFY(a.inputTokensMeasured());
}

void TestResponseAssembler::goldenScenarioNonStreaming()
{
    ResponseAssembler a(options());
    const QJsonObject m = MessageCollector::collect(runAll(
        a, {ev("assistantResponseEvent", R"({"content":"Hello"})"),
            ev("toolUseEvent", R"({"name":"get_weather","toolUseId":"tooluse_1","input":"{\"city\":"})"),
            ev("toolUseEvent", R"({"name":"get_weather","toolUseId":"tooluse_1","input":"\"Oslo\"}","stop":true})"),
            ev("contextUsageEvent", R"({"contextUsagePercentage":1.5})")}));
    const QJsonObject expectedContent0{{QStringLiteral("type"), QStringLiteral("text")},
                                       {QStringLiteral("text"), QStringLiteral("Hello")}};
    const QJsonArray content = m.value(QStringLiteral("content")).toArray();
    QCOMPARE(content.size(), 2);
    QCOMPARE(content.at(0).toObject(), expectedContent0);
    QCOMPARE(content.at(1).toObject().value(QStringLiteral("input")).toObject(),
             (QJsonObject{{QStringLiteral("city"), QStringLiteral("Oslo")}}));
    QCOMPARE(m.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("tool_use"));
    QCOMPARE(m.value(QStringLiteral("id")).toString(), QStringLiteral("msg_0123456789abcdef0123456789abcdef"));
    QCOMPARE(m.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
}

void TestResponseAssembler::sequences_data()
{
    QTest::addColumn<bool>("thinking");
    QTest::addColumn<QList<QByteArray>>("frames");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("plain text") << false << QList<QByteArray>{ev("assistantResponseEvent", R"({"content":"Hi"})")}
                                << QStringList{QStringLiteral("message_start"),
                                               QStringLiteral("content_block_start#0:text"),
                                               QStringLiteral("content_block_delta#0:text_delta=Hi"),
                                               QStringLiteral("content_block_stop#0"),
                                               QStringLiteral("message_delta:end_turn"),
                                               QStringLiteral("message_stop")};
    QTest::newRow("thinking then text") << true
                                        << QList<QByteArray>{ev("assistantResponseEvent",
                                                                R"({"content":"<thinking>\nhmm</thinking>\n\n"})"),
                                                             ev("assistantResponseEvent", R"({"content":"Answer"})")}
                                        << QStringList{QStringLiteral("message_start"),
                                                       QStringLiteral("content_block_start#0:thinking"),
                                                       QStringLiteral("content_block_delta#0:thinking_delta=hmm"),
                                                       QStringLiteral("content_block_delta#0:thinking_delta="),
                                                       QStringLiteral("content_block_delta#0:signature_delta=<sig>"),
                                                       QStringLiteral("content_block_stop#0"),
                                                       QStringLiteral("content_block_start#1:text"),
                                                       QStringLiteral("content_block_delta#1:text_delta=Answer"),
                                                       QStringLiteral("content_block_stop#1"),
                                                       QStringLiteral("message_delta:end_turn"),
                                                       QStringLiteral("message_stop")};
    QTest::newRow("thinking only gives max_tokens and a space")
        << true << QList<QByteArray>{ev("assistantResponseEvent", R"({"content":"<thinking>\nabc</thinking>"})")}
        << QStringList{QStringLiteral("message_start"),
                       QStringLiteral("content_block_start#0:thinking"),
                       QStringLiteral("content_block_delta#0:thinking_delta=abc"),
                       QStringLiteral("content_block_delta#0:thinking_delta="),
                       QStringLiteral("content_block_delta#0:signature_delta=<sig>"),
                       QStringLiteral("content_block_stop#0"),
                       QStringLiteral("content_block_start#1:text"),
                       QStringLiteral("content_block_delta#1:text_delta= "),
                       QStringLiteral("content_block_stop#1"),
                       QStringLiteral("message_delta:max_tokens"),
                       QStringLiteral("message_stop")};
    QTest::newRow("content length exceeded")
        << false
        << QList<QByteArray>{ev("assistantResponseEvent", R"({"content":"cut"})"),
                             EventStreamEncoder::exception("ContentLengthExceededException",
                                                           R"({"message":"too long"})")}
        << QStringList{QStringLiteral("message_start"),
                       QStringLiteral("content_block_start#0:text"),
                       QStringLiteral("content_block_delta#0:text_delta=cut"),
                       QStringLiteral("content_block_stop#0"),
                       QStringLiteral("message_delta:max_tokens"),
                       QStringLiteral("message_stop")};
    QTest::newRow("context window full") << false
                                         << QList<QByteArray>{ev("assistantResponseEvent", R"({"content":"x"})"),
                                                              ev("contextUsageEvent",
                                                                 R"({"contextUsagePercentage":100})")}
                                         << QStringList{QStringLiteral("message_start"),
                                                        QStringLiteral("content_block_start#0:text"),
                                                        QStringLiteral("content_block_delta#0:text_delta=x"),
                                                        QStringLiteral("content_block_stop#0"),
                                                        QStringLiteral("message_delta:model_context_window_exceeded"),
                                                        QStringLiteral("message_stop")};
    QTest::newRow("native reasoning with signature")
        << true
        << QList<QByteArray>{ev("reasoningContentEvent", R"({"text":"deep"})"),
                             ev("reasoningContentEvent", R"({"signature":"real-sig"})"),
                             ev("assistantResponseEvent", R"({"content":"Out"})")}
        << QStringList{QStringLiteral("message_start"),
                       QStringLiteral("content_block_start#0:thinking"),
                       QStringLiteral("content_block_delta#0:thinking_delta=deep"),
                       QStringLiteral("content_block_delta#0:thinking_delta="),
                       QStringLiteral("content_block_delta#0:signature_delta=<sig>"),
                       QStringLiteral("content_block_stop#0"),
                       QStringLiteral("content_block_start#1:text"),
                       QStringLiteral("content_block_delta#1:text_delta=Out"),
                       QStringLiteral("content_block_stop#1"),
                       QStringLiteral("message_delta:end_turn"),
                       QStringLiteral("message_stop")};
    QTest::newRow("tool call left open is closed")
        << false << QList<QByteArray>{ev("toolUseEvent", R"({"name":"a","toolUseId":"t9","input":"{}"})")}
        << QStringList{QStringLiteral("message_start"),
                       QStringLiteral("content_block_start#0:text"),
                       QStringLiteral("content_block_stop#0"),
                       QStringLiteral("content_block_start#1:tool_use"),
                       QStringLiteral("content_block_delta#1:input_json_delta={}"),
                       QStringLiteral("content_block_stop#1"),
                       QStringLiteral("message_delta:tool_use"),
                       QStringLiteral("message_stop")};
    QTest::newRow("duplicate fragments after stop suppressed")
        << false
        << QList<QByteArray>{ev("toolUseEvent", R"({"name":"a","toolUseId":"t1","input":"{}","stop":true})"),
                             ev("toolUseEvent", R"({"name":"a","toolUseId":"t1","input":"{}","stop":true})")}
        << QStringList{QStringLiteral("message_start"),
                       QStringLiteral("content_block_start#0:text"),
                       QStringLiteral("content_block_stop#0"),
                       QStringLiteral("content_block_start#1:tool_use"),
                       QStringLiteral("content_block_delta#1:input_json_delta={}"),
                       QStringLiteral("content_block_stop#1"),
                       QStringLiteral("message_delta:tool_use"),
                       QStringLiteral("message_stop")};
}

void TestResponseAssembler::sequences()
{
    QFETCH(bool, thinking);
    QFETCH(QList<QByteArray>, frames);
    QFETCH(QStringList, expected);
    ResponseAssembler a(options(thinking));
    const QList<SseEvent> events = runAll(a, frames);
    if (sketch(events) != expected)
        qWarning().noquote() << sketch(events).join(QStringLiteral("\n"));
    QCOMPARE(sketch(events), expected);
    // Native signatures are passed through.
    for (const SseEvent &e : events) {
        const QJsonObject delta = e.data.value(QStringLiteral("delta")).toObject();
        if (delta.value(QStringLiteral("type")).toString() == QLatin1String("signature_delta")) {
            QVERIFY(!delta.value(QStringLiteral("signature")).toString().isEmpty());
            if (QString::fromLatin1(QTest::currentDataTag()).startsWith(QLatin1String("native")))
                QCOMPARE(delta.value(QStringLiteral("signature")).toString(), QStringLiteral("real-sig"));
        }
    }
}

void TestResponseAssembler::longToolNameRestored()
{
    ResponseAssembler::Options o = options();
    o.toolNameMap.insert(QStringLiteral("short_x"), QStringLiteral("the_original_very_long_name"));
    ResponseAssembler a(o);
    const QList<SseEvent> events =
        runAll(a, {ev("toolUseEvent", R"({"name":"short_x","toolUseId":"t1","input":"{}","stop":true})")});
    bool found = false;
    for (const SseEvent &e : events) {
        if (e.name == "content_block_start" &&
            e.data.value(QStringLiteral("content_block")).toObject().value(QStringLiteral("type")).toString() ==
                QLatin1String("tool_use")) {
            QCOMPARE(e.data.value(QStringLiteral("content_block")).toObject().value(QStringLiteral("name")).toString(),
                     QStringLiteral("the_original_very_long_name"));
            found = true;
        }
    }
    QVERIFY(found);
}

void TestResponseAssembler::metadataUsagePreferred()
{
    ResponseAssembler a(options());
    runAll(a, {ev("assistantResponseEvent", R"({"content":"Hi"})"),
               ev("contextUsageEvent", R"({"contextUsagePercentage":1.5})"),
               ev("metadataEvent",
                  R"({"tokenUsage":{"uncachedInputTokens":1000,"cacheReadInputTokens":200,"outputTokens":55}})")});
    QCOMPARE(a.inputTokens(), 1200);
    QCOMPARE(a.outputTokens(), 55);
    QVERIFY(a.outputTokensMeasured());
}

void TestResponseAssembler::midStreamException()
{
    ResponseAssembler a(options());
    QList<SseEvent> events = a.start();
    for (const KiroEvent &e :
         decode({ev("assistantResponseEvent", R"({"content":"par"})"),
                 EventStreamEncoder::exception("ThrottlingException", R"({"message":"slow down"})")}))
        events += a.handle(e);
    QVERIFY(a.failed());
    QCOMPARE(events.last().name, QByteArray("error"));
    QCOMPARE(events.last().data.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("overloaded_error"));
    QVERIFY(a.finish().isEmpty()); // nothing after the error event
}

void TestResponseAssembler::sseBytesExact()
{
    const SseEvent e{"ping", QJsonObject{{QStringLiteral("type"), QStringLiteral("ping")}}};
    QCOMPARE(SseWriter::encode(e), QByteArray("event: ping\ndata: {\"type\":\"ping\"}\n\n"));
    QCOMPARE(SseWriter::ping(), QByteArray("event: ping\ndata: {\"type\":\"ping\"}\n\n"));
    const SseEvent t{"content_block_delta", QJsonObject{{QStringLiteral("text"), QStringLiteral("héllo \"q\"")}}};
    QCOMPARE(SseWriter::encode(t),
             QByteArray("event: content_block_delta\ndata: {\"text\":\"h\xc3\xa9llo \\\"q\\\"\"}\n\n"));
}

QTEST_GUILESS_MAIN(TestResponseAssembler)
#include "tst_responseassembler.moc"
