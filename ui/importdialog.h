// SPDX-License-Identifier: MIT
// ImportDialog: paste, open or drop Kiro credentials (any shape), or import the local Kiro IDE login; validates each
// account and colours each row by what became of it.
#pragma once

#include <QDialog>

#include "accounts/credentialimporter.h"

class ProxyService;
class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;
class QLabel;
class QPushButton;
class QProgressBar;
class QMimeData;

class ImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDialog)
public:
    /// What became of a row; the list's rows carry it in OutcomeRole and are coloured by it.
    enum class Outcome {
        Ready,    ///< amber: can be imported
        Checking, ///< amber: the sign-in check is running
        Added,    ///< green
        UsedUp,   ///< amber: added, but its monthly quota is already used up
        Failed,   ///< red: a problem in the text, or the sign-in check failed
        Skipped,  ///< grey: already in the pool or pasted twice
    };
    Q_ENUM(Outcome)
    static constexpr int OutcomeRole = Qt::UserRole + 1;

    explicit ImportDialog(ProxyService &service, QWidget *parent = nullptr);
    ~ImportDialog() override;

    /// Reads ~/.aws/sso/cache (the home directory can be overridden for tests).
    void importFromKiroIde(const QString &home = QString());
    /// Reads an exported .json file into the text area; false (and says why) when it cannot be read.
    bool loadFile(const QString &path);
    bool busy() const { return m_pending > 0; }

public slots:
    /// Asks for a file to read (a QFileDialog).
    void openFile();

signals:
    void importFinished(int added, int failed);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void reparse();
    void fillRows();
    void startImport();
    void setOutcome(QTreeWidgetItem *item, Outcome outcome, const QString &text);
    void showDetails();
    /// The local file a drag carries, if it is one the dialog can read.
    static QString droppedFile(const QMimeData *mime);

    ProxyService &m_service;
    QPlainTextEdit *m_text;
    QTreeWidget *m_list;
    QLabel *m_details;
    QLabel *m_summary;
    QPushButton *m_import;
    QPushButton *m_fromIde;
    QPushButton *m_openFile;
    QProgressBar *m_progress;
    ImportParse m_parsed;
    int m_pending = 0;
    int m_added = 0;
    int m_failed = 0;
    int m_usedUp = 0;
};
