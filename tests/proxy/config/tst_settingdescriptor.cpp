// SPDX-License-Identifier: MIT
// Tests the setting table: every key round-trips through config.json and the environment, unknown keys survive a
// save, every range and check rejects what it should, and the table's fixed facts (variables, secrets, restarts).
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "config/config.h"
#include "config/settingdescriptor.h"

using Type = SettingDescriptor::Type;
using Check = SettingDescriptor::Check;

class TestSettingDescriptor : public QObject
{
    Q_OBJECT

private slots:
    void tableFacts();
    void defaultsDropOutOfJson();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void environmentRoundTrip_data();
    void environmentRoundTrip();
    void commandLineWins();
    void unknownKeysSurviveSave();
    void rejects_data();
    void rejects();
    void environmentRejects_data();
    void environmentRejects();
    void displayValueHidesSecrets();
    void metricsOpenOnlyOnLoopback_data();
    void metricsOpenOnlyOnLoopback();

private:
    static void allKeys();
    static void keysWithEnvironment();
};

namespace {

// A valid value that differs from the default.
QVariant sample(const SettingDescriptor &setting)
{
    switch (setting.type) {
    case Type::String:
        switch (setting.check) {
        case Check::HostAddress:
            return QStringLiteral("127.0.0.2"); // loopback: every sample together stays valid (metricsAuth "none")
        case Check::UrlTemplate:
            return QStringLiteral("https://%1.{region}.example.com").arg(setting.key.toLower());
        case Check::OutboundProxy:
            return QStringLiteral("socks5://127.0.0.1:1080");
        case Check::OneOfChoices:
        case Check::OpenOnlyOnLoopback:
            return setting.choices.last().value;
        case Check::NotEmpty:
        case Check::None:
            break;
        }
        return QString(QStringLiteral("value-of-") + setting.key);
    case Type::Integer:
        return setting.defaultValue.toInt() == setting.maximum ? setting.minimum : setting.maximum;
    case Type::Boolean:
        return !setting.defaultValue.toBool();
    case Type::StringMap:
        return QVariantHash{{QStringLiteral("claude-x"), QStringLiteral("kiro-y")}};
    }
    return {};
}

QString asText(const QVariant &value)
{
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

void write(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

} // namespace

void TestSettingDescriptor::allKeys()
{
    QTest::addColumn<QString>("key");
    for (const SettingDescriptor &setting : SettingDescriptor::all())
        QTest::newRow(qPrintable(setting.key)) << setting.key;
}

void TestSettingDescriptor::keysWithEnvironment()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("variable");
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        for (const QString &name : setting.environment)
            QTest::newRow(qPrintable(name)) << setting.key << name;
    }
}

void TestSettingDescriptor::tableFacts()
{
    QStringList keys, variables, secrets, restarts;
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        QVERIFY2(!keys.contains(setting.key), qPrintable(setting.key));
        keys.append(setting.key);
        variables += setting.environment;
        if (setting.secret)
            secrets.append(setting.key);
        if (setting.restartsListener)
            restarts.append(setting.key);
        QCOMPARE(setting.defaultValue, setting.get(Config()));
        QCOMPARE(SettingDescriptor::find(setting.key), &setting);
    }
    variables.sort();
    QStringList expected = {QStringLiteral("HOST"),
                            QStringLiteral("PORT"),
                            QStringLiteral("API_KEY"),
                            QStringLiteral("ADMIN_API_KEY"),
                            QStringLiteral("ALLOWED_HOSTS"),
                            QStringLiteral("CORS_ORIGINS"),
                            QStringLiteral("REGION"),
                            QStringLiteral("KIRO_VERSION"),
                            QStringLiteral("MACHINE_ID"),
                            QStringLiteral("SYSTEM_VERSION"),
                            QStringLiteral("NODE_VERSION"),
                            QStringLiteral("PROXY_URL"),
                            QStringLiteral("PROXY_USERNAME"),
                            QStringLiteral("PROXY_PASSWORD"),
                            QStringLiteral("KIRO_API_ENDPOINT"),
                            QStringLiteral("KIRO_SOCIAL_AUTH_ENDPOINT"),
                            QStringLiteral("KIRO_IDC_AUTH_ENDPOINT"),
                            QStringLiteral("AUTH_CONNECT_TIMEOUT_MS"),
                            QStringLiteral("AUTH_TIMEOUT_MS"),
                            QStringLiteral("STRATEGY"),
                            QStringLiteral("SECRET_STORE"),
                            QStringLiteral("METRICS_AUTH"),
                            QStringLiteral("POOL_MODE")};
    expected.sort();
    QCOMPARE(variables, expected);
    QCOMPARE(secrets,
             QStringList({QStringLiteral("apiKey"), QStringLiteral("adminApiKey"), QStringLiteral("proxyPassword")}));
    QCOMPARE(restarts, QStringList({QStringLiteral("host"), QStringLiteral("port")}));
    QVERIFY(!SettingDescriptor::find(QStringLiteral("dataDir")));
}

