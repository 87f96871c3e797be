// SPDX-License-Identifier: MIT
// TokenRefresher: request shapes of §3.3/§3.4, rotation, invalid_grant, coalescing per account.
#include "kiro/client/tokenrefresher.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUuid>

#include "config/config.h"
#include "kiro/client/kiroclient.h"
#include "kiro/machineid.h"

Q_LOGGING_CATEGORY(lcRefresh, "kiro.kiro.refresh")

TokenRefresher::TokenRefresher(QNetworkAccessManager *nam, const Config &config, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_config(std::make_unique<Config>(config))
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

void TokenRefresher::setConfig(const Config &config)
{
    *m_config = config;
}

QString TokenRefresher::sanityProblem(const QString &refreshToken)
{
    if (refreshToken.trimmed().isEmpty())
        return QStringLiteral("the refresh token is missing");
    if (refreshToken.contains(QLatin1String("...")))
        return QStringLiteral("the refresh token is truncated (contains \"...\"); copy the full token");
    if (refreshToken.size() < 100)
        return QStringLiteral("the refresh token is too short (%1 characters; real ones have 100 or more)")
            .arg(refreshToken.size());
    return {};
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
    const QString problem = sanityProblem(credential.refreshToken);
    if (!problem.isEmpty()) {
        RefreshResult r;
        r.error = UpstreamError::unusableRefreshToken(problem);
        r.error.duringRefresh = true;
        m_inFlight.insert(accountId, nullptr);
        QTimer::singleShot(0, this, [this, accountId, r] { finishRefresh(accountId, r); });
        return;
    }
    const bool idc = credential.authMethod == KiroCredential::AuthMethod::Idc;
    if (idc && (credential.clientId.isEmpty() || credential.clientSecret.isEmpty())) {
        RefreshResult r;
        r.error = UpstreamError::configuration(
            QStringLiteral("IdC (Builder ID / Enterprise) accounts need clientId and clientSecret"));
        r.error.duringRefresh = true;
        m_inFlight.insert(accountId, nullptr);
        QTimer::singleShot(0, this, [this, accountId, r] { finishRefresh(accountId, r); });
        return;
    }
    const Config &c = *m_config;
    const QString region = credential.region.isEmpty() ? c.region : credential.region;
    QUrl url = Config::endpoint(idc ? c.idcAuthEndpoint : c.socialAuthEndpoint, region);
    url.setPath(url.path() + (idc ? QStringLiteral("/token") : QStringLiteral("/refreshToken")));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Connection", "close");
    request.setTransferTimeout(60000);
    QJsonObject body;
    if (idc) {
        request.setRawHeader("x-amz-user-agent", "aws-sdk-js/3.980.0 KiroIDE");
        request.setRawHeader(
            "User-Agent",
            QStringLiteral("aws-sdk-js/3.980.0 ua/2.1 os/%1 lang/js md/nodejs#%2 api/sso-oidc#3.980.0 m/E KiroIDE")
                .arg(c.effectiveSystemVersion(), c.nodeVersion)
                .toUtf8());
        request.setRawHeader("amz-sdk-invocation-id", QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1());
        request.setRawHeader("amz-sdk-request", "attempt=1; max=4");
        body = QJsonObject{{QStringLiteral("clientId"), credential.clientId},
                           {QStringLiteral("clientSecret"), credential.clientSecret},
                           {QStringLiteral("refreshToken"), credential.refreshToken},
                           {QStringLiteral("grantType"), QStringLiteral("refresh_token")}};
    } else {
        request.setRawHeader("Accept", "application/json, text/plain, */*");
        request.setRawHeader(
            "User-Agent",
            QStringLiteral("KiroIDE-%1-%2").arg(c.kiroVersion, MachineId::derive(credential, c.machineId)).toUtf8());
        body = QJsonObject{{QStringLiteral("refreshToken"), credential.refreshToken}};
    }
    m_nam->setProxy(KiroClient::proxyFor(c));
    QNetworkReply *reply = m_nam->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    m_inFlight.insert(accountId, reply);
    qCDebug(lcRefresh) << "refreshing account" << accountId << (idc ? "(IdC)" : "(social)");
    connect(reply, &QNetworkReply::finished, this, [this, reply, accountId, credential, idc] {
        reply->deleteLater();
        RefreshResult r;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->readAll().left(64 * 1024);
        const QJsonObject o = QJsonDocument::fromJson(data).object();
        if (status == 200) {
            const QString access = o.value(QStringLiteral("accessToken")).toString();
            const qint64 expiresIn = qint64(o.value(QStringLiteral("expiresIn")).toDouble(0));
            if (access.isEmpty() || expiresIn <= 0) {
                r.error = UpstreamError::unreadableAnswer(
                    access.isEmpty() ? QStringLiteral("refresh answer has no accessToken")
                                     : QStringLiteral("refresh answer has no usable expiresIn"));
            } else {
                r.ok = true;
                r.refreshed = true;
                r.credential = credential;
                r.credential.accessToken = access;
                r.credential.expiresAt = QDateTime::currentDateTimeUtc().addSecs(expiresIn);
                const QString rotated = o.value(QStringLiteral("refreshToken")).toString();
                if (!rotated.isEmpty())
                    r.credential.refreshToken = rotated;
                const QString arn = o.value(QStringLiteral("profileArn")).toString();
                if (!arn.isEmpty())
                    r.credential.profileArn = arn;
                if (r.credential.machineId.isEmpty()) // keep the fingerprint stable across rotation
                    r.credential.machineId = MachineId::derive(credential, QString());
            }
        } else if (status > 0) {
            r.error = UpstreamError::fromHttp(status, data, true);
            if (r.error.cause() == UpstreamError::Cause::RefreshRevoked) {
                r.error.kind = UpstreamError::Kind::InvalidToken;
                r.error.message = QStringLiteral("%1 login expired or was revoked (invalid_grant): %2")
                                      .arg(idc ? QStringLiteral("IdC") : QStringLiteral("Social"), r.error.message);
            }
        } else {
            r.error =
                reply->error() == QNetworkReply::TimeoutError || reply->error() == QNetworkReply::OperationCanceledError
                    ? UpstreamError::timeout(reply->errorString())
                    : UpstreamError::network(reply->errorString());
        }
        r.error.duringRefresh = true;
        finishRefresh(accountId, r);
    });
}

void TokenRefresher::finishRefresh(const QString &accountId, const RefreshResult &result)
{
    m_inFlight.remove(accountId);
    if (result.ok)
        emit credentialRefreshed(accountId, result.credential);
    else
        qCWarning(lcRefresh).noquote()
            << QStringLiteral("refresh failed for account %1: %2").arg(accountId, result.error.describe());
    const QList<Waiter> waiters = m_waiting.take(accountId);
    for (const Waiter &w : waiters) {
        if (!w.hasContext || w.context)
            w.done(result);
    }
}
