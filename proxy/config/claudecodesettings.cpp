// SPDX-License-Identifier: MIT
// ClaudeCodeSettings: a parse-modify-write of one JSON object; the writes go through DurableFile, the backup first.
#include "config/claudecodesettings.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include "common/durablefile.h"

namespace {

const QString kEnv = QStringLiteral("env");

/// The file's object, or why it cannot be edited. Empty (or blank) content is an empty object.
Expected<QJsonObject, QString> parseObject(const QByteArray &bytes)
{
    if (bytes.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        // The line of the error helps the user find it; offset is in bytes.
        const int line = int(bytes.left(error.offset).count('\n')) + 1;
        return Expected<QJsonObject, QString>::failure(
            ClaudeCodeSettings::tr("The file is not valid JSON (line %1: %2). Kiro Tray leaves it as it is; correct "
                                   "it or move it away, then try again.")
                .arg(line)
                .arg(error.errorString()));
    }
    if (!doc.isObject())
        return Expected<QJsonObject, QString>::failure(ClaudeCodeSettings::tr(
            "The file does not hold a JSON object ({ … }). Kiro Tray leaves it as it is; correct it or move it away, "
            "then try again."));
    const QJsonValue env = doc.object().value(kEnv);
    if (!env.isUndefined() && !env.isObject())
        return Expected<QJsonObject, QString>::failure(
            ClaudeCodeSettings::tr("Its \"env\" entry is not a JSON object. Kiro Tray leaves the file as it is."));
    return doc.object();
}

/// A member's value as the diff shows it: a string as itself, anything else as compact JSON.
QString shown(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    const QByteArray json = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

ClaudeCodeSettings::Change change(const QJsonObject &before, const QJsonObject &after, const QString &key)
{
    ClaudeCodeSettings::Change c;
    c.key = key;
    c.had = before.contains(key);
    c.before = shown(before.value(key));
    c.has = after.contains(key);
    c.after = shown(after.value(key));
    return c;
}

Expected<ClaudeCodeSettings::Plan, QString> plan(const QByteArray &original, bool existed, const QString &endpoint,
                                                 const QString &apiKey, bool configure)
{
    using Result = Expected<ClaudeCodeSettings::Plan, QString>;
    const auto parsed = parseObject(original);
    if (!parsed)
        return Result::failure(parsed.error());
    QJsonObject root = parsed.value();
    const QJsonObject before = root.value(kEnv).toObject();
    QJsonObject env = before;
    const QString baseUrlKey = QLatin1String(ClaudeCodeSettings::kBaseUrlKey);
    const QString apiKeyKey = QLatin1String(ClaudeCodeSettings::kApiKeyKey);
    const QList<QPair<QString, QString>> ours = {{baseUrlKey, endpoint}, {apiKeyKey, apiKey}};
    for (const auto &[key, value] : ours) {
        if (configure)
            env.insert(key, value);
        else if (env.value(key) == QJsonValue(value))
            env.remove(key);
    }
    ClaudeCodeSettings::Plan p;
    p.existed = existed;
    p.original = original;
    for (const auto &member : ours) {
        if (env.contains(member.first) != before.contains(member.first) ||
            env.value(member.first) != before.value(member.first))
            p.changes.append(change(before, env, member.first));
    }
    if (p.changes.isEmpty()) {
        p.updated = original;
        return p;
    }
    if (env.isEmpty())
        root.remove(kEnv);
    else
        root.insert(kEnv, env);
    p.updated = QJsonDocument(root).toJson(QJsonDocument::Indented);
    return p;
}

/// The file a write must replace: the target of a symbolic link (the link stays a link).
QString writeTarget(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isSymLink())
        return path;
    const QString target = info.symLinkTarget();
    return target.isEmpty() ? path : target;
}

Expected<QByteArray, QString> readFile(const QString &path, bool *existed)
{
    QFile file(path);
    *existed = file.exists();
    if (!*existed)
        return QByteArray();
    if (!file.open(QIODevice::ReadOnly))
        return Expected<QByteArray, QString>::failure(
            ClaudeCodeSettings::tr("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return file.readAll();
}

Expected<ClaudeCodeSettings::Plan, QString> readAndPlan(const QString &path, const QString &endpoint,
                                                        const QString &apiKey, bool configure)
{
    bool existed = false;
    const auto bytes = readFile(path, &existed);
    if (!bytes)
        return Expected<ClaudeCodeSettings::Plan, QString>::failure(bytes.error());
    return plan(bytes.value(), existed, endpoint, apiKey, configure);
}

} // namespace

QString ClaudeCodeSettings::path(const QString &home)
{
    return QDir(home).filePath(QStringLiteral(".claude/settings.json"));
}

Expected<ClaudeCodeSettings::Plan, QString> ClaudeCodeSettings::planConfigure(const QByteArray &original, bool existed,
                                                                              const QString &endpoint,
                                                                              const QString &apiKey)
{
    return plan(original, existed, endpoint, apiKey, true);
}

Expected<ClaudeCodeSettings::Plan, QString>
ClaudeCodeSettings::planRemove(const QByteArray &original, bool existed, const QString &endpoint, const QString &apiKey)
{
    return plan(original, existed, endpoint, apiKey, false);
}

Expected<ClaudeCodeSettings::Plan, QString>
ClaudeCodeSettings::readAndPlanConfigure(const QString &path, const QString &endpoint, const QString &apiKey)
{
    return readAndPlan(path, endpoint, apiKey, true);
}

Expected<ClaudeCodeSettings::Plan, QString>
ClaudeCodeSettings::readAndPlanRemove(const QString &path, const QString &endpoint, const QString &apiKey)
{
    return readAndPlan(path, endpoint, apiKey, false);
}

bool ClaudeCodeSettings::isConfigured(const QString &path, const QString &endpoint, const QString &apiKey)
{
    // Configured = configuring again would change nothing.
    const auto p = readAndPlan(path, endpoint, apiKey, true);
    return p && p->existed && p->changes.isEmpty();
}

Expected<QString, QString> ClaudeCodeSettings::apply(const QString &path, const Plan &plan)
{
    using Result = Expected<QString, QString>;
    const QString target = writeTarget(path);
    bool existed = false;
    const auto now = readFile(target, &existed);
    if (!now)
        return Result::failure(now.error());
    if (existed != plan.existed || now.value() != plan.original)
        return Result::failure(tr("%1 changed in the meantime (another program wrote it). Nothing was written; try "
                                  "again to see the new changes.")
                                   .arg(QDir::toNativeSeparators(path)));
    if (plan.changes.isEmpty())
        return QString();
    QString backup;
    QFileDevice::Permissions mode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (existed) {
        mode = QFile::permissions(target);
        backup = backupPath(target);
        const auto saved = DurableFile::write(backup, plan.original);
        if (!saved)
            return Result::failure(
                tr("The backup could not be written, so the settings were left as they are: %1").arg(saved.error()));
    }
    const auto written = DurableFile::write(target, plan.updated);
    if (!written)
        return Result::failure(tr("The settings could not be written: %1").arg(written.error()));
    // DurableFile writes 0600; a file that was already there keeps the mode its owner gave it, except that a file
    // holding an API key is nobody else's to read (a 0644 settings.json becomes 0600 while it holds the key).
    if (plan.updated.contains("ANTHROPIC_API_KEY"))
        mode &= QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadUser |
                QFileDevice::WriteUser | QFileDevice::ExeUser;
    if (existed && mode != QFile::permissions(target) && !QFile::setPermissions(target, mode))
        return Result::failure(tr("The settings were written, but their file mode could not be restored."));
    return backup;
}

QString ClaudeCodeSettings::backupPath(const QString &path)
{
    const QString stem =
        path + QStringLiteral(".kiro-tray-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString candidate = stem + QStringLiteral(".bak");
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = stem + QStringLiteral("-%1.bak").arg(n);
    return candidate;
}

QString ClaudeCodeSettings::masked(const QString &secret)
{
    if (secret.isEmpty())
        return {};
    // Keep a recognisable prefix ("kt-") and the last four characters; a short secret shows nothing of itself.
    const QString dots(8, QChar(0x2022));
    if (secret.size() < 12)
        return dots;
    const qsizetype dash = secret.indexOf(QLatin1Char('-'));
    const QString prefix = dash > 0 && dash <= 4 ? secret.left(dash + 1) : QString();
    return prefix + dots + secret.right(4);
}
