// SPDX-License-Identifier: MIT
// KiroEvent: one typed event decoded from Kiro's event stream (docs/protocol.md §8.5, §8.6).
#pragma once

#include <QString>

struct EventStreamMessage;

struct KiroEvent
{
    enum class Kind {
        AssistantResponse, ///< text chunk: `text`
        ToolUse,           ///< tool call fragment: `toolUseId`, `toolName`, `toolInput` (fragment), `toolStop`
        ContextUsage,      ///< `contextUsagePercentage`
        Metering,          ///< `meteringUsage` credits
        Metadata,          ///< metadataEvent with tokenUsage: `inputTokens`, `outputTokens`, `cacheRead/WriteTokens`
        Reasoning,         ///< native reasoning: `text` and/or `signature`, or `redactedContent`
        InvalidState,      ///< error inside a 200 stream: `reason`, `message`
        Exception,         ///< :message-type exception: `exceptionType`, `message`
        Error,             ///< :message-type error: `errorCode`, `message`
        Ignored            ///< any other known or unknown event (followupPrompt, codeReference, messageMetadata, ...)
    };

    Kind kind = Kind::Ignored;
    QString eventType; ///< raw :event-type (or :exception-type / :error-code)

    QString text;
    QString toolUseId;
    QString toolName;
    QString toolInput;
    bool toolStop = false;

    double contextUsagePercentage = -1;
    double meteringUsage = 0;

    bool hasTokenUsage = false;
    qint64 inputTokens = 0; ///< uncached + cacheRead
    qint64 outputTokens = 0;
    qint64 cacheReadTokens = 0;
    qint64 cacheWriteTokens = 0;
    QString stopReason; ///< metadataEvent stop indicator when present (TOOL_USE, END_TURN, MAX_TOKENS)

    QString signature;
    QString redactedContent;

    QString exceptionType;
    QString errorCode;
    QString reason;
    QString message;

    /// Converts a decoded frame into an event. Payloads may be bare or wrapped ({"assistantResponseEvent":{...}});
    /// a payload that is not valid JSON for a known event gives Kind::Ignored.
    static KiroEvent fromMessage(const EventStreamMessage &message);
};
