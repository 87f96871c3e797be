// SPDX-License-Identifier: MIT
// Tests ResponseAssembler and MessageCollector: the §16.3 scenario SSE sequence and the §9 rules.
#include "common/json.h"
#include <QJsonDocument>
#include <QTest>

#include "anthropic/ssewriter.h"
#include "eventstreamencoder.h"
#include "kiro/eventstreamdecoder.h"
#include "kiro/kiroevent.h"
#include "kiro/messagecollector.h"
#include "kiro/responseassembler.h"
#include "testfixtures.h"

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
        const JsonObject d = e.data;
        QString line = QString::fromLatin1(e.name);
        if (d.contains(QStringLiteral("index")))
            line += QLatin1Char('#') + QString::number(d.value(QStringLiteral("index")).toInt());
        if (e.name == "content_block_start")
            line += QLatin1Char(':') +
                    d.value(QStringLiteral("content_block")).toObject().value(QStringLiteral("type")).toString();
        if (e.name == "content_block_delta") {
            const JsonObject delta = d.value(QStringLiteral("delta")).toObject();
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
    void thinkingEndingsThroughFrames_data();
    void thinkingEndingsThroughFrames();
    void stopSequences_data();
    void stopSequences();
    void stopSequenceEndsReading();
    void structuredOutput_data();
    void structuredOutput();
    void openToolUseIsVisible();
    void continueStartedStream();
    void longAnswerCollectsEveryDelta();
    void contextUsageBeyondRange();
};

namespace {
// Kiro text events carrying `text` cut into pieces at the given character offsets.
QList<QByteArray> textFrames(const QString &text, const QList<int> &cuts)
{
    QList<QByteArray> frames;
    int from = 0;
    QList<int> all = cuts;
    all.append(text.size());
    for (int to : std::as_const(all)) {
        const QByteArray json = Json::write(JsonObject{{QStringLiteral("content"), text.mid(from, to - from)}});
        frames.append(EventStreamEncoder::event("assistantResponseEvent", json));
        from = to;
    }
    return frames;
}

JsonObject collectText(ResponseAssembler &a, const QList<QByteArray> &frames)
{
    return MessageCollector::collect(runAll(a, frames));
}

QString blockText(const JsonObject &message, const QString &type)
{
    QString out;
    for (const JsonValue &v : message.value(QStringLiteral("content")).toArray()) {
        const JsonObject b = v.toObject();
        if (b.value(QStringLiteral("type")).toString() == type)
            out += b.value(type == QLatin1String("thinking") ? QStringLiteral("thinking") : QStringLiteral("text"))
                       .toString();
    }
    return out;
}
} // namespace

void TestResponseAssembler::goldenScenario()
{
    ResponseAssembler a(TestFixtures::assemblerOptions());
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
    const JsonObject start = events.first().data.value(QStringLiteral("message")).toObject();
    QCOMPARE(start.value(QStringLiteral("model")).toString(), QStringLiteral("claude-sonnet-4-5-20250929"));
    QCOMPARE(start.value(QStringLiteral("usage")).toObject().value(QStringLiteral("input_tokens")).toInt(), 42);
    QCOMPARE(start.value(QStringLiteral("usage")).toObject().value(QStringLiteral("output_tokens")).toInt(), 1);
    const JsonObject toolStart = events.at(4).data.value(QStringLiteral("content_block")).toObject();
    QCOMPARE(toolStart.value(QStringLiteral("id")).toString(), QStringLiteral("tooluse_1"));
    QCOMPARE(toolStart.value(QStringLiteral("name")).toString(), QStringLiteral("get_weather"));
    const JsonObject usage = events.at(8).data.value(QStringLiteral("usage")).toObject();
    QCOMPARE(usage.value(QStringLiteral("input_tokens")).toInt(), 3000);
    QCOMPARE(usage.value(QStringLiteral("output_tokens")).toInt(), 6);
    QCOMPARE(usage.value(QStringLiteral("cache_read_input_tokens")).toInt(), 0);
    QCOMPARE(usage.value(QStringLiteral("cache_creation_input_tokens")).toInt(), 0);
    QVERIFY(a.inputTokensMeasured());
}

