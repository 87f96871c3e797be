// SPDX-License-Identifier: MIT
// Tests DurableFile: private modes from the first byte, atomic replacement, clear errors, tightening at start.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

#include "common/durablefile.h"

namespace {
int modeOf(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

QByteArray contentOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestDurableFile : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { DurableFile::setCreatedHookForTests(nullptr); }
    void newFileIsPrivateFromTheFirstByte();
    void replacesContentAtomically();
    void createsAPrivateDirectory();
    void unwritableDirectoryGivesAnError();
    void tighteningAtStart();
};

void TestDurableFile::newFileIsPrivateFromTheFirstByte()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secrets.json"));
    const mode_t old = ::umask(0); // the most permissive umask: the mode must not come from it
    int tempMode = -1;
    qint64 tempSize = -1;
    QString tempPath;
    DurableFile::setCreatedHookForTests([&](const QString &temp) {
        tempPath = temp;
        tempMode = modeOf(temp);
        tempSize = QFileInfo(temp).size();
    });
    const auto written = DurableFile::write(path, QByteArrayLiteral("{\"secret\":1}"));
    ::umask(old);
    QVERIFY2(written.ok(), qPrintable(written.error()));
    QCOMPARE(QFileInfo(tempPath).absolutePath(), QFileInfo(path).absolutePath()); // same directory: rename is atomic
    QCOMPARE(tempMode, 0600);
    QCOMPARE(tempSize, qint64(0)); // the mode was set before any content
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(contentOf(path), QByteArrayLiteral("{\"secret\":1}"));
    QVERIFY(!QFile::exists(tempPath));
}

void TestDurableFile::replacesContentAtomically()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("accounts.json"));
    QVERIFY(DurableFile::write(path, QByteArray(4096, 'a')).ok());
    // While the new content is being written, the target still holds the old content in full.
    QByteArray seenDuringWrite;
    DurableFile::setCreatedHookForTests([&](const QString &) { seenDuringWrite = contentOf(path); });
    QVERIFY(DurableFile::write(path, QByteArrayLiteral("new")).ok());
    QCOMPARE(seenDuringWrite, QByteArray(4096, 'a'));
    QCOMPARE(contentOf(path), QByteArrayLiteral("new"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("accounts.json")});
}

void TestDurableFile::createsAPrivateDirectory()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    QVERIFY(DurableFile::write(QDir(data).filePath(QStringLiteral("config.json")), "{}").ok());
    QCOMPARE(modeOf(data), 0700);
}

void TestDurableFile::unwritableDirectoryGivesAnError()
{
    QTemporaryDir dir;
    QString target;
    if (::geteuid() != 0) {
        const QString readOnly = dir.filePath(QStringLiteral("ro"));
        QVERIFY(QDir().mkdir(readOnly));
        QVERIFY(::chmod(QFile::encodeName(readOnly).constData(), 0500) == 0);
        target = QDir(readOnly).filePath(QStringLiteral("accounts.json"));
    } else {
        // root writes into read-only directories; a directory that cannot exist fails the same way.
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        target = dir.filePath(QStringLiteral("file/accounts.json"));
    }
    const auto written = DurableFile::write(target, "{}");
    QVERIFY(!written.ok());
    QVERIFY2(written.error().contains(QLatin1String("accounts.json")) ||
                 written.error().contains(QFileInfo(target).absolutePath()),
             qPrintable(written.error()));
    QVERIFY(!QFile::exists(target));
}

void TestDurableFile::tighteningAtStart()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkdir(data));
    QVERIFY(::chmod(QFile::encodeName(data).constData(), 0755) == 0);
    const QString config = QDir(data).filePath(QStringLiteral("config.json"));
    const QString leftover = QDir(data).filePath(QStringLiteral("accounts.json.tmp-Ab12Cd"));
    for (const QString &path : {config, leftover}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{}");
        f.close();
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
    }
    QVERIFY(DurableFile::tightenDataDir(data).isEmpty());
    QCOMPARE(modeOf(data), 0700);
    QCOMPARE(modeOf(config), 0600);
    QVERIFY2(!QFile::exists(leftover), "a write cut by a crash is removed");
}

QTEST_GUILESS_MAIN(TestDurableFile)
#include "tst_durablefile.moc"
