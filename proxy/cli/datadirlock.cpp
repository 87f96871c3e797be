// SPDX-License-Identifier: MIT
// DataDirLock: flock(2) on kiro-proxyd.lock; QLockFile only for reading kiro-tray's lock.
#include "cli/datadirlock.h"

#include <QDir>
#include <QFile>
#include <QLockFile>

#include "common/durablefile.h"

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

DataDirLock::DataDirLock(const QString &dataDir)
    : m_path(QDir(dataDir).filePath(QStringLiteral("kiro-proxyd.lock")))
{}

DataDirLock::~DataDirLock()
{
    unlock();
}

#ifdef Q_OS_UNIX
bool DataDirLock::tryLock(const QString &program)
{
    if (m_fd >= 0)
        return true;
    m_holder.reset();
    m_error.clear();
    const auto dir = DurableFile::makePrivateDir(QFileInfo(m_path).absolutePath());
    if (!dir) {
        m_error = dir.error();
        return false;
    }
    const QByteArray name = QFile::encodeName(m_path);
    const int fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        m_error = QStringLiteral("cannot open %1: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int why = errno;
        if (why == EWOULDBLOCK) {
            Holder h;
            QByteArray text(256, '\0');
            const auto n = ::pread(fd, text.data(), size_t(text.size()), 0);
            const QList<QByteArray> lines = text.left(n > 0 ? int(n) : 0).split('\n');
            h.pid = lines.value(0).trimmed().toLongLong();
            h.program = QString::fromUtf8(lines.value(1).trimmed());
            h.address = QString::fromUtf8(lines.value(2).trimmed());
            m_holder = h;
        } else {
            m_error = QStringLiteral("cannot lock %1: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(why)));
        }
        ::close(fd);
        return false;
    }
    m_fd = fd;
    m_program = program;
    writeHolder(QString());
    return true;
}

void DataDirLock::announce(const QString &address)
{
    if (m_fd >= 0)
        writeHolder(address);
}

void DataDirLock::writeHolder(const QString &address)
{
    QByteArray content = QByteArray::number(qint64(::getpid())) + '\n' + m_program.toUtf8() + '\n';
    if (!address.isEmpty())
        content += address.toUtf8() + '\n';
    // Should this fail, the lock holds all the same; only the words for others are missing (as they are for a reader
    // that comes between the two calls).
    [[maybe_unused]] const bool written =
        ::ftruncate(m_fd, 0) == 0 && ::pwrite(m_fd, content.constData(), size_t(content.size()), 0) == content.size();
}

void DataDirLock::unlock()
{
    if (m_fd < 0)
        return;
    // The file stays (removing it would race with a process that opened it and waits for the lock).
    [[maybe_unused]] const int truncated = ::ftruncate(m_fd, 0);
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
    m_fd = -1;
}
#else
bool DataDirLock::tryLock(const QString &)
{
    m_error = QStringLiteral("data directory locks need a Unix system");
    return false;
}

void DataDirLock::announce(const QString &)
{}

void DataDirLock::unlock()
{}
#endif

std::optional<DataDirLock::Holder> DataDirLock::trayHolder(const QString &dataDir)
{
    const QString path = QDir(dataDir).filePath(QStringLiteral("kiro-tray.lock"));
    if (!QFile::exists(path))
        return std::nullopt;
    QLockFile lock(path);
    lock.setStaleLockTime(0); // as SingleInstance: only a holder that is gone makes it stale
    if (lock.tryLock(0)) {
        lock.unlock();
        return std::nullopt;
    }
    if (lock.error() != QLockFile::LockFailedError)
        return std::nullopt;
    Holder h;
    h.program = QStringLiteral("kiro-tray");
    QString host, app;
    lock.getLockInfo(&h.pid, &host, &app);
    return h;
}

QString DataDirLock::describe(const Holder &holder)
{
    const QString program = holder.program.isEmpty() ? QStringLiteral("another process") : holder.program;
    return holder.pid > 0 ? QStringLiteral("%1 (pid %2)").arg(program).arg(holder.pid) : program;
}
