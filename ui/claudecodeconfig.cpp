// SPDX-License-Identifier: MIT
// ClaudeCodeConfig: a grid of the changed members (setting, now, after), the file and its backup, Write/Cancel.
#include "claudecodeconfig.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
/// A value as the dialog shows it: the key masked, a missing member as "not set".
QString shownValue(const QString &key, const QString &value, bool present)
{
    if (!present)
        return ClaudeCodeConfig::tr("(not set)");
    return key == QLatin1String(ClaudeCodeSettings::kApiKeyKey) ? ClaudeCodeSettings::masked(value) : value;
}

QLabel *cell(const QString &text, QWidget *parent, bool mono = false)
{
    auto *label = new QLabel(text.toHtmlEscaped(), parent);
    label->setTextFormat(Qt::RichText);
    if (mono) {
        QFont f(QStringLiteral("monospace"));
        f.setStyleHint(QFont::Monospace);
        label->setFont(f);
    }
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

ClaudeCodeConfig::ClaudeCodeConfig(Action action, const QString &settingsPath, const ClaudeCodeSettings::Plan &plan,
                                   QWidget *parent)
    : QDialog(parent)
    , m_path(settingsPath)
    , m_plan(plan)
{
    setObjectName(QStringLiteral("claudeCodeConfig"));
    setWindowTitle(action == Action::Configure ? tr("Configure Claude Code") : tr("Remove from Claude Code"));
    const QString where = QDir::toNativeSeparators(settingsPath);
    auto *intro = new QLabel(
        action == Action::Configure
            ? (plan.existed ? tr("Kiro Tray will change these settings in <b>%1</b>. Everything else in the file "
                                 "stays as it is.")
                            : tr("Kiro Tray will create <b>%1</b> with these settings."))
                  .arg(where.toHtmlEscaped())
            : tr("Kiro Tray will take these settings out of <b>%1</b>. Everything else in the file stays as it is.")
                  .arg(where.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    const QStringList heads = {tr("Setting"), tr("Now"), tr("After")};
    for (int column = 0; column < heads.size(); ++column) {
        auto *head = new QLabel(heads.at(column), this);
        QFont f = head->font();
        f.setBold(true);
        head->setFont(f);
        grid->addWidget(head, 0, column);
    }
    int row = 1;
    for (const ClaudeCodeSettings::Change &c : plan.changes) {
        grid->addWidget(cell(c.key, this, true), row, 0);
        grid->addWidget(cell(shownValue(c.key, c.before, c.had), this, true), row, 1);
        grid->addWidget(cell(shownValue(c.key, c.after, c.has), this, true), row, 2);
        ++row;
    }
    grid->setColumnStretch(2, 1);

    auto *note = new QLabel(plan.existed ? tr("The current file is kept as a backup next to it "
                                              "(settings.json.kiro-tray-<i>date</i>.bak). Restart Claude Code "
                                              "for the change to take effect.")
                                         : tr("The file is readable only by you, since it holds the key. Restart "
                                              "Claude Code for the change to take effect."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *confirm = buttons->addButton(action == Action::Configure ? tr("&Write settings") : tr("&Remove settings"),
                                       QDialogButtonBox::AcceptRole);
    confirm->setObjectName(QStringLiteral("confirm"));
    confirm->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ClaudeCodeConfig::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ClaudeCodeConfig::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(grid);
    layout->addSpacing(6);
    layout->addWidget(note);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

QString ClaudeCodeConfig::settingsPath()
{
    return ClaudeCodeSettings::path(QDir::homePath());
}

void ClaudeCodeConfig::accept()
{
    const auto applied = ClaudeCodeSettings::apply(m_path, m_plan);
    if (!applied) {
        m_error = applied.error();
        QDialog::reject();
        emit failed(m_error);
        return;
    }
    m_backup = applied.value();
    QDialog::accept();
    emit written(m_backup);
}
