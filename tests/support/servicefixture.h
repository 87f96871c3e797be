// SPDX-License-Identifier: MIT
// ServiceFixture: what the widget tests start from: one fake Kiro upstream per suite and, per test, a fresh data
// directory with a started Desktop ProxyService whose every Kiro endpoint is that fake.
#pragma once

#include <QTemporaryDir>
#include <memory>

#include "accounts/accountservice.h"
#include "fakekiroprocess.h"
#include "proxyservice.h"
#include "testfixtures.h"

namespace TestFixtures {
/// `prefix` made long enough (120 more characters) to pass the importer's length check of a refresh token.
inline QString longToken(const QString &prefix)
{
    return prefix + QString(120, QLatin1Char('x'));
}

/// An account added straight to `service`'s pool (no sign-in check); its id.
inline QString addAccount(ProxyService &service, const QString &name, const QString &refreshToken)
{
    Account account;
    account.name = name;
    KiroCredential credential;
    credential.refreshToken = refreshToken;
    return service.accounts().pool().addAccount(account, credential).value();
}
} // namespace TestFixtures

class ServiceFixture
{
public:
    /// Starts the fake upstream (initTestCase). Returns why it did not start; empty when it did.
    QString startFake()
    {
        m_fakeUrl = m_fake.start();
        return m_fakeUrl.isEmpty() ? m_fake.error() : QString();
    }
    /// A new data directory and a started service with the client key `apiKey` (init). Returns why it did not
    /// start; empty when it did.
    QString startService(const QString &apiKey)
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto config = TestFixtures::fakeBackedConfig(m_dir->path(), m_fakeUrl, apiKey);
        if (!config)
            return config.error();
        m_service = std::make_unique<ProxyService>(config.value(), ProxyService::Mode::Desktop);
        m_serviceView = m_service.get();
        m_dirView = m_dir.get();
        const auto started = m_service->start();
        return started ? QString() : started.error();
    }
    /// The service, then its data directory (cleanup).
    void stopService()
    {
        m_serviceView = nullptr;
        m_dirView = nullptr;
        m_service.reset();
        m_dir.reset();
    }
    /// The running service and its directory, as references a suite can hold as members (null between tests).
    ProxyService *const &service() const { return m_serviceView; }
    QTemporaryDir *const &dir() const { return m_dirView; }
    const QString &fakeUrl() const { return m_fakeUrl; }
    FakeKiroProcess &fake() { return m_fake; }

private:
    FakeKiroProcess m_fake;
    QString m_fakeUrl;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ProxyService> m_service;
    ProxyService *m_serviceView = nullptr;
    QTemporaryDir *m_dirView = nullptr;
};
