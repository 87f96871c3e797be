// SPDX-License-Identifier: MIT
// DurableFile: POSIX open/fsync/rename/fsync(dir). QSaveFile is not used: it ignores a failing fsync of the file and
// never fsyncs the directory, so an acknowledged rename could vanish with a power cut.
#include "common/durablefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <QSaveFile>
#endif

Q_LOGGING_CATEGORY(lcDurable, "kiro.common.durablefile")

namespace {

using Result = Expected<bool, QString>;

// Temporary files are "<name>.tmp-XXXXXX" next to the target; tightenDataDir removes any a crash left behind.
constexpr char kTempInfix[] = ".tmp-";

std::function<void(const QString &)> &createdHook()
{
    static std::function<void(const QString &)> hook;
    return hook;
}

#ifdef Q_OS_UNIX
Result failure(const QString &path, const char *what, int error)
{
    return Result::failure(
        QCoreApplication::translate("DurableFile", "%1: %2 failed: %3")
            .arg(path, QCoreApplication::translate("DurableFile", what), QString::fromLocal8Bit(strerror(error))));
}

// fsync, retried on EINTR.
int syncFd(int fd)
{
    int r;
    do {
        r = ::fsync(fd);
    } while (r != 0 && errno == EINTR);
    return r;
}

Result writeAll(int fd, const QByteArray &bytes, const QString &path)
{
    const char *p = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return failure(path, QT_TRANSLATE_NOOP("DurableFile", "write"), errno);
        }
        p += n;
        left -= n;
    }
    return true;
}
#endif

} // namespace

namespace DurableFile {

void setCreatedHookForTests(std::function<void(const QString &)> hook)
{
    createdHook() = std::move(hook);
}

Result makePrivateDir(const QString &dir)
{
    if (dir.isEmpty())
        return true;
    const bool existed = QFileInfo(dir).isDir();
    if (!existed && !QDir().mkpath(dir))
        return Result::failure(QCoreApplication::translate("DurableFile", "%1: cannot create the directory").arg(dir));
#ifdef Q_OS_UNIX
    if (!existed && ::chmod(QFile::encodeName(dir).constData(), 0700) != 0)
        return failure(dir, QT_TRANSLATE_NOOP("DurableFile", "chmod"), errno);
#endif
    return true;
}

Result syncDirectory(const QString &dir)
{
    return sync(dir);
}

Result sync(const QString &path)
{
#ifdef Q_OS_UNIX
    // O_RDONLY opens a directory as well as a file; fsync of a directory makes a rename in it durable.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return failure(path, QT_TRANSLATE_NOOP("DurableFile", "open"), errno);
    const int r = syncFd(fd);
    const int error = errno;
    ::close(fd);
    if (r != 0)
        return failure(path, QT_TRANSLATE_NOOP("DurableFile", "fsync"), error);
#else
    Q_UNUSED(path)
#endif
    return true;
}

Result write(const QString &path, const QByteArray &bytes)
{
    const QFileInfo target(path);
    const QString dir = target.absolutePath();
    const auto made = makePrivateDir(dir);
    if (!made)
        return made;
#ifdef Q_OS_UNIX
    QByteArray temp = QFile::encodeName(target.absoluteFilePath()) + kTempInfix + "XXXXXX";
    // mkstemp creates the file 0600 (O_EXCL), so no other user can open it before or while the content is written.
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0)
        return failure(path, QT_TRANSLATE_NOOP("DurableFile", "creating a temporary file"), errno);
    const QString tempPath = QFile::decodeName(temp);
    auto abandon = [fd, &temp](const Result &why) {
        ::close(fd);
        ::unlink(temp.constData());
        return why;
    };
    if (::fchmod(fd, 0600) != 0)
        return abandon(failure(path, QT_TRANSLATE_NOOP("DurableFile", "fchmod"), errno));
    if (createdHook())
        createdHook()(tempPath);
    const Result written = writeAll(fd, bytes, path);
    if (!written)
        return abandon(written);
    if (syncFd(fd) != 0)
        return abandon(failure(path, QT_TRANSLATE_NOOP("DurableFile", "fsync"), errno));
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temp.constData());
        return failure(path, QT_TRANSLATE_NOOP("DurableFile", "close"), error);
    }
    if (::rename(temp.constData(), QFile::encodeName(target.absoluteFilePath()).constData()) != 0) {
        const int error = errno;
        ::unlink(temp.constData());
        return failure(path, QT_TRANSLATE_NOOP("DurableFile", "rename"), error);
    }
    return syncDirectory(dir);
#else
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return Result::failure(
            QCoreApplication::translate("DurableFile", "%1: cannot write (%2)").arg(path, out.errorString()));
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (createdHook())
        createdHook()(path);
    out.write(bytes);
    if (!out.commit())
        return Result::failure(
            QCoreApplication::translate("DurableFile", "%1: cannot write (%2)").arg(path, out.errorString()));
    return true;
#endif
}

QStringList tightenDataDir(const QString &dir)
{
    QStringList problems;
    if (dir.isEmpty())
        return problems;
    const auto made = makePrivateDir(dir);
    if (!made)
        return {made.error()};
#ifdef Q_OS_UNIX
    auto restrict = [&problems](const QString &path, mode_t mode) {
        struct stat st;
        const QByteArray name = QFile::encodeName(path);
        if (::lstat(name.constData(), &st) != 0 || S_ISLNK(st.st_mode))
            return; // a symlink (e.g. credentials.json kept elsewhere) is the user's business
        if ((st.st_mode & 07777) == mode)
            return;
        if (::chmod(name.constData(), mode) != 0)
            problems.append(QStringLiteral("%1: chmod failed: %2").arg(path, QString::fromLocal8Bit(strerror(errno))));
        else
            qCInfo(lcDurable).noquote() << "tightened" << path << "to" << QString::number(mode, 8);
    };
    restrict(dir, 0700);
    const QFileInfoList entries = QDir(dir).entryInfoList(QDir::Files | QDir::Hidden | QDir::System);
    for (const QFileInfo &file : entries) {
        if (file.fileName().contains(QLatin1String(kTempInfix)) &&
            file.fileName().section(QLatin1String(kTempInfix), -1).size() == 6) {
            // A write that a crash interrupted: the target still holds the previous content.
            if (QFile::remove(file.absoluteFilePath()))
                qCInfo(lcDurable).noquote() << "removed an unfinished write:" << file.absoluteFilePath();
            continue;
        }
        restrict(file.absoluteFilePath(), 0600);
    }
#endif
    return problems;
}

} // namespace DurableFile
