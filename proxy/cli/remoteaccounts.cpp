// SPDX-License-Identifier: MIT
// RemoteAccounts: one HTTP call per operation, answers mapped to the CLI's exit codes.
#include "cli/remoteaccounts.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <memory>

#include "common/redactor.h"

namespace {
QString urlPart(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

QString errorText(const QJsonDocument &body)
{
    const QJsonValue error = body.object().value(QStringLiteral("error"));
    // /api errors are {"error":"…"}; authentication and "not saved" errors are Anthropic-shaped.
    return Redactor::scrub(error.isObject() ? error.toObject().value(QStringLiteral("message")).toString()
                                            : error.toString());
}
} // namespace

RemoteAccounts::RemoteAccounts(const QUrl &base, const QString &key, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_base(base)
    , m_key(key.toUtf8())
    , m_timeoutMs(timeoutMs)
{
    m_nam.setProxy(QNetworkProxy::NoProxy); // the instance is ours: no http_proxy in between
}

QUrl RemoteAccounts::endpointFor(const QString &host, int port)
{
    QString h = host;
    const QHostAddress address(host);
    if (address == QHostAddress::AnyIPv4 || host.isEmpty())
        h = QStringLiteral("127.0.0.1");
    else if (address == QHostAddress::AnyIPv6 || address == QHostAddress::Any)
        h = QStringLiteral("::1");
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(h);
    url.setPort(port);
    return url;
}

void RemoteAccounts::probe(const QUrl &base, int timeoutMs, QObject *context, std::function<void(bool)> done)
{
    auto *nam = new QNetworkAccessManager(context);
    nam->setProxy(QNetworkProxy::NoProxy);
    QUrl url = base;
    url.setPath(QStringLiteral("/health"));
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = nam->get(request);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, nam, done] {
        const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
        const bool answered = reply->error() == QNetworkReply::NoError &&
                              reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 &&
                              o.contains(QStringLiteral("status")) && o.contains(QStringLiteral("version"));
        reply->deleteLater();
        nam->deleteLater();
        done(answered);
    });
}

void RemoteAccounts::call(const QByteArray &method, const QString &path, const QJsonDocument &body,
                          std::function<void(const Answer &)> done)
{
    QUrl url = m_base;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("x-api-key", m_key);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray payload = body.isNull() ? QByteArray() : body.toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, payload);
    connect(reply, &QNetworkReply::finished, this, [reply, done] {
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = QJsonDocument::fromJson(reply->readAll());
        if (a.status == 0)
            a.transportError = reply->error() == QNetworkReply::OperationCanceledError
                                   ? QStringLiteral("no answer in time")
                                   : reply->errorString();
        reply->deleteLater();
        done(a);
    });
}

BackendReply RemoteAccounts::failure(const Answer &a, const QString &what) const
{
    const QString where = m_base.toString();
    if (a.status == 0)
        return {4, QJsonValue(), QStringLiteral("%1: %2 (%3)").arg(where, a.transportError, what)};
    if (a.status == 401 || a.status == 403)
        return {4, QJsonValue(),
                QStringLiteral("%1 refused the key (%2): set ADMIN_API_KEY, or adminApiKey / apiKey in config.json, "
                               "to the instance's admin key")
                    .arg(where, errorText(a.body))};
    const QString text = errorText(a.body);
    // The /api routes say {"error":"account not found"}; any other 404 means there is no management API at all.
    if (a.status == 404 && a.body.object().value(QStringLiteral("error")).isString())
        return {3, QJsonValue(), text};
    if (a.status == 404)
        return {4, QJsonValue(),
                QStringLiteral("%1 has no kiro-proxyd management API (HTTP 404 while %2)").arg(where, what)};
    return {1, QJsonValue(),
            text.isEmpty() ? QStringLiteral("%1 answered HTTP %2 to %3").arg(where).arg(a.status).arg(what) : text};
}

