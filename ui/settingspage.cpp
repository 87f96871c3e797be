// SPDX-License-Identifier: MIT
// SettingsPage: the form follows the setting table; the page only edits a copy of the live Config.
#include "settingspage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include "autostart.h"
#include "config/config.h"
#include "config/settingdescriptor.h"
#include "config/settings.h"
#include "proxyservice.h"
#include "server/proxyserver.h"

using Widget = SettingDescriptor::Widget;
using Group = SettingDescriptor::Group;

SettingsPage::SettingsPage(ProxyService &service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_message(new QLabel(this))
{
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    // A setting changed elsewhere (the tray's strategy menu, /api/strategy) shows here at once, so that Apply never
    // writes an older value back.
    connect(&m_service.settings(), &Settings::changed, this, [this](const QString &key) {
        for (const Field &field : std::as_const(m_fields)) {
            if (field.setting->key == key)
                setFieldValue(field, field.setting->get(m_service.config()));
        }
    });

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    // A group box per group, in the order the table first names it; fields in table order.
    QMap<Group, QFormLayout *> forms;
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        const Group group = setting.page.group;
        if (group == Group::Hidden)
            continue;
        QFormLayout *&form = forms[group];
        if (!form) {
            auto *box = new QGroupBox(tr(SettingDescriptor::groupTitle(group)), content);
            form = new QFormLayout(box);
            contentLayout->addWidget(box);
        }
        QWidget *widget = createField(setting, form->parentWidget());
        m_fields.append({&setting, widget});
        if (setting.page.widget == Widget::CheckBox)
            form->addRow(QString(), widget); // the check box carries its own text
        else
            form->addRow(tr(setting.page.label), widget);
    }
    contentLayout->addStretch(1);
    m_autostart = findChild<QCheckBox *>(QStringLiteral("startAtLogin"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Reset, this);
    buttons->button(QDialogButtonBox::Reset)->setText(tr("Revert"));
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsPage::apply);
    connect(buttons->button(QDialogButtonBox::Reset), &QPushButton::clicked, this, &SettingsPage::revert);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    revert();
}

QWidget *SettingsPage::createField(const SettingDescriptor &setting, QWidget *parent)
{
    const SettingDescriptor::Presentation &page = setting.page;
    QWidget *widget = nullptr;
    switch (page.widget) {
    case Widget::Text:
    case Widget::Password: {
        auto *edit = new QLineEdit(parent);
        if (page.widget == Widget::Password)
            edit->setEchoMode(QLineEdit::Password);
        if (page.hint)
            edit->setPlaceholderText(tr(page.hint));
        widget = edit;
        break;
    }
    case Widget::Integer: {
        auto *spin = new QSpinBox(parent);
        spin->setRange(setting.minimum, setting.maximum);
        if (page.hint)
            spin->setSpecialValueText(tr(page.hint));
        widget = spin;
        break;
    }
    case Widget::CheckBox:
        widget = new QCheckBox(tr(page.label), parent);
        break;
    case Widget::Choice: {
        auto *combo = new QComboBox(parent);
        for (const SettingDescriptor::Choice &choice : setting.choices) {
            combo->addItem(setting.choiceLabel(choice.value), choice.value);
        }
        widget = combo;
        break;
    }
    }
    widget->setObjectName(setting.key);
    return widget;
}

void SettingsPage::setFieldValue(const Field &field, const QVariant &value)
{
    switch (field.setting->page.widget) {
    case Widget::Text:
    case Widget::Password:
        static_cast<QLineEdit *>(field.widget)->setText(value.toString());
        break;
    case Widget::Integer:
        static_cast<QSpinBox *>(field.widget)->setValue(value.toInt());
        break;
    case Widget::CheckBox:
        static_cast<QCheckBox *>(field.widget)->setChecked(value.toBool());
        break;
    case Widget::Choice: {
        auto *combo = static_cast<QComboBox *>(field.widget);
        combo->setCurrentIndex(qMax(0, combo->findData(value)));
        break;
    }
    }
}

QVariant SettingsPage::fieldValue(const Field &field)
{
    switch (field.setting->page.widget) {
    case Widget::Text:
    case Widget::Password: {
        const QString text = static_cast<QLineEdit *>(field.widget)->text();
        return field.setting->page.trimmed ? text.trimmed() : text;
    }
    case Widget::Integer:
        return static_cast<QSpinBox *>(field.widget)->value();
    case Widget::CheckBox:
        return static_cast<QCheckBox *>(field.widget)->isChecked();
    case Widget::Choice:
        return static_cast<QComboBox *>(field.widget)->currentData().toString();
    }
    return {};
}

void SettingsPage::revert()
{
    const Config &c = m_service.config();
    for (const Field &field : m_fields)
        setFieldValue(field, field.setting->get(c));
    // Start at login shows whether the autostart entry exists: it may have been removed outside the app.
    if (m_autostart)
        m_autostart->setChecked(Autostart::isEnabled());
    m_message->clear();
}

Expected<Config, QString> SettingsPage::collect() const
{
    Config c = m_service.config();
    for (const Field &field : m_fields)
        field.setting->set(c, fieldValue(field));
    const QString exposed = ProxyServer::exposureProblem(c.host, c.apiKey);
    if (!exposed.isEmpty())
        return Expected<Config, QString>::failure(exposed);
    const auto valid = c.validate();
    if (!valid)
        return Expected<Config, QString>::failure(valid.error());
    return c;
}

bool SettingsPage::apply()
{
    const auto collected = collect();
    if (!collected) {
        m_message->setText(
            QStringLiteral("<span style='color:#d03a3a'>%1</span>").arg(collected.error().toHtmlEscaped()));
        return false;
    }
    QStringList atNextStart; // e.g. the secret store: opened once, when the app starts
    for (const QString &key : Settings::changedKeys(m_service.config(), collected.value())) {
        const SettingDescriptor *setting = SettingDescriptor::find(key);
        if (setting && setting->appliesAtStart)
            atNextStart.append(tr(setting->page.label).remove(QRegularExpression(QStringLiteral("[:：]\\s*$"))));
    }
    const auto applied = m_service.applyConfig(collected.value());
    if (!applied) {
        // Keep the user's input so they can fix it.
        m_message->setText(QStringLiteral("<span style='color:#d03a3a'>%1</span>")
                               .arg(tr("Not applied: %1").arg(applied.error()).toHtmlEscaped()));
        return false;
    }
    const auto autostart = Autostart::setEnabled(collected->startAtLogin);
    QString text = autostart ? tr("Settings applied.")
                             : tr("Settings applied, but start at login failed: %1").arg(autostart.error());
    if (!atNextStart.isEmpty())
        text += QLatin1Char(' ') +
                tr("Takes effect when Kiro Tray starts again: %1.").arg(atNextStart.join(QStringLiteral(", ")));
    m_message->setText(text);
    return true;
}
