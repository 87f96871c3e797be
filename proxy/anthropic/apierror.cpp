// SPDX-License-Identifier: MIT
// ApiError: Anthropic error shapes and the status → type table.
#include "anthropic/apierror.h"

#include "common/redactor.h"

QString ApiError::typeForStatus(int status)
{
    switch (status) {
    case 400:
    case 405:
    case 422:
        return QStringLiteral("invalid_request_error");
    case 401:
        return QStringLiteral("authentication_error");
    case 402:
        return QStringLiteral("billing_error");
    case 403:
        return QStringLiteral("permission_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 408:
        return QStringLiteral("timeout_error");
    case 413:
        return QStringLiteral("request_too_large");
    case 429:
        return QStringLiteral("rate_limit_error");
    case 503:
    case 529:
        return QStringLiteral("overloaded_error");
    default:
        return QStringLiteral("api_error");
    }
}

ApiError ApiError::make(int status, const QString &message)
{
    ApiError e;
    e.status = status;
    e.type = typeForStatus(status);
    e.message = message;
    return e;
}

ApiError::Dialect ApiError::dialectForPath(const QString &path)
{
    return path == QLatin1String("/v1/chat/completions") ? Dialect::OpenAI : Dialect::Anthropic;
}

QString ApiError::openAiType(const QString &anthropicType)
{
    // OpenAI's SDKs pick their exception class by status; `type` is for people and logs. Keep Anthropic's word where
    // OpenAI has the same one, and OpenAI's where it differs.
    if (anthropicType == QLatin1String("request_too_large"))
        return QStringLiteral("invalid_request_error");
    if (anthropicType == QLatin1String("billing_error"))
        return QStringLiteral("insufficient_quota");
    if (anthropicType == QLatin1String("api_error") || anthropicType == QLatin1String("timeout_error"))
        return QStringLiteral("server_error");
    return anthropicType; // invalid_request_error, authentication_error, permission_error, not_found_error,
                          // rate_limit_error, overloaded_error
}

QJsonObject ApiError::toJson(const QString &requestId, Dialect dialect) const
{
    if (dialect == Dialect::OpenAI) {
        const QString code = status == 401 ? QStringLiteral("invalid_api_key") : type;
        return QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), Redactor::scrub(message)},
                                                                 {QStringLiteral("type"), openAiType(type)},
                                                                 {QStringLiteral("code"), code},
                                                                 {QStringLiteral("param"), QJsonValue::Null}}}};
    }
    QJsonObject root{{QStringLiteral("type"), QStringLiteral("error")},
                     {QStringLiteral("error"), QJsonObject{{QStringLiteral("type"), type},
                                                           {QStringLiteral("message"), Redactor::scrub(message)}}}};
    if (!requestId.isEmpty())
        root.insert(QStringLiteral("request_id"), requestId);
    return root;
}