void TestSettingDescriptor::defaultsDropOutOfJson()
{
    const Config defaults;
    QVERIFY(defaults.validate().ok());
    QCOMPARE(defaults.toJson(), QJsonObject());
    Config bigger;
    bigger.maxBodyBytes = 64 * 1024 * 1024;
    QCOMPARE(bigger.toJson(), QJsonObject({{QStringLiteral("maxBodyMiB"), 64}})); // bytes held, MiB written
}

void TestSettingDescriptor::jsonRoundTrip_data()
{
    allKeys();
}

void TestSettingDescriptor::jsonRoundTrip()
{
    QFETCH(QString, key);
    const SettingDescriptor &setting = *SettingDescriptor::find(key);
    const QVariant value = sample(setting);
    QVERIFY(value != setting.defaultValue);
    Config c;
    setting.set(c, value);
    QCOMPARE(setting.get(c), value);
    const auto valid = c.validate();
    QVERIFY2(valid.ok(), valid.ok() ? "" : qPrintable(valid.error()));
    const QJsonObject json = c.toJson();
    QCOMPARE(json.keys(), QStringList{key}); // only what differs from the defaults
    // Through text, as config.json is.
    const QJsonObject reread = QJsonDocument::fromJson(QJsonDocument(json).toJson()).object();
    Config back;
    const auto applied = Config::applyJson(back, reread, QStringLiteral("test.json"));
    QVERIFY2(applied.ok(), applied.ok() ? "" : qPrintable(applied.error()));
    QCOMPARE(setting.get(back), value);
}

void TestSettingDescriptor::environmentRoundTrip_data()
{
    keysWithEnvironment();
}

void TestSettingDescriptor::environmentRoundTrip()
{
    QFETCH(QString, key);
    QFETCH(QString, variable);
    const SettingDescriptor &setting = *SettingDescriptor::find(key);
    const QVariant value = sample(setting);
    QTemporaryDir dir;
    // The file says one thing, the environment wins.
    write(dir.filePath(QStringLiteral("config.json")),
          QJsonDocument(QJsonObject{{key, setting.toJson(setting.defaultValue)}}).toJson());
    QProcessEnvironment env;
    env.insert(QStringLiteral("DATA_DIR"), dir.path());
    env.insert(variable, asText(value));
    const auto c = Config::load({}, env);
    QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error()));
    QCOMPARE(setting.get(c.value()), value);
}

void TestSettingDescriptor::commandLineWins()
{
    QTemporaryDir dir;
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOST"), QStringLiteral("0.0.0.0"));
    env.insert(QStringLiteral("PORT"), QStringLiteral("2222"));
    ConfigOverrides o;
    o.dataDir = dir.path();
    o.host = QStringLiteral("::1");
    o.port = 0;
    const auto c = Config::load(o, env);
    QVERIFY(c.ok());
    QCOMPARE(c->host, QStringLiteral("::1"));
    QCOMPARE(c->port, 0); // an explicit 0 is an override too
    o.host.clear();
    o.port.reset();
    QCOMPARE(Config::load(o, env)->host, QStringLiteral("0.0.0.0"));
}

void TestSettingDescriptor::unknownKeysSurviveSave()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    QJsonObject file{{QStringLiteral("futureKey"), QJsonArray{1, 2}},
                     {QStringLiteral("futureFlag"), true},
                     {QStringLiteral("logSize"), 500}};
    write(path, QJsonDocument(file).toJson());
    ConfigOverrides o;
    o.dataDir = dir.path();
    auto c = Config::load(o, QProcessEnvironment());
    QVERIFY(c.ok());
    for (const SettingDescriptor &setting : SettingDescriptor::all())
        setting.set(c.value(), sample(setting));
    QVERIFY(c->save().ok());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject saved = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(saved.value(QStringLiteral("futureKey")), QJsonValue(QJsonArray{1, 2}));
    QCOMPARE(saved.value(QStringLiteral("futureFlag")), QJsonValue(true));
    QCOMPARE(saved.size(), SettingDescriptor::all().size() + 2);
    const auto reloaded = Config::load(o, QProcessEnvironment());
    QVERIFY2(reloaded.ok(), reloaded.ok() ? "" : qPrintable(reloaded.error()));
    for (const SettingDescriptor &setting : SettingDescriptor::all())
        QCOMPARE(setting.get(reloaded.value()), sample(setting));
}

