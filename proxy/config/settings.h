// SPDX-License-Identifier: MIT
// Settings: the one owner of the live Config; apply() checks, saves, replaces and names what changed.
#pragma once

#include <QObject>
#include <QStringList>

#include "common/expected.h"
#include "config/config.h"

/// Owns the live Config and announces each setting that changes.
class Settings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Settings)
public:
    explicit Settings(const Config &config, QObject *parent = nullptr);
    ~Settings() override;

    /// The live values; the reference stays valid (and is updated in place) for this object's lifetime.
    const Config &config() const { return m_config; }

    /// Validates `next`, writes config.json (when configPath is set), makes `next` live and emits changed() once
    /// per changed key, after all values are replaced. Returns the changed keys; on an error nothing changes.
    Expected<QStringList, QString> apply(const Config &next);

    /// Keys (SettingDescriptor order) whose values differ between `a` and `b`.
    static QStringList changedKeys(const Config &a, const Config &b);
    /// Whether any of `keys` needs the listener restarted (host, port).
    static bool needsRestart(const QStringList &keys);

signals:
    void changed(const QString &key);

private:
    Config m_config;
};
