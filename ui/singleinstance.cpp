// SPDX-License-Identifier: MIT
// SingleInstance: QLockFile decides, QLocalServer carries the "show yourself" message.
#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLocalSocket>

#include "common/durablefile.h"

SingleInstance::SingleInstance(const QString &dataDir, QObject *parent)
    : QObject(parent)
{
    const QString dir = QDir(dataDir).absolutePath();
    m_name = QStringLiteral("kiro-tray-") +
             QString::fromLatin1(QCryptographicHash::hash(dir.toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
    DurableFile::makePrivateDir(dir); // 0700 from the start, like every file the data directory holds
    m_lockPath = QDir(dir).filePath(QStringLiteral("kiro-tray.lock"));
    m_lock = std::make_unique<QLockFile>(m_lockPath);
    m_lock->setStaleLockTime(0);
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *s = m_server.nextPendingConnection()) {
            connect(s, &QLocalSocket::readyRead, s, [this, s] {
                if (s->readAll().contains("show"))
                    emit activationRequested();
                s->disconnectFromServer();
            });
            connect(s, &QLocalSocket::disconnected, s, &QObject::deleteLater);
        }
    });
}

SingleInstance::~SingleInstance() = default;

bool SingleInstance::claim()
{
    if (m_lock->tryLock(100)) {
        // The lock file says which process runs (pid, host, user): readable by its owner only, like the rest.
        QFile::setPermissions(m_lockPath, QFile::ReadOwner | QFile::WriteOwner);
        QLocalServer::removeServer(m_name);
        m_server.setSocketOptions(QLocalServer::UserAccessOption); // other users cannot raise our window
        m_server.listen(m_name);
        return true;
    }
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (socket.waitForConnected(1000)) {
        socket.write("show\n");
        socket.waitForBytesWritten(1000);
        socket.disconnectFromServer();
    }
    return false;
}

void SingleInstance::release()
{
    m_server.close();
    if (m_lock->isLocked())
        m_lock->unlock();
}
