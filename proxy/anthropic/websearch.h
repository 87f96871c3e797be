// SPDX-License-Identifier: MIT
// WebSearch: Anthropic's web_search server tool answered through Kiro's MCP endpoint (docs/protocol.md §9.10).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "anthropic/apierror.h"
#include "anthropic/sseevent.h"
#include "common/expected.h"

struct MessagesRequest;

/// One hit of Kiro's web_search MCP tool.
struct WebSearchResult
{
    QString title;
    QString url;
    QString snippet;
    qint64 publishedDateMs = 0; ///< 0 when the result carries no date
};

/// Pure conversions for a web-search side request: detection, query, MCP JSON-RPC body and answer, and the
/// Anthropic event sequence that presents the results as a server_tool_use + web_search_tool_result exchange.
class WebSearch
{
public:
    struct Options
    {
        QString clientModel; ///< echoed exactly as the client sent it
        QString messageId;   ///< "msg_" + 32 hex; generated when empty
        qint64 inputTokens = 1;
        QString toolUseId; ///< "srvtoolu_" + 32 hex; generated when empty
    };

    /// Exactly one tool, and it is web search: named `web_search` (any case) or a server tool of type `web_search_*`.
    static bool isWebSearchRequest(const MessagesRequest &request);

    /// The search query from the first user message, without Claude Code's "Perform a web search for the query: "
    /// prefix, trimmed. A missing or empty query is an invalid_request_error naming the field.
    static Expected<QString, ApiError> query(const MessagesRequest &request);

    /// "web_search_tooluse_<22 alnum>_<unix ms>_<8 lower alnum>"
    static QString newRequestId();
    /// The JSON-RPC tools/call body for Kiro's /mcp endpoint (compact JSON).
    static QByteArray mcpRequestBody(const QString &query, const QString &requestId);

    /// The results of an MCP tools/call answer. Any failure (JSON-RPC error, isError, malformed outer or inner
    /// JSON, missing results) gives an empty list and, when `error` is given, a description for the log.
    static QList<WebSearchResult> parseMcpResponse(const QByteArray &body, QString *error = nullptr);

    /// The whole Anthropic event sequence, message_start to message_stop, with blocks 0..3: intro text,
    /// server_tool_use, web_search_tool_result, summary text (streamed in deltas of at most kMaxDeltaChars).
    static QList<SseEvent> events(const Options &options, const QString &query, const QList<WebSearchResult> &results);

    /// The readable summary the last text block carries.
    static QString summary(const QString &query, const QList<WebSearchResult> &results);
    /// "January 2, 2026" (UTC, English month names); empty for 0.
    static QString pageAge(qint64 publishedDateMs);

    /// Maximum Unicode code points per text_delta of the summary.
    static constexpr int kMaxDeltaChars = 100;
};
