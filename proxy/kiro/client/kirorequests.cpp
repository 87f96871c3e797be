// SPDX-License-Identifier: MIT
// KiroRequests: URLs, header sets (user agents, invocation ids), bodies, timeouts and the proxy of every Kiro call.
#include "kiro/client/kirorequests.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>

#include "config/config.h"

namespace {

constexpr int kJsonCallTimeoutMs = 60000;
/// Set on a reply that KiroRequests::send aborted: why, for transportFailure.
constexpr char kTimedOutProperty[] = "kiroTimedOut";

QByteArray invocationId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
}

QUrl endpoint(const QString &urlTemplate, const QString &region, const QString &path)
{
    QUrl url = Config::endpoint(urlTemplate, region);
    url.setPath(url.path() + path);
    return url;
}

QByteArray bearer(const KiroCredential &credential)
{
    return "Bearer " + credential.accessToken.toUtf8();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// §4: generateAssistantResponse with the streaming SDK's user agents.
KiroHttpRequest chat(const Config &c, const KiroCredential &credential, const QString &machineId,
                     const QByteArray &body)
{
    KiroHttpRequest r;
    r.url = endpoint(c.apiEndpoint, c.apiRegionFor(credential), QStringLiteral("/generateAssistantResponse"));
    r.method = QByteArrayLiteral("POST");
    r.headers = {
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
        {QByteArrayLiteral("Authorization"), bearer(credential)},
        {QByteArrayLiteral("x-amzn-codewhisperer-optout"), QByteArrayLiteral("true")},
        {QByteArrayLiteral("x-amzn-kiro-agent-mode"), c.agentMode.toUtf8()},
        {QByteArrayLiteral("x-amz-user-agent"),
         QStringLiteral("aws-sdk-js/1.0.34 KiroIDE-%1-%2").arg(c.kiroVersion, machineId).toUtf8()},
        {QByteArrayLiteral("User-Agent"),
         QStringLiteral("aws-sdk-js/1.0.34 ua/2.1 os/%1 lang/js md/nodejs#%2 api/codewhispererstreaming#1.0.34 m/E "
                        "KiroIDE-%3-%4")
             .arg(c.effectiveSystemVersion(), c.nodeVersion, c.kiroVersion, machineId)
             .toUtf8()},
        {QByteArrayLiteral("amz-sdk-invocation-id"), invocationId()},
        {QByteArrayLiteral("amz-sdk-request"), QByteArrayLiteral("attempt=1; max=3")},
    };
    r.body = body;
    r.timeouts.connectMs = c.connectTimeoutMs;
    r.timeouts.firstByteMs = c.firstByteTimeoutMs;
    r.timeouts.idleMs = c.idleTimeoutMs;
    return r;
}

// Refresh and quota calls: short bounds, so that a stalled sign-in service costs seconds, not a minute (§14.1).
void signInTimeouts(const Config &c, KiroHttpRequest &r)
{
    r.timeouts.connectMs = c.authConnectTimeoutMs;
    r.timeouts.totalMs = c.authTimeoutMs;
}

// §3.3 (social) and §3.4 (IdC, AWS SSO-OIDC CreateToken with a camelCase JSON body).
KiroHttpRequest refresh(const Config &c, const KiroCredential &credential, const QString &machineId, bool idc)
{
    KiroHttpRequest r;
    const QString region = credential.region.isEmpty() ? c.region : credential.region;
    r.url = idc ? endpoint(c.idcAuthEndpoint, region, QStringLiteral("/token"))
                : endpoint(c.socialAuthEndpoint, region, QStringLiteral("/refreshToken"));
    r.method = QByteArrayLiteral("POST");
    r.headers = {
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
        {QByteArrayLiteral("Connection"), QByteArrayLiteral("close")},
    };
    if (idc) {
        r.headers += {
            {QByteArrayLiteral("x-amz-user-agent"), QByteArrayLiteral("aws-sdk-js/3.980.0 KiroIDE")},
            {QByteArrayLiteral("User-Agent"),
             QStringLiteral("aws-sdk-js/3.980.0 ua/2.1 os/%1 lang/js md/nodejs#%2 api/sso-oidc#3.980.0 m/E KiroIDE")
                 .arg(c.effectiveSystemVersion(), c.nodeVersion)
                 .toUtf8()},
            {QByteArrayLiteral("amz-sdk-invocation-id"), invocationId()},
            {QByteArrayLiteral("amz-sdk-request"), QByteArrayLiteral("attempt=1; max=4")},
        };
        r.body = compact({{QStringLiteral("clientId"), credential.clientId},
                          {QStringLiteral("clientSecret"), credential.clientSecret},
                          {QStringLiteral("refreshToken"), credential.refreshToken},
                          {QStringLiteral("grantType"), QStringLiteral("refresh_token")}});
    } else {
        r.headers += {
            {QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json, text/plain, */*")},
            {QByteArrayLiteral("User-Agent"), QStringLiteral("KiroIDE-%1-%2").arg(c.kiroVersion, machineId).toUtf8()},
        };
        r.body = compact({{QStringLiteral("refreshToken"), credential.refreshToken}});
    }
    signInTimeouts(c, r);
    return r;
}

// §12.1, §6.6, §9.10: the runtime SDK's user agents.
KiroHttpRequest runtime(const Config &c, const KiroCredential &credential, const QString &machineId, bool post,
                        const QString &path, const QByteArray &body)
{
    KiroHttpRequest r;
    r.url = endpoint(c.apiEndpoint, c.apiRegionFor(credential), path);
    r.method = post ? QByteArrayLiteral("POST") : QByteArrayLiteral("GET");
    r.headers = {
        {QByteArrayLiteral("Authorization"), bearer(credential)},
        {QByteArrayLiteral("x-amz-user-agent"),
         QStringLiteral("aws-sdk-js/1.0.0 KiroIDE-%1-%2").arg(c.kiroVersion, machineId).toUtf8()},
        {QByteArrayLiteral("User-Agent"),
         QStringLiteral("aws-sdk-js/1.0.0 ua/2.1 os/%1 lang/js md/nodejs#%2 api/codewhispererruntime#1.0.0 "
                        "m/N,E KiroIDE-%3-%4")
             .arg(c.effectiveSystemVersion(), c.nodeVersion, c.kiroVersion, machineId)
             .toUtf8()},
        {QByteArrayLiteral("amz-sdk-invocation-id"), invocationId()},
        {QByteArrayLiteral("amz-sdk-request"), QByteArrayLiteral("attempt=1; max=1")},
        {QByteArrayLiteral("Connection"), QByteArrayLiteral("close")},
    };
    if (post) {
        if (!credential.profileArn.isEmpty())
            r.headers.append({QByteArrayLiteral("x-amzn-kiro-profile-arn"), credential.profileArn.toUtf8()});
        r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
        r.body = body;
    }
    r.timeouts.transferMs = kJsonCallTimeoutMs;
    return r;
}

// QNetworkRequest's transfer timeout only measures silence: a server that accepts and then drips, or a connect that
// hangs behind a proxy, would outlast it. These timers bound the connection and the whole call.
void armTimeouts(QNetworkReply *reply, const KiroHttpRequest &request)
{
    const QString host = request.url.host();
    auto expire = [reply](const QString &why) {
        if (reply->isFinished())
            return;
        reply->setProperty(kTimedOutProperty, why);
        reply->abort();
    };
    if (const int ms = request.timeouts.totalMs; ms > 0) {
        auto *total = new QTimer(reply);
        total->setSingleShot(true);
        QObject::connect(total, &QTimer::timeout, reply, [expire, host, ms] {
            expire(QStringLiteral("no answer from %1 within %2 ms").arg(host).arg(ms));
        });
        total->start(ms);
    }
    if (const int ms = request.timeouts.connectMs; ms > 0) {
        auto *connecting = new QTimer(reply);
        connecting->setSingleShot(true);
        QObject::connect(connecting, &QTimer::timeout, reply, [expire, host, ms] {
            expire(QStringLiteral("could not connect to %1 within %2 ms").arg(host).arg(ms));
        });
        // Connected once the request went out (plain HTTP, proxies) or TLS is up; an answer implies both.
        for (auto signal : {&QNetworkReply::requestSent, &QNetworkReply::encrypted, &QNetworkReply::metaDataChanged})
            QObject::connect(reply, signal, connecting, &QTimer::stop);
        connecting->start(ms);
    }
}

} // namespace

QNetworkRequest KiroHttpRequest::networkRequest() const
{
    QNetworkRequest request(url);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    request.setTransferTimeout(timeouts.transferMs);
    return request;
}

namespace KiroRequests {

Call refreshCall(const KiroCredential &credential)
{
    return credential.authMethod == KiroCredential::AuthMethod::Idc ? Call::IdcRefresh : Call::SocialRefresh;
}

KiroHttpRequest build(const Config &config, const KiroCredential &credential, const QString &machineId, Call call,
                      const QString &path, const QByteArray &body)
{
    KiroHttpRequest r;
    switch (call) {
    case Call::Chat:
        r = chat(config, credential, machineId, body);
        break;
    case Call::SocialRefresh:
    case Call::IdcRefresh:
        r = refresh(config, credential, machineId, call == Call::IdcRefresh);
        break;
    case Call::Usage:
        r = runtime(config, credential, machineId, false, QStringLiteral("/getUsageLimits"), QByteArray());
        r.timeouts.transferMs = 0;
        signInTimeouts(config, r);
        break;
    case Call::RuntimeGet:
    case Call::RuntimePost:
        r = runtime(config, credential, machineId, call == Call::RuntimePost, path, body);
        break;
    }
    r.proxy = proxy(config);
    return r;
}

QNetworkProxy proxy(const Config &c)
{
    if (c.proxyUrl.isEmpty())
        return QNetworkProxy(QNetworkProxy::DefaultProxy);
    if (c.proxyUrl == QLatin1String("direct"))
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QUrl url(c.proxyUrl);
    const bool socks = url.scheme() == QLatin1String("socks5");
    QNetworkProxy p(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, url.host(),
                    quint16(url.port(socks ? 1080 : 8080)));
    p.setUser(!url.userName().isEmpty() ? url.userName() : c.proxyUsername);
    p.setPassword(!url.password().isEmpty() ? url.password() : c.proxyPassword);
    return p;
}

void applyProxy(QNetworkAccessManager &nam, const Config &config)
{
    nam.setProxy(proxy(config));
}

QNetworkReply *send(QNetworkAccessManager &nam, const KiroHttpRequest &request)
{
    QNetworkReply *reply =
        request.method == "GET" ? nam.get(request.networkRequest()) : nam.post(request.networkRequest(), request.body);
    armTimeouts(reply, request);
    return reply;
}

UpstreamError transportFailure(const QNetworkReply &reply, bool duringRefresh)
{
    const QString timedOut = reply.property(kTimedOutProperty).toString();
    const QNetworkReply::NetworkError error = reply.error();
    if (!timedOut.isEmpty() || error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError) {
        const QString why = timedOut.isEmpty() ? reply.errorString() : timedOut;
        return duringRefresh ? UpstreamError::signInTimeout(why) : UpstreamError::timeout(why);
    }
    UpstreamError e = UpstreamError::network(reply.errorString());
    e.duringRefresh = duringRefresh;
    return e;
}

} // namespace KiroRequests