void RemoteAccounts::list(Done done)
{
    call("GET", QStringLiteral("/api/accounts"), {}, [this, done](const Answer &a) {
        if (a.status == 200 && a.body.isArray())
            done({0, a.body.array(), QString()});
        else
            done(failure(a, QStringLiteral("listing accounts")));
    });
}

void RemoteAccounts::importText(const QString &text, Done done)
{
    const QJsonDocument body(QJsonObject{{QStringLiteral("raw_json"), text}});
    call("POST", QStringLiteral("/api/accounts/import"), body, [this, done](const Answer &a) {
        const QJsonValue results = a.body.object().value(QStringLiteral("results"));
        if ((a.status == 201 || a.status == 400) && results.isArray()) {
            done({0, results, QString()}); // 400 with rows: none was added, each row says why
            return;
        }
        if (a.status == 400) { // the text as a whole is unreadable
            QString why = errorText(a.body);
            why.remove(QStringLiteral("JSON parse failed: "));
            done({1, QJsonValue(), why});
            return;
        }
        done(failure(a, QStringLiteral("importing")));
    });
}

void RemoteAccounts::setEnabled(const QString &id, bool enabled, Done done)
{
    const QString path = QStringLiteral("/api/accounts/%1/%2")
                             .arg(urlPart(id), enabled ? QStringLiteral("enable") : QStringLiteral("disable"));
    call("POST", path, {}, [this, done](const Answer &a) {
        if (a.status == 200 && a.body.object().value(QStringLiteral("success")).toBool())
            done({0, a.body.object(), QString()});
        else if (a.status == 200)
            done({3, QJsonValue(), errorText(a.body)});
        else
            done(failure(a, QStringLiteral("changing the account")));
    });
}

void RemoteAccounts::remove(const QString &id, Done done)
{
    call("DELETE", QStringLiteral("/api/accounts/%1").arg(urlPart(id)), {}, [this, done](const Answer &a) {
        if (a.status == 204)
            done({0, QJsonValue(), QString()});
        else
            done(failure(a, QStringLiteral("removing the account")));
    });
}

void RemoteAccounts::refreshUsage(const QString &id, Done done)
{
    if (id.isEmpty()) {
        call("POST", QStringLiteral("/api/usage/refresh"), {}, [this, done](const Answer &a) {
            if (a.status == 200 && a.body.isArray())
                done({0, a.body.array(), QString()});
            else
                done(failure(a, QStringLiteral("refreshing quota")));
        });
        return;
    }
    call("POST", QStringLiteral("/api/accounts/%1/usage/refresh").arg(urlPart(id)), {},
         [this, id, done](const Answer &a) {
             if (a.status == 200) {
                 done({0,
                       QJsonArray{QJsonObject{{QStringLiteral("id"), id},
                                              {QStringLiteral("success"), true},
                                              {QStringLiteral("usage"), a.body.object()}}},
                       QString()});
             } else if (a.status == 500) { // the account is there; its quota check failed
                 done({0,
                       QJsonArray{QJsonObject{{QStringLiteral("id"), id},
                                              {QStringLiteral("success"), false},
                                              {QStringLiteral("error"), errorText(a.body)}}},
                       QString()});
             } else {
                 done(failure(a, QStringLiteral("refreshing quota")));
             }
         });
}

void RemoteAccounts::strategy(Done done)
{
    call("GET", QStringLiteral("/api/strategy"), {}, [this, done](const Answer &a) {
        if (a.status == 200)
            done({0, a.body.object().value(QStringLiteral("strategy")), QString()});
        else
            done(failure(a, QStringLiteral("reading the strategy")));
    });
}

void RemoteAccounts::setStrategy(const QString &name, Done done)
{
    const QJsonDocument body(QJsonObject{{QStringLiteral("strategy"), name}});
    call("POST", QStringLiteral("/api/strategy"), body, [this, name, done](const Answer &a) {
        if (a.status == 200)
            done({0, name, QString()});
        else if (a.status == 400)
            done({2, QJsonValue(), errorText(a.body)});
        else
            done(failure(a, QStringLiteral("setting the strategy")));
    });
}
