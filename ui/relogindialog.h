// SPDX-License-Identifier: MIT
// ReloginDialog: signs one existing account in again (pasted credential JSON or the Kiro IDE login), in place.
#pragma once

#include <QDialog>

class AccountService;
class QLabel;
class QPlainTextEdit;
class QPushButton;
struct ImportCandidate;

class ReloginDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReloginDialog)
public:
    ReloginDialog(AccountService &accounts, const QString &accountId, QWidget *parent = nullptr);
    /// Where the Kiro IDE login is looked for (the home directory; tests use a temporary one).
    void setKiroIdeHome(const QString &home) { m_home = home; }
    /// What the last attempt said (empty while none failed).
    QString statusText() const;

private:
    void signInWithPaste();
    void signInWithKiroIde();
    void signIn(const ImportCandidate &candidate);
    void setBusy(bool busy);
    void showProblem(const QString &text);

    AccountService &m_accounts;
    QString m_id;
    QString m_home;
    QPlainTextEdit *m_text;
    QPushButton *m_fromIde;
    QPushButton *m_signIn;
    QLabel *m_status;
};
