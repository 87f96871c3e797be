// SPDX-License-Identifier: MIT
// ResponseAssembler: block bookkeeping, thinking extraction, tool-name restoration, stop reasons and usage.
#include "kiro/responseassembler.h"

#include "anthropic/messageevents.h"
#include "anthropic/ssewriter.h"

#include "common/json.h"
#include <QRandomGenerator>
#include <cmath>

#include "anthropic/tokenestimator.h"
#include "common/jsonnumber.h"
#include "kiro/kiroevent.h"

ResponseAssembler::ResponseAssembler(Options options)
    : m_options(std::move(options))
{
    if (m_options.messageId.isEmpty())
        m_options.messageId = MessageEvents::newMessageId();
}

QString ResponseAssembler::placeholderSignature()
{
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::global()->generate(raw.begin(), raw.end());
    return QStringLiteral("kiro-tray-") +
           QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QList<SseEvent> ResponseAssembler::start()
{
    QList<SseEvent> out;
    if (m_started)
        return out;
    m_started = true;
    out.append(MessageEvents::messageStart(m_options.messageId, m_options.clientModel, m_options.inputTokenEstimate));
    if (!m_options.thinkingRequested)
        openText(out);
    return out;
}

// A retry after message_start (and, without thinking, the empty text block 0) reached the client: carry on as if
// this assembler had sent them, so the next attempt's text continues block 0 instead of starting it twice.
void ResponseAssembler::continueStartedStream()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_options.thinkingRequested)
        m_textIndex = m_nextIndex++;
}

void ResponseAssembler::openText(QList<SseEvent> &out)
{
    if (m_textIndex >= 0)
        return;
    m_textIndex = m_nextIndex++;
    out.append(MessageEvents::blockStart(m_textIndex, JsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                                 {QStringLiteral("text"), QString()}}));
}

void ResponseAssembler::closeText(QList<SseEvent> &out)
{
    if (m_textIndex < 0)
        return;
    out.append(MessageEvents::blockStop(m_textIndex));
    m_textIndex = -1;
}

void ResponseAssembler::openThinking(QList<SseEvent> &out)
{
    if (m_thinkingIndex >= 0)
        return;
    closeText(out);
    m_thinkingIndex = m_nextIndex++;
    m_sawThinking = true;
    out.append(
        MessageEvents::blockStart(m_thinkingIndex, JsonObject{{QStringLiteral("type"), QStringLiteral("thinking")},
                                                              {QStringLiteral("thinking"), QString()},
                                                              {QStringLiteral("signature"), QString()}}));
}

void ResponseAssembler::closeThinking(QList<SseEvent> &out)
{
    if (m_thinkingIndex < 0)
        return;
    out.append(MessageEvents::thinkingDelta(m_thinkingIndex, QString()));
    const QString signature = m_signature.isEmpty() ? placeholderSignature() : m_signature;
    out.append(MessageEvents::blockDelta(m_thinkingIndex,
                                         JsonObject{{QStringLiteral("type"), QStringLiteral("signature_delta")},
                                                    {QStringLiteral("signature"), signature}}));
    out.append(MessageEvents::blockStop(m_thinkingIndex));
    m_thinkingIndex = -1;
}

void ResponseAssembler::closeTools(QList<SseEvent> &out)
{
    QList<int> indices = m_openTools.values();
    std::sort(indices.begin(), indices.end());
    for (int index : indices) {
        if (index >= 0)
            out.append(MessageEvents::blockStop(index));
    }
    for (auto it = m_openTools.cbegin(); it != m_openTools.cend(); ++it)
        m_closedTools.insert(it.key());
    m_openTools.clear();
}

void ResponseAssembler::textDelta(const QString &text, QList<SseEvent> &out)
{
    if (text.isEmpty() || stoppedBySequence())
        return;
    if (!m_options.structuredOutputTool.isEmpty() && !m_inStructuredTool) {
        // The answer of a structured-output request is the tool's JSON; free text waits to see whether it comes.
        m_structuredHold += text;
        return;
    }
    stopFilteredText(text, out);
}