void TestResponseAssembler::goldenScenarioNonStreaming()
{
    ResponseAssembler a(TestFixtures::assemblerOptions());
    const JsonObject m = MessageCollector::collect(runAll(
        a, {ev("assistantResponseEvent", R"({"content":"Hello"})"),
            ev("toolUseEvent", R"({"name":"get_weather","toolUseId":"tooluse_1","input":"{\"city\":"})"),
            ev("toolUseEvent", R"({"name":"get_weather","toolUseId":"tooluse_1","input":"\"Oslo\"}","stop":true})"),
            ev("contextUsageEvent", R"({"contextUsagePercentage":1.5})")}));
    const JsonObject expectedContent0{{QStringLiteral("type"), QStringLiteral("text")},
                                      {QStringLiteral("text"), QStringLiteral("Hello")}};
    const JsonArray content = m.value(QStringLiteral("content")).toArray();
    QCOMPARE(content.size(), 2);
    QCOMPARE(content.at(0).toObject(), expectedContent0);
    QCOMPARE(content.at(1).toObject().value(QStringLiteral("input")).toObject(),
             (JsonObject{{QStringLiteral("city"), QStringLiteral("Oslo")}}));
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
    ResponseAssembler a(TestFixtures::assemblerOptions(thinking));
    const QList<SseEvent> events = runAll(a, frames);
    if (sketch(events) != expected)
        qWarning().noquote() << sketch(events).join(QStringLiteral("\n"));
    QCOMPARE(sketch(events), expected);
    // Native signatures are passed through.
    for (const SseEvent &e : events) {
        const JsonObject delta = e.data.value(QStringLiteral("delta")).toObject();
        if (delta.value(QStringLiteral("type")).toString() == QLatin1String("signature_delta")) {
            QVERIFY(!delta.value(QStringLiteral("signature")).toString().isEmpty());
            if (QString::fromLatin1(QTest::currentDataTag()).startsWith(QLatin1String("native")))
                QCOMPARE(delta.value(QStringLiteral("signature")).toString(), QStringLiteral("real-sig"));
        }
    }
}

void TestResponseAssembler::longToolNameRestored()
{
    ResponseAssembler::Options o = TestFixtures::assemblerOptions();
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
    ResponseAssembler a(TestFixtures::assemblerOptions());
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
    ResponseAssembler a(TestFixtures::assemblerOptions());
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
    const SseEvent e{"ping", JsonObject{{QStringLiteral("type"), QStringLiteral("ping")}}};
    QCOMPARE(SseWriter::encode(e), QByteArray("event: ping\ndata: {\"type\":\"ping\"}\n\n"));
    QCOMPARE(SseWriter::ping(), QByteArray("event: ping\ndata: {\"type\":\"ping\"}\n\n"));
    const SseEvent t{"content_block_delta", JsonObject{{QStringLiteral("text"), QStringLiteral("héllo \"q\"")}}};
    QCOMPARE(SseWriter::encode(t),
             QByteArray("event: content_block_delta\ndata: {\"text\":\"h\xc3\xa9llo \\\"q\\\"\"}\n\n"));
}

void TestResponseAssembler::thinkingEndingsThroughFrames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("thinking");
    QTest::addColumn<QString>("answer");
    QTest::newRow("sentence") << QStringLiteral(
                                     "<thinking>\nLet me think step by step.</thinking>\n\nThe answer is 42.")
                              << QStringLiteral("Let me think step by step.") << QStringLiteral("The answer is 42.");
    QTest::newRow("question, one newline") << QStringLiteral("<thinking>\nWhat is asked?</thinking>\nIt is 42.")
                                           << QStringLiteral("What is asked?") << QStringLiteral("It is 42.");
    QTest::newRow("CJK") << QString::fromUtf8("\n\n<thinking>\n我想一想。</thinking>\n\n答案是42。")
                         << QString::fromUtf8("我想一想。") << QString::fromUtf8("答案是42。");
}

// The critical client bug: a thinking block that ends with a sentence must not swallow the answer.
void TestResponseAssembler::thinkingEndingsThroughFrames()
{
    QFETCH(QString, text);
    QFETCH(QString, thinking);
    QFETCH(QString, answer);
    for (int a = 0; a <= text.size(); ++a) {
        for (int b = a; b <= text.size(); b += 3) {
            ResponseAssembler assembler(TestFixtures::assemblerOptions(true));
            const JsonObject m = collectText(assembler, textFrames(text, {a, b}));
            QCOMPARE(blockText(m, QStringLiteral("thinking")), thinking);
            QCOMPARE(blockText(m, QStringLiteral("text")), answer);
            QCOMPARE(m.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("end_turn"));
            QCOMPARE(m.value(QStringLiteral("content")).toArray().size(), 2);
        }
    }
}

