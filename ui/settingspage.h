// SPDX-License-Identifier: MIT
// SettingsPage: every shown setting with validation; Apply restarts the listener when needed and shows what failed.
#pragma once

#include <QList>
#include <QWidget>

#include "common/expected.h"

struct Config;
struct SettingDescriptor;
class ProxyService;
class QCheckBox;
class QLabel;
class QVariant;

/// The Settings tab: a form built from SettingDescriptor::all(); each field's objectName is its setting's key.
class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)
public:
    explicit SettingsPage(ProxyService &service, QWidget *parent = nullptr);

    /// The form's values as a Config, or what is wrong with them.
    Expected<Config, QString> collect() const;

public slots:
    bool apply();
    void revert();

private:
    struct Field
    {
        const SettingDescriptor *setting;
        QWidget *widget;
    };
    static QWidget *createField(const SettingDescriptor &setting, QWidget *parent);
    static void setFieldValue(const Field &field, const QVariant &value);
    static QVariant fieldValue(const Field &field);

    ProxyService &m_service;
    QList<Field> m_fields;
    QCheckBox *m_autostart = nullptr;
    QLabel *m_message;
};