// Answer text after the stop sequences: cut at the first match, holding back only what could still become one.
void ResponseAssembler::stopFilteredText(const QString &text, QList<SseEvent> &out)
{
    if (m_options.stopSequences.isEmpty()) {
        answerText(text, out);
        return;
    }
    const QString pending = m_stopHold + text;
    m_stopHold.clear();
    qsizetype cut = -1;
    QString matched;
    for (const QString &seq : std::as_const(m_options.stopSequences)) {
        const qsizetype at = seq.isEmpty() ? -1 : pending.indexOf(seq);
        if (at >= 0 && (cut < 0 || at < cut)) {
            cut = at;
            matched = seq;
        }
    }
    if (cut >= 0) {
        answerText(pending.left(cut), out);
        m_matchedStopSequence = matched;
        return;
    }
    // Hold back only the longest tail that could still grow into a stop sequence.
    qsizetype hold = 0;
    for (const QString &seq : std::as_const(m_options.stopSequences)) {
        for (qsizetype k = qMin(pending.size(), seq.size() - 1); k > hold; --k) {
            if (QStringView(pending).right(k) == QStringView(seq).left(k)) {
                hold = k;
                break;
            }
        }
    }
    if (hold > 0 && pending.at(pending.size() - hold).isLowSurrogate())
        ++hold; // never split a surrogate pair
    hold = qMin(hold, pending.size());
    answerText(pending.left(pending.size() - hold), out);
    m_stopHold = pending.right(hold);
}

void ResponseAssembler::flushHeldText(QList<SseEvent> &out)
{
    if (!m_stopHold.isEmpty()) {
        const QString held = m_stopHold;
        m_stopHold.clear();
        answerText(held, out);
    }
}

void ResponseAssembler::answerText(const QString &text, QList<SseEvent> &out)
{
    if (text.isEmpty())
        return;
    const bool blank = QStringView(text).trimmed().isEmpty();
    if (m_thinkingIndex >= 0 && !blank)
        closeThinking(out); // native reasoning ended: the answer starts
    if (m_textIndex < 0) {
        // Whitespace alone never opens a new text block (adaptive thinking starts with "\n\n").
        if (blank)
            return;
        openText(out);
    }
    if (!blank)
        m_sawText = true;
    out.append(MessageEvents::textDelta(m_textIndex, text));
    m_outputEstimate += TokenEstimator::outputChunk(text);
    m_emittedContent = true;
}

void ResponseAssembler::apply(const QList<ThinkingOutput> &outputs, QList<SseEvent> &out)
{
    for (const ThinkingOutput &o : outputs) {
        switch (o.kind) {
        case ThinkingOutput::Kind::Text:
            textDelta(o.text, out);
            break;
        case ThinkingOutput::Kind::ThinkingStart:
            openThinking(out);
            m_emittedContent = true;
            break;
        case ThinkingOutput::Kind::ThinkingDelta:
            if (m_thinkingIndex < 0)
                openThinking(out);
            if (!o.text.isEmpty()) {
                out.append(MessageEvents::thinkingDelta(m_thinkingIndex, o.text));
                m_outputEstimate += TokenEstimator::outputChunk(o.text);
            }
            break;
        case ThinkingOutput::Kind::ThinkingStop:
            closeThinking(out);
            break;
        }
    }
}

