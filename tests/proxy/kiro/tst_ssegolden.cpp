// SPDX-License-Identifier: MIT
// Golden SSE corpus: every scenario's client bytes (stream:true SSE, stream:false JSON body) are compared byte for byte
// with tests/proxy/kiro/golden/, however the upstream frames are cut. KIRO_UPDATE_GOLDEN=1 rewrites the goldens.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "common/json.h"
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include "anthropic/ssewriter.h"
#include "eventstreamencoder.h"
#include "kiro/eventstreamdecoder.h"
#include "kiro/kiroevent.h"
#include "kiro/messagecollector.h"
#include "kiro/responseassembler.h"
#include "testfixtures.h"

#ifndef KIRO_GOLDEN_DIR
#error "KIRO_GOLDEN_DIR must name tests/proxy/kiro/golden (tests/proxy/kiro/CMakeLists.txt)"
#endif

namespace {

const QString kRequestId = QStringLiteral("req_0123456789abcdef01234567");

struct Scenario
{
    QList<QByteArray> frames;
    ResponseAssembler::Options options;
};

/// What the client receives: the stream's bytes (the chunks MessageExchange::writeEvents wrote, in order), or the
/// non-streaming body.
struct ClientBytes
{
    QByteArray bytes;
    int status = 200;
    bool cutOff = false; ///< an open tool call at the end (not in the corpus)
};

QByteArray compactJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray textEvent(const QString &text)
{
    return EventStreamEncoder::event("assistantResponseEvent", compactJson({{QStringLiteral("content"), text}}));
}

/// `text` in events of `size` code points each, the way the fake upstream's chunkText cuts it.
QList<QByteArray> textEvents(const QString &text, int size = 12)
{
    QList<QByteArray> out;
    const QList<uint> points = text.toUcs4();
    for (qsizetype i = 0; i < points.size(); i += size) {
        const QList<uint> part = points.mid(i, size);
        out.append(textEvent(QString::fromUcs4(reinterpret_cast<const char32_t *>(part.constData()), part.size())));
    }
    return out;
}

QByteArray toolEvent(const QString &name, const QString &id, const QString &input, bool stop = false)
{
    QJsonObject o{{QStringLiteral("name"), name}, {QStringLiteral("toolUseId"), id}, {QStringLiteral("input"), input}};
    if (stop)
        o.insert(QStringLiteral("stop"), true);
    return EventStreamEncoder::event("toolUseEvent", compactJson(o));
}

QByteArray raw(const char *type, const char *json)
{
    return EventStreamEncoder::event(type, json);
}

QList<QByteArray> usageTail()
{
    return {raw("meteringEvent", R"({"unit":"credit","unitPlural":"credits","usage":0.0097})"),
            raw("contextUsageEvent", R"({"contextUsagePercentage":1.5})")};
}

// The thinking parts of tests/e2e/fake-kiro-upstream.mjs (thinkEndings), sent in 7-character chunks like the fake.
const QList<QPair<const char *, const char *>> kThinkEndings = {
    {"default", "<thinking>\nReasoning about it step by step.</thinking>\n\n"},
    {"period", "<thinking>\nLet me think step by step.</thinking>\n\n"},
    {"question", "<thinking>\nWhat is asked?</thinking>\n\n"},
    {"exclaim", "<thinking>\nGot it!</thinking>\n\n"},
    {"colon", "<thinking>\nPlan:</thinking>\n\n"},
    {"paren", "<thinking>\nDone (mostly)</thinking>\n\n"},
    {"fence", "<thinking>\n```js\nx()\n```\n</thinking>\n\n"},
    {"list", "<thinking>\n- step one\n- step two</thinking>\n\n"},
    {"cjk", "<thinking>\n我想一想。</thinking>\n\n"},
    {"single-nl", "<thinking>\nDone.</thinking>\n"},
    {"crlf", "<thinking>\nDone.</thinking>\r\n\r\n"},
    {"mention", "<thinking>\nThe tag `</thinking>` and \"</thinking>\" are mentions.</thinking>\n\n"},
    {"no-close", "<thinking>\nI never close my thinking"},
};

QMap<QString, Scenario> buildCorpus()
{
    QMap<QString, Scenario> c;
    const auto add = [&c](const QString &name, QList<QByteArray> frames, ResponseAssembler::Options o) {
        c.insert(name, Scenario{std::move(frames), std::move(o)});
    };

    // Plain text.
    add(QStringLiteral("text_ascii"),
        textEvents(QStringLiteral("Hello from fake Kiro. You said: what is the answer?")) + usageTail(),
        TestFixtures::assemblerOptions());
    add(QStringLiteral("text_cjk"),
        textEvents(QString::fromUtf8("你好，世界！这是一个用中文写的回答。日本語と한국어も混ざっています。"), 5) +
            usageTail(),
        TestFixtures::assemblerOptions());
    add(QStringLiteral("text_emoji"),
        textEvents(QString::fromUtf8(
                       "Emoji 👋🏽 and 🌍, a family 👨‍👩‍👧‍👦, flags 🇳🇴🇯🇵, math "
                       "𝔸𝔹ℂ, "
                       "done."),
                   3) +
            usageTail(),
        TestFixtures::assemblerOptions());
    // A surrogate pair written as JSON escapes and cut between two events: each event holds a lone surrogate.
    add(QStringLiteral("text_split_surrogate"),
        {raw("assistantResponseEvent", R"({"content":"smile \ud83d"})"),
         raw("assistantResponseEvent", R"({"content":"\ude00 and \ud83c\udf0d whole"})"), usageTail().constLast()},
        TestFixtures::assemblerOptions());
    add(QStringLiteral("text_escapes"),
        {raw("assistantResponseEvent", R"({"content":"She said \"hi\" and left."})"),
         raw("assistantResponseEvent", R"({"content":" Path C:\\Users\\me\\file.txt, regex \\d+\\s*"})"),
         raw("assistantResponseEvent", R"({"content":" slash \/ and </script> & <b>bold</b>"})"),
         raw("assistantResponseEvent", R"({"content":"\ttab\nnewline\r\ncrlf\bback\fform"})"),
         raw("assistantResponseEvent", R"({"content":" ctl \u0001\u0007\u001b\u001f\u007f end"})"),
         raw("assistantResponseEvent", R"({"content":" line sep \u2028 para sep \u2029 bom \ufeff nbsp \u00a0."})"),
         raw("assistantResponseEvent", R"({"content":" escaped \u0041\u00e9\u4e2d literal é中"})")},
        TestFixtures::assemblerOptions());
    add(QStringLiteral("text_blank_chunks"),
        {textEvent(QStringLiteral("\n\n")), textEvent(QStringLiteral("  ")), textEvent(QStringLiteral("Answer")),
         textEvent(QStringLiteral("\n\n")), textEvent(QStringLiteral("more."))},
        TestFixtures::assemblerOptions());
    add(QStringLiteral("unknown_events_ignored"),
        {raw("followupPromptEvent", R"({"followupPrompt":{"content":"next?"}})"),
         textEvent(QStringLiteral("Visible text.")), raw("codeReferenceEvent", R"({"references":[]})"),
         raw("supplementaryWebLinksEvent", R"({"supplementaryWebLinks":[]})"),
         raw("assistantResponseEvent", R"({"assistantResponseEvent":{"content":" Wrapped payload."}})")},
        TestFixtures::assemblerOptions());

