// SPDX-License-Identifier: MIT
// Tests EventStreamDecoder and KiroEvent: golden frames of docs/protocol.md §16.3, any split, corruption, header types.
#include <QTest>
#include <QtEndian>

#include "eventstreamencoder.h"
#include "kiro/crc32.h"
#include "kiro/eventstreamdecoder.h"
#include "kiro/kiroevent.h"

class TestEventStreamDecoder : public QObject
{
    Q_OBJECT

private slots:
    void crcCheckValue();
    void goldenFrames_data();
    void goldenFrames();
    void encoderReproducesGolden();
    void scenarioFrameSizes_data();
    void scenarioFrameSizes();
    void scenarioAnySplit();
    void scenarioEveryPairOfSplits();
    void corruptPreludeResyncs();
    void corruptMessageCrcSkipsFrame();
    void fiveErrorsStop();
    void oversizeLengthIsRejected();
    void allHeaderTypes();
    void kiroEvents_data();
    void kiroEvents();
};

namespace {
const QByteArray kGoldenHi = QByteArray::fromHex(
    "0000007c0000005c3bddcf780d3a6d6573736167652d747970650700056576656e740b3a6576656e742d74797065070016617373697374616e"
    "74"
    "526573706f6e73654576656e740d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b22636f6e74656e74223a"
    "224869227d09f66f51");
const QByteArray kGoldenThrottle = QByteArray::fromHex(
    "0000008800000061de0175f40d3a6d6573736167652d74797065070009657863657074696f6e0f3a657863657074696f6e2d74797065070013"
    "5468726f74746c696e67457863657074696f6e0d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b226d6573"
    "73616765223a22736c6f7720646f776e227d1f18242b");

QList<QByteArray> scenarioFrames()
{
    return {EventStreamEncoder::event("assistantResponseEvent", R"({"content":"Hello"})"),
            EventStreamEncoder::event("toolUseEvent",
                                      R"({"name":"get_weather","toolUseId":"tooluse_1","input":"{\"city\":"})"),
            EventStreamEncoder::event(
                "toolUseEvent", R"({"name":"get_weather","toolUseId":"tooluse_1","input":"\"Oslo\"}","stop":true})"),
            EventStreamEncoder::event("meteringEvent", R"({"unit":"credit","unitPlural":"credits","usage":0.0097})"),
            EventStreamEncoder::event("contextUsageEvent", R"({"contextUsagePercentage":1.5})")};
}

QByteArray scenario()
{
    QByteArray all;
    for (const QByteArray &f : scenarioFrames())
        all += f;
    return all;
}

QStringList describe(const QList<EventStreamMessage> &messages)
{
    QStringList out;
    for (const EventStreamMessage &m : messages)
        out.append(m.stringHeader(QStringLiteral(":event-type")) + QLatin1Char('|') + QString::fromUtf8(m.payload));
    return out;
}
} // namespace

void TestEventStreamDecoder::crcCheckValue()
{
    QCOMPARE(Crc32::compute("123456789"), 0xCBF43926u);
    QCOMPARE(Crc32::compute(QByteArray()), 0u);
    // Every length and alignment against the bit-at-a-time definition (the fast path works eight bytes at a time).
    const auto reference = [](QByteArrayView data) {
        quint32 crc = 0xFFFFFFFFu;
        for (const char ch : data) {
            crc ^= quint8(ch);
            for (int k = 0; k < 8; ++k)
                crc = (crc & 1) ? (0xEDB88320u ^ (crc >> 1)) : (crc >> 1);
        }
        return crc ^ 0xFFFFFFFFu;
    };
    QByteArray bytes;
    for (int i = 0; i < 300; ++i)
        bytes.append(char((i * 131 + 7) & 0xFF));
    for (qsizetype from = 0; from < 9; ++from) {
        for (qsizetype n = 0; from + n <= bytes.size(); n += (n < 40 ? 1 : 17)) {
            const QByteArrayView view(bytes.constData() + from, n);
            QCOMPARE(Crc32::compute(view), reference(view));
        }
    }
}

void TestEventStreamDecoder::goldenFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("messageType");
    QTest::addColumn<QString>("typeHeader");
    QTest::addColumn<QString>("typeValue");
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("assistantResponseEvent Hi")
        << kGoldenHi << QStringLiteral("event") << QStringLiteral(":event-type")
        << QStringLiteral("assistantResponseEvent") << QByteArray(R"({"content":"Hi"})");
    QTest::newRow("ThrottlingException") << kGoldenThrottle << QStringLiteral("exception")
                                         << QStringLiteral(":exception-type") << QStringLiteral("ThrottlingException")
                                         << QByteArray(R"({"message":"slow down"})");
}

