// SPDX-License-Identifier: MIT
// SingleInstance: one kiro-tray per data directory; a second launch asks the first to show its window.
#pragma once

#include <QLocalServer>
#include <QLockFile>
#include <QObject>
#include <memory>

class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)
public:
    explicit SingleInstance(const QString &dataDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    /// True when this process is the first; false after having told the running one to show itself.
    bool claim();
    /// Gives the data directory up before this process ends (a relaunch claims it while this one still exits).
    void release();

signals:
    void activationRequested();

private:
    QString m_name;
    QString m_lockPath;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer m_server;
};