    // Thinking: every ending the fake upstream can send, then the answer (the fake's default answer follows).
    for (const auto &ending : kThinkEndings) {
        const QString name = QString::fromLatin1(ending.first);
        QList<QByteArray> frames = textEvents(QString::fromUtf8(ending.second), 7);
        if (name != QLatin1String("no-close"))
            frames += textEvents(QStringLiteral("Hello from fake Kiro. You said: think [[think-end:%1]]").arg(name));
        add(QStringLiteral("thinking_%1").arg(name).replace(QLatin1Char('-'), QLatin1Char('_')), frames + usageTail(),
            TestFixtures::assemblerOptions(true));
    }
    // Thinking not requested: the tags are plain text.
    add(QStringLiteral("thinking_off_tags_are_text"),
        textEvents(QString::fromUtf8(kThinkEndings.constFirst().second), 7) +
            textEvents(QStringLiteral("The answer.")) + usageTail(),
        TestFixtures::assemblerOptions(false));
    add(QStringLiteral("thinking_requested_none_sent"), textEvents(QStringLiteral("Straight to the answer.")),
        TestFixtures::assemblerOptions(true));
    add(QStringLiteral("reasoning_native"),
        {raw("reasoningContentEvent", R"({"text":"Native "})"),
         raw("reasoningContentEvent", R"({"text":"reasoning."})"),
         raw("reasoningContentEvent", R"({"signature":"sig-from-kiro-123"})"), textEvent(QStringLiteral("Out."))},
        TestFixtures::assemblerOptions(true));
    add(QStringLiteral("reasoning_redacted"),
        {raw("reasoningContentEvent", R"({"redactedContent":"c2VjcmV0"})"), textEvent(QStringLiteral("After."))},
        TestFixtures::assemblerOptions(true));

