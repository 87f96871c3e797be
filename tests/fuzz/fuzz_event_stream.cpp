// SPDX-License-Identifier: MIT
// Fuzzes Kiro's response path: EventStreamDecoder::feed in random splits, KiroEvent::fromMessage, ResponseAssembler,
// SseWriter and MessageCollector (docs/protocol.md §8, §9). The input is a raw event stream.
#include <QList>

#include "anthropic/ssewriter.h"
#include "fuzzsupport.h"
#include "kiro/crc32.h"
#include "kiro/eventstreamdecoder.h"
#include "kiro/kiroevent.h"
#include "kiro/messagecollector.h"
#include "kiro/responseassembler.h"

namespace {

quint32 readU32(const char *p)
{
    return (quint32(quint8(p[0])) << 24) | (quint32(quint8(p[1])) << 16) | (quint32(quint8(p[2])) << 8) |
           quint32(quint8(p[3]));
}

void writeU32(char *p, quint32 v)
{
    p[0] = char(v >> 24);
    p[1] = char(v >> 16);
    p[2] = char(v >> 8);
    p[3] = char(v);
}

// A copy whose frames carry correct CRCs as far as the lengths are plausible, so that mutated headers and payloads
// get past the CRC checks and reach the header parser, KiroEvent and the assembler.
QByteArray withValidCrcs(QByteArray stream)
{
    qsizetype at = 0;
    while (stream.size() - at >= 16) {
        char *p = stream.data() + at;
        const quint32 total = readU32(p);
        const quint32 headersLen = readU32(p + 4);
        if (total < 16 || qsizetype(total) > stream.size() - at || headersLen > total - 16)
            break;
        writeU32(p + 8, Crc32::compute(QByteArrayView(p, 8)));
        writeU32(p + total - 4, Crc32::compute(QByteArrayView(p, total - 4)));
        at += total;
    }
    return stream;
}

QList<EventStreamMessage> decodeWhole(const QByteArray &stream, bool *failed)
{
    EventStreamDecoder decoder;
    QList<EventStreamMessage> out = decoder.feed(stream);
    *failed = decoder.failed();
    FuzzSupport::require(decoder.bufferedBytes() >= 0 && decoder.bufferedBytes() <= stream.size(),
                         "bufferedBytes out of range");
    return out;
}

QList<EventStreamMessage> decodeInSplits(const QByteArray &stream, bool *failed)
{
    EventStreamDecoder decoder;
    QList<EventStreamMessage> out;
    qsizetype at = 0;
    for (const qsizetype chunk : FuzzSupport::splits(stream, stream.size())) {
        out += decoder.feed(QByteArrayView(stream.constData() + at, chunk));
        at += chunk;
    }
    *failed = decoder.failed();
    return out;
}

// The decoder decides only on complete bytes, so the way a stream is split must not change what comes out.
QList<EventStreamMessage> decode(const QByteArray &stream)
{
    bool wholeFailed = false;
    bool splitFailed = false;
    const QList<EventStreamMessage> whole = decodeWhole(stream, &wholeFailed);
    const QList<EventStreamMessage> split = decodeInSplits(stream, &splitFailed);
    FuzzSupport::require(wholeFailed == splitFailed, "failed() depends on the split");
    FuzzSupport::require(whole == split, "messages depend on the split");
    return whole;
}

void assemble(const QList<EventStreamMessage> &messages, bool thinking)
{
    ResponseAssembler::Options options;
    options.clientModel = QStringLiteral("claude-sonnet-4-5");
    options.messageId = QStringLiteral("msg_0123456789abcdef0123456789abcdef");
    options.thinkingRequested = thinking;
    options.toolNameMap.insert(QStringLiteral("short_tool"), QStringLiteral("a_much_longer_original_tool_name"));
    options.inputTokenEstimate = 42;
    options.stopSequences = {QStringLiteral("\n\nHuman:"), QStringLiteral("STOP")};
    if (thinking)
        options.structuredOutputTool = QStringLiteral("StructuredOutput");
    ResponseAssembler assembler(options);
    QList<SseEvent> events = assembler.start();
    for (const EventStreamMessage &message : messages) {
        const KiroEvent event = KiroEvent::fromMessage(message);
        events += assembler.handle(event);
        if (assembler.failed() || assembler.stoppedBySequence())
            break;
    }
    // As MessageExchange ends an answer: a tool call still open after the last frame is a cut-off.
    if (!assembler.failed() && assembler.hasOpenToolUse() && !assembler.stoppedBySequence())
        events += assembler.fail(ApiError::make(502, QStringLiteral("the stream ended inside a tool call")));
    else if (!assembler.failed())
        events += assembler.finish();
    for (const SseEvent &event : events)
        FuzzSupport::require(!SseWriter::encode(event).isEmpty(), "empty SSE event");
    MessageCollector::collect(events);
    (void)assembler.inputTokens();
    (void)assembler.outputTokens();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw = FuzzSupport::bytes(data, size);
    decode(raw);
    const QList<EventStreamMessage> messages = decode(withValidCrcs(raw));
    assemble(messages, size % 2 == 1);
    return 0;
}
