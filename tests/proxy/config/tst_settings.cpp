// SPDX-License-Identifier: MIT
// Tests Settings: apply() validates, saves, replaces in place and emits changed(key) once per changed key; what
// changed and what needs a restart come from the setting table; secrets stay out of the log.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "common/redactor.h"
#include "config/config.h"
#include "config/settings.h"

Q_DECLARE_METATYPE(Config)

class TestSettings : public QObject
{
    Q_OBJECT

private slots:
    void applyEmitsOncePerChangedKey();
    void applyWithoutChangesIsQuiet();
    void applyRejectsInvalidConfig();
    void applySavesConfigFile();
    void applyWritesOnlyWhatChanged();
    void applyKeepsOldValuesWhenSaveFails();
    void changedKeys_data();
    void changedKeys();
    void needsRestart_data();
    void needsRestart();
    void secretsAreNotLogged();
    void secretsAreRedacted();
};

void TestSettings::applyEmitsOncePerChangedKey()
{
    Settings settings(Config{});
    const Config *live = &settings.config();
    QSignalSpy changed(&settings, &Settings::changed);
    // Listeners see the whole new Config, not a half-applied one.
    QStringList seen;
    connect(&settings, &Settings::changed, this, [&](const QString &key) {
        seen.append(QStringLiteral("%1:%2:%3").arg(key).arg(settings.config().port).arg(settings.config().apiKey));
    });
    Config next = settings.config();
    next.apiKey = QStringLiteral("k");
    next.port = 1234;
    const auto applied = settings.apply(next);
    QVERIFY(applied.ok());
    QCOMPARE(applied.value(), QStringList({QStringLiteral("port"), QStringLiteral("apiKey")}));
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("port"));
    QCOMPARE(changed.at(1).at(0).toString(), QStringLiteral("apiKey"));
    QCOMPARE(seen, QStringList({QStringLiteral("port:1234:k"), QStringLiteral("apiKey:1234:k")}));
    QCOMPARE(&settings.config(), live); // same object, new values
    QCOMPARE(live->port, 1234);
}

void TestSettings::applyWithoutChangesIsQuiet()
{
    Config initial;
    initial.logSize = 50;
    Settings settings(initial);
    QSignalSpy changed(&settings, &Settings::changed);
    const auto applied = settings.apply(initial);
    QVERIFY(applied.ok());
    QVERIFY(applied->isEmpty());
    QCOMPARE(changed.size(), 0);
}

void TestSettings::applyRejectsInvalidConfig()
{
    Settings settings(Config{});
    QSignalSpy changed(&settings, &Settings::changed);
    Config next = settings.config();
    next.apiKey = QStringLiteral("k");
    next.host = QStringLiteral("my machine");
    const auto applied = settings.apply(next);
    QVERIFY(!applied.ok());
    QVERIFY2(applied.error().contains(QLatin1String("not an IP address")), qPrintable(applied.error()));
    QCOMPARE(changed.size(), 0);
    QCOMPARE(settings.config().host, QStringLiteral("127.0.0.1"));
    QVERIFY(settings.config().apiKey.isEmpty());
}

void TestSettings::applySavesConfigFile()
{
    QTemporaryDir dir;
    Config initial;
    initial.configPath = dir.filePath(QStringLiteral("config.json"));
    Settings settings(initial);
    Config next = settings.config();
    next.strategy = QStringLiteral("random");
    QVERIFY(settings.apply(next).ok());
    QFile f(initial.configPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(f.readAll()).object(),
             QJsonObject({{QStringLiteral("strategy"), QStringLiteral("random")}}));
}

// A key, a port or a proxy password that came from the environment or the command line is live but never written:
// a change of another setting writes that setting only, and leaves the file's other keys alone.
void TestSettings::applyWritesOnlyWhatChanged()
{
    QTemporaryDir dir;
    Config initial;
    initial.configPath = dir.filePath(QStringLiteral("config.json"));
    QFile f(initial.configPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"logSize": 50, "someoneElses": 1})");
    f.close();
    initial.logSize = 50;
    initial.apiKey = QStringLiteral("from-API_KEY");
    initial.proxyPassword = QStringLiteral("from-PROXY_PASSWORD");
    initial.port = 4321;
    Settings settings(initial);
    Config next = settings.config();
    next.strategy = QStringLiteral("least-used");
    QVERIFY(settings.apply(next).ok());
    next.logSize = 1000; // back to the default: the key leaves the file
    QVERIFY(settings.apply(next).ok());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(
        QJsonDocument::fromJson(f.readAll()).object(),
        QJsonObject({{QStringLiteral("someoneElses"), 1}, {QStringLiteral("strategy"), QStringLiteral("least-used")}}));
}

