// SPDX-License-Identifier: MIT
// UsageClient: GET getUsageLimits for one account.
#pragma once

#include <functional>

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

#include "kiro/kirocredential.h"
#include "kiro/upstreamerror.h"
#include "kiro/usagelimits.h"

struct Config;

class UsageClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageClient)
public:
    using Callback = std::function<void(const Expected<UsageLimits, UpstreamError> &)>;
    /// `nam` carries the configured proxy (KiroRequests::applyProxy); `config` is the live configuration, owned by
    /// the caller, and must outlive this client.
    UsageClient(QNetworkAccessManager *nam, const Config &config, QObject *parent = nullptr);
    ~UsageClient() override;
    void fetch(const KiroCredential &credential, const QString &machineId, QObject *context, Callback done);

private:
    QPointer<QNetworkAccessManager> m_nam;
    const Config &m_config;
};
