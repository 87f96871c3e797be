// SPDX-License-Identifier: MIT
// UiState: one QSettings per file (QSettings writes through QSaveFile, so a crash leaves the old file), or a map.
#include "uistate.h"

#include <QHash>
#include <QHeaderView>
#include <QSettings>
#include <memory>

namespace {
struct Store
{
    QString path;
    std::unique_ptr<QSettings> settings;
    QHash<QString, QVariant> memory;
};

Store &store()
{
    static Store s;
    return s;
}
} // namespace

namespace UiState {
void setFile(const QString &path)
{
    Store &s = store();
    if (s.settings)
        s.settings->sync();
    s.path = path;
    s.settings = path.isEmpty() ? nullptr : std::make_unique<QSettings>(path, QSettings::IniFormat);
    s.memory.clear();
}

QString file()
{
    return store().path;
}

QVariant value(const QString &key, const QVariant &fallback)
{
    Store &s = store();
    if (s.settings)
        return s.settings->value(key, fallback);
    return s.memory.value(key, fallback);
}

void setValue(const QString &key, const QVariant &value)
{
    Store &s = store();
    if (s.settings)
        s.settings->setValue(key, value);
    else
        s.memory.insert(key, value);
}

void sync()
{
    if (store().settings)
        store().settings->sync();
}

void rememberHeader(QHeaderView *header, const QString &key)
{
    const QByteArray saved = value(key).toByteArray();
    if (!saved.isEmpty())
        header->restoreState(saved);
    // setValue only marks the file dirty; QSettings writes it once, later, however many times a drag resizes.
    const auto save = [header, key] { setValue(key, header->saveState()); };
    QObject::connect(header, &QHeaderView::sectionResized, header, save);
    QObject::connect(header, &QHeaderView::sectionMoved, header, save);
}
} // namespace UiState
