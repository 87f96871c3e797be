// SPDX-License-Identifier: MIT
// KeychainGate: a probe, a waiting window without a deadline, and one clear question when the keychain fails.
#include "keychaingate.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

#include "accounts/keychainsecretstore.h"

namespace {
/// A keychain that is unlocked answers at once: the waiting window only appears when the answer takes longer.
constexpr int kWaitingWindowDelayMs = 400;
} // namespace

KeychainGate::KeychainGate(Probe probe, const QString &secretsPath, QWidget *parentWindow, QObject *parent)
    : QObject(parent)
    , m_probe(std::move(probe))
    , m_secretsPath(secretsPath)
    , m_parentWindow(parentWindow)
{}

KeychainGate::~KeychainGate()
{
    closeWindows();
}

KeychainGate::Probe KeychainGate::systemProbe()
{
    return [](QObject *owner, Answer answer) {
        // Owned by `owner`: a store must outlive its QtKeychain jobs, and an abandoned probe may still answer.
        auto *store = new KeychainSecretStore(QStringLiteral("kiro-tray"), owner);
        store->probe(owner, [store, answer](bool ok, const QString &error) {
            answer(ok, error);
            store->deleteLater();
        });
    };
}

void KeychainGate::start()
{
    closeWindows();
    const int attempt = ++m_attempt;
    m_pending = true;
    QTimer::singleShot(kWaitingWindowDelayMs, this, [this, attempt] { showWaiting(attempt); });
    m_probe(this, [this, attempt](bool ok, const QString &error) {
        // Answers may come synchronously or long after: always continue from the event loop.
        QMetaObject::invokeMethod(
            this, [this, attempt, ok, error] { answered(attempt, ok, error); }, Qt::QueuedConnection);
    });
}

QDialog *KeychainGate::waitingWindow() const
{
    return m_waiting && m_waiting->isVisible() ? m_waiting.data() : nullptr;
}

QMessageBox *KeychainGate::question() const
{
    return m_question && m_question->isVisible() ? m_question.data() : nullptr;
}

void KeychainGate::answered(int attempt, bool ok, const QString &error)
{
    if (attempt != m_attempt || !m_pending)
        return;
    m_pending = false;
    closeWindows();
    if (ok) {
        m_lastError.clear();
        finish(Outcome::Keychain);
        return;
    }
    m_lastError = error.isEmpty() ? tr("the keychain gave no reason") : error;
    ask();
}

void KeychainGate::showWaiting(int attempt)
{
    if (attempt != m_attempt || !m_pending || m_waiting)
        return;
    auto *dialog = new QDialog(m_parentWindow);
    dialog->setObjectName(QStringLiteral("keychainWaiting"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Waiting for the keychain"));
    auto *layout = new QVBoxLayout(dialog);
    auto *row = new QHBoxLayout;
    auto *icon = new QLabel(dialog);
    const int size = dialog->style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, dialog);
    icon->setPixmap(dialog->style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);
    row->addWidget(icon);
    auto *text = new QLabel(tr("<b>Waiting for the system keychain…</b><br><br>Your desktop may be asking for the "
                               "keyring password. Kiro Tray continues as soon as the keychain answers."),
                            dialog);
    text->setWordWrap(true);
    text->setMinimumWidth(360);
    row->addWidget(text, 1);
    layout->addLayout(row);
    auto *buttons = new QDialogButtonBox(dialog);
    QPushButton *file = buttons->addButton(tr("Use a &file instead"), QDialogButtonBox::ActionRole);
    file->setObjectName(QStringLiteral("useFileButton"));
    QPushButton *quit = buttons->addButton(tr("&Quit"), QDialogButtonBox::RejectRole);
    quit->setObjectName(QStringLiteral("quitButton"));
    layout->addWidget(buttons);
    connect(file, &QPushButton::clicked, this, [this] { finish(Outcome::File); });
    connect(quit, &QPushButton::clicked, this, [this] { finish(Outcome::Quit); });
    // Closing the window is not an answer to the keychain: treated as Quit, which is what the close button says.
    connect(dialog, &QDialog::rejected, this, [this, attempt] {
        if (attempt == m_attempt && m_pending)
            finish(Outcome::Quit);
    });
    m_waiting = dialog;
    dialog->show();
}

void KeychainGate::ask()
{
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("No keychain available"),
                        tr("Kiro Tray could not reach the system keychain."), QMessageBox::NoButton, m_parentWindow);
    box->setObjectName(QStringLiteral("keychainQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        tr("%1\n\nYour accounts' sign-in secrets belong in the keychain. You can try again (for example after "
           "unlocking the keyring), keep them in a file only you can read (%2, mode 0600), or continue without the "
           "keychain: the proxy then waits until the keychain answers.")
            .arg(m_lastError, QDir::toNativeSeparators(m_secretsPath)));
    QPushButton *retry = box->addButton(tr("&Retry"), QMessageBox::AcceptRole);
    retry->setObjectName(QStringLiteral("retryButton"));
    QPushButton *file = box->addButton(tr("Use a &file"), QMessageBox::ActionRole);
    file->setObjectName(QStringLiteral("useFileButton"));
    QPushButton *without = box->addButton(tr("&Continue without keychain"), QMessageBox::RejectRole);
    without->setObjectName(QStringLiteral("withoutButton"));
    box->setDefaultButton(retry);
    box->setEscapeButton(without);
    connect(box, &QMessageBox::buttonClicked, this, [this, retry, file](QAbstractButton *clicked) {
        m_question = nullptr;
        if (clicked == retry)
            QTimer::singleShot(0, this, &KeychainGate::start);
        else if (clicked == file)
            finish(Outcome::File);
        else
            finish(Outcome::WithoutKeychain);
    });
    m_question = box;
    box->open();
}

void KeychainGate::finish(Outcome outcome)
{
    ++m_attempt; // a probe still running may answer later: that answer is no longer awaited
    m_pending = false;
    closeWindows();
    emit resolved(outcome);
}

void KeychainGate::closeWindows()
{
    if (m_waiting) {
        m_waiting->disconnect(this);
        m_waiting->close();
    }
    if (m_question) {
        m_question->disconnect(this);
        m_question->close();
    }
    m_waiting = nullptr;
    m_question = nullptr;
}
