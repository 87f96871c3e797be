// SPDX-License-Identifier: MIT
// FakeKiroProcess: node + the fake upstream script, waits for its "listening on" line.
#include "fakekiroprocess.h"

#include <QDeadlineTimer>

FakeKiroProcess::~FakeKiroProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

QString FakeKiroProcess::start()
{
    const QString script =
        qEnvironmentVariable("KIRO_TEST_SOURCE_DIR") + QStringLiteral("/tests/e2e/fake-kiro-upstream.mjs");
    m_process.start(QStringLiteral("node"), {script, QStringLiteral("--port"), QStringLiteral("0")});
    if (!m_process.waitForStarted(5000)) {
        m_error = QStringLiteral("node is needed for the fake Kiro upstream: %1").arg(m_process.errorString());
        return {};
    }
    const QDeadlineTimer deadline(10000);
    while (!m_process.canReadLine() && !deadline.hasExpired())
        m_process.waitForReadyRead(100);
    const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
    if (!line.startsWith(QLatin1String("listening on "))) {
        m_error = QStringLiteral("the fake Kiro upstream did not start: %1").arg(line);
        return {};
    }
    m_url = line.section(QLatin1Char(' '), -1);
    return m_url;
}