void ResponseAssembler::structuredToolFragment(const KiroEvent &e, QList<SseEvent> &out)
{
    if (!m_inStructuredTool) {
        if (m_options.thinkingRequested)
            apply(m_parser.flushForToolUse(), out);
        closeThinking(out);
        m_inStructuredTool = true;
        m_structuredDelivered = true;
        m_structuredHold.clear(); // the JSON is the answer; preamble text is dropped
        m_openTools.insert(e.toolUseId, -1);
    }
    if (!e.toolInput.isEmpty()) {
        openText(out);
        m_sawText = true;
        m_emittedContent = true;
        out.append(MessageEvents::textDelta(m_textIndex, e.toolInput));
        m_outputEstimate += TokenEstimator::toolFragment(e.toolInput);
        m_structuredHasInput = true;
    }
    if (e.toolStop) {
        m_openTools.remove(e.toolUseId);
        m_closedTools.insert(e.toolUseId);
        m_inStructuredTool = false;
        if (!m_structuredHasInput) { // a call without input: the answer is an empty object
            m_sawText = true;
            openText(out);
            out.append(MessageEvents::textDelta(m_textIndex, QStringLiteral("{}")));
        }
    }
}

QList<SseEvent> ResponseAssembler::handle(const KiroEvent &e)
{
    QList<SseEvent> out;
    if (m_finished || stoppedBySequence())
        return out;
    if (!m_started)
        out += start();
    switch (e.kind) {
    case KiroEvent::Kind::AssistantResponse:
        if (m_options.thinkingRequested)
            apply(m_parser.feed(e.text), out);
        else
            textDelta(e.text, out);
        break;
    case KiroEvent::Kind::Reasoning:
        if (!e.redactedContent.isEmpty()) {
            closeText(out);
            closeThinking(out);
            const int index = m_nextIndex++;
            out.append(MessageEvents::blockStart(
                index, JsonObject{{QStringLiteral("type"), QStringLiteral("redacted_thinking")},
                                  {QStringLiteral("data"), e.redactedContent}}));
            out.append(MessageEvents::blockStop(index));
            m_sawThinking = true;
            m_emittedContent = true;
            break;
        }
        if (!e.signature.isEmpty())
            m_signature = e.signature;
        if (!e.text.isEmpty()) {
            openThinking(out);
            out.append(MessageEvents::thinkingDelta(m_thinkingIndex, e.text));
            m_outputEstimate += TokenEstimator::outputChunk(e.text);
            m_emittedContent = true;
        }
        break;
    case KiroEvent::Kind::ToolUse: {
        if (m_closedTools.contains(e.toolUseId))
            break; // duplicate fragments after stop are suppressed
        if (!m_options.structuredOutputTool.isEmpty() && e.toolName == m_options.structuredOutputTool) {
            structuredToolFragment(e, out);
            break;
        }
        auto it = m_openTools.find(e.toolUseId);
        if (it == m_openTools.end()) {
            if (m_options.thinkingRequested)
                apply(m_parser.flushForToolUse(), out);
            flushHeldText(out);
            closeThinking(out);
            closeText(out);
            const int index = m_nextIndex++;
            const QString name = m_options.toolNameMap.value(e.toolName, e.toolName);
            out.append(MessageEvents::blockStart(index, JsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")},
                                                                   {QStringLiteral("id"), e.toolUseId},
                                                                   {QStringLiteral("name"), name},
                                                                   {QStringLiteral("input"), JsonObject()}}));
            it = m_openTools.insert(e.toolUseId, index);
            m_sawTool = true;
            m_emittedContent = true;
        }
        if (!e.toolInput.isEmpty()) {
            out.append(MessageEvents::blockDelta(
                it.value(), JsonObject{{QStringLiteral("type"), QStringLiteral("input_json_delta")},
                                       {QStringLiteral("partial_json"), e.toolInput}}));
            m_outputEstimate += TokenEstimator::toolFragment(e.toolInput);
        }
        if (e.toolStop) {
            out.append(MessageEvents::blockStop(it.value()));
            m_closedTools.insert(e.toolUseId);
            m_openTools.erase(it);
        }
        break;
    }
    case KiroEvent::Kind::ContextUsage:
        m_contextPct = e.contextUsagePercentage;
        if (m_contextPct >= 100)
            m_stopOverride = QStringLiteral("model_context_window_exceeded");
        break;
    case KiroEvent::Kind::Metadata:
        if (e.hasTokenUsage) {
            m_hasUsage = true;
            m_usageInput = e.inputTokens;
            m_usageOutput = e.outputTokens;
        }
        if (e.stopReason.compare(QLatin1String("MAX_TOKENS"), Qt::CaseInsensitive) == 0)
            m_stopOverride = QStringLiteral("max_tokens");
        break;
    case KiroEvent::Kind::Exception:
        if (e.exceptionType.contains(QLatin1String("ContentLengthExceeded"))) {
            m_stopOverride = QStringLiteral("max_tokens");
        } else {
            const bool overloaded = e.exceptionType.contains(QLatin1String("Throttling")) ||
                                    e.exceptionType.contains(QLatin1String("ServiceUnavailable"));
            ApiError error =
                ApiError::make(overloaded ? 529 : 500,
                               QStringLiteral("Kiro ended the stream with %1: %2").arg(e.exceptionType, e.message));
            out += fail(error);
        }
        break;
    case KiroEvent::Kind::InvalidState:
        out += fail(
            ApiError::make(500, QStringLiteral("Kiro reported an invalid state (%1): %2").arg(e.reason, e.message)));
        break;
    case KiroEvent::Kind::Error:
        out += fail(ApiError::make(500, QStringLiteral("Kiro stream error %1: %2").arg(e.errorCode, e.message)));
        break;
    case KiroEvent::Kind::Metering: // credits: nothing in the answer reports them
    case KiroEvent::Kind::Ignored:
        break;
    }
    return out;
}

