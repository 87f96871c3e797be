// SPDX-License-Identifier: MIT
// ApiError: an error as the Anthropic Messages API reports it (status, type, message).
#pragma once

#include <QJsonObject>
#include <QString>

/// An error as the client's API reports it, plus the HTTP status: Anthropic's
/// {"type":"error","error":{"type":...,"message":...}} or, on the OpenAI-compatible route, OpenAI's
/// {"error":{"message":...,"type":...,"code":...,"param":null}}.
struct ApiError
{
    /// Which API's error body: decided by the request's path alone (dialectForPath), so that every answer on a route —
    /// from ProxyServer::admit's refusals to a handler's own errors — has the same shape.
    enum class Dialect { Anthropic, OpenAI };

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

    /// The dialect of the route at `path`: OpenAI for /v1/chat/completions, else Anthropic.
    static Dialect dialectForPath(const QString &path);
    /// OpenAI's `type` for an Anthropic error type (docs/protocol.md §18.4); the Anthropic type becomes `code`.
    static QString openAiType(const QString &anthropicType);

    /// Anthropic: {"type":"error","error":{"type":..., "message":...}} (+ "request_id" when given).
    /// OpenAI: {"error":{"message":..., "type":..., "code":..., "param":null}}.
    QJsonObject toJson(const QString &requestId = QString(), Dialect dialect = Dialect::Anthropic) const;
};