void TestSettings::applyKeepsOldValuesWhenSaveFails()
{
    QTemporaryDir dir;
    Config initial;
    initial.configPath = dir.path(); // a directory: cannot be written as a file
    Settings settings(initial);
    QSignalSpy changed(&settings, &Settings::changed);
    Config next = settings.config();
    next.logSize = 20;
    const auto applied = settings.apply(next);
    QVERIFY(!applied.ok());
    QVERIFY2(applied.error().contains(QLatin1String("cannot write")), qPrintable(applied.error()));
    QCOMPARE(settings.config().logSize, 1000);
    QCOMPARE(changed.size(), 0);
}

void TestSettings::changedKeys_data()
{
    QTest::addColumn<Config>("next");
    QTest::addColumn<QStringList>("keys");
    Config c;
    QTest::newRow("nothing") << c << QStringList();
    c.dataDir = QStringLiteral("/elsewhere");
    c.importFile = QStringLiteral("x.json");
    QTest::newRow("not settings") << c << QStringList();
    c = Config();
    c.maxBodyBytes = 2 * 1024 * 1024;
    QTest::newRow("body limit is maxBodyMiB") << c << QStringList{QStringLiteral("maxBodyMiB")};
    c = Config();
    c.modelAliases.insert(QStringLiteral("a"), QStringLiteral("b"));
    QTest::newRow("aliases") << c << QStringList{QStringLiteral("modelAliases")};
    c = Config();
    c.language = QStringLiteral("zh_CN");
    c.host = QStringLiteral("::1");
    c.poolMode = true;
    QTest::newRow("table order") << c
                                 << QStringList{QStringLiteral("host"), QStringLiteral("poolMode"),
                                                QStringLiteral("language")};
}

void TestSettings::changedKeys()
{
    QFETCH(Config, next);
    QFETCH(QStringList, keys);
    QCOMPARE(Settings::changedKeys(Config(), next), keys);
    QCOMPARE(Settings::changedKeys(next, Config()), keys);
}

void TestSettings::needsRestart_data()
{
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<bool>("restart");
    QTest::newRow("none") << QStringList() << false;
    QTest::newRow("host") << QStringList{QStringLiteral("host")} << true;
    QTest::newRow("port among others") << QStringList{QStringLiteral("apiKey"), QStringLiteral("port")} << true;
    QTest::newRow("keys and limits") << QStringList{QStringLiteral("apiKey"), QStringLiteral("maxBodyMiB")} << false;
    QTest::newRow("unknown") << QStringList{QStringLiteral("futureKey")} << false;
}

void TestSettings::needsRestart()
{
    QFETCH(QStringList, keys);
    QFETCH(bool, restart);
    QCOMPARE(Settings::needsRestart(keys), restart);
}

namespace {
QStringList *capturedLog = nullptr;
void capture(QtMsgType, const QMessageLogContext &, const QString &message)
{
    capturedLog->append(message);
}
} // namespace

void TestSettings::secretsAreNotLogged()
{
    QLoggingCategory::setFilterRules(QStringLiteral("kiro.proxy.settings.info=true"));
    QStringList log;
    capturedLog = &log;
    const QtMessageHandler previous = qInstallMessageHandler(capture);
    Settings settings(Config{});
    Config next = settings.config();
    next.apiKey = QStringLiteral("api-secret");
    next.adminApiKey = QStringLiteral("admin-secret");
    next.proxyPassword = QStringLiteral("password-secret");
    next.proxyUrl = QStringLiteral("http://user:url-secret@127.0.0.1:3128");
    next.logSize = 77;
    const auto applied = settings.apply(next);
    qInstallMessageHandler(previous);
    capturedLog = nullptr;
    QVERIFY(applied.ok());
    const QString all = log.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QLatin1String("apiKey")) && all.contains(QLatin1String("77")), qPrintable(all));
    QVERIFY2(!all.contains(QLatin1String("secret")), qPrintable(all));
}

QTEST_GUILESS_MAIN(TestSettings)
void TestSettings::secretsAreRedacted()
{
    // The API keys and the proxy password are known to the Redactor while they are live, also after a change.
    Config first;
    first.apiKey = QStringLiteral("first-client-key");
    first.adminApiKey = QStringLiteral("first-admin-key");
    first.proxyPassword = QStringLiteral("first-proxy-password");
    {
        Settings settings(first);
        QCOMPARE(Redactor::scrub(QStringLiteral("first-client-key first-admin-key first-proxy-password")),
                 QStringLiteral("[redacted] [redacted] [redacted]"));
        Config next = settings.config();
        next.apiKey = QStringLiteral("second-client-key");
        QVERIFY(settings.apply(next).ok());
        QCOMPARE(Redactor::scrub(QStringLiteral("second-client-key")), QStringLiteral("[redacted]"));
        QCOMPARE(Redactor::scrub(QStringLiteral("first-client-key")), QStringLiteral("first-client-key"));
        QCOMPARE(Redactor::scrub(QStringLiteral("first-admin-key")), QStringLiteral("[redacted]"));
    }
    QCOMPARE(Redactor::registeredCount(), 0);
}

#include "tst_settings.moc"