void TestResponseAssembler::stopSequences_data()
{
    QTest::addColumn<QStringList>("stops");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expectedText");
    QTest::addColumn<QString>("expectedStop"); // empty: no match

    QTest::newRow("match mid-text") << QStringList{QStringLiteral("END")} << QStringLiteral("one two END three")
                                    << QStringLiteral("one two ") << QStringLiteral("END");
    QTest::newRow("earliest of several") << QStringList{QStringLiteral("three"), QStringLiteral("two")}
                                         << QStringLiteral("one two three") << QStringLiteral("one ")
                                         << QStringLiteral("two");
    QTest::newRow("no match keeps everything")
        << QStringList{QStringLiteral("zzz")} << QStringLiteral("one two zz three zz")
        << QStringLiteral("one two zz three zz") << QString();
    QTest::newRow("partial match at the end is released")
        << QStringList{QStringLiteral("\nHuman:")} << QStringLiteral("answer\nHum") << QStringLiteral("answer\nHum")
        << QString();
    QTest::newRow("newline stop") << QStringList{QStringLiteral("\n\n")} << QStringLiteral("line one\n\nline two")
                                  << QStringLiteral("line one") << QStringLiteral("\n\n");
    QTest::newRow("at the very start") << QStringList{QStringLiteral("Hel")} << QStringLiteral("Hello") << QString()
                                       << QStringLiteral("Hel");
    QTest::newRow("CJK") << QStringList{QString::fromUtf8("。")} << QString::fromUtf8("第一句。第二句。")
                         << QString::fromUtf8("第一句") << QString::fromUtf8("。");
}

void TestResponseAssembler::stopSequences()
{
    QFETCH(QStringList, stops);
    QFETCH(QString, text);
    QFETCH(QString, expectedText);
    QFETCH(QString, expectedStop);
    // Whole, and split at every pair of offsets: a match across deltas is found, held text is never lost.
    for (int a = 0; a <= text.size(); ++a) {
        for (int b = a; b <= text.size(); ++b) {
            ResponseAssembler::Options o = TestFixtures::assemblerOptions();
            o.stopSequences = stops;
            ResponseAssembler assembler(o);
            const JsonObject m = collectText(assembler, textFrames(text, {a, b}));
            QCOMPARE(blockText(m, QStringLiteral("text")), expectedText);
            QCOMPARE(m.value(QStringLiteral("stop_reason")).toString(),
                     expectedStop.isEmpty() ? QStringLiteral("end_turn") : QStringLiteral("stop_sequence"));
            if (expectedStop.isEmpty())
                QVERIFY(m.value(QStringLiteral("stop_sequence")).isNull());
            else
                QCOMPARE(m.value(QStringLiteral("stop_sequence")).toString(), expectedStop);
            QCOMPARE(assembler.stoppedBySequence(), !expectedStop.isEmpty());
        }
    }
}

void TestResponseAssembler::stopSequenceEndsReading()
{
    ResponseAssembler::Options o = TestFixtures::assemblerOptions(true);
    o.stopSequences = {QStringLiteral("STOP")};
    ResponseAssembler a(o);
    QList<SseEvent> events = a.start();
    for (const KiroEvent &e : decode({ev(
             "assistantResponseEvent", R"({"content":"<thinking>\nSTOP is fine here.</thinking>\n\nGo STOP more"})")}))
        events += a.handle(e);
    QVERIFY(a.stoppedBySequence());
    // Later events (more text, a tool call) are ignored; the exchange stops reading upstream.
    for (const KiroEvent &e : decode({ev("assistantResponseEvent", R"({"content":"ignored"})"),
                                      ev("toolUseEvent", R"({"name":"a","toolUseId":"t1","input":"{}","stop":true})")}))
        QVERIFY(a.handle(e).isEmpty());
    events += a.finish();
    const JsonObject m = MessageCollector::collect(events);
    QCOMPARE(blockText(m, QStringLiteral("thinking")), QStringLiteral("STOP is fine here."));
    QCOMPARE(blockText(m, QStringLiteral("text")), QStringLiteral("Go "));
    QCOMPARE(m.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("stop_sequence"));
    QCOMPARE(m.value(QStringLiteral("stop_sequence")).toString(), QStringLiteral("STOP"));
}

void TestResponseAssembler::structuredOutput_data()
{
    QTest::addColumn<bool>("thinking");
    QTest::addColumn<QList<QByteArray>>("frames");
    QTest::addColumn<QString>("expectedText");
    QTest::addColumn<QStringList>("expectedTypes");

    const QByteArray first =
        ev("toolUseEvent", R"({"name":"structured_output","toolUseId":"t1","input":"{\"name\":"})");
    const QByteArray second =
        ev("toolUseEvent", R"({"name":"structured_output","toolUseId":"t1","input":"\"Ada\"}","stop":true})");
    QTest::newRow("tool call becomes the JSON text")
        << false << QList<QByteArray>{first, second} << QStringLiteral("{\"name\":\"Ada\"}")
        << QStringList{QStringLiteral("text")};
    QTest::newRow("preamble text is dropped")
        << false << QList<QByteArray>{ev("assistantResponseEvent", R"({"content":"Here you go:"})"), first, second}
        << QStringLiteral("{\"name\":\"Ada\"}") << QStringList{QStringLiteral("text")};
    QTest::newRow("thinking first") << true
                                    << QList<QByteArray>{ev("assistantResponseEvent",
                                                            R"({"content":"<thinking>\nFill it.</thinking>\n\n"})"),
                                                         first, second}
                                    << QStringLiteral("{\"name\":\"Ada\"}")
                                    << QStringList{QStringLiteral("thinking"), QStringLiteral("text")};
    QTest::newRow("prose when the tool is not called")
        << false << QList<QByteArray>{ev("assistantResponseEvent", R"({"content":"{\"name\": \"Bo\"}"})")}
        << QStringLiteral("{\"name\": \"Bo\"}") << QStringList{QStringLiteral("text")};
    QTest::newRow("call without input is an empty object")
        << false
        << QList<QByteArray>{ev("toolUseEvent",
                                R"({"name":"structured_output","toolUseId":"t2","input":"","stop":true})")}
        << QStringLiteral("{}") << QStringList{QStringLiteral("text")};
}