void TestEventStreamDecoder::goldenFrames()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, messageType);
    QFETCH(QString, typeHeader);
    QFETCH(QString, typeValue);
    QFETCH(QByteArray, payload);
    EventStreamDecoder d;
    const auto messages = d.feed(frame);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().stringHeader(QStringLiteral(":message-type")), messageType);
    QCOMPARE(messages.first().stringHeader(typeHeader), typeValue);
    QCOMPARE(messages.first().stringHeader(QStringLiteral(":content-type")), QStringLiteral("application/json"));
    QCOMPARE(messages.first().payload, payload);
    QCOMPARE(d.bufferedBytes(), 0);
}

void TestEventStreamDecoder::encoderReproducesGolden()
{
    QCOMPARE(EventStreamEncoder::event("assistantResponseEvent", R"({"content":"Hi"})"), kGoldenHi);
    QCOMPARE(EventStreamEncoder::exception("ThrottlingException", R"({"message":"slow down"})"), kGoldenThrottle);
}

void TestEventStreamDecoder::scenarioFrameSizes_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("headers");
    QTest::addColumn<quint32>("preludeCrc");
    QTest::addColumn<quint32>("messageCrc");
    QTest::newRow("1 text") << 0 << 127 << 92 << 0x7c7db5a8u << 0x2544327cu;
    QTest::newRow("2 tool start") << 1 << 165 << 82 << 0x5880ff57u << 0x9e4bf243u;
    QTest::newRow("3 tool stop") << 2 << 176 << 82 << 0xf080e7a5u << 0xf44d1b9du;
    QTest::newRow("4 metering") << 3 << 154 << 83 << 0x0cf6e096u << 0xf0154ddfu;
    QTest::newRow("5 context usage") << 4 << 133 << 87 << 0xe92b24dcu << 0xdcf735b1u;
}

void TestEventStreamDecoder::scenarioFrameSizes()
{
    QFETCH(int, index);
    QFETCH(int, total);
    QFETCH(int, headers);
    QFETCH(quint32, preludeCrc);
    QFETCH(quint32, messageCrc);
    const QByteArray f = scenarioFrames().at(index);
    QCOMPARE(f.size(), total);
    QCOMPARE(qFromBigEndian<quint32>(f.constData() + 4), quint32(headers));
    QCOMPARE(qFromBigEndian<quint32>(f.constData() + 8), preludeCrc);
    QCOMPARE(qFromBigEndian<quint32>(f.constData() + f.size() - 4), messageCrc);
    QCOMPARE(scenario().size(), 755);
}

void TestEventStreamDecoder::scenarioAnySplit()
{
    const QByteArray all = scenario();
    EventStreamDecoder whole;
    const QStringList expected = describe(whole.feed(all));
    QCOMPARE(expected.size(), 5);

    EventStreamDecoder bytewise;
    QList<EventStreamMessage> got;
    for (char c : all)
        got += bytewise.feed(QByteArray(1, c));
    QCOMPARE(describe(got), expected);

    for (int cut = 0; cut <= all.size(); ++cut) {
        EventStreamDecoder d;
        QList<EventStreamMessage> m = d.feed(all.left(cut));
        m += d.feed(all.mid(cut));
        QCOMPARE(describe(m), expected);
    }
}

void TestEventStreamDecoder::scenarioEveryPairOfSplits()
{
    const QByteArray all = scenarioFrames().at(0) + scenarioFrames().at(4);
    EventStreamDecoder whole;
    const QStringList expected = describe(whole.feed(all));
    for (int a = 0; a <= all.size(); a += 3) {
        for (int b = a; b <= all.size(); b += 7) {
            EventStreamDecoder d;
            QList<EventStreamMessage> m = d.feed(all.left(a));
            m += d.feed(all.mid(a, b - a));
            m += d.feed(all.mid(b));
            QCOMPARE(describe(m), expected);
        }
    }
}

void TestEventStreamDecoder::corruptPreludeResyncs()
{
    QList<QByteArray> frames = scenarioFrames();
    frames[1][9] = char(frames[1][9] ^ 0x5A); // prelude CRC of frame 2
    QByteArray all;
    for (const QByteArray &f : frames)
        all += f;
    EventStreamDecoder d;
    const QStringList got = describe(d.feed(all));
    QCOMPARE(got.size(), 4);
    QVERIFY(got.at(0).startsWith(QLatin1String("assistantResponseEvent")));
    QVERIFY(got.at(1).contains(QLatin1String("\"stop\":true")));
    QVERIFY(got.at(3).startsWith(QLatin1String("contextUsageEvent")));
    QVERIFY(!d.failed());
}

