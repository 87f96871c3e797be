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
    LogsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *search() const { return m_search; }
    QComboBox *statusFilter() const { return m_status; }
    int visibleRows() const;

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
