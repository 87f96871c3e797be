// SPDX-License-Identifier: MIT
// ResponseAssembler: Kiro events → the exact Anthropic SSE event sequence (docs/protocol.md §9.2, §9.3, §7.4).
#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include "anthropic/apierror.h"
#include "anthropic/sseevent.h"
#include "kiro/thinkingparser.h"

struct KiroEvent;

class ResponseAssembler
{
public:
    struct Options
    {
        QString clientModel; ///< echoed exactly as the client sent it
        QString messageId;   ///< "msg_" + 32 hex; generated when empty
        bool thinkingRequested = false;
        QHash<QString, QString> toolNameMap; ///< Kiro (shortened) name → original name
        qint64 inputTokenEstimate = 1;
        qint64 contextWindow = 200000;
        /// Anthropic `stop_sequences`: text is cut at the first match (also across deltas) and the answer ends
        /// with stop_reason "stop_sequence".
        QStringList stopSequences;
        /// Structured-output emulation: calls of this (Kiro) tool become the JSON text block of the answer.
        QString structuredOutputTool;
    };

    explicit ResponseAssembler(Options options);

    QList<SseEvent> start();
    /// A retry continues a stream whose message_start already reached the client: start() emits nothing.
    void continueStartedStream();
    QList<SseEvent> handle(const KiroEvent &event);
    QList<SseEvent> finish();
    /// A failure after the stream started: one Anthropic `error` event (Anthropic sends no message_stop after it).
    QList<SseEvent> fail(const ApiError &error);

    /// An upstream exception or invalid state ended the stream with an error event.
    bool failed() const { return m_failed; }
    /// Why fail() ended the answer (an exception or error event of Kiro's, or the caller's error).
    const ApiError &failure() const { return m_failure; }
    bool hasEmittedContent() const { return m_emittedContent; }
    /// A tool call started and never got its stop: the upstream stream was cut off.
    bool hasOpenToolUse() const { return !m_openTools.isEmpty(); }
    /// A stop sequence matched: the answer is complete, nothing more is read.
    bool stoppedBySequence() const { return !m_matchedStopSequence.isEmpty(); }
    qint64 inputTokens() const;
    qint64 outputTokens() const;
    bool inputTokensMeasured() const;
    bool outputTokensMeasured() const { return m_hasUsage; }

    static QString placeholderSignature();

private:
    void apply(const QList<ThinkingOutput> &outputs, QList<SseEvent> &out);
    void textDelta(const QString &text, QList<SseEvent> &out);
    void stopFilteredText(const QString &text, QList<SseEvent> &out);
    void answerText(const QString &text, QList<SseEvent> &out);
    void flushHeldText(QList<SseEvent> &out);
    void structuredToolFragment(const KiroEvent &event, QList<SseEvent> &out);
    void openText(QList<SseEvent> &out);
    void closeText(QList<SseEvent> &out);
    void openThinking(QList<SseEvent> &out);
    void closeThinking(QList<SseEvent> &out);
    void closeTools(QList<SseEvent> &out);

    Options m_options;
    ThinkingParser m_parser;
    bool m_started = false;
    bool m_finished = false;
    bool m_failed = false;
    ApiError m_failure;
    bool m_emittedContent = false;
    int m_nextIndex = 0;
    int m_textIndex = -1;
    int m_thinkingIndex = -1;
    bool m_sawThinking = false;
    bool m_sawText = false; ///< non-blank text emitted
    bool m_sawTool = false;
    QHash<QString, int> m_openTools;
    QSet<QString> m_closedTools;
    QString m_signature;
    QString m_stopOverride;
    QString m_stopReason;
    double m_contextPct = -1;
    bool m_hasUsage = false;
    qint64 m_usageInput = 0;
    qint64 m_usageOutput = 0;
    qint64 m_outputEstimate = 0;
    QString m_stopHold; ///< text that may still become a stop sequence
    QString m_matchedStopSequence;
    QString m_structuredHold; ///< free text held back while the structured-output tool may still come
    bool m_structuredDelivered = false;
    bool m_inStructuredTool = false;
    bool m_structuredHasInput = false;
};
