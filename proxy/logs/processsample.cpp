// SPDX-License-Identifier: MIT
// ProcessSample: /proc/self/{stat,statm,fd}, getrlimit and glibc's mallinfo2 on Linux; nothing elsewhere.
#include "logs/processsample.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>

#ifdef Q_OS_LINUX
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace {

#ifdef Q_OS_LINUX
QByteArray readProcFile(const char *path)
{
    QFile file(QString::fromLatin1(path));
    if (!file.open(QIODevice::ReadOnly)) // /proc files report size 0: read until the end, not size() bytes
        return {};
    return file.readAll();
}

/// Seconds since the epoch at which the system booted (`btime` of /proc/stat).
double bootTime()
{
    const QByteArray stat = readProcFile("/proc/stat");
    for (const QByteArray &line : stat.split('\n')) {
        if (line.startsWith("btime "))
            return line.mid(6).trimmed().toDouble();
    }
    return -1;
}
#endif

} // namespace

ProcessSample ProcessSample::current()
{
    ProcessSample s;
#ifdef Q_OS_LINUX
    const long ticks = ::sysconf(_SC_CLK_TCK);
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    // /proc/self/stat: "pid (comm) state …"; comm may hold spaces and parentheses, so count fields after the last ')'.
    const QByteArray stat = readProcFile("/proc/self/stat");
    const qsizetype close = stat.lastIndexOf(')');
    if (close >= 0 && ticks > 0) {
        const QList<QByteArray> f = stat.mid(close + 2).split(' '); // f[0] is field 3 (state)
        if (f.size() > 20) {
            bool okUser = false;
            bool okSystem = false;
            const double user = f.at(11).toDouble(&okUser);     // field 14 utime
            const double system = f.at(12).toDouble(&okSystem); // field 15 stime
            if (okUser && okSystem)
                s.cpuSeconds = (user + system) / double(ticks);
            bool okStart = false;
            const double start = f.at(19).toDouble(&okStart); // field 22 starttime, ticks after boot
            const double boot = bootTime();
            if (okStart && boot > 0)
                s.startTimeSeconds = boot + start / double(ticks);
        }
    }
    const QList<QByteArray> statm = readProcFile("/proc/self/statm").trimmed().split(' ');
    if (statm.size() >= 2 && pageSize > 0) {
        bool okSize = false;
        bool okResident = false;
        const qint64 size = statm.at(0).toLongLong(&okSize);
        const qint64 resident = statm.at(1).toLongLong(&okResident);
        if (okSize)
            s.virtualBytes = size * pageSize;
        if (okResident)
            s.residentBytes = resident * pageSize;
    }
    const QDir fds(QStringLiteral("/proc/self/fd"));
    if (fds.exists())
        s.openFds = qMax<qint64>(0, fds.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size() - 1);
    struct rlimit limit = {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
        s.maxFds = qint64(limit.rlim_cur);
#if defined(__SANITIZE_ADDRESS__)
#define KIRO_OWN_ALLOCATOR 1 // AddressSanitizer's allocator: glibc's figures would count almost nothing
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KIRO_OWN_ALLOCATOR 1
#endif
#endif
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33)) && !defined(KIRO_OWN_ALLOCATOR)
    const struct mallinfo2 heap = ::mallinfo2();
    s.heapAllocatedBytes = qint64(heap.uordblks + heap.hblkhd); // in use from the arenas + mmapped blocks
#endif
#endif
    return s;
}
