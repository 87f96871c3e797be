// SPDX-License-Identifier: MIT
// Tests AccountStore and FileSecretStore: round trips, bad files kept aside, no secrets in accounts.json, crash safety.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "accounts/accountstore.h"
#include "accounts/filesecretstore.h"

class TestAccountStore : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void unchangedContentIsNotRewritten();
    void missingFileIsEmpty();
    void badFilesAreKeptAside_data();
    void badFilesAreKeptAside();
    void noSecretInAccountsFile();
    void fileSecretStorePermissions();
    void crashSafety();
};

static QList<Account> sample()
{
    Account a;
    a.id = QStringLiteral("11111111-1111-1111-1111-111111111111");
    a.name = QStringLiteral("work");
    a.email = QStringLiteral("w@example.com");
    a.status = Account::Status::Cooldown;
    a.reason = Account::Reason::RateLimited;
    a.cooldownUntil = QDateTime(QDate(2026, 11, 24), QTime(14, 5), Qt::UTC);
    a.exhaustedUntil = QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);
    a.created = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    a.requests = 42;
    a.hasQuota = true;
    a.quotaLimit = 1000;
    a.quotaUsed = 250.5;
    a.refreshTokenHash = Account::hashToken(QStringLiteral("secret-refresh-token"));
    return {a};
}

void TestAccountStore::roundTrip()
{
    QTemporaryDir dir;
    AccountStore store(dir.filePath(QStringLiteral("accounts.json")));
    QVERIFY(store.save(sample(), QStringLiteral("least-used")).ok());
    AccountStore again(dir.filePath(QStringLiteral("accounts.json")));
    const auto c = again.load();
    QVERIFY(c.notice.isEmpty());
    QCOMPARE(c.strategy, QStringLiteral("least-used"));
    QCOMPARE(c.accounts.size(), 1);
    const Account &a = c.accounts.first();
    QCOMPARE(a.status, Account::Status::Cooldown);
    QCOMPARE(a.reason, Account::Reason::RateLimited);
    QCOMPARE(a.cooldownUntil, sample().first().cooldownUntil);
    QCOMPARE(a.exhaustedUntil, sample().first().exhaustedUntil);
    QCOMPARE(a.requests, 42);
    QCOMPARE(a.quotaUsed, 250.5);
}

void TestAccountStore::missingFileIsEmpty()
{
    QTemporaryDir dir;
    AccountStore store(dir.filePath(QStringLiteral("accounts.json")));
    const auto c = store.load();
    QVERIFY(c.accounts.isEmpty());
    QVERIFY(c.notice.isEmpty());
}

void TestAccountStore::badFilesAreKeptAside_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("notice");
    QTest::newRow("corrupt json") << QByteArray("{\"version\":1,\"accounts\":[") << QStringLiteral("is not valid JSON");
    QTest::newRow("unknown version") << QByteArray(R"({"version":9,"accounts":[]})")
                                     << QStringLiteral("unknown version 9");
    QTest::newRow("pool fork plaintext") << QByteArray(R"([{"id":"x","refresh_token":"t"}])")
                                         << QStringLiteral("plaintext tokens");
}

void TestAccountStore::badFilesAreKeptAside()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, notice);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("accounts.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    AccountStore store(path);
    const auto c = store.load();
    QVERIFY2(c.notice.contains(notice), qPrintable(c.notice));
    QVERIFY(!QFile::exists(path));
    const QStringList aside = QDir(dir.path()).entryList({QStringLiteral("accounts.json.corrupt-*")});
    QCOMPARE(aside.size(), 1);
    QFile kept(dir.filePath(aside.first()));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), content); // nothing lost
}

void TestAccountStore::noSecretInAccountsFile()
{
    QTemporaryDir dir;
    AccountStore store(dir.filePath(QStringLiteral("accounts.json")));
    QVERIFY(store.save(sample(), QStringLiteral("random")).ok());
    QFile f(dir.filePath(QStringLiteral("accounts.json")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.readAll().contains("secret-refresh-token"));
}

void TestAccountStore::fileSecretStorePermissions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secrets.json"));
    {
        FileSecretStore store(path);
        KiroCredential c;
        c.refreshToken = QStringLiteral("rt-secret");
        c.clientSecret = QStringLiteral("cs-secret");
        QSignalSpy done(&store, &QObject::destroyed);
        bool stored = false;
        store.store(QStringLiteral("acc"), c, this, [&stored](const Expected<bool, QString> &r) { stored = r.ok(); });
        QTRY_VERIFY(stored);
    }
    QCOMPARE(QFile::permissions(path) &
                 (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions());
    FileSecretStore reopened(path);
    QString token;
    reopened.load(QStringLiteral("acc"), this,
                  [&token](const Expected<KiroCredential, QString> &r) { token = r->refreshToken; });
    QTRY_COMPARE(token, QStringLiteral("rt-secret"));
}

// Secrets arriving at start-up touch every account without changing the file: nothing is written then.
void TestAccountStore::unchangedContentIsNotRewritten()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("accounts.json"));
    const QDateTime old(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC);
    auto age = [&path, &old] {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(old, QFileDevice::FileModificationTime));
    };
    {
        AccountStore store(path);
        QVERIFY(store.save(sample()).ok());
    }
    age();
    AccountStore store(path);
    QCOMPARE(store.load().accounts.size(), 1);
    QVERIFY(store.save(sample()).ok());
    QCOMPARE(QFileInfo(path).lastModified().toUTC(), old);
    QList<Account> changed = sample();
    changed.first().requests += 1;
    QVERIFY(store.save(changed).ok());
    QVERIFY(QFileInfo(path).lastModified().toUTC() != old);
    age();
    QVERIFY(store.save(changed).ok()); // what it wrote itself counts too
    QCOMPARE(QFileInfo(path).lastModified().toUTC(), old);
}

void TestAccountStore::crashSafety()
{
    // A child process rewrites accounts.json as fast as it can; we SIGKILL it at random moments. The file must
    // always load (QSaveFile renames a complete file into place).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("accounts.json"));
    for (int round = 0; round < 40; ++round) {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("KIRO_STORE_WRITER"), path);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        // The first round waits for the first complete write (a slow start, e.g. under ASan, must not leave the
        // loop without any file); every kill after that lands at a random moment of the rewriting.
        if (round == 0)
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 20000);
        QTest::qWait(5 + int(QRandomGenerator::global()->bounded(40)));
        child.kill();
        child.waitForFinished();
        if (!QFile::exists(path))
            continue;
        AccountStore store(path);
        const auto c = store.load();
        QVERIFY2(c.notice.isEmpty(), qPrintable(c.notice));
        QCOMPARE(c.accounts.size(), 50);
    }
    QVERIFY(QFile::exists(path));
}

static int runWriter(const QString &path)
{
    QList<Account> many;
    for (int i = 0; i < 50; ++i) {
        Account a = sample().first();
        a.id = QStringLiteral("id-%1").arg(i);
        many.append(a);
    }
    AccountStore store(path);
    for (qint64 n = 0;; ++n) {
        many.first().requests = n;
        store.save(many, QStringLiteral("round-robin"));
    }
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("KIRO_STORE_WRITER"))
        return runWriter(qEnvironmentVariable("KIRO_STORE_WRITER"));
    TestAccountStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_accountstore.moc"