    // Tool calls.
    add(QStringLiteral("tool_one"),
        QList<QByteArray>{textEvent(QStringLiteral("Let me check.")),
                          toolEvent(QStringLiteral("get_weather"), QStringLiteral("tooluse_AAAAAAAAAAAAAAAAAAAAAA"),
                                    QStringLiteral("{\"city\":")),
                          toolEvent(QStringLiteral("get_weather"), QStringLiteral("tooluse_AAAAAAAAAAAAAAAAAAAAAA"),
                                    QStringLiteral("\"Oslo\"}"), true)} +
            usageTail(),
        TestFixtures::assemblerOptions());
    add(QStringLiteral("tool_several"),
        QList<QByteArray>{
            textEvent(QStringLiteral("Two calls.")),
            toolEvent(QStringLiteral("Read"), QStringLiteral("tooluse_1"), QStringLiteral("{\"path\":\"a.txt\"}"),
                      true),
            toolEvent(QStringLiteral("Bash"), QStringLiteral("tooluse_2"), QStringLiteral("{\"command\":")),
            toolEvent(QStringLiteral("Bash"), QStringLiteral("tooluse_2"), QStringLiteral("\"ls -la\"}"), true),
            toolEvent(QStringLiteral("Glob"), QStringLiteral("tooluse_3"), QString(), true)} +
            usageTail(),
        TestFixtures::assemblerOptions());
    add(QStringLiteral("tool_parallel"),
        {toolEvent(QStringLiteral("get_weather"), QStringLiteral("tooluse_p1"), QStringLiteral("{\"city\":")),
         toolEvent(QStringLiteral("get_time"), QStringLiteral("tooluse_p2"), QStringLiteral("{\"zone\":")),
         toolEvent(QStringLiteral("get_weather"), QStringLiteral("tooluse_p1"), QStringLiteral("\"Oslo\"}")),
         toolEvent(QStringLiteral("get_time"), QStringLiteral("tooluse_p2"), QStringLiteral("\"UTC\"}"), true),
         toolEvent(QStringLiteral("get_weather"), QStringLiteral("tooluse_p1"), QString(), true),
         // A duplicate fragment after stop is suppressed.
         toolEvent(QStringLiteral("get_weather"), QStringLiteral("tooluse_p1"), QStringLiteral("{}"), true)},
        TestFixtures::assemblerOptions());
    {
        ResponseAssembler::Options o = TestFixtures::assemblerOptions();
        o.toolNameMap.insert(QStringLiteral("mcp__srv__a_very_long_tool_n_1a2b3c4d"),
                             QStringLiteral("mcp__server_with_a_long_name__a_very_long_tool_name_that_kiro_refuses_"
                                            "because_it_is_longer_than_sixty_four"));
        add(QStringLiteral("tool_long_name_restored"),
            {toolEvent(QStringLiteral("mcp__srv__a_very_long_tool_n_1a2b3c4d"), QStringLiteral("tooluse_long"),
                       QStringLiteral("{\"q\":1}"), true),
             toolEvent(QStringLiteral("unmapped_tool"), QStringLiteral("tooluse_plain"), QStringLiteral("{}"), true)},
            o);
    }
    {
        QList<QByteArray> frames{textEvent(QStringLiteral("Writing the file."))};
        const QString input = QStringLiteral(
            "{\"file_path\":\"/tmp/out.py\",\"content\":\"def main():\\n    print(\\\"hello\\\")\\n    return 0\\n\\n"
            "if __name__ == \\\"__main__\\\":\\n    main()\\n\",\"mode\":\"overwrite\",\"lines\":[1,2,3,4,5,6,7]}");
        for (qsizetype i = 0; i < input.size(); i += 4)
            frames.append(toolEvent(QStringLiteral("Write"), QStringLiteral("tooluse_many"), input.mid(i, 4)));
        frames.append(toolEvent(QStringLiteral("Write"), QStringLiteral("tooluse_many"), QString(), true));
        add(QStringLiteral("tool_input_many_frames"), frames + usageTail(), TestFixtures::assemblerOptions());
    }
    add(QStringLiteral("tool_input_unicode"),
        {raw("toolUseEvent",
             R"({"name":"translate","toolUseId":"tooluse_u","input":"{\"text\":\"你好，世界 👋🏽"})"),
         raw("toolUseEvent",
             R"({"name":"translate","toolUseId":"tooluse_u","input":" \\ud83c\\udf0d \\\"quoted\\\" \\u2028\",\"to\":\"ja\"}","stop":true})")},
        TestFixtures::assemblerOptions());
    add(QStringLiteral("tool_after_thinking"),
        textEvents(QString::fromUtf8(kThinkEndings.at(1).second), 7) +
            QList<QByteArray>{
                toolEvent(QStringLiteral("Bash"), QStringLiteral("tooluse_t"), QStringLiteral("{\"command\":\"ls\",")),
                toolEvent(QStringLiteral("Bash"), QStringLiteral("tooluse_t"),
                          QStringLiteral("\"description\":\"List files\"}"), true)} +
            usageTail(),
        TestFixtures::assemblerOptions(true));

