// SPDX-License-Identifier: MIT
// DataDirLock: which process owns a data directory's account files (kiro-proxyd, or `kiro-proxyd accounts` working on
// them directly).
#pragma once

#include <optional>

#include <QString>

/// An advisory lock on `<dataDir>/kiro-proxyd.lock` (flock on Unix: the kernel drops it when the holder dies, so a
/// crash or SIGKILL never leaves a stale lock, whatever PID namespace the next process runs in). The holder writes its
/// process id into the file so that others can say who holds it, and the address it answers at once it listens.
/// kiro-tray does not take it: it holds kiro-tray.lock (SingleInstance), which trayHolder() reads.
class DataDirLock
{
public:
    struct Holder
    {
        qint64 pid = 0; ///< 0 when the holder wrote none (yet)
        QString program;
        QString address; ///< where the holder answers (kiro-proxyd, once it listens); empty before

        /// A `kiro-proxyd accounts` command: it holds the directory only while it works.
        bool isCommand() const { return program.startsWith(DataDirLock::commandProgram()); }
    };

    /// The names the holders write: the daemon, and a command working on the directory itself.
    static QString daemonProgram() { return QStringLiteral("kiro-proxyd"); }
    static QString commandProgram() { return QStringLiteral("kiro-proxyd accounts"); }

    explicit DataDirLock(const QString &dataDir);
    ~DataDirLock();
    DataDirLock(const DataDirLock &) = delete;
    DataDirLock &operator=(const DataDirLock &) = delete;

    /// Takes the lock without waiting; false when another process holds it (holder() says which) or the file cannot
    /// be opened (error() says why). `program` is written next to the process id ("kiro-proxyd", "kiro-proxyd
    /// accounts").
    bool tryLock(const QString &program);
    /// Once the holder listens: the URL that reaches it, written into the file for `kiro-proxyd accounts` to find
    /// an instance whatever port it got (`--port 0`). Cleared again by unlock().
    void announce(const QString &address);
    void unlock();
    bool isLocked() const { return m_fd >= 0; }
    /// Who holds the lock, when tryLock() failed because it is held.
    std::optional<Holder> holder() const { return m_holder; }
    QString error() const { return m_error; }
    QString path() const { return m_path; }

    /// A kiro-tray that runs on `dataDir` (its kiro-tray.lock is held), if any.
    static std::optional<Holder> trayHolder(const QString &dataDir);
    /// "kiro-proxyd (pid 1234)".
    static QString describe(const Holder &holder);

private:
    QString m_path;
    void writeHolder(const QString &address);

    int m_fd = -1;
    QString m_program;
    std::optional<Holder> m_holder;
    QString m_error;
};
