// SPDX-License-Identifier: MIT
// Config: parsing config.json (with line/column errors), environment variables, validation, atomic save.
#include "config/config.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStandardPaths>

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

bool parseBool(const QString &s, bool *ok)
{
    const QString v = s.trimmed().toLower();
    *ok = true;
    if (v == QLatin1String("1") || v == QLatin1String("true") || v == QLatin1String("yes") || v == QLatin1String("on"))
        return true;
    if (v == QLatin1String("0") || v == QLatin1String("false") || v == QLatin1String("no") ||
        v == QLatin1String("off") || v.isEmpty())
        return false;
    *ok = false;
    return false;
}

// Every key config.json may hold: unknown ones are reported, ours are rewritten on save.
const QStringList &knownKeys()
{
    static const QStringList keys = {QStringLiteral("host"),
                                     QStringLiteral("port"),
                                     QStringLiteral("apiKey"),
                                     QStringLiteral("adminApiKey"),
                                     QStringLiteral("region"),
                                     QStringLiteral("kiroVersion"),
                                     QStringLiteral("machineId"),
                                     QStringLiteral("systemVersion"),
                                     QStringLiteral("nodeVersion"),
                                     QStringLiteral("agentMode"),
                                     QStringLiteral("apiEndpoint"),
                                     QStringLiteral("socialAuthEndpoint"),
                                     QStringLiteral("idcAuthEndpoint"),
                                     QStringLiteral("proxyUrl"),
                                     QStringLiteral("proxyUsername"),
                                     QStringLiteral("proxyPassword"),
                                     QStringLiteral("strategy"),
                                     QStringLiteral("secretStore"),
                                     QStringLiteral("language"),
                                     QStringLiteral("connectTimeoutMs"),
                                     QStringLiteral("firstByteTimeoutMs"),
                                     QStringLiteral("idleTimeoutMs"),
                                     QStringLiteral("pingIntervalMs"),
                                     QStringLiteral("maxUpstreamRetries"),
                                     QStringLiteral("cooldownMinutes"),
                                     QStringLiteral("cooldownScanMinutes"),
                                     QStringLiteral("exhaustedScanMinutes"),
                                     QStringLiteral("quotaRefreshMinutes"),
                                     QStringLiteral("logSize"),
                                     QStringLiteral("maxBodyMiB"),
                                     QStringLiteral("poolMode"),
                                     QStringLiteral("sessionStickiness"),
                                     QStringLiteral("startAtLogin"),
                                     QStringLiteral("modelAliases")};
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
    auto keyError = [&file](const QString &key, const QString &what) {
        return fail(QStringLiteral("%1: \"%2\" %3").arg(file, key, what));
    };
    auto str = [&](const char *key, QString &out) -> std::optional<Result> {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isString())
            return keyError(QLatin1String(key), QStringLiteral("must be a string"));
        out = v.toString();
        return std::nullopt;
    };
    auto integer = [&](const char *key, int lo, int hi, int &out) -> std::optional<Result> {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        const double d = v.toDouble(-1e300);
        if (!v.isDouble() || d != double(qint64(d)) || d < lo || d > hi)
            return keyError(QLatin1String(key), QStringLiteral("must be an integer between %1 and %2").arg(lo).arg(hi));
        out = int(d);
        return std::nullopt;
    };
    auto boolean = [&](const char *key, bool &out) -> std::optional<Result> {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isBool())
            return keyError(QLatin1String(key), QStringLiteral("must be true or false"));
        out = v.toBool();
        return std::nullopt;
    };

    const std::pair<const char *, QString *> strings[] = {{"host", &c.host},
                                                          {"apiKey", &c.apiKey},
                                                          {"adminApiKey", &c.adminApiKey},
                                                          {"region", &c.region},
                                                          {"kiroVersion", &c.kiroVersion},
                                                          {"machineId", &c.machineId},
                                                          {"systemVersion", &c.systemVersion},
                                                          {"nodeVersion", &c.nodeVersion},
                                                          {"agentMode", &c.agentMode},
                                                          {"apiEndpoint", &c.apiEndpoint},
                                                          {"socialAuthEndpoint", &c.socialAuthEndpoint},
                                                          {"idcAuthEndpoint", &c.idcAuthEndpoint},
                                                          {"proxyUrl", &c.proxyUrl},
                                                          {"proxyUsername", &c.proxyUsername},
                                                          {"proxyPassword", &c.proxyPassword},
                                                          {"strategy", &c.strategy},
                                                          {"secretStore", &c.secretStore},
                                                          {"language", &c.language}};
    for (const auto &[key, target] : strings) {
        if (auto e = str(key, *target))
            return *e;
    }
    const std::tuple<const char *, int, int, int *> ints[] = {
        {"port", 0, 65535, &c.port},
        {"connectTimeoutMs", 100, 600000, &c.connectTimeoutMs},
        {"firstByteTimeoutMs", 100, 3600000, &c.firstByteTimeoutMs},
        {"idleTimeoutMs", 100, 3600000, &c.idleTimeoutMs},
        {"pingIntervalMs", 100, 600000, &c.pingIntervalMs},
        {"maxUpstreamRetries", 0, 10, &c.maxUpstreamRetries},
        {"cooldownMinutes", 1, 1440, &c.cooldownMinutes},
        {"cooldownScanMinutes", 1, 1440, &c.cooldownScanMinutes},
        {"exhaustedScanMinutes", 1, 10080, &c.exhaustedScanMinutes},
        {"quotaRefreshMinutes", 1, 10080, &c.quotaRefreshMinutes},
        {"logSize", 10, 1000000, &c.logSize}};
    for (const auto &[key, lo, hi, target] : ints) {
        if (auto e = integer(key, lo, hi, *target))
            return *e;
    }
    int maxBodyMiB = int(c.maxBodyBytes / (1024 * 1024));
    if (auto e = integer("maxBodyMiB", 1, 1024, maxBodyMiB))
        return *e;
    c.maxBodyBytes = qint64(maxBodyMiB) * 1024 * 1024;
    for (const auto &[key, target] : {std::pair<const char *, bool *>{"poolMode", &c.poolMode},
                                      {"sessionStickiness", &c.sessionStickiness},
                                      {"startAtLogin", &c.startAtLogin}}) {
        if (auto e = boolean(key, *target))
            return *e;
    }
    const QJsonValue aliases = o.value(QStringLiteral("modelAliases"));
    if (!aliases.isUndefined() && !aliases.isNull()) {
        if (!aliases.isObject())
            return keyError(QStringLiteral("modelAliases"),
                            QStringLiteral("must be an object of \"client id\": \"kiro id\""));
        c.modelAliases.clear();
        const QJsonObject a = aliases.toObject();
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (!it.value().isString())
                return keyError(QStringLiteral("modelAliases.") + it.key(), QStringLiteral("must be a string"));
            c.modelAliases.insert(it.key(), it.value().toString());
        }
    }
    const QStringList &known = knownKeys();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key()))
            qCWarning(lcConfig).noquote() << QStringLiteral("%1: unknown key \"%2\" ignored").arg(file, it.key());
    }
    return true;
}