    // Structured output.
    {
        ResponseAssembler::Options o = TestFixtures::assemblerOptions();
        o.structuredOutputTool = QStringLiteral("structured_output");
        add(QStringLiteral("structured_output"),
            {textEvent(QStringLiteral("Here you go:")),
             toolEvent(QStringLiteral("structured_output"), QStringLiteral("tooluse_so"),
                       QStringLiteral("{\"name\":\"example\",")),
             toolEvent(QStringLiteral("structured_output"), QStringLiteral("tooluse_so"),
                       QStringLiteral("\"age\":42,\"tags\":[\"example\"]}"), true),
             usageTail().constLast()},
            o);
        add(QStringLiteral("structured_output_prose"), textEvents(QStringLiteral("{\"name\": \"Bo\", \"age\": 7}")), o);
        o.thinkingRequested = true;
        add(QStringLiteral("structured_output_thinking"),
            textEvents(QString::fromUtf8(kThinkEndings.at(4).second), 7) +
                QList<QByteArray>{
                    toolEvent(QStringLiteral("structured_output"), QStringLiteral("tooluse_st"), QString(), true)},
            o);
    }

    // Stop sequences.
    {
        ResponseAssembler::Options o = TestFixtures::assemblerOptions();
        o.stopSequences = {QStringLiteral("END"), QStringLiteral("\n\nHuman:")};
        add(QStringLiteral("stop_sequence_across_events"),
            {textEvent(QStringLiteral("one two E")), textEvent(QStringLiteral("N")),
             textEvent(QStringLiteral("D three")), textEvent(QStringLiteral("never sent")),
             toolEvent(QStringLiteral("ignored"), QStringLiteral("tooluse_i"), QStringLiteral("{}"), true)},
            o);
        add(QStringLiteral("stop_sequence_partial_released"),
            {textEvent(QStringLiteral("answer\n\nHu")), textEvent(QStringLiteral("m")),
             textEvent(QStringLiteral("an"))},
            o);
        o.stopSequences = {QString::fromUtf8("。")};
        o.thinkingRequested = true;
        add(QStringLiteral("stop_sequence_cjk_thinking"),
            textEvents(QString::fromUtf8(kThinkEndings.at(8).second), 7) +
                textEvents(QString::fromUtf8("第一句。第二句。"), 2),
            o);
    }

