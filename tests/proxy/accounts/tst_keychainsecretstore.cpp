// SPDX-License-Identifier: MIT
// Tests KeychainSecretStore against a real gnome-keyring (run through scripts/with-keyring.sh).
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTest>

#include "accounts/keychainsecretstore.h"

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void backendAnswers();
    void storeLoadOverwriteRemove();
    void secretNotInFiles();

private:
    KiroCredential cred(const QString &token)
    {
        KiroCredential c;
        c.refreshToken = token;
        c.accessToken = QStringLiteral("access-") + token;
        c.clientId = QStringLiteral("cid");
        c.clientSecret = QStringLiteral("csecret-") + token;
        c.authMethod = KiroCredential::AuthMethod::Idc;
        return c;
    }
    KeychainSecretStore m_store{QStringLiteral("kiro-tray-test")};
};

void TestKeychainSecretStore::backendAnswers()
{
    bool done = false, ok = false;
    QString error;
    m_store.probe(this, [&](bool good, const QString &e) {
        done = true;
        ok = good;
        error = e;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
    QVERIFY2(ok, qPrintable(QStringLiteral("no Secret Service answered: ") + error));
}

void TestKeychainSecretStore::storeLoadOverwriteRemove()
{
    for (int i = 0; i < 3; ++i) {
        bool stored = false;
        m_store.store(QStringLiteral("acc-%1").arg(i), cred(QStringLiteral("tok%1-first").arg(i)), this,
                      [&stored](const Expected<bool, QString> &r) { stored = r.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(stored, 10000);
    }
    bool overwritten = false;
    m_store.store(QStringLiteral("acc-1"), cred(QStringLiteral("tok1-rotated")), this,
                  [&overwritten](const Expected<bool, QString> &r) { overwritten = r.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(overwritten, 10000);

    QString loaded;
    m_store.load(QStringLiteral("acc-1"), this, [&loaded](const Expected<KiroCredential, QString> &r) {
        loaded = r.ok() ? r->refreshToken + QLatin1Char('|') + r->clientSecret : r.error();
    });
    QTRY_COMPARE_WITH_TIMEOUT(loaded, QStringLiteral("tok1-rotated|csecret-tok1-rotated"), 10000);

    // The entry is visible to other Secret Service clients under our service name.
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"), {QStringLiteral("search"), QStringLiteral("--all"),
                                               QStringLiteral("server"), QStringLiteral("kiro-tray-test")});
    if (tool.waitForStarted(3000)) {
        tool.waitForFinished(10000);
        QVERIFY(QString::fromUtf8(tool.readAllStandardOutput() + tool.readAllStandardError())
                    .contains(QLatin1String("acc-1")));
    }

    bool removed = false;
    m_store.remove(QStringLiteral("acc-1"), this, [&removed](const Expected<bool, QString> &r) { removed = r.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(removed, 10000);
    QString after;
    m_store.load(QStringLiteral("acc-1"), this, [&after](const Expected<KiroCredential, QString> &r) {
        after = r.ok() ? QStringLiteral("still there") : r.error();
    });
    QTRY_VERIFY_WITH_TIMEOUT(!after.isEmpty(), 10000);
    QVERIFY2(after.contains(QLatin1String("no secret")), qPrintable(after));
}

void TestKeychainSecretStore::secretNotInFiles()
{
    // The keyring encrypts at rest: the plain token appears in no file of the throwaway home.
    const QString home = qEnvironmentVariable("HOME");
    QVERIFY(home.startsWith(QLatin1String("/tmp")));
    QDirIterator it(home, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            QVERIFY2(!f.readAll().contains("tok0-first"), qPrintable(f.fileName()));
    }
}

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "tst_keychainsecretstore.moc"
