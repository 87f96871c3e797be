// SPDX-License-Identifier: MIT
// Config: parsing config.json (with line/column errors), environment variables, validation, atomic save.
#include "config/config.h"

#include <functional>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QStandardPaths>

#include "common/durablefile.h"
#include "config/settingdescriptor.h"
#include "kiro/credentialcodec.h"

Q_LOGGING_CATEGORY(lcConfig, "kiro.proxy.config")

namespace {

using Result = Expected<bool, QString>;

Result fail(const QString &message)
{
    return Result::failure(message);
}

// 1-based line and column of a byte offset, for JSON syntax errors.
QString position(const QByteArray &data, int offset)
{
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < data.size(); ++i) {
        if (data.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

// Every setting's key, for telling unknown keys of config.json from ours.
QStringList knownKeys()
{
    QStringList keys;
    for (const SettingDescriptor &setting : SettingDescriptor::all())
        keys.append(setting.key);
    return keys;
}

} // namespace

QUrl Config::endpoint(const QString &urlTemplate, const QString &region)
{
    QString s = urlTemplate;
    s.replace(QLatin1String("{region}"), region.isEmpty() ? QStringLiteral("us-east-1") : region);
    while (s.endsWith(QLatin1Char('/')))
        s.chop(1);
    return QUrl(s);
}

QString Config::effectiveSystemVersion() const
{
    if (!systemVersion.isEmpty())
        return systemVersion;
    static const QString chosen = QRandomGenerator::global()->bounded(2) == 0 ? QStringLiteral("darwin#24.6.0")
                                                                              : QStringLiteral("win32#10.0.22631");
    return chosen;
}

Result Config::applyJson(Config &c, const QJsonObject &o, const QString &file)
{
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        const QJsonValue json = o.value(setting.key);
        if (json.isUndefined() || json.isNull())
            continue;
        QVariant value;
        const QString problem = setting.fromJson(json, &value);
        if (!problem.isEmpty())
            return fail(QStringLiteral("%1: %2").arg(file, problem));
        setting.set(c, value);
    }
    const QStringList known = knownKeys();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key()))
            qCWarning(lcConfig).noquote() << QStringLiteral("%1: unknown key \"%2\" ignored").arg(file, it.key());
    }
    return true;
}

Result Config::validate() const
{
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        const QString problem = setting.problem(*this);
        if (!problem.isEmpty())
            return fail(problem);
    }
    return true;
}