    // Usage.
    add(QStringLiteral("usage_metadata"),
        {textEvent(QStringLiteral("Counted.")), raw("meteringEvent", R"({"unit":"credit","usage":0.25})"),
         raw("contextUsageEvent", R"({"contextUsagePercentage":12.345})"),
         raw("metadataEvent",
             R"({"tokenUsage":{"uncachedInputTokens":1000,"cacheReadInputTokens":200,"outputTokens":55}})")},
        TestFixtures::assemblerOptions());
    add(QStringLiteral("usage_context_full"),
        {textEvent(QStringLiteral("x")), usageTail().constFirst(),
         raw("contextUsageEvent", R"({"contextUsagePercentage":100})")},
        TestFixtures::assemblerOptions());
    add(QStringLiteral("usage_max_tokens"),
        {textEvent(QStringLiteral("cut")),
         raw("metadataEvent", R"({"stopReason":"MAX_TOKENS","tokenUsage":{"outputTokens":9}})")},
        TestFixtures::assemblerOptions());

    // Errors.
    add(QStringLiteral("exception_mid_stream"),
        textEvents(QStringLiteral("Hello from fake Kiro. You said: [[exception]]")) +
            QList<QByteArray>{EventStreamEncoder::exception("InternalServerException",
                                                            R"({"message":"Encountered an unexpected error"})")} +
            usageTail(),
        TestFixtures::assemblerOptions());
    add(QStringLiteral("exception_throttling"),
        {textEvent(QStringLiteral("partial")),
         EventStreamEncoder::exception("ThrottlingException", R"({"message":"slow \"down\""})")},
        TestFixtures::assemblerOptions());
    add(QStringLiteral("exception_content_length"),
        {textEvent(QStringLiteral("too long")),
         EventStreamEncoder::exception("ContentLengthExceededException", R"({"message":"too long"})")},
        TestFixtures::assemblerOptions());
    add(QStringLiteral("invalid_state"),
        {textEvent(QStringLiteral("x")),
         raw("invalidStateEvent", R"({"reason":"INVALID_TASK_STATE","message":"bad state"})")},
        TestFixtures::assemblerOptions());

    // Sizes.
    {
        QList<QByteArray> frames;
        const QString filler = QStringLiteral("The quick brown fox jumps over the lazy dog. ").repeated(10);
        for (int i = 0; i < 500; ++i)
            frames.append(textEvent(QString(QStringLiteral("[%1] ").arg(i) + filler).left(400)));
        add(QStringLiteral("long_500"), frames + usageTail(), TestFixtures::assemblerOptions());
    }
    {
        QList<QByteArray> frames;
        for (int i = 0; i < 2000; ++i)
            frames.append(textEvent(QStringLiteral("w%1 ").arg(i)));
        add(QStringLiteral("tiny_2000"), frames + usageTail(), TestFixtures::assemblerOptions());
    }
    add(QStringLiteral("empty_answer"), usageTail(), TestFixtures::assemblerOptions());
    add(QStringLiteral("empty_stream"), {}, TestFixtures::assemblerOptions());
    add(QStringLiteral("empty_stream_thinking"), {}, TestFixtures::assemblerOptions(true));
    return c;
}

/// What KiroCall::onData hands on for each piece of upstream bytes: the events of the messages the piece completed
/// (pieces that complete none emit nothing). A cut-off stream (a partial frame at the end, a failed decoder) goes to
/// onUpstreamFailed, not to finishAnswer; the corpus has none.
struct Reads
{
    QList<EventStreamMessage> messages; ///< all of them, in order
    QList<qsizetype> batches;           ///< how many messages each eventsReceived carried
    bool cutOff = false;
};

Reads decode(const QList<QByteArrayView> &pieces)
{
    EventStreamDecoder decoder;
    Reads out;
    for (const QByteArrayView piece : pieces) {
        if (piece.isEmpty())
            continue;
        const QList<EventStreamMessage> messages = decoder.feed(piece);
        if (!messages.isEmpty()) {
            out.messages += messages;
            out.batches.append(messages.size());
        }
    }
    out.cutOff = decoder.failed() || decoder.bufferedBytes() > 0;
    return out;
}

