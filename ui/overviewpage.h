// SPDX-License-Identifier: MIT
// OverviewPage: proxy state, endpoint and key, today's numbers, the 24 h chart, client setup and Claude Code's file.
#pragma once

#include <QList>
#include <QTimer>
#include <QWidget>

#include "uiupdate.h"

class ProxyService;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QFileSystemWatcher;
class QGroupBox;
class RequestChart;

class OverviewPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewPage)
public:
    explicit OverviewPage(ProxyService &service, QWidget *parent = nullptr);
    /// The Claude Code lines (export ANTHROPIC_BASE_URL / ANTHROPIC_API_KEY).
    static QString claudeCodeSnippet(const QString &endpoint, const QString &apiKey);

    /// How usable the pool is, as the state line's colour says.
    enum class Health {
        Usable,   ///< running, every account usable
        Degraded, ///< running with some accounts unavailable, or paused
        Unusable  ///< stopped, failed, or no account can serve
    };
    Health health() const { return m_health; }

    /// How long a copy button says "Copied".
    static constexpr int kCopiedMs = 1500;

signals:
    void importRequested();
    /// The page shows the current numbers (at most one refresh per batch of changes; none while hidden).
    void refreshed();

public slots:
    /// Shows the current numbers now (changes otherwise show within UiUpdate::kIntervalMs, or when it is shown).
    void refresh();
    /// Opens the dialog that writes this proxy into ~/.claude/settings.json (or says why it cannot).
    void configureClaudeCode();
    /// Opens the dialog that takes this proxy out of ~/.claude/settings.json again.
    void removeFromClaudeCode();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void scheduleRefresh();
    void refreshState();
    void refreshSetup();
    /// Reads ~/.claude/settings.json: whether it points here, and whether Remove has anything to take out.
    void refreshClaudeCodeState();
    /// Watches ~/.claude (and settings.json in it) when they exist; a rename over the file needs a new watch.
    void watchClaudeCode();
    /// The client key (the placeholder a keyless proxy accepts when none is set).
    QString clientKey() const;
    void copy(QPushButton *button, const QString &text);
    /// " The port is chosen anew at each start…" when it is (empty otherwise).
    QString portNote() const;
    void showClaudeCodeError(const QString &title, const QString &message);

    ProxyService &m_service;
    QLabel *m_state;
    QLabel *m_stateDetail;
    QLineEdit *m_endpoint;
    QLineEdit *m_key;
    QPushButton *m_reveal;
    QPushButton *m_copyEndpoint;
    QPushButton *m_copyKey;
    QPushButton *m_copySetup;
    QPushButton *m_configure;
    QPushButton *m_remove;
    QLabel *m_claudeState;
    /// ~/.claude and its settings.json: an edit made elsewhere shows on the page.
    QFileSystemWatcher *m_claudeWatcher;
    QLabel *m_stats;
    RequestChart *m_chart;
    QPlainTextEdit *m_setup;
    QGroupBox *m_welcome;
    QString m_setupText;
    /// The endpoint and key refreshClaudeCodeState() last looked for.
    QString m_claudeCheckedFor;
    Health m_health = Health::Unusable;
    UiUpdate::Batch m_refresh{this, [this] { refresh(); }};
    /// Something changed while the page was hidden: it refreshes when shown.
    bool m_stale = false;
};
