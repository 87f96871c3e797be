// SPDX-License-Identifier: MIT
// TokenRefresher: request shapes of §3.3/§3.4, rotation, invalid_grant, coalescing per account.
#include "kiro/client/tokenrefresher.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QTimer>

#include "common/jsonnumber.h"
#include "config/config.h"
#include "kiro/client/kirorequests.h"
#include "kiro/machineid.h"

Q_LOGGING_CATEGORY(lcRefresh, "kiro.kiro.refresh")

TokenRefresher::TokenRefresher(QNetworkAccessManager *nam, const Config &config, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_config(config)
{}

TokenRefresher::~TokenRefresher()
{
    for (const auto &reply : std::as_const(m_inFlight)) {
        if (reply) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
    }
}

namespace {
// The local check of a refresh token (docs/protocol.md §3.2): its wording once, English for logs and the client's
// error, translated for people (the import dialog).
QString sanityProblemIn(const QString &refreshToken, bool translated)
{
    const auto text = [translated](const char *source) {
        return translated ? QCoreApplication::translate("TokenRefresher", source) : QString::fromUtf8(source);
    };
    if (refreshToken.trimmed().isEmpty())
        return text(QT_TRANSLATE_NOOP("TokenRefresher", "the refresh token is missing"));
    if (refreshToken.contains(QLatin1String("...")))
        return text(QT_TRANSLATE_NOOP("TokenRefresher",
                                      "the refresh token is truncated (contains \"...\"); copy the full token"));
    if (refreshToken.size() < 100)
        return text(QT_TRANSLATE_NOOP("TokenRefresher",
                                      "the refresh token is too short (%1 characters; real ones have 100 or more)"))
            .arg(refreshToken.size());
    return {};
}
} // namespace

QString TokenRefresher::sanityProblem(const QString &refreshToken)
{
    return sanityProblemIn(refreshToken, true);
}

bool TokenRefresher::needsRefresh(const KiroCredential &c, const QDateTime &now)
{
    if (c.accessToken.isEmpty() || !c.expiresAt.isValid())
        return true;
    return c.expiresAt <= now.addSecs(10 * 60);
}

void TokenRefresher::ensureFresh(const QString &accountId, const KiroCredential &credential, bool force,
                                 QObject *context, Callback done)
{
    Waiter waiter{context, context != nullptr, std::move(done)};
    if (!force && !needsRefresh(credential, QDateTime::currentDateTimeUtc()) && !m_inFlight.contains(accountId)) {
        RefreshResult r;
        r.ok = true;
        r.credential = credential;
        // Asynchronous like every other outcome, so callers never re-enter themselves.
        QTimer::singleShot(0, this, [waiter, r] {
            if (!waiter.hasContext || waiter.context)
                waiter.done(r);
        });
        return;
    }
    m_waiting[accountId].append(waiter);
    if (!m_inFlight.contains(accountId))
        startRefresh(accountId, credential);
}

void TokenRefresher::startRefresh(const QString &accountId, const KiroCredential &credential)
{
    const std::optional<UpstreamError> local = localProblem(credential);
    if (local) {
        RefreshResult r;
        r.error = *local;
        r.error.duringRefresh = true;
        m_inFlight.insert(accountId, nullptr);
        QTimer::singleShot(0, this, [this, accountId, r] { finishRefresh(accountId, r); });
        return;
    }
    const KiroHttpRequest request = KiroRequests::build(
        m_config, credential, MachineId::derive(credential, m_config.machineId), KiroRequests::refreshCall(credential));
    QNetworkReply *reply = KiroRequests::send(*m_nam, request);
    m_inFlight.insert(accountId, reply);
    qCDebug(lcRefresh) << "refreshing account" << accountId
                       << (credential.authMethod == KiroCredential::AuthMethod::Idc ? "(IdC)" : "(social)");
    connect(reply, &QNetworkReply::finished, this, [this, reply, accountId, credential] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        RefreshResult r;
        if (status > 0 && reply->error() != QNetworkReply::OperationCanceledError) { // not cut by a timeout
            r = parseReply(status, reply->readAll().left(64 * 1024), credential, QDateTime::currentDateTimeUtc());
        } else {
            r.error = KiroRequests::transportFailure(*reply, true);
            r.error.duringRefresh = true;
        }
        finishRefresh(accountId, r);
    });
}