void TestSettingDescriptor::rejects_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("json");
    QTest::addColumn<QString>("loadError");
    QTest::addColumn<QString>("validateError");
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        const QString k = setting.key;
        if (setting.type == Type::Integer) {
            const QString range = QStringLiteral("\"%1\" must be an integer between %2 and %3")
                                      .arg(k)
                                      .arg(setting.minimum)
                                      .arg(setting.maximum);
            for (const int n : {setting.minimum - 1, setting.maximum + 1}) {
                QTest::addRow("%s %d", qPrintable(k), n)
                    << k << QJsonValue(n) << range
                    << QStringLiteral("%1 %2 is outside %3–%4").arg(k).arg(n).arg(setting.minimum).arg(setting.maximum);
            }
            QTest::addRow("%s fraction", qPrintable(k)) << k << QJsonValue(setting.minimum + 0.5) << range << QString();
            QTest::addRow("%s text", qPrintable(k)) << k << QJsonValue(QStringLiteral("10")) << range << QString();
        }
        QString bad;
        QString error;
        switch (setting.check) {
        case Check::None:
            break;
        case Check::HostAddress:
            bad = QStringLiteral("my machine");
            error = QStringLiteral("%1 \"my machine\" is not an IP address (or \"localhost\")").arg(k);
            break;
        case Check::UrlTemplate:
            bad = QStringLiteral("ftp://x");
            error = QStringLiteral("%1 \"ftp://x\" must be an http(s) URL template").arg(k);
            break;
        case Check::OutboundProxy:
            bad = QStringLiteral("gopher://user:pw@p:1");
            error = QStringLiteral("%1 \"gopher://p:1\" must look like http://host:port").arg(k);
            break;
        case Check::OneOfChoices:
        case Check::OpenOnlyOnLoopback:
            bad = QStringLiteral("nonsense");
            error = QStringLiteral("%1 \"nonsense\" must be one of %2").arg(k, setting.choices.first().value);
            break;
        case Check::NotEmpty:
            bad = QStringLiteral("  ");
            error = QStringLiteral("%1 must not be empty").arg(k);
            break;
        }
        if (!bad.isEmpty())
            QTest::addRow("%s check", qPrintable(k)) << k << QJsonValue(bad) << error << error;
        if (setting.type == Type::String)
            QTest::addRow("%s number", qPrintable(k))
                << k << QJsonValue(1) << QStringLiteral("\"%1\" must be a string").arg(k) << QString();
        if (setting.type == Type::Boolean)
            QTest::addRow("%s text", qPrintable(k))
                << k << QJsonValue(QStringLiteral("yes")) << QStringLiteral("\"%1\" must be true or false").arg(k)
                << QString();
        if (setting.type == Type::StringMap) {
            QTest::addRow("%s array", qPrintable(k))
                << k << QJsonValue(QJsonArray()) << QStringLiteral("\"%1\" must be an object of").arg(k) << QString();
            QTest::addRow("%s entry", qPrintable(k)) << k << QJsonValue(QJsonObject{{QStringLiteral("a"), 1}})
                                                     << QStringLiteral("\"%1.a\" must be a string").arg(k) << QString();
        }
    }
}

void TestSettingDescriptor::rejects()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, json);
    QFETCH(QString, loadError);
    QFETCH(QString, validateError);
    const SettingDescriptor &setting = *SettingDescriptor::find(key);

    // From config.json: named by file and key.
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("config.json")), QJsonDocument(QJsonObject{{key, json}}).toJson());
    ConfigOverrides o;
    o.dataDir = dir.path();
    const auto loaded = Config::load(o, QProcessEnvironment());
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().contains(loadError), qPrintable(loaded.error()));

    // Set directly (the Settings page, the tray): validate() names the key and the value.
    if (validateError.isEmpty())
        return;
    Config c;
    setting.set(c, json.toVariant());
    const auto valid = c.validate();
    QVERIFY(!valid.ok());
    QVERIFY2(valid.error().startsWith(validateError), qPrintable(valid.error()));
}

