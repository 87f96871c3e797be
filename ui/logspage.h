// SPDX-License-Identifier: MIT
// LogsPage: the request log with filters, search, a detail pane, clear and export; requests in flight complete live.
#pragma once

#include <QList>
#include <QWidget>

class ProxyService;
class LogsModel;
class LogsFilterModel;
class QTableView;
class QLineEdit;
class QComboBox;
class QPlainTextEdit;
class QLabel;
class QAction;

class LogsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogsPage)
public:
    explicit LogsPage(ProxyService &service, QWidget *parent = nullptr);
    ~LogsPage() override;

    /// Puts the cursor in the search field, its text selected (Ctrl+F).
    void focusSearch();
    /// Copies the current row's request id to the clipboard (Ctrl+C on the table, and its context menu).
    void copyRequestId();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void exportLog();
    void showDetails();
    void confirmClear();
    void showInFlightCount(int count);
    /// Over an empty table: what to do next, or that the filter hides every row.
    void updateEmptyHint();
    void sizeColumns();
    void fitColumns();
    bool eventFilter(QObject *watched, QEvent *event) override;

    ProxyService &m_service;
    LogsModel *m_model;
    LogsFilterModel *m_filter;
    QTableView *m_view;
    QLineEdit *m_search;
    QComboBox *m_status;
    QPlainTextEdit *m_details;
    QLabel *m_active;
    QLabel *m_emptyHint;
    QAction *m_copyId;
    /// The widths the user chose (or the defaults) for every column but Error; a narrow window shows them narrower.
    QList<int> m_preferred;
    bool m_fitting = false;
    bool m_contentSized = false; ///< the first show's look at the rows (or remembered widths) has happened
};
