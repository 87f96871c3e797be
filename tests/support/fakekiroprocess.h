// SPDX-License-Identifier: MIT
// FakeKiroProcess: runs tests/e2e/fake-kiro-upstream.mjs (real HTTP, real event-stream frames) for Qt tests.
#pragma once

#include <QProcess>
#include <QString>

class FakeKiroProcess
{
public:
    ~FakeKiroProcess();
    /// Starts the fake on 127.0.0.1, any free port; empty string and a reason in error() when it cannot.
    QString start();
    QString url() const { return m_url; }
    QString error() const { return m_error; }

private:
    QProcess m_process;
    QString m_url;
    QString m_error;
};
