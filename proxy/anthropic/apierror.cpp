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

QJsonObject ApiError::toJson(const QString &requestId) const
{
    QJsonObject root{{QStringLiteral("type"), QStringLiteral("error")},
                     {QStringLiteral("error"), QJsonObject{{QStringLiteral("type"), type},
                                                           {QStringLiteral("message"), Redactor::scrub(message)}}}};
    if (!requestId.isEmpty())
        root.insert(QStringLiteral("request_id"), requestId);
    return root;
}