void TestEventStreamDecoder::corruptMessageCrcSkipsFrame()
{
    QList<QByteArray> frames = scenarioFrames();
    frames[0][frames[0].size() - 10] = 'X'; // payload byte of frame 1, message CRC no longer matches
    QByteArray all;
    for (const QByteArray &f : frames)
        all += f;
    EventStreamDecoder d;
    const QStringList got = describe(d.feed(all));
    QCOMPARE(got.size(), 4);
    QVERIFY(got.at(0).startsWith(QLatin1String("toolUseEvent")));
    QVERIFY(!d.failed());
    QCOMPARE(d.errorString(), QStringLiteral("message CRC mismatch"));
}

void TestEventStreamDecoder::fiveErrorsStop()
{
    EventStreamDecoder d;
    for (int i = 0; i < 5; ++i)
        d.feed(EventStreamEncoder::rawFrame(QByteArray("\x01x\x2a", 3), "{}")); // five malformed frames in a row
    QVERIFY(d.failed());
    QVERIFY(d.errorString().contains(QLatin1String("corrupt")));
    QVERIFY(d.feed(scenario()).isEmpty()); // gives up until reset
    d.reset();
    QCOMPARE(d.feed(scenario()).size(), 5);
}

void TestEventStreamDecoder::oversizeLengthIsRejected()
{
    QByteArray prelude(8, '\0');
    qToBigEndian<quint32>(32 * 1024 * 1024, prelude.data());
    qToBigEndian<quint32>(0, prelude.data() + 4);
    QByteArray bad = prelude;
    bad.resize(12);
    qToBigEndian<quint32>(Crc32::compute(prelude), bad.data() + 8);
    EventStreamDecoder d;
    const auto messages = d.feed(QByteArray(bad + scenarioFrames().at(0)));
    QCOMPARE(messages.size(), 1); // the oversize prelude is skipped byte by byte, the real frame decodes
}

void TestEventStreamDecoder::allHeaderTypes()
{
    QByteArray h;
    auto name = [&h](const char *n, char type) {
        h.append(char(qstrlen(n)));
        h.append(n);
        h.append(type);
    };
    name("t", 0);
    name("f", 1);
    name("b", 2);
    h.append(char(-5));
    name("s", 3);
    h.append(QByteArray::fromHex("fffe"));
    name("i", 4);
    h.append(QByteArray::fromHex("00010000"));
    name("l", 5);
    h.append(QByteArray::fromHex("0000000100000000"));
    name("y", 6);
    h.append(QByteArray::fromHex("0002abcd"));
    name("str", 7);
    h.append(QByteArray::fromHex("0002") + "ok");
    name("ts", 8);
    h.append(QByteArray::fromHex("0000018bcfe56800"));
    name("u", 9);
    h.append(QByteArray(16, 'U'));
    EventStreamDecoder d;
    const auto messages = d.feed(EventStreamEncoder::rawFrame(h, "{}"));
    QCOMPARE(messages.size(), 1);
    const auto &headers = messages.first().headers;
    QCOMPARE(headers.size(), 10);
    QCOMPARE(headers.at(0).value.toBool(), true);
    QCOMPARE(headers.at(1).value.toBool(), false);
    QCOMPARE(headers.at(2).value.toInt(), -5);
    QCOMPARE(headers.at(3).value.toInt(), -2);
    QCOMPARE(headers.at(4).value.toInt(), 65536);
    QCOMPARE(headers.at(5).value.toLongLong(), 4294967296LL);
    QCOMPARE(headers.at(6).value.toByteArray(), QByteArray::fromHex("abcd"));
    QCOMPARE(headers.at(7).value.toString(), QStringLiteral("ok"));
    QCOMPARE(headers.at(8).value.toLongLong(), 0x18bcfe56800LL);
    QCOMPARE(headers.at(9).value.toByteArray(), QByteArray(16, 'U'));

    // An unknown type byte makes the header section malformed: the frame is skipped.
    QByteArray bad;
    bad.append(char(1));
    bad.append('x');
    bad.append(char(42));
    EventStreamDecoder d2;
    QVERIFY(d2.feed(EventStreamEncoder::rawFrame(bad, "{}")).isEmpty());
    QVERIFY(!d2.failed());
    QCOMPARE(d2.errorString(), QStringLiteral("malformed header section"));
}

