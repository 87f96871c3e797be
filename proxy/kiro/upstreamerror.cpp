// SPDX-License-Identifier: MIT
// UpstreamError: the one mapping from Kiro failures to client-visible Anthropic errors (kiro-protocol.md §11.1).
#include "kiro/upstreamerror.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {
bool has(const QString &haystack, const char *needle)
{
    return haystack.contains(QLatin1String(needle), Qt::CaseInsensitive);
}
} // namespace

UpstreamError UpstreamError::fromHttp(int status, const QByteArray &body)
{
    constexpr qsizetype kMaxBody = 64 * 1024;
    UpstreamError e;
    e.kind = Kind::Http;
    e.httpStatus = status;
    e.body = body.left(kMaxBody);
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QJsonObject inner = o.value(QStringLiteral("error")).toObject();
    for (const QJsonObject &source : {o, inner}) {
        if (e.message.isEmpty())
            e.message = source.value(QStringLiteral("message")).toString();
        if (e.message.isEmpty())
            e.message = source.value(QStringLiteral("Message")).toString();
        if (e.reason.isEmpty())
            e.reason = source.value(QStringLiteral("reason")).toString();
    }
    if (e.message.isEmpty())
        e.message = QString::fromUtf8(body.left(300)).simplified();
    return e;
}

QString UpstreamError::describe() const
{
    switch (kind) {
    case Kind::Http: {
        QString s = QStringLiteral("HTTP %1").arg(httpStatus);
        if (!reason.isEmpty())
            s += QStringLiteral(" %1").arg(reason);
        if (!message.isEmpty())
            s += QStringLiteral(": %1").arg(message.left(300));
        return s;
    }
    case Kind::Network:
        return QStringLiteral("network error: %1").arg(message);
    case Kind::Timeout:
        return QStringLiteral("timeout: %1").arg(message);
    case Kind::Stream:
        return QStringLiteral("stream error: %1").arg(message);
    case Kind::InvalidToken:
        return QStringLiteral("refresh token rejected: %1").arg(message);
    case Kind::Configuration:
        return QStringLiteral("configuration: %1").arg(message);
    case Kind::Canceled:
        return QStringLiteral("canceled");
    case Kind::Truncated:
        return QStringLiteral("truncated: %1").arg(message);
    }
    return message;
}

ApiError UpstreamError::toClientError() const
{
    const QString text = reason + QLatin1Char(' ') + message;
    switch (kind) {
    case Kind::InvalidToken:
        return ApiError::make(
            502, QStringLiteral("Kiro rejected the account's refresh token (%1). Re-import the account.").arg(message));
    case Kind::Configuration:
        return ApiError::make(500, QStringLiteral("Account configuration problem: %1").arg(message));
    case Kind::Timeout:
        return ApiError::make(504, QStringLiteral("Kiro did not answer in time (%1)").arg(message));
    case Kind::Network:
        return ApiError::make(502, QStringLiteral("Cannot reach Kiro: %1").arg(message));
    case Kind::Stream:
        return ApiError::make(502, QStringLiteral("Kiro's response stream broke: %1").arg(message));
    case Kind::Canceled:
        return ApiError::make(499, QStringLiteral("Request canceled"));
    case Kind::Truncated:
        return ApiError::make(
            502, QStringLiteral("The upstream connection was lost before Kiro finished the answer (%1); the answer is "
                                "incomplete")
                     .arg(message));
    case Kind::Http:
        break;
    }
    if (reason == QLatin1String("CONTENT_LENGTH_EXCEEDS_THRESHOLD") || has(message, "Input is too long") ||
        has(message, "Context window is full")) {
        return ApiError::invalidRequest(
            QStringLiteral("prompt is too long: Kiro reports the conversation exceeds the model's context window "
                           "(CONTENT_LENGTH_EXCEEDS_THRESHOLD). Run /compact or start a new conversation."));
    }
    if (reason == QLatin1String("MONTHLY_REQUEST_COUNT") || has(message, "reached the limit")) {
        return ApiError::make(402, QStringLiteral("This Kiro account has reached its monthly request limit (%1).")
                                       .arg(message.isEmpty() ? reason : message));
    }
    if (reason == QLatin1String("INVALID_MODEL_ID")) {
        return ApiError::invalidRequest(
            QStringLiteral("Kiro does not accept this model for the account (INVALID_MODEL_ID): %1").arg(message));
    }
    if (reason == QLatin1String("TEMPORARILY_SUSPENDED") || has(text, "temporarily is suspended") ||
        has(text, "temporarily suspended") || has(text, "locked your account")) {
        return ApiError::permission(QStringLiteral("The Kiro account is suspended: %1").arg(message));
    }
    if (reason == QLatin1String("INSUFFICIENT_MODEL_CAPACITY") || httpStatus == 503) {
        ApiError e =
            ApiError::make(529, QStringLiteral("Kiro is overloaded: %1").arg(message.isEmpty() ? reason : message));
        e.retryAfterSeconds = 10;
        return e;
    }
    if (httpStatus == 429) {
        ApiError e = ApiError::make(429, QStringLiteral("Kiro is rate limiting this account: %1").arg(message));
        e.retryAfterSeconds = 30;
        return e;
    }
    if (httpStatus == 400) {
        // Kiro's own wording is kept: clients react to it.
        return ApiError::invalidRequest(message.isEmpty() ? QStringLiteral("Kiro rejected the request (HTTP 400)")
                                                          : message);
    }
    if (httpStatus == 401 || httpStatus == 403) {
        return ApiError::make(
            502, QStringLiteral("Kiro refused the account's credentials (HTTP %1): %2").arg(httpStatus).arg(message));
    }
    return ApiError::make(502, QStringLiteral("Kiro answered HTTP %1: %2").arg(httpStatus).arg(message.left(500)));
}
