// SPDX-License-Identifier: MIT
// ChatRequest: an OpenAI Chat Completions body (POST /v1/chat/completions) as a MessagesRequest, so that the rest of
// the pipeline (model map, Kiro conversion, failover, logging) is the Messages API's own.
#pragma once

#include <QByteArray>

#include "anthropic/apierror.h"
#include "anthropic/messagesrequest.h"
#include "common/expected.h"

struct ChatRequest
{
    MessagesRequest request;
    bool includeUsage = false; ///< stream_options.include_usage: a last chunk with `usage` and no choices

    /// max_tokens when the client sets neither max_completion_tokens nor max_tokens (OpenAI's default is the model's
    /// limit; Claude's output limit on Kiro is 32k for the models it serves).
    static constexpr int kDefaultMaxTokens = 32000;
    /// reasoning_effort → thinking budget_tokens.
    static int thinkingBudget(const QString &effort);

    /// Parses and validates an OpenAI body. Errors are 400 invalid_request_error naming the OpenAI field, as in
    /// "messages[2].tool_calls[0].function.arguments: must be a JSON object encoded as a string".
    static Expected<ChatRequest, ApiError> parse(const QByteArray &body);
    static Expected<ChatRequest, ApiError> fromJson(const JsonObject &object);
};
