// SPDX-License-Identifier: MIT
// ClaudeCodeConfig: the confirmation dialog that shows what "Configure Claude Code" or "Remove" changes, then writes
// it.
#pragma once

#include <QDialog>

#include "config/claudecodesettings.h"

class QLabel;

/// Shows the changed members of ~/.claude/settings.json before and after (the key masked), where the backup goes,
/// and writes the plan through ClaudeCodeSettings::apply when the user confirms. result() after it closes:
/// Accepted = written (written() says where the backup is), Rejected = cancelled or the write failed (error()).
class ClaudeCodeConfig final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClaudeCodeConfig)
public:
    enum class Action { Configure, Remove };
    ClaudeCodeConfig(Action action, const QString &settingsPath, const ClaudeCodeSettings::Plan &plan,
                     QWidget *parent = nullptr);

    /// The path of the backup of the previous content (empty when the file is new).
    QString backup() const { return m_backup; }
    /// Why writing failed (empty when it did not).
    QString error() const { return m_error; }

    /// Where Claude Code's user settings are: $HOME/.claude/settings.json.
    static QString settingsPath();

signals:
    /// The file was written (`backup` is empty when there was no file before).
    void written(const QString &backup);
    /// Writing failed; nothing was changed (or only the backup was made).
    void failed(const QString &error);

public slots:
    void accept() override;

private:
    QString m_path;
    ClaudeCodeSettings::Plan m_plan;
    QString m_backup;
    QString m_error;
};
