// SPDX-License-Identifier: MIT
// Tests Config: precedence, environment, broken files named precisely, validation, save keeping unknown keys, seed
// file.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "config/config.h"
#include "config/seedcredentials.h"

class TestConfig : public QObject
{
    Q_OBJECT

private slots:
    void precedence();
    void brokenFiles_data();
    void brokenFiles();
    void environment();
    void saveKeepsUnknownKeys();
    void endpointTemplates();
    void seedCredentials();
};

static void write(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

void TestConfig::precedence()
{
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("config.json")),
          R"({"port": 1111, "region": "eu-central-1", "host": "127.0.0.1"})");
    ConfigOverrides o;
    o.dataDir = dir.path();
    QProcessEnvironment env;
    auto c = Config::load(o, env);
    QVERIFY(c.ok());
    QCOMPARE(c->port, 1111); // file over default
    QCOMPARE(c->region, QStringLiteral("eu-central-1"));
    env.insert(QStringLiteral("PORT"), QStringLiteral("2222"));
    c = Config::load(o, env);
    QCOMPARE(c->port, 2222); // environment over file
    o.port = 3333;
    c = Config::load(o, env);
    QCOMPARE(c->port, 3333); // command line over environment
    QCOMPARE(c->host, QStringLiteral("127.0.0.1"));
    QCOMPARE(Config().host, QStringLiteral("127.0.0.1")); // loopback by default
}

void TestConfig::brokenFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("syntax error names line and column")
        << QByteArray("{\n  \"port\": 8990,\n  \"host\" \"x\"\n}") << QStringLiteral("line 3, column");
    QTest::newRow("wrong type names key")
        << QByteArray(R"({"port":"eighty"})") << QStringLiteral("\"port\" must be an integer between 0 and 65535");
    QTest::newRow("out of range") << QByteArray(R"({"port":70000})") << QStringLiteral("\"port\" must be an integer");
    // Found by fuzz_config: beyond qint64 the old integer check itself was undefined behaviour (UBSan).
    QTest::newRow("beyond qint64") << QByteArray(R"({"port":1e300})") << QStringLiteral("\"port\" must be an integer");
    QTest::newRow("below qint64") << QByteArray(R"({"logSize":-1e53})")
                                  << QStringLiteral("\"logSize\" must be an integer");
    QTest::newRow("fraction") << QByteArray(R"({"port":80.5})") << QStringLiteral("\"port\" must be an integer");
    QTest::newRow("bool expected") << QByteArray(R"({"poolMode":"yes"})")
                                   << QStringLiteral("\"poolMode\" must be true or false");
    QTest::newRow("array top level") << QByteArray("[]") << QStringLiteral("expected a JSON object");
    QTest::newRow("bad strategy") << QByteArray(R"({"strategy":"fastest"})")
                                  << QStringLiteral("strategy \"fastest\" must be one of");
    QTest::newRow("bad endpoint") << QByteArray(R"({"apiEndpoint":"q.example"})") << QStringLiteral("apiEndpoint");
    QTest::newRow("bad proxy") << QByteArray(R"({"proxyUrl":"ftp://p:1"})") << QStringLiteral("proxyUrl");
    QTest::newRow("bad host") << QByteArray(R"({"host":"my machine"})") << QStringLiteral("not an IP address");
    QTest::newRow("alias not string") << QByteArray(R"({"modelAliases":{"a":1}})") << QStringLiteral("modelAliases.a");
}

void TestConfig::brokenFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("config.json")), content);
    ConfigOverrides o;
    o.dataDir = dir.path();
    const auto c = Config::load(o, QProcessEnvironment());
    QVERIFY(!c.ok());
    QVERIFY2(c.error().contains(message), qPrintable(c.error()));
    if (!message.startsWith(QLatin1String("strategy")) && !message.contains(QLatin1String("IP")) &&
        !message.contains(QLatin1String("Endpoint")) && !message.contains(QLatin1String("proxyUrl")))
        QVERIFY2(c.error().contains(QLatin1String("config.json")), qPrintable(c.error()));
}

