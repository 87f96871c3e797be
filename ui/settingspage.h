// SPDX-License-Identifier: MIT
// SettingsPage: every shown setting with validation at its field; Apply restarts the listener when needed, says how
// many edits wait, and shows what failed where it failed.
#pragma once

#include <QHash>
#include <QList>
#include <QWidget>

#include "common/expected.h"

struct Config;
struct SettingDescriptor;
class ProxyService;
class QCheckBox;
class QLabel;
class QPushButton;
class QToolButton;
class QVariant;

/// The Settings tab: a form built from SettingDescriptor::all(); each field's objectName is its setting's key, its
/// error line's objectName is the key + "Error". Rows marked advanced sit in a collapsed "Advanced" section whose
/// state UiState remembers ("settings/advancedOpen"). Edits stay until applied or reverted, marked in bold.
class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)
public:
    explicit SettingsPage(ProxyService &service, QWidget *parent = nullptr);

    /// The form's values as a Config, or what is wrong with them (the first problem, naming its field).
    Expected<Config, QString> collect() const;
    /// How many fields differ from the live settings.
    int pendingChanges() const;
    bool advancedShown() const;

public slots:
    bool apply();
    void revert();
    void setAdvancedShown(bool shown);

signals:
    /// The number of unapplied edits changed (0 once applied or reverted).
    void pendingChangesChanged(int count);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Field
    {
        const SettingDescriptor *setting;
        QWidget *widget;
        QWidget *markable; ///< the label (or the check box) that turns bold while the field has an unapplied edit
        QLabel *error;     ///< under the field; hidden while the value is fine
    };
    static QWidget *createField(const SettingDescriptor &setting, QWidget *parent);
    static void setFieldValue(const Field &field, const QVariant &value);
    static QVariant fieldValue(const Field &field);
    QVariant liveValue(const Field &field) const;
    bool isChanged(const Field &field) const;
    /// What is wrong, by setting key: each field's own check, then exposing the quota (shown at the API key).
    QHash<QString, QString> problems(const Config &candidate) const;
    Config candidate() const;
    void showProblems(const QHash<QString, QString> &problems);
    void setFieldProblem(const Field &field, const QString &problem);
    /// After a failed Apply: when the new address cannot be listened on, says so at the port or host field and
    /// returns what it said (empty when the address is free and the failure was something else).
    QString explainListenFailure(const Config &next);
    void fieldEdited(const Field &field);
    void updatePending();
    void alignLabels();
    void assignMnemonics();
    void setMessage(const QString &text, bool error);

    ProxyService &m_service;
    QList<Field> m_fields;
    QCheckBox *m_autostart = nullptr;
    bool m_autostartLive = false;
    QLabel *m_message;
    bool m_messageIsError = false;
    QPushButton *m_apply = nullptr;
    QPushButton *m_revert = nullptr;
    QToolButton *m_advancedToggle = nullptr;
    QLabel *m_advancedNote = nullptr;
    QWidget *m_advanced = nullptr;
    int m_pending = 0;
    bool m_filling = false; ///< revert() and Settings::changed fill fields: one update at the end
};
