// SPDX-License-Identifier: MIT
// ApiError: an error as the Anthropic Messages API reports it (status, type, message).
#pragma once

#include <QJsonObject>
#include <QString>

/// An error in Anthropic's shape: {"type":"error","error":{"type":...,"message":...}} plus the HTTP status.
struct ApiError
{
    int status = 500;
    QString type = QStringLiteral("api_error");
    QString message;
    int retryAfterSeconds = -1; ///< sent as `retry-after` when >= 0 (429, 529, 503)

    /// The Anthropic error type for an HTTP status — the one place that maps status to type.
    static QString typeForStatus(int status);
    /// An error with the type that belongs to the status.
    static ApiError make(int status, const QString &message);

    static ApiError invalidRequest(const QString &message) { return make(400, message); }
    static ApiError authentication(const QString &message) { return make(401, message); }
    static ApiError permission(const QString &message) { return make(403, message); }
    static ApiError notFound(const QString &message) { return make(404, message); }
    static ApiError requestTooLarge(const QString &message) { return make(413, message); }

    /// {"type":"error","error":{"type":..., "message":...}} (+ "request_id" when given).
    QJsonObject toJson(const QString &requestId = QString()) const;
};