void TestConfig::environment()
{
    QTemporaryDir dir;
    QProcessEnvironment env;
    env.insert(QStringLiteral("DATA_DIR"), dir.path());
    env.insert(QStringLiteral("API_KEY"), QStringLiteral("k"));
    env.insert(QStringLiteral("POOL_MODE"), QStringLiteral("true"));
    env.insert(QStringLiteral("KIRO_API_ENDPOINT"), QStringLiteral("http://127.0.0.1:9"));
    env.insert(QStringLiteral("REFRESH_TOKEN"), QStringLiteral("rt"));
    env.insert(QStringLiteral("AUTH_METHOD"), QStringLiteral("idc"));
    env.insert(QStringLiteral("CLIENT_ID"), QStringLiteral("cid"));
    env.insert(QStringLiteral("CLIENT_SECRET"), QStringLiteral("cs"));
    const auto c = Config::load({}, env);
    QVERIFY(c.ok());
    QCOMPARE(c->dataDir, dir.path());
    QVERIFY(c->poolMode);
    QCOMPARE(c->apiKey, QStringLiteral("k"));
    QCOMPARE(c->apiEndpoint, QStringLiteral("http://127.0.0.1:9"));
    QVERIFY(c->envCredential);
    QCOMPARE(c->envCredential->authMethod, KiroCredential::AuthMethod::Idc);
    QCOMPARE(c->envCredential->clientSecret, QStringLiteral("cs"));
    QProcessEnvironment bad;
    bad.insert(QStringLiteral("PORT"), QStringLiteral("x"));
    QVERIFY(Config::load({}, bad).error().contains(QLatin1String("PORT")));
}

void TestConfig::saveKeepsUnknownKeys()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    write(path, R"({"futureKey": {"x": 1}, "port": 1234})");
    ConfigOverrides o;
    o.dataDir = dir.path();
    auto c = Config::load(o, QProcessEnvironment());
    QVERIFY(c.ok());
    c->apiKey = QStringLiteral("new-key");
    c->port = 8990; // back to the default: dropped from the file
    QVERIFY(c->save().ok());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject saved = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(saved.value(QStringLiteral("futureKey")).toObject().value(QStringLiteral("x")).toInt(), 1);
    QCOMPARE(saved.value(QStringLiteral("apiKey")).toString(), QStringLiteral("new-key"));
    QVERIFY(!saved.contains(QStringLiteral("port")));
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
}

void TestConfig::endpointTemplates()
{
    QCOMPARE(Config::endpoint(QStringLiteral("https://q.{region}.amazonaws.com/"), QStringLiteral("eu-central-1"))
                 .toString(),
             QStringLiteral("https://q.eu-central-1.amazonaws.com"));
    QCOMPARE(Config::endpoint(QStringLiteral("http://127.0.0.1:5"), QStringLiteral("x")).toString(),
             QStringLiteral("http://127.0.0.1:5"));
}

void TestConfig::seedCredentials()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("credentials.json"));
    write(
        path,
        R"([{"refreshToken":"r1","authMethod":"social","note":"keep"},{"refreshToken":"r2","disabled":true},{"refreshToken":"r3","clientId":"c","clientSecret":"s"}])");
    const auto read = SeedCredentials::read(path);
    QVERIFY(read.ok());
    QCOMPARE(read->size(), 2); // the disabled entry is skipped
    QCOMPARE(read->at(1).authMethod, KiroCredential::AuthMethod::Idc);
    KiroCredential rotated = read->at(1);
    rotated.refreshToken = QStringLiteral("r3-rotated");
    QVERIFY(SeedCredentials::writeBack(path, 1, rotated).ok());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray data = f.readAll();
    QVERIFY(data.contains("r3-rotated"));
    QVERIFY(data.contains("\"note\": \"keep\""));
    QVERIFY(data.contains("\"r2\""));
    write(dir.filePath(QStringLiteral("bad.json")), "{");
    QVERIFY(SeedCredentials::read(dir.filePath(QStringLiteral("bad.json")))
                .error()
                .contains(QLatin1String("invalid JSON")));
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