QList<SseEvent> ResponseAssembler::finish()
{
    QList<SseEvent> out;
    if (m_finished)
        return out;
    if (!m_started)
        out += start();
    if (m_options.thinkingRequested && !stoppedBySequence())
        apply(m_parser.finish(), out);
    if (!m_structuredDelivered && !m_structuredHold.isEmpty()) {
        // The model answered in prose instead of calling the output tool: that prose is the answer.
        stopFilteredText(std::exchange(m_structuredHold, {}), out);
    }
    if (!stoppedBySequence())
        flushHeldText(out);
    closeThinking(out);
    closeTools(out);
    if (m_sawThinking && !m_sawText && !m_sawTool) {
        // Thinking without an answer: Anthropic clients expect a text block; report the cut-off honestly.
        m_stopOverride = QStringLiteral("max_tokens");
        openText(out);
        out.append(MessageEvents::textDelta(m_textIndex, QStringLiteral(" ")));
    }
    closeText(out);
    if (stoppedBySequence())
        m_stopReason = QStringLiteral("stop_sequence");
    else if (!m_stopOverride.isEmpty())
        m_stopReason = m_stopOverride;
    else
        m_stopReason = m_sawTool ? QStringLiteral("tool_use") : QStringLiteral("end_turn");
    const JsonValue stopSequence = stoppedBySequence() ? JsonValue(m_matchedStopSequence) : JsonValue();
    out.append(
        MessageEvents::messageDelta(m_stopReason, stopSequence, MessageEvents::usage(inputTokens(), outputTokens())));
    out.append(MessageEvents::messageStop());
    m_finished = true;
    return out;
}

QList<SseEvent> ResponseAssembler::fail(const ApiError &error)
{
    QList<SseEvent> out;
    if (m_finished)
        return out;
    m_finished = true;
    m_failed = true;
    m_failure = error;
    out.append(SseWriter::errorEvent(error));
    return out;
}

qint64 ResponseAssembler::inputTokens() const
{
    if (m_hasUsage && m_usageInput > 0)
        return m_usageInput;
    if (m_contextPct > 0)
        return JsonNumber::toCount(std::floor(m_contextPct * double(m_options.contextWindow) / 100.0));
    return std::max<qint64>(1, m_options.inputTokenEstimate);
}

bool ResponseAssembler::inputTokensMeasured() const
{
    return (m_hasUsage && m_usageInput > 0) || m_contextPct > 0;
}

qint64 ResponseAssembler::outputTokens() const
{
    if (m_hasUsage)
        return m_usageOutput;
    return std::max<qint64>(1, m_outputEstimate);
}