Result Config::validate() const
{
    QHostAddress address;
    if (host != QLatin1String("localhost") && !address.setAddress(host))
        return fail(QStringLiteral("host \"%1\" is not an IP address (or \"localhost\")").arg(host));
    if (port < 0 || port > 65535)
        return fail(QStringLiteral("port %1 is outside 0–65535").arg(port));
    for (const auto &[name, value] : {std::pair<const char *, QString>{"apiEndpoint", apiEndpoint},
                                      {"socialAuthEndpoint", socialAuthEndpoint},
                                      {"idcAuthEndpoint", idcAuthEndpoint}}) {
        const QUrl url = endpoint(value, region);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            url.host().isEmpty())
            return fail(
                QStringLiteral("%1 \"%2\" must be an http(s) URL template such as https://q.{region}.amazonaws.com")
                    .arg(QLatin1String(name), value));
    }
    if (!proxyUrl.isEmpty() && proxyUrl != QLatin1String("direct")) {
        const QUrl url(proxyUrl);
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty() ||
            (scheme != QLatin1String("http") && scheme != QLatin1String("https") && scheme != QLatin1String("socks5")))
            return fail(QStringLiteral(
                            "proxyUrl \"%1\" must look like http://host:port, https://host:port or socks5://host:port")
                            .arg(url.toDisplayString(QUrl::RemoveUserInfo)));
    }
    static const QStringList strategies = {QStringLiteral("round-robin"), QStringLiteral("random"),
                                           QStringLiteral("least-used"), QStringLiteral("sequential-exhaust")};
    if (!strategies.contains(strategy))
        return fail(
            QStringLiteral("strategy \"%1\" must be one of %2").arg(strategy, strategies.join(QStringLiteral(", "))));
    if (secretStore != QLatin1String("auto") && secretStore != QLatin1String("keychain") &&
        secretStore != QLatin1String("file"))
        return fail(QStringLiteral("secretStore \"%1\" must be auto, keychain or file").arg(secretStore));
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

    // Environment (the seed's names first, then ours).
    auto envString = [&env](const char *name, QString &out) {
        if (env.contains(QLatin1String(name)))
            out = env.value(QLatin1String(name));
    };
    envString("HOST", c.host);
    envString("API_KEY", c.apiKey);
    envString("ADMIN_API_KEY", c.adminApiKey);
    envString("REGION", c.region);
    envString("KIRO_VERSION", c.kiroVersion);
    envString("MACHINE_ID", c.machineId);
    envString("SYSTEM_VERSION", c.systemVersion);
    envString("NODE_VERSION", c.nodeVersion);
    envString("PROXY_URL", c.proxyUrl);
    envString("PROXY_USERNAME", c.proxyUsername);
    envString("PROXY_PASSWORD", c.proxyPassword);
    envString("KIRO_API_ENDPOINT", c.apiEndpoint);
    envString("KIRO_SOCIAL_AUTH_ENDPOINT", c.socialAuthEndpoint);
    envString("KIRO_IDC_AUTH_ENDPOINT", c.idcAuthEndpoint);
    envString("STRATEGY", c.strategy);
    envString("SECRET_STORE", c.secretStore);
    if (env.contains(QStringLiteral("PORT"))) {
        bool ok = false;
        const int p = env.value(QStringLiteral("PORT")).toInt(&ok);
        if (!ok || p < 0 || p > 65535)
            return Expected<Config, QString>::failure(
                QStringLiteral("environment: PORT must be a number between 0 and 65535"));
        c.port = p;
    }
    if (env.contains(QStringLiteral("POOL_MODE"))) {
        bool ok = false;
        c.poolMode = parseBool(env.value(QStringLiteral("POOL_MODE")), &ok);
        if (!ok)
            return Expected<Config, QString>::failure(QStringLiteral("environment: POOL_MODE must be true or false"));
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
    if (!overrides.host.isEmpty())
        c.host = overrides.host;
    if (overrides.port)
        c.port = *overrides.port;

    const auto valid = c.validate();
    if (!valid)
        return Expected<Config, QString>::failure(QStringLiteral("configuration: %1").arg(valid.error()));
    return c;
}