void TestResponseAssembler::structuredOutput()
{
    QFETCH(bool, thinking);
    QFETCH(QList<QByteArray>, frames);
    QFETCH(QString, expectedText);
    QFETCH(QStringList, expectedTypes);
    ResponseAssembler::Options o = TestFixtures::assemblerOptions(thinking);
    o.structuredOutputTool = QStringLiteral("structured_output");
    ResponseAssembler a(o);
    const JsonObject m = MessageCollector::collect(runAll(a, frames));
    QStringList types;
    for (const JsonValue &v : m.value(QStringLiteral("content")).toArray())
        types.append(v.toObject().value(QStringLiteral("type")).toString());
    QCOMPARE(types, expectedTypes);
    QCOMPARE(blockText(m, QStringLiteral("text")), expectedText);
    QCOMPARE(m.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("end_turn"));
}

void TestResponseAssembler::openToolUseIsVisible()
{
    ResponseAssembler a(TestFixtures::assemblerOptions());
    a.start();
    for (const KiroEvent &e : decode({ev("toolUseEvent", R"({"name":"a","toolUseId":"t1","input":"{\"x\":"})")}))
        a.handle(e);
    QVERIFY(a.hasOpenToolUse());
    for (const KiroEvent &e : decode({ev("toolUseEvent", R"({"name":"a","toolUseId":"t1","input":"1}","stop":true})")}))
        a.handle(e);
    QVERIFY(!a.hasOpenToolUse());
}

void TestResponseAssembler::continueStartedStream()
{
    ResponseAssembler a(TestFixtures::assemblerOptions());
    a.continueStartedStream();
    QVERIFY(a.start().isEmpty());
    const QList<SseEvent> events = runAll(a, {ev("assistantResponseEvent", R"({"content":"Hi"})")});
    // The first attempt's start() already sent message_start and the empty text block 0: no second block start.
    for (const SseEvent &e : events)
        QVERIFY(e.name != "content_block_start");
    QCOMPARE(events.first().name, QByteArray("content_block_delta"));
    QCOMPARE(events.first().data.value(QStringLiteral("index")).toInt(), 0);
    QCOMPARE(events.last().name, QByteArray("message_stop"));

    // With thinking requested, start() sent message_start only: the thinking block opens as usual.
    ResponseAssembler::Options o = TestFixtures::assemblerOptions();
    o.thinkingRequested = true;
    ResponseAssembler t(o);
    t.continueStartedStream();
    const QList<SseEvent> thinking = runAll(t, {ev("assistantResponseEvent", R"({"content":"<thinking>x"})")});
    QCOMPARE(thinking.first().name, QByteArray("content_block_start"));
}

// A long non-streaming answer: every delta lands in the one text block (collecting used to re-encode the growing
// string on each delta — 8 MB took over half an hour; now the whole fold is linear).
void TestResponseAssembler::longAnswerCollectsEveryDelta()
{
    ResponseAssembler a(TestFixtures::assemblerOptions());
    QList<SseEvent> events = a.start();
    const QString piece(400, QLatin1Char('x'));
    KiroEvent e;
    e.kind = KiroEvent::Kind::AssistantResponse;
    e.text = piece;
    for (int i = 0; i < 5000; ++i)
        events += a.handle(e);
    events += a.finish();
    const JsonObject m = MessageCollector::collect(events);
    QCOMPARE(blockText(m, QStringLiteral("text")).size(), 5000 * 400);
}

// A UBSan report under fuzz_event_stream: a context percentage of 1e300 made inputTokens() an undefined conversion
// (UBSan).
void TestResponseAssembler::contextUsageBeyondRange()
{
    ResponseAssembler a(TestFixtures::assemblerOptions());
    runAll(a, {ev("assistantResponseEvent", R"({"content":"Hi"})"),
               ev("contextUsageEvent", R"({"contextUsagePercentage":1e300})")});
    QCOMPARE(a.inputTokens(), qint64(1) << 53);
}

QTEST_GUILESS_MAIN(TestResponseAssembler)
#include "tst_responseassembler.moc"
