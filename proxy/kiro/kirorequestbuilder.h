// SPDX-License-Identifier: MIT
// KiroRequestBuilder: an Anthropic Messages request → Kiro's conversationState body (docs/protocol.md §5, §15).
#pragma once

#include "common/json.h"
#include <QHash>
#include <QString>
#include <QStringList>

#include "anthropic/apierror.h"
#include "anthropic/messagesrequest.h"
#include "common/expected.h"

struct KiroBuildOptions
{
    QString kiroModelId;         ///< already mapped by ModelMap
    QString conversationId;      ///< empty → session from metadata.user_id, else a new UUID
    QString agentContinuationId; ///< empty → a new UUID
    QString profileArn;          ///< empty → no root profileArn field
    QString agentTaskType = QStringLiteral("vibe");
    int maxDescriptionChars = 10000;
    bool chunkedWritePolicy = true; ///< Write/Edit size hints against upstream output truncation (§9.6)
};

struct KiroRequest
{
    JsonObject body;
    QHash<QString, QString> toolNameMap; ///< Kiro tool name → original name (only for shortened names)
    QStringList repairs;                 ///< every rule that changed the conversation, human-readable
    QString conversationId;
    QString structuredOutputTool; ///< the tool that carries output_config.format's schema, empty when none
};

class KiroRequestBuilder
{
public:
    static Expected<KiroRequest, ApiError> build(const MessagesRequest &request, const KiroBuildOptions &options);
    /// Claude Code's session UUID from metadata.user_id (JSON {"session_id":…} or "…session_<uuid>"), else empty.
    static QString sessionIdFromUserId(const QString &userId);
    /// ≤ 63 chars: unchanged; longer: first 54 chars + "_" + first 8 hex of sha256(name).
    static QString shortToolName(const QString &name);
    static JsonObject normalizeSchema(const JsonObject &schema);

    static constexpr int kMaxToolNameLength = 63;
    static constexpr int kDefaultThinkingBudget = 20000;
    static constexpr int kMaxThinkingBudget = 24576;
};