/// The client's bytes for upstream reads carrying `batches` of the decoded messages, through the calls the production
/// code makes (KiroEvent::fromMessage in KiroCall::onData; MessageExchange::onResponseStarted, onEvents, writeEvents,
/// finishAnswer, Reply::json and Reply::error).
ClientBytes answer(const Scenario &s, bool stream, const QList<EventStreamMessage> &messages,
                   const QList<qsizetype> &batches)
{
    ResponseAssembler assembler(s.options);
    ClientBytes out;
    QList<SseEvent> collected;
    // MessageExchange::writeEvents: one chunk per call, events encoded one after the other.
    const auto writeEvents = [&](const QList<SseEvent> &events) {
        if (events.isEmpty())
            return;
        if (!stream) {
            collected += events;
            return;
        }
        QByteArray bytes;
        for (const SseEvent &e : events)
            bytes += SseWriter::encode(e);
        out.bytes += bytes;
    };
    // onResponseStarted → beginClientStream.
    if (stream)
        writeEvents(assembler.start());
    qsizetype next = 0;
    for (const qsizetype count : batches) {
        QList<KiroEvent> events;
        events.reserve(count);
        for (qsizetype i = 0; i < count; ++i)
            events.append(KiroEvent::fromMessage(messages.at(next++)));
        // onEvents: one write per upstream read.
        QList<SseEvent> sse;
        for (const KiroEvent &event : std::as_const(events)) {
            sse += assembler.handle(event);
            if (assembler.failed() || assembler.stoppedBySequence())
                break;
        }
        writeEvents(sse);
        if (assembler.failed()) {
            if (!stream) {
                out.status = assembler.failure().status;
                out.bytes = compactJson(assembler.failure().toJson(kRequestId)); // Reply::error
            }
            return out;
        }
        if (assembler.stoppedBySequence())
            break; // releaseCall(): the rest is not read
    }
    out.cutOff = !assembler.stoppedBySequence() && assembler.hasOpenToolUse();
    writeEvents(assembler.finish()); // finishAnswer
    if (!stream)
        out.bytes = Json::write(MessageCollector::collect(collected)); // Reply::json
    return out;
}

