// SPDX-License-Identifier: MIT
// ReloginDialog: AccountService::parseImport / parseKiroIdeLogin read the login, AccountService::relogin checks it
// with Kiro and replaces the account's credential; the dialog closes once the new login is on disk.
#include "relogindialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "accounts/accountpresenter.h"
#include "accounts/accountservice.h"

ReloginDialog::ReloginDialog(AccountService &accounts, const QString &accountId, QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
    , m_id(accountId)
    , m_home(QDir::homePath())
    , m_text(new QPlainTextEdit(this))
    , m_fromIde(new QPushButton(tr("Use the &Kiro IDE login"), this))
    , m_signIn(nullptr)
    , m_status(new QLabel(this))
{
    const QString name = AccountPresenter::displayName(accounts.account(accountId));
    setObjectName(QStringLiteral("reloginDialog"));
    setWindowTitle(tr("Sign in again — %1").arg(name));
    auto *intro = new QLabel(tr("Paste the new credential JSON of %1, or sign in to the Kiro IDE on this computer "
                                "with that account and use its login. The account keeps its name, counters and "
                                "quota history.")
                                 .arg(name.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("reloginText"));
    m_text->setPlaceholderText(tr("{\"refreshToken\": \"…\", …}"));
    m_text->setTabChangesFocus(true);
    m_fromIde->setObjectName(QStringLiteral("reloginFromIde"));
    m_status->setObjectName(QStringLiteral("reloginStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(this);
    m_signIn = buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(QStringLiteral("reloginSignIn"));
    m_signIn->setEnabled(false);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &ReloginDialog::signInWithPaste);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_fromIde, &QPushButton::clicked, this, &ReloginDialog::signInWithKiroIde);
    connect(m_text, &QPlainTextEdit::textChanged, this,
            [this] { m_signIn->setEnabled(!m_text->toPlainText().trimmed().isEmpty()); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_fromIde, 0, Qt::AlignLeft);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(520, 320);
}

QString ReloginDialog::statusText() const
{
    return m_status->text();
}

void ReloginDialog::signInWithPaste()
{
    const ImportParse parsed = m_accounts.parseImport(m_text->toPlainText());
    if (!parsed.error.isEmpty()) {
        showProblem(parsed.error);
        return;
    }
    if (parsed.candidates.size() != 1) {
        showProblem(tr("Paste the login of this one account (found %n).", nullptr, int(parsed.candidates.size())));
        return;
    }
    signIn(parsed.candidates.constFirst());
}

void ReloginDialog::signInWithKiroIde()
{
    const ImportParse parsed = m_accounts.parseKiroIdeLogin(m_home);
    if (!parsed.error.isEmpty()) {
        showProblem(parsed.error);
        return;
    }
    if (parsed.candidates.isEmpty()) {
        showProblem(tr("No Kiro IDE login was found on this computer."));
        return;
    }
    signIn(parsed.candidates.constFirst());
}

void ReloginDialog::signIn(const ImportCandidate &candidate)
{
    setBusy(true);
    m_status->setText(tr("Checking the login with Kiro…"));
    m_accounts.relogin(m_id, candidate, this, [this](const AccountService::Added &result) {
        setBusy(false);
        if (!result.error.isEmpty()) {
            showProblem(result.error);
            return;
        }
        accept();
    });
}

void ReloginDialog::setBusy(bool busy)
{
    m_text->setReadOnly(busy);
    m_fromIde->setEnabled(!busy);
    m_signIn->setEnabled(!busy && !m_text->toPlainText().trimmed().isEmpty());
}

void ReloginDialog::showProblem(const QString &text)
{
    m_status->setText(tr("Not signed in: %1").arg(text));
}
