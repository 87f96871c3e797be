// SPDX-License-Identifier: MIT
// Settings: what changed is computed from the setting table, so a new row is announced without code here.
#include "config/settings.h"

#include <QLoggingCategory>

#include "common/redactor.h"
#include "config/settingdescriptor.h"

Q_LOGGING_CATEGORY(lcSettings, "kiro.proxy.settings")

namespace {
// The values of the rows marked .secret() (API keys, proxy password): known to the Redactor while they are live.
void registerSecrets(const Config &config, bool registering)
{
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        if (!setting.secret)
            continue;
        const QString value = setting.get(config).toString();
        if (registering)
            Redactor::registerSecret(value);
        else
            Redactor::unregisterSecret(value);
    }
}
} // namespace

Settings::Settings(const Config &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{
    registerSecrets(m_config, true);
}

Settings::~Settings()
{
    registerSecrets(m_config, false);
}

Expected<QStringList, QString> Settings::apply(const Config &next)
{
    const auto valid = next.validate();
    if (!valid)
        return Expected<QStringList, QString>::failure(valid.error());
    const QStringList keys = changedKeys(m_config, next);
    // Saved first: a value that cannot be kept is not made live either.
    if (!keys.isEmpty() && !next.configPath.isEmpty()) {
        const auto saved = next.saveKeys(keys); // only what changed: values from the environment stay out
        if (!saved)
            return Expected<QStringList, QString>::failure(saved.error());
    }
    registerSecrets(next, true);
    registerSecrets(m_config, false);
    m_config = next;
    for (const QString &key : keys) {
        if (const SettingDescriptor *setting = SettingDescriptor::find(key))
            qCInfo(lcSettings).noquote() << key << QLatin1String("=") << setting->displayValue(m_config);
    }
    for (const QString &key : keys)
        emit changed(key);
    return keys;
}

QStringList Settings::changedKeys(const Config &a, const Config &b)
{
    QStringList keys;
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        if (setting.get(a) != setting.get(b))
            keys.append(setting.key);
    }
    return keys;
}

bool Settings::needsRestart(const QStringList &keys)
{
    for (const QString &key : keys) {
        const SettingDescriptor *setting = SettingDescriptor::find(key);
        if (setting && setting->restartsListener)
            return true;
    }
    return false;
}