/// Replaces what is random in an answer (placeholder thinking signatures) with a fixed value of the same shape.
QByteArray normalise(QByteArray bytes)
{
    static const QByteArray prefix = QByteArrayLiteral("\"kiro-tray-");
    static const qsizetype kSignatureChars = 43; // base64url of 32 random bytes, no padding
    qsizetype at = 0;
    while ((at = bytes.indexOf(prefix, at)) >= 0) {
        const qsizetype from = at + prefix.size();
        qsizetype n = 0;
        while (from + n < bytes.size() &&
               (QByteArrayView("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                    .contains(bytes.at(from + n))))
            ++n;
        if (n == kSignatureChars && from + n < bytes.size() && bytes.at(from + n) == '"')
            bytes.replace(from, n, QByteArray(kSignatureChars, 'S'));
        at = from;
    }
    return bytes;
}

/// Where two byte strings first differ, with 80 bytes of context on each side of both.
QString difference(const QByteArray &expected, const QByteArray &actual)
{
    qsizetype at = 0;
    while (at < expected.size() && at < actual.size() && expected.at(at) == actual.at(at))
        ++at;
    // Quoted, with bytes outside printable ASCII (and '"', '%') percent-encoded: "…before" <<HERE>> "after…".
    const auto around = [at](const QByteArray &b) {
        const qsizetype from = qMax<qsizetype>(0, at - 80);
        const QByteArray keep = " {}:,[]_-.#<>=/\\'!?()*+;@^`|~&$";
        return QString::fromLatin1('"' + b.mid(from, at - from).toPercentEncoding(keep) + "\" <<HERE>> \"" +
                                   b.mid(at, 80).toPercentEncoding(keep) + '"');
    };
    return QStringLiteral("first difference at byte %1 (expected %2 bytes, got %3)\n  expected: %4\n  actual:   %5")
        .arg(at)
        .arg(expected.size())
        .arg(actual.size())
        .arg(around(expected), around(actual));
}

QString goldenPath(const QString &scenario, bool stream)
{
    return QStringLiteral(KIRO_GOLDEN_DIR "/%1.%2")
        .arg(scenario, stream ? QStringLiteral("sse") : QStringLiteral("json"));
}

bool updating()
{
    return qEnvironmentVariableIntValue("KIRO_UPDATE_GOLDEN") == 1;
}

QList<QByteArrayView> whole(const QByteArray &bytes)
{
    return {QByteArrayView(bytes)};
}

QList<QByteArrayView> splitAt(const QByteArray &bytes, qsizetype at)
{
    return {QByteArrayView(bytes).first(at), QByteArrayView(bytes).sliced(at)};
}

QList<QByteArrayView> bytewise(const QByteArray &bytes)
{
    QList<QByteArrayView> out;
    out.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i)
        out.append(QByteArrayView(bytes).sliced(i, 1));
    return out;
}

/// The fake upstream's writes: every frame in two, cut at max(1, length / 3).
QList<QByteArrayView> fakeUpstreamPattern(const QList<QByteArray> &frames)
{
    QList<QByteArrayView> out;
    for (const QByteArray &f : frames) {
        const qsizetype cut = qMax<qsizetype>(1, f.size() / 3);
        out.append(QByteArrayView(f).first(cut));
        out.append(QByteArrayView(f).sliced(cut));
    }
    return out;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

/// The offsets at which the two-piece feed is cut. Every one for the corpus' small scenarios; for the large ones
/// (long_500, tiny_2000: a few hundred kilobytes, where every offset would take minutes) every offset within the first
/// three and the last three frames plus 200 pseudo-random ones (fixed seed, so a failure reproduces). Under
/// AddressSanitizer, which runs each decode ten times slower and looks for memory errors rather than for another
/// boundary, the large ones take the first and last frame and 20 random offsets (95 s → a few seconds in CI).
QList<qsizetype> splitPoints(const QList<QByteArray> &frames, qsizetype total)
{
    const int edgeFrames = kSanitized ? 1 : 3;
    const int randomPoints = kSanitized ? 20 : 200;
    QList<qsizetype> out;
    if (frames.size() <= 100) {
        for (qsizetype i = 1; i < total; ++i)
            out.append(i);
        return out;
    }
    qsizetype head = 0;
    for (int i = 0; i < edgeFrames; ++i)
        head += frames.at(i).size();
    qsizetype tail = 0;
    for (qsizetype i = frames.size() - edgeFrames; i < frames.size(); ++i)
        tail += frames.at(i).size();
    for (qsizetype i = 1; i <= head; ++i)
        out.append(i);
    for (qsizetype i = total - tail; i < total; ++i)
        out.append(i);
    QRandomGenerator random(20240612);
    for (int i = 0; i < randomPoints; ++i)
        out.append(1 + random.bounded(int(total - 1)));
    return out;
}

} // namespace

class TestSseGolden : public QObject
{
    Q_OBJECT

private slots:
    void corpusIsLargeEnough();
    void goldenFilesBelongToTheCorpus();
    void normaliseOnlyTouchesSignatures();
    void corpus_data();
    void corpus();
};

void TestSseGolden::corpusIsLargeEnough()
{
    QVERIFY(buildCorpus().size() >= 25);
}

// A golden without its scenario (renamed, removed) would go unnoticed otherwise.
void TestSseGolden::goldenFilesBelongToTheCorpus()
{
    if (updating()) {
        const QStringList stale = QDir(QStringLiteral(KIRO_GOLDEN_DIR))
                                      .entryList({QStringLiteral("*.sse"), QStringLiteral("*.json")}, QDir::Files);
        for (const QString &file : stale)
            QFile::remove(QStringLiteral(KIRO_GOLDEN_DIR "/") + file);
        return;
    }
    const QMap<QString, Scenario> corpus = buildCorpus();
    QSet<QString> expected;
    for (auto it = corpus.cbegin(); it != corpus.cend(); ++it)
        expected << it.key() + QStringLiteral(".sse") << it.key() + QStringLiteral(".json");
    const QStringList files = QDir(QStringLiteral(KIRO_GOLDEN_DIR))
                                  .entryList({QStringLiteral("*.sse"), QStringLiteral("*.json")}, QDir::Files);
    const QSet<QString> present(files.cbegin(), files.cend());
    for (const QString &f : present)
        QVERIFY2(expected.contains(f), qPrintable(QStringLiteral("golden file without a scenario: %1").arg(f)));
    for (const QString &f : expected)
        QVERIFY2(present.contains(f),
                 qPrintable(QStringLiteral("no golden file %1 (run once with KIRO_UPDATE_GOLDEN=1)").arg(f)));
}

void TestSseGolden::normaliseOnlyTouchesSignatures()
{
    const QString sig = ResponseAssembler::placeholderSignature();
    const QByteArray before = "{\"signature\":\"" + sig.toLatin1() + "\",\"kiro-tray-short\":\"kiro-tray-abc\"}";
    QCOMPARE(normalise(before), QByteArray("{\"signature\":\"kiro-tray-" + QByteArray(43, 'S') +
                                           "\",\"kiro-tray-short\":\"kiro-tray-abc\"}"));
}

void TestSseGolden::corpus_data()
{
    QTest::addColumn<QString>("scenario");
    const QMap<QString, Scenario> corpus = buildCorpus();
    for (auto it = corpus.cbegin(); it != corpus.cend(); ++it)
        QTest::newRow(qPrintable(it.key())) << it.key();
}

void TestSseGolden::corpus()
{
    QFETCH(QString, scenario);
    const Scenario s = buildCorpus().value(scenario);
    QByteArray upstream;
    for (const QByteArray &f : s.frames)
        upstream += f;
    const Reads reference = decode(whole(upstream));
    QVERIFY2(!reference.cutOff, qPrintable(QStringLiteral("%1 ends inside a frame").arg(scenario)));
    QCOMPARE(reference.messages.size(), s.frames.size());

    QByteArray golden[2]; // [stream]
    int status[2] = {200, 200};
    for (const bool stream : {false, true}) {
        const QString path = goldenPath(scenario, stream);
        const ClientBytes first = answer(s, stream, reference.messages, reference.batches);
        QVERIFY2(!first.cutOff, qPrintable(QStringLiteral("%1 ends inside a tool call").arg(scenario)));
        status[stream] = first.status;
        if (updating()) {
            QFile out(path);
            QVERIFY2(out.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
            out.write(normalise(first.bytes));
        }
        QFile in(path);
        QVERIFY2(in.open(QIODevice::ReadOnly),
                 qPrintable(QStringLiteral("%1 is missing (run once with KIRO_UPDATE_GOLDEN=1)").arg(path)));
        golden[stream] = in.readAll();
    }
    QVERIFY(golden[false].startsWith('{'));

    // The answer is a function of the decoded messages and of how they were batched into reads: every way of feeding
    // must decode the same messages, and each distinct batching is answered once, streaming and not (the whole
    // pipeline at every offset would take minutes for the larger scenarios).
    QSet<QList<qsizetype>> answered;
    const auto check = [&](const QList<QByteArrayView> &pieces, const QString &how) {
        const Reads reads = decode(pieces);
        QVERIFY2(!reads.cutOff && reads.messages == reference.messages,
                 qPrintable(QStringLiteral("%1 fed %2: the decoded messages differ").arg(scenario, how)));
        if (answered.contains(reads.batches))
            return;
        answered.insert(reads.batches);
        for (const bool stream : {false, true}) {
            const ClientBytes r = answer(s, stream, reads.messages, reads.batches);
            QCOMPARE(r.status, status[stream]);
            const QByteArray actual = normalise(r.bytes);
            if (actual != golden[stream])
                QFAIL(qPrintable(QStringLiteral("%1 %2, fed %3: %4")
                                     .arg(scenario, stream ? QStringLiteral("stream") : QStringLiteral("JSON"), how,
                                          difference(golden[stream], actual))));
        }
    };
    check(whole(upstream), QStringLiteral("whole"));
    if (QTest::currentTestFailed())
        return;
    for (const qsizetype at : splitPoints(s.frames, upstream.size())) {
        check(splitAt(upstream, at), QStringLiteral("in two at byte %1").arg(at));
        if (QTest::currentTestFailed())
            return;
    }
    check(bytewise(upstream), QStringLiteral("one byte at a time"));
    if (QTest::currentTestFailed())
        return;
    check(fakeUpstreamPattern(s.frames), QStringLiteral("as the fake upstream writes"));
}

QTEST_GUILESS_MAIN(TestSseGolden)
#include "tst_ssegolden.moc"
