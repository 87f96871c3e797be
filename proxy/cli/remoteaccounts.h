// SPDX-License-Identifier: MIT
// RemoteAccounts: `kiro-proxyd accounts` through a running instance's management API (docs/protocol.md §13.3).
#pragma once

#include <functional>

#include <QByteArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include "cli/accountsbackend.h"

/// The running process owns the files; this only asks it. Every route gets the admin key as x-api-key. A refused key
/// or no answer within the timeout is exit code 4; an unknown account 3.
class RemoteAccounts final : public QObject, public AccountsBackend
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteAccounts)
public:
    /// `base` is the instance's endpoint ("http://127.0.0.1:8990"); `timeoutMs` bounds each call (an import signs in
    /// and checks quota upstream first).
    RemoteAccounts(const QUrl &base, const QString &key, int timeoutMs, QObject *parent = nullptr);

    /// Whether a kiro-proxyd (or kiro-tray) answers GET /health at `base` within `timeoutMs`.
    static void probe(const QUrl &base, int timeoutMs, QObject *context, std::function<void(bool answered)> done);
    /// The endpoint clients use for a listening address: a wildcard address is reached on loopback.
    static QUrl endpointFor(const QString &host, int port);

    void list(Done done) override;
    void importText(const QString &text, Done done) override;
    void setEnabled(const QString &id, bool enabled, Done done) override;
    void remove(const QString &id, Done done) override;
    void refreshUsage(const QString &id, Done done) override;
    void strategy(Done done) override;
    void setStrategy(const QString &name, Done done) override;

private:
    struct Answer
    {
        int status = 0;         ///< 0: no HTTP answer
        QJsonDocument body;     ///< parsed body (null when not JSON)
        QString transportError; ///< why there was no answer
    };
    void call(const QByteArray &method, const QString &path, const QJsonDocument &body,
              std::function<void(const Answer &)> done);
    /// The reply for an answer that is not the expected success: 401/403 and no answer → 4, 404 → 3, else 1.
    BackendReply failure(const Answer &a, const QString &what) const;

    QNetworkAccessManager m_nam;
    QUrl m_base;
    QByteArray m_key;
    int m_timeoutMs;
};