QJsonObject Config::toJson() const
{
    QJsonObject o;
    const Config d;
    auto put = [&o](const char *key, const QString &value, const QString &def) {
        if (value != def)
            o.insert(QLatin1String(key), value);
    };
    auto putInt = [&o](const char *key, int value, int def) {
        if (value != def)
            o.insert(QLatin1String(key), value);
    };
    put("host", host, d.host);
    putInt("port", port, d.port);
    put("apiKey", apiKey, d.apiKey);
    put("adminApiKey", adminApiKey, d.adminApiKey);
    put("region", region, d.region);
    put("kiroVersion", kiroVersion, d.kiroVersion);
    put("machineId", machineId, d.machineId);
    put("systemVersion", systemVersion, d.systemVersion);
    put("nodeVersion", nodeVersion, d.nodeVersion);
    put("agentMode", agentMode, d.agentMode);
    put("apiEndpoint", apiEndpoint, d.apiEndpoint);
    put("socialAuthEndpoint", socialAuthEndpoint, d.socialAuthEndpoint);
    put("idcAuthEndpoint", idcAuthEndpoint, d.idcAuthEndpoint);
    put("proxyUrl", proxyUrl, d.proxyUrl);
    put("proxyUsername", proxyUsername, d.proxyUsername);
    put("proxyPassword", proxyPassword, d.proxyPassword);
    put("strategy", strategy, d.strategy);
    put("secretStore", secretStore, d.secretStore);
    put("language", language, d.language);
    putInt("connectTimeoutMs", connectTimeoutMs, d.connectTimeoutMs);
    putInt("firstByteTimeoutMs", firstByteTimeoutMs, d.firstByteTimeoutMs);
    putInt("idleTimeoutMs", idleTimeoutMs, d.idleTimeoutMs);
    putInt("pingIntervalMs", pingIntervalMs, d.pingIntervalMs);
    putInt("maxUpstreamRetries", maxUpstreamRetries, d.maxUpstreamRetries);
    putInt("cooldownMinutes", cooldownMinutes, d.cooldownMinutes);
    putInt("cooldownScanMinutes", cooldownScanMinutes, d.cooldownScanMinutes);
    putInt("exhaustedScanMinutes", exhaustedScanMinutes, d.exhaustedScanMinutes);
    putInt("quotaRefreshMinutes", quotaRefreshMinutes, d.quotaRefreshMinutes);
    putInt("logSize", logSize, d.logSize);
    putInt("maxBodyMiB", int(maxBodyBytes / (1024 * 1024)), int(d.maxBodyBytes / (1024 * 1024)));
    if (poolMode != d.poolMode)
        o.insert(QStringLiteral("poolMode"), poolMode);
    if (sessionStickiness != d.sessionStickiness)
        o.insert(QStringLiteral("sessionStickiness"), sessionStickiness);
    if (startAtLogin != d.startAtLogin)
        o.insert(QStringLiteral("startAtLogin"), startAtLogin);
    if (!modelAliases.isEmpty()) {
        QJsonObject a;
        for (auto it = modelAliases.cbegin(); it != modelAliases.cend(); ++it)
            a.insert(it.key(), it.value());
        o.insert(QStringLiteral("modelAliases"), a);
    }
    return o;
}

Result Config::save(const QString &path) const
{
    const QString target = path.isEmpty() ? configPath : path;
    if (target.isEmpty())
        return fail(QStringLiteral("no config file path"));
    QJsonObject merged;
    QFile existing(target);
    if (existing.open(QIODevice::ReadOnly))
        merged = QJsonDocument::fromJson(existing.readAll()).object();
    existing.close();
    const QJsonObject ours = toJson();
    // Keys we know are rewritten from our values (defaults drop out); unknown keys of the file survive.
    for (const QString &key : knownKeys())
        merged.remove(key);
    for (auto it = ours.begin(); it != ours.end(); ++it)
        merged.insert(it.key(), it.value());

    QDir().mkpath(QFileInfo(target).absolutePath());
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("%1: cannot write (%2)").arg(target, out.errorString()));
    out.write(QJsonDocument(merged).toJson(QJsonDocument::Indented));
    // config.json may hold the client API key: keep it private to the user.
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!out.commit())
        return fail(QStringLiteral("%1: cannot write (%2)").arg(target, out.errorString()));
    return true;
}