Expected<Config, QString> Config::load(const ConfigOverrides &overrides, const QProcessEnvironment &env)
{
    Config c;
    // Data directory first: config.json lives there unless --config names another file.
    if (!overrides.dataDir.isEmpty())
        c.dataDir = overrides.dataDir;
    else if (env.contains(QStringLiteral("DATA_DIR")))
        c.dataDir = env.value(QStringLiteral("DATA_DIR"));
    else if (overrides.headless)
        c.dataDir = QDir::current().absoluteFilePath(QStringLiteral("data"));
    else
        c.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    c.dataDir = QDir(c.dataDir).absolutePath();

    c.configPath = !overrides.configPath.isEmpty() ? overrides.configPath
                   : env.contains(QStringLiteral("CONFIG_FILE"))
                       ? env.value(QStringLiteral("CONFIG_FILE"))
                       : QDir(c.dataDir).filePath(QStringLiteral("config.json"));
    QFile file(c.configPath);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return Expected<Config, QString>::failure(
                QStringLiteral("%1: cannot read (%2)").arg(c.configPath, file.errorString()));
        const QByteArray data = file.readAll();
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
        if (error.error != QJsonParseError::NoError) {
            return Expected<Config, QString>::failure(
                QStringLiteral("%1: invalid JSON at %2: %3")
                    .arg(c.configPath, position(data, error.offset), error.errorString()));
        }
        if (!doc.isObject())
            return Expected<Config, QString>::failure(
                QStringLiteral("%1: expected a JSON object at the top level").arg(c.configPath));
        const auto applied = applyJson(c, doc.object(), c.configPath);
        if (!applied)
            return Expected<Config, QString>::failure(applied.error());
    } else if (!overrides.configPath.isEmpty()) {
        return Expected<Config, QString>::failure(QStringLiteral("%1: no such file").arg(c.configPath));
    }

    // Environment: each setting's variables (the seed's names), then an account given by REFRESH_TOKEN & co.
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        for (const QString &name : setting.environment) {
            if (!env.contains(name))
                continue;
            QVariant value;
            const QString problem = setting.fromText(name, env.value(name), &value);
            if (!problem.isEmpty())
                return Expected<Config, QString>::failure(QStringLiteral("environment: %1").arg(problem));
            setting.set(c, value);
        }
    }
    if (env.contains(QStringLiteral("REFRESH_TOKEN"))) {
        KiroCredential cred;
        cred.refreshToken = env.value(QStringLiteral("REFRESH_TOKEN")).trimmed();
        cred.clientId = env.value(QStringLiteral("CLIENT_ID"));
        cred.clientSecret = env.value(QStringLiteral("CLIENT_SECRET"));
        const auto method = CredentialCodec::resolveAuthMethod(env.value(QStringLiteral("AUTH_METHOD")), cred.clientId,
                                                               cred.clientSecret);
        if (!method)
            return Expected<Config, QString>::failure(
                QStringLiteral("environment: AUTH_METHOD: %1").arg(method.error()));
        cred.authMethod = *method;
        cred.accessToken = env.value(QStringLiteral("ACCESS_TOKEN"));
        cred.profileArn = env.value(QStringLiteral("PROFILE_ARN"));
        if (env.contains(QStringLiteral("EXPIRES_AT")))
            cred.expiresAt = QDateTime::fromString(env.value(QStringLiteral("EXPIRES_AT")), Qt::ISODate);
        c.envCredential = cred;
    }

    // Command line.
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        if (!setting.commandLine)
            continue;
        const QVariant value = setting.commandLine(overrides);
        if (value.isValid())
            setting.set(c, value);
    }

    const auto valid = c.validate();
    if (!valid)
        return Expected<Config, QString>::failure(QStringLiteral("configuration: %1").arg(valid.error()));
    return c;
}

QJsonObject Config::toJson() const
{
    // Only values that differ from the defaults, so a changed default reaches users who never set the key.
    QJsonObject o;
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        const QVariant value = setting.get(*this);
        if (value != setting.defaultValue)
            o.insert(setting.key, setting.toJson(value));
    }
    return o;
}

namespace {
// Reads the file's object (missing or unreadable: empty), lets `edit` change it, writes it back atomically, 0600.
Result rewrite(const QString &target, const std::function<void(QJsonObject &)> &edit)
{
    if (target.isEmpty())
        return fail(QStringLiteral("no config file path"));
    QJsonObject merged;
    QFile existing(target);
    if (existing.open(QIODevice::ReadOnly))
        merged = QJsonDocument::fromJson(existing.readAll()).object();
    existing.close();
    edit(merged);
    // config.json may hold the client API key: DurableFile creates it 0600 before a byte is written.
    const auto written = DurableFile::write(target, QJsonDocument(merged).toJson(QJsonDocument::Indented));
    if (!written)
        return fail(QCoreApplication::translate("Config", "%1: cannot write (%2)").arg(target, written.error()));
    return true;
}
} // namespace

Result Config::save(const QString &path) const
{
    const QJsonObject ours = toJson();
    // Keys we know are rewritten from our values (defaults drop out); unknown keys of the file survive.
    return rewrite(path.isEmpty() ? configPath : path, [&ours](QJsonObject &merged) {
        for (const QString &key : knownKeys())
            merged.remove(key);
        for (auto it = ours.begin(); it != ours.end(); ++it)
            merged.insert(it.key(), it.value());
    });
}

Result Config::saveKeys(const QStringList &keys) const
{
    const QJsonObject ours = toJson();
    return rewrite(configPath, [&ours, &keys](QJsonObject &merged) {
        for (const QString &key : keys) {
            if (ours.contains(key))
                merged.insert(key, ours.value(key));
            else
                merged.remove(key);
        }
    });
}
