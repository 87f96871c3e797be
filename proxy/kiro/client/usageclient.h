// SPDX-License-Identifier: MIT
// UsageClient: GET getUsageLimits for one account.
#pragma once

#include <functional>
#include <memory>

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
    UsageClient(QNetworkAccessManager *nam, const Config &config, QObject *parent = nullptr);
    ~UsageClient() override;
    void setConfig(const Config &config);
    void fetch(const KiroCredential &credential, const QString &machineId, QObject *context, Callback done);

private:
    QPointer<QNetworkAccessManager> m_nam;
    std::unique_ptr<Config> m_config;
};
