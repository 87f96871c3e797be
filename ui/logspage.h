// SPDX-License-Identifier: MIT
// LogsPage: the request log with filters, search, a detail pane, clear and export.
#pragma once

#include <QWidget>

class ProxyService;
class LogsModel;
class LogsFilterModel;
class QTableView;
class QLineEdit;
class QComboBox;
class QPlainTextEdit;

class LogsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogsPage)
public:
    explicit LogsPage(ProxyService &service, QWidget *parent = nullptr);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void exportLog();
    void showDetails();

    ProxyService &m_service;
    LogsModel *m_model;
    LogsFilterModel *m_filter;
    QTableView *m_view;
    QLineEdit *m_search;
    QComboBox *m_status;
    QPlainTextEdit *m_details;
};