std::optional<UpstreamError> TokenRefresher::localProblem(const KiroCredential &credential)
{
    const QString problem = sanityProblemIn(credential.refreshToken, false);
    if (!problem.isEmpty())
        return UpstreamError::unusableRefreshToken(problem);
    if (credential.authMethod == KiroCredential::AuthMethod::Idc &&
        (credential.clientId.isEmpty() || credential.clientSecret.isEmpty()))
        return UpstreamError::configuration(
            QStringLiteral("IdC (Builder ID / Enterprise) accounts need clientId and clientSecret"));
    return std::nullopt;
}

RefreshResult TokenRefresher::parseReply(int httpStatus, const QByteArray &body, const KiroCredential &sent,
                                         const QDateTime &now)
{
    RefreshResult r;
    if (httpStatus != 200) {
        r.error = UpstreamError::fromHttp(httpStatus, body, true);
        if (r.error.cause() == UpstreamError::Cause::RefreshRevoked) {
            const bool idc = sent.authMethod == KiroCredential::AuthMethod::Idc;
            r.error.kind = UpstreamError::Kind::InvalidToken;
            r.error.message = QStringLiteral("%1 login expired or was revoked (invalid_grant): %2")
                                  .arg(idc ? QStringLiteral("IdC") : QStringLiteral("Social"), r.error.message);
        }
        return r;
    }
    r.error.duringRefresh = true;
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QString access = o.value(QStringLiteral("accessToken")).toString();
    const qint64 expiresIn = JsonNumber::toCount(o.value(QStringLiteral("expiresIn")).toDouble(0));
    if (access.isEmpty() || expiresIn <= 0) {
        r.error = UpstreamError::unreadableAnswer(access.isEmpty()
                                                      ? QStringLiteral("refresh answer has no accessToken")
                                                      : QStringLiteral("refresh answer has no usable expiresIn"));
        r.error.duringRefresh = true;
        return r;
    }
    r.ok = true;
    r.credential = sent;
    r.credential.accessToken = access;
    r.credential.expiresAt = now.addSecs(expiresIn);
    const QString rotated = o.value(QStringLiteral("refreshToken")).toString();
    if (!rotated.isEmpty())
        r.credential.refreshToken = rotated;
    const QString arn = o.value(QStringLiteral("profileArn")).toString();
    if (!arn.isEmpty())
        r.credential.profileArn = arn;
    if (r.credential.machineId.isEmpty()) // keep the fingerprint stable across rotation
        r.credential.machineId = MachineId::derive(sent, QString());
    return r;
}

void TokenRefresher::finishRefresh(const QString &accountId, const RefreshResult &result)
{
    if (result.ok) {
        emit credentialRefreshed(accountId, result.credential);
        if (m_persist) {
            // Still "in flight" until stored: callers arriving meanwhile wait for this result, not a new refresh.
            QPointer<TokenRefresher> self(this);
            m_persist(accountId, result.credential, [self, accountId, result] {
                if (self)
                    self->deliver(accountId, result);
            });
            return;
        }
    } else {
        qCWarning(lcRefresh).noquote()
            << QStringLiteral("refresh failed for account %1: %2").arg(accountId, result.error.describe());
        emit refreshFailed(accountId, result.error);
    }
    deliver(accountId, result);
}

void TokenRefresher::deliver(const QString &accountId, const RefreshResult &result)
{
    m_inFlight.remove(accountId);
    const QList<Waiter> waiters = m_waiting.take(accountId);
    for (const Waiter &w : waiters) {
        if (!w.hasContext || w.context)
            w.done(result);
    }
}
