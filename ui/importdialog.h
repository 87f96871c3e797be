// SPDX-License-Identifier: MIT
// ImportDialog: paste Kiro credentials (any shape) or import the local Kiro IDE login; validates each account.
#pragma once

#include <QDialog>

#include "accounts/credentialimporter.h"

class ProxyService;
class QPlainTextEdit;
class QTreeWidget;
class QLabel;
class QPushButton;
class QProgressBar;

class ImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDialog)
public:
    explicit ImportDialog(ProxyService &service, QWidget *parent = nullptr);

    /// Reads ~/.aws/sso/cache (the home directory can be overridden for tests).
    void importFromKiroIde(const QString &home = QString());
    bool busy() const { return m_pending > 0; }

signals:
    void importFinished(int added, int failed);

private:
    void reparse();
    void startImport();

    ProxyService &m_service;
    QPlainTextEdit *m_text;
    QTreeWidget *m_list;
    QLabel *m_summary;
    QPushButton *m_import;
    QPushButton *m_fromIde;
    QProgressBar *m_progress;
    ImportParse m_parsed;
    int m_pending = 0;
    int m_added = 0;
    int m_failed = 0;
};