void TestSettingDescriptor::environmentRejects_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        for (const QString &name : setting.environment) {
            if (setting.type == Type::Integer) {
                const QString error = QStringLiteral("environment: %1 must be a number between %2 and %3")
                                          .arg(name)
                                          .arg(setting.minimum)
                                          .arg(setting.maximum);
                QTest::addRow("%s text", qPrintable(name)) << name << QStringLiteral("x") << error;
                QTest::addRow("%s above", qPrintable(name)) << name << QString::number(setting.maximum + 1) << error;
            } else if (setting.type == Type::Boolean) {
                QTest::addRow("%s maybe", qPrintable(name))
                    << name << QStringLiteral("maybe")
                    << QStringLiteral("environment: %1 must be true or false").arg(name);
            } else if (setting.check == Check::NotEmpty) {
                QTest::addRow("%s empty", qPrintable(name))
                    << name << QString() << QStringLiteral("configuration: %1 must not be empty").arg(setting.key);
            } else if (setting.check != Check::None) {
                QTest::addRow("%s check", qPrintable(name)) << name << QStringLiteral("ftp ://bad value")
                                                            << QStringLiteral("configuration: %1").arg(setting.key);
            }
        }
    }
}

void TestSettingDescriptor::environmentRejects()
{
    QFETCH(QString, variable);
    QFETCH(QString, text);
    QFETCH(QString, error);
    QTemporaryDir dir;
    QProcessEnvironment env;
    env.insert(QStringLiteral("DATA_DIR"), dir.path());
    env.insert(variable, text);
    const auto c = Config::load({}, env);
    QVERIFY(!c.ok());
    QVERIFY2(c.error().startsWith(error), qPrintable(c.error()));
}

void TestSettingDescriptor::displayValueHidesSecrets()
{
    Config c;
    c.apiKey = QStringLiteral("secret-key");
    c.proxyUrl = QStringLiteral("http://user:pw@127.0.0.1:3128");
    c.port = 1234;
    QVERIFY(!SettingDescriptor::find(QStringLiteral("apiKey"))->displayValue(c).contains(QLatin1String("secret")));
    QCOMPARE(SettingDescriptor::find(QStringLiteral("proxyUrl"))->displayValue(c),
             QStringLiteral("http://127.0.0.1:3128"));
    QCOMPARE(SettingDescriptor::find(QStringLiteral("port"))->displayValue(c), QStringLiteral("1234"));
}

void TestSettingDescriptor::metricsOpenOnlyOnLoopback_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("metricsAuth");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("key, network") << QStringLiteral("0.0.0.0") << QStringLiteral("apiKey") << true;
    QTest::newRow("open, 127.0.0.1") << QStringLiteral("127.0.0.1") << QStringLiteral("none") << true;
    QTest::newRow("open, 127.0.0.2") << QStringLiteral("127.0.0.2") << QStringLiteral("none") << true;
    QTest::newRow("open, ::1") << QStringLiteral("::1") << QStringLiteral("none") << true;
    QTest::newRow("open, localhost") << QStringLiteral("localhost") << QStringLiteral("none") << true;
    QTest::newRow("open, 0.0.0.0") << QStringLiteral("0.0.0.0") << QStringLiteral("none") << false;
    QTest::newRow("open, ::") << QStringLiteral("::") << QStringLiteral("none") << false;
    QTest::newRow("open, LAN address") << QStringLiteral("192.168.1.20") << QStringLiteral("none") << false;
}

// Open metrics on a network address is refused wherever a Config is validated: the start (Config::load),
// Settings::apply and the Settings page (fieldProblem at the metricsAuth field).
void TestSettingDescriptor::metricsOpenOnlyOnLoopback()
{
    QFETCH(QString, host);
    QFETCH(QString, metricsAuth);
    QFETCH(bool, allowed);
    Config c;
    c.host = host;
    c.apiKey = QStringLiteral("some-client-key-123");
    c.metricsAuth = metricsAuth;
    const SettingDescriptor &setting = *SettingDescriptor::find(QStringLiteral("metricsAuth"));
    QCOMPARE(setting.problem(c).isEmpty(), allowed);
    QCOMPARE(setting.fieldProblem(c).isEmpty(), allowed);
    const auto valid = c.validate();
    QCOMPARE(bool(valid), allowed);
    if (!allowed) {
        QVERIFY2(valid.error().startsWith(QStringLiteral("metricsAuth \"none\" is allowed only while host is a "
                                                         "loopback address")),
                 qPrintable(valid.error()));
        QVERIFY(valid.error().contains(host));
    }
    // The same through the environment at start.
    QTemporaryDir dir;
    QProcessEnvironment env;
    env.insert(QStringLiteral("DATA_DIR"), dir.path());
    env.insert(QStringLiteral("HOST"), host);
    env.insert(QStringLiteral("API_KEY"), c.apiKey);
    env.insert(QStringLiteral("METRICS_AUTH"), metricsAuth);
    const auto loaded = Config::load(ConfigOverrides{}, env);
    QCOMPARE(bool(loaded), allowed);
}

QTEST_GUILESS_MAIN(TestSettingDescriptor)
#include "tst_settingdescriptor.moc"
