// SPDX-License-Identifier: MIT
// Fuzzes the request path of POST /v1/messages and count_tokens: MessagesRequest::parse, then for a valid request
// what MessageExchange does with it: the session id, ModelMap::resolve, TokenEstimator and KiroRequestBuilder::build
// (docs/protocol.md §5, §6, §10.2). The input is a request body.
#include <QJsonDocument>

#include "anthropic/messagesrequest.h"
#include "anthropic/modelmap.h"
#include "anthropic/tokenestimator.h"
#include "anthropic/websearch.h"
#include "fuzzsupport.h"
#include "kiro/kirorequestbuilder.h"

namespace {

const ModelMap &modelMap()
{
    static const ModelMap map = [] {
        ModelMap m;
        m.setAliases({{QStringLiteral("fast"), QStringLiteral("claude-haiku-4.5")}});
        QList<KiroModelInfo> served;
        for (const char *id : {"claude-sonnet-4.5", "claude-sonnet-4", "claude-haiku-4.5", "claude-opus-4.5"}) {
            KiroModelInfo info;
            info.modelId = QLatin1String(id);
            info.maxInputTokens = 200000;
            served.append(info);
        }
        m.setServedModels(served);
        return m;
    }();
    return map;
}

void exercise(const MessagesRequest &request)
{
    FuzzSupport::require(TokenEstimator::estimateRequest(request) >= 1, "estimate below 1");
    (void)KiroRequestBuilder::sessionIdFromUserId(request.userId);
    if (WebSearch::isWebSearchRequest(request))
        (void)WebSearch::query(request);
    for (const ToolDefinition &tool : request.tools) {
        FuzzSupport::require(KiroRequestBuilder::shortToolName(tool.name).size() <=
                                 KiroRequestBuilder::kMaxToolNameLength,
                             "tool name longer than Kiro takes");
    }

    const auto resolved = modelMap().resolve(request.model);
    KiroBuildOptions options;
    options.kiroModelId = resolved ? resolved->kiroModelId : QStringLiteral("claude-sonnet-4.5");
    options.conversationId = QStringLiteral("8f1c2e4a-0000-4000-8000-000000000001");
    options.agentContinuationId = QStringLiteral("8f1c2e4a-0000-4000-8000-000000000002");
    options.profileArn = QStringLiteral("arn:aws:codewhisperer:us-east-1:000000000000:profile/FUZZ");
    const auto built = KiroRequestBuilder::build(request, options);
    if (!built)
        return;
    // What is sent to Kiro is JSON by Qt's reading too, and means the same as the body the builder made.
    const QByteArray sent = Json::write(built->body);
    QJsonParseError error;
    const QJsonDocument reread = QJsonDocument::fromJson(sent, &error);
    FuzzSupport::require(error.error == QJsonParseError::NoError && reread.isObject(), "the Kiro body is not JSON");
    FuzzSupport::require(JsonObject::fromQJsonObject(reread.object()) == built->body,
                         "the Kiro body reads differently");
    for (auto it = built->toolNameMap.cbegin(); it != built->toolNameMap.cend(); ++it)
        FuzzSupport::require(it.key().size() <= KiroRequestBuilder::kMaxToolNameLength, "shortened name too long");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = FuzzSupport::bytes(data, size);
    const auto messages = MessagesRequest::parse(body, MessagesRequest::Kind::Messages);
    if (messages) {
        exercise(*messages);
        return 0;
    }
    FuzzSupport::require(!messages.error().message.isEmpty(), "a refused request without a reason");
    const auto count = MessagesRequest::parse(body, MessagesRequest::Kind::CountTokens);
    if (count)
        FuzzSupport::require(TokenEstimator::estimateRequest(*count) >= 1, "count_tokens below 1");
    return 0;
}
