// SPDX-License-Identifier: MIT
// OverviewPage: proxy state, endpoint and key, today's numbers, the 24 h chart and ready-to-paste client setup.
#pragma once

#include <QList>
#include <QTimer>
#include <QWidget>

#include "uiupdate.h"

class ProxyService;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
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

signals:
    void importRequested();
    /// The page shows the current numbers (at most one refresh per batch of changes; none while hidden).
    void refreshed();

public slots:
    /// Shows the current numbers now (changes otherwise show within UiUpdate::kIntervalMs, or when it is shown).
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void scheduleRefresh();

    ProxyService &m_service;
    QLabel *m_state;
    QLineEdit *m_endpoint;
    QLineEdit *m_key;
    QLabel *m_stats;
    RequestChart *m_chart;
    QPlainTextEdit *m_setup;
    QGroupBox *m_welcome;
    QString m_setupText;
    UiUpdate::Batch m_refresh{this, [this] { refresh(); }};
    /// Something changed while the page was hidden: it refreshes when shown.
    bool m_stale = false;
};
