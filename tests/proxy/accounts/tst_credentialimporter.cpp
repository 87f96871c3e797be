// SPDX-License-Identifier: MIT
// Tests CredentialImporter: every pasted shape, the Kiro IDE cache with its companion file, clear rejections.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "accounts/account.h"
#include "accounts/credentialimporter.h"

class TestCredentialImporter : public QObject
{
    Q_OBJECT

private slots:
    void shapes_data();
    void shapes();
    void duplicates();
    void kiroIdeCache();
    void noTokenInMessages();
};

namespace {
const QString kTok = QStringLiteral("aorAAAAAG") + QString(120, QLatin1Char('Z'));
const QString kTok2 = QStringLiteral("aorBBBBBG") + QString(120, QLatin1Char('Y'));
} // namespace

void TestCredentialImporter::shapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("problem");
    const QString t = kTok;
    QTest::newRow("kiro ide export social")
        << QStringLiteral(R"({"email":"a@x.com","provider":"Github","refreshToken":"%1"})").arg(t) << 1
        << QStringLiteral("social") << QStringLiteral("a@x.com") << QString();
    QTest::newRow("builder id with client")
        << QStringLiteral(
               R"({"provider":"BuilderId","refreshToken":"%1","clientId":"c","clientSecret":"s","region":"us-east-1"})")
               .arg(t)
        << 1 << QStringLiteral("idc") << QStringLiteral("BuilderId account") << QString();
    QTest::newRow("enterprise without secret")
        << QStringLiteral(R"({"provider":"Enterprise","refreshToken":"%1","clientId":"c"})").arg(t) << 1
        << QStringLiteral("idc") << QString() << QStringLiteral("lacks its clientId and clientSecret");
    QTest::newRow("label wins") << QStringLiteral(R"({"label":"Work","email":"a@x.com","refreshToken":"%1"})").arg(t)
                                << 1 << QStringLiteral("social") << QStringLiteral("Work") << QString();
    QTest::newRow("seed credentials object")
        << QStringLiteral(R"({"refreshToken":"%1","authMethod":"social","expiresAt":"2026-01-01T00:00:00Z"})").arg(t)
        << 1 << QStringLiteral("social") << QString() << QString();
    QTest::newRow("seed idc spelled builder-id")
        << QStringLiteral(R"({"refreshToken":"%1","authMethod":"builder-id","clientId":"c","clientSecret":"s"})").arg(t)
        << 1 << QStringLiteral("idc") << QString() << QString();
    QTest::newRow("array of two") << QStringLiteral(R"([{"refreshToken":"%1"},{"refreshToken":"%2"}])").arg(t, kTok2)
                                  << 2 << QStringLiteral("social") << QString() << QString();
    QTest::newRow("pool fork snake case")
        << QStringLiteral(R"([{"id":"x","name":"pool","refresh_token":"%1","auth_method":"social"}])").arg(t) << 1
        << QStringLiteral("social") << QStringLiteral("pool") << QString();
    QTest::newRow("accounts wrapper") << QStringLiteral(R"({"accounts":[{"refreshToken":"%1"}]})").arg(t) << 1
                                      << QStringLiteral("social") << QString() << QString();
    QTest::newRow("data wrapper") << QStringLiteral(R"({"data":[{"refreshToken":"%1"}]})").arg(t) << 1
                                  << QStringLiteral("social") << QString() << QString();
    QTest::newRow("json inside a string") << QStringLiteral(R"(["{\"refreshToken\":\"%1\"}"])").arg(t) << 1
                                          << QStringLiteral("social") << QString() << QString();
    QTest::newRow("truncated token") << QStringLiteral(R"({"refreshToken":"aorAAAA...xyz"})") << 1
                                     << QStringLiteral("social") << QString() << QStringLiteral("incomplete");
    QTest::newRow("short token") << QStringLiteral(R"({"refreshToken":"abc"})") << 1 << QStringLiteral("social")
                                 << QString() << QStringLiteral("too short");
    QTest::newRow("missing token") << QStringLiteral(R"({"email":"a@x.com"})") << 1 << QStringLiteral("social")
                                   << QString() << QStringLiteral("no refresh token");
    QTest::newRow("external idp") << QStringLiteral(R"({"provider":"ExternalIdp","refreshToken":"%1"})").arg(t) << 1
                                  << QStringLiteral("social") << QString() << QStringLiteral("ExternalIdp");
}