void TestEventStreamDecoder::kiroEvents_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("check");

    QTest::newRow("text") << EventStreamEncoder::event("assistantResponseEvent", R"({"content":"Hi"})")
                          << int(KiroEvent::Kind::AssistantResponse) << QStringLiteral("Hi");
    QTest::newRow("wrapped text") << EventStreamEncoder::event("assistantResponseEvent",
                                                               R"({"assistantResponseEvent":{"content":"W"}})")
                                  << int(KiroEvent::Kind::AssistantResponse) << QStringLiteral("W");
    QTest::newRow("tool input as object")
        << EventStreamEncoder::event("toolUseEvent", R"({"toolUseId":"t1","name":"n","input":{"a":1},"stop":true})")
        << int(KiroEvent::Kind::ToolUse) << QStringLiteral("{\"a\":1}");
    QTest::newRow("context usage") << EventStreamEncoder::event("contextUsageEvent",
                                                                R"({"contextUsagePercentage":12.5})")
                                   << int(KiroEvent::Kind::ContextUsage) << QStringLiteral("12.5");
    QTest::newRow("metadata usage")
        << EventStreamEncoder::event(
               "metadataEvent",
               R"({"tokenUsage":{"uncachedInputTokens":100,"cacheReadInputTokens":20,"outputTokens":7}})")
        << int(KiroEvent::Kind::Metadata) << QStringLiteral("120/7");
    // A UBSan report under fuzz_event_stream: 1e300 tokens was an undefined conversion (UBSan); counts are clamped to
    // 2^53.
    QTest::newRow("metadata usage beyond qint64")
        << EventStreamEncoder::event(
               "metadataEvent",
               R"({"tokenUsage":{"uncachedInputTokens":1e300,"cacheReadInputTokens":-5,"outputTokens":1e300}})")
        << int(KiroEvent::Kind::Metadata) << QStringLiteral("9007199254740992/9007199254740992");
    QTest::newRow("reasoning") << EventStreamEncoder::event("reasoningContentEvent",
                                                            R"({"text":"hmm","signature":"sig"})")
                               << int(KiroEvent::Kind::Reasoning) << QStringLiteral("hmm|sig");
    QTest::newRow("invalid state") << EventStreamEncoder::event("invalidStateEvent", R"({"reason":"R","message":"M"})")
                                   << int(KiroEvent::Kind::InvalidState) << QStringLiteral("M");
    QTest::newRow("exception") << kGoldenThrottle << int(KiroEvent::Kind::Exception)
                               << QStringLiteral("ThrottlingException");
    QTest::newRow("followup ignored") << EventStreamEncoder::event("followupPromptEvent",
                                                                   R"({"followupPrompt":{"content":"x"}})")
                                      << int(KiroEvent::Kind::Ignored) << QString();
    QTest::newRow("bad json ignored") << EventStreamEncoder::event("assistantResponseEvent", "{not json")
                                      << int(KiroEvent::Kind::Ignored) << QString();
}

void TestEventStreamDecoder::kiroEvents()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, kind);
    QFETCH(QString, check);
    EventStreamDecoder d;
    const auto messages = d.feed(frame);
    QCOMPARE(messages.size(), 1);
    const KiroEvent e = KiroEvent::fromMessage(messages.first());
    QCOMPARE(int(e.kind), kind);
    switch (e.kind) {
    case KiroEvent::Kind::AssistantResponse:
        QCOMPARE(e.text, check);
        break;
    case KiroEvent::Kind::ToolUse:
        QCOMPARE(e.toolInput, check);
        QVERIFY(e.toolStop);
        break;
    case KiroEvent::Kind::ContextUsage:
        QCOMPARE(QString::number(e.contextUsagePercentage), check);
        break;
    case KiroEvent::Kind::Metadata:
        QCOMPARE(QStringLiteral("%1/%2").arg(e.inputTokens).arg(e.outputTokens), check);
        break;
    case KiroEvent::Kind::Reasoning:
        QCOMPARE(e.text + QLatin1Char('|') + e.signature, check);
        break;
    case KiroEvent::Kind::InvalidState:
        QCOMPARE(e.message, check);
        break;
    case KiroEvent::Kind::Exception:
        QCOMPARE(e.exceptionType, check);
        QCOMPARE(e.message, QStringLiteral("slow down"));
        break;
    default:
        break;
    }
}

QTEST_GUILESS_MAIN(TestEventStreamDecoder)
#include "tst_eventstreamdecoder.moc"