void TestCredentialImporter::shapes()
{
    QFETCH(QString, text);
    QFETCH(int, count);
    QFETCH(QString, method);
    QFETCH(QString, name);
    QFETCH(QString, problem);
    const ImportParse r = CredentialImporter::parse(text);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.candidates.size(), count);
    const ImportCandidate &c = r.candidates.first();
    QCOMPARE(KiroCredential::authMethodName(c.credential.authMethod), method);
    if (!name.isEmpty())
        QVERIFY2(c.name.startsWith(name), qPrintable(c.name));
    if (problem.isEmpty())
        QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(QStringLiteral("; "))));
    else
        QVERIFY2(c.problems.join(QStringLiteral("; ")).contains(problem),
                 qPrintable(c.problems.join(QStringLiteral("; "))));
}

void TestCredentialImporter::duplicates()
{
    const QString text =
        QStringLiteral(R"([{"refreshToken":"%1"},{"refreshToken":"%1"},{"refreshToken":"%2"}])").arg(kTok, kTok2);
    const ImportParse r = CredentialImporter::parse(text, {Account::hashToken(kTok2)});
    QCOMPARE(r.candidates.size(), 3);
    QVERIFY(!r.candidates.at(0).duplicate);
    QVERIFY(r.candidates.at(1).duplicate); // twice in the paste
    QVERIFY(r.candidates.at(2).duplicate); // already in the pool
    const ImportParse bad = CredentialImporter::parse(QStringLiteral("{\n  \"refreshToken\": oops\n}"));
    QVERIFY(bad.error.contains(QLatin1String("line 2")));
    QVERIFY(!CredentialImporter::parse(QStringLiteral("   ")).error.isEmpty());
    QVERIFY(!CredentialImporter::parse(QStringLiteral("[]")).error.isEmpty());
}

void TestCredentialImporter::kiroIdeCache()
{
    QTemporaryDir home;
    QDir().mkpath(home.filePath(QStringLiteral(".aws/sso/cache")));
    QFile token(home.filePath(QStringLiteral(".aws/sso/cache/kiro-auth-token.json")));
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write(
        QStringLiteral(
            R"({"accessToken":"a","refreshToken":"%1","authMethod":"IdC","provider":"Enterprise","clientIdHash":"abc123","region":"eu-central-1"})")
            .arg(kTok)
            .toUtf8());
    token.close();
    QFile companion(home.filePath(QStringLiteral(".aws/sso/cache/abc123.json")));
    QVERIFY(companion.open(QIODevice::WriteOnly));
    companion.write(R"({"clientId":"cid","clientSecret":"csecret"})");
    companion.close();
    const ImportParse r = CredentialImporter::importFromKiroIde(home.path());
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.candidates.size(), 1);
    const ImportCandidate &c = r.candidates.first();
    QVERIFY(c.problems.isEmpty());
    QCOMPARE(c.credential.authMethod, KiroCredential::AuthMethod::Idc);
    QCOMPARE(c.credential.clientSecret, QStringLiteral("csecret"));
    QCOMPARE(c.credential.region, QStringLiteral("eu-central-1"));
    QTemporaryDir empty;
    QVERIFY(CredentialImporter::importFromKiroIde(empty.path()).error.contains(QLatin1String("sign in to Kiro")));
}

void TestCredentialImporter::noTokenInMessages()
{
    const QString leaky = QStringLiteral("aorSECRET...") + QString(200, QLatin1Char('q'));
    const ImportParse r = CredentialImporter::parse(QStringLiteral(R"({"refreshToken":"%1"})").arg(leaky));
    for (const QString &p : r.candidates.first().problems)
        QVERIFY(!p.contains(QLatin1String("SECRET")));
}

QTEST_GUILESS_MAIN(TestCredentialImporter)
#include "tst_credentialimporter.moc"
