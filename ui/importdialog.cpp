// SPDX-License-Identifier: MIT
// ImportDialog: live detection as the user types; each account validated with a real token refresh.
#include "importdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "accounts/accountservice.h"
#include "proxyservice.h"

ImportDialog::ImportDialog(ProxyService &service, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_text(new QPlainTextEdit(this))
    , m_list(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_import(new QPushButton(tr("Import"), this))
    , m_fromIde(new QPushButton(tr("Import from Kiro IDE"), this))
    , m_progress(new QProgressBar(this))
{
    setWindowTitle(tr("Import Kiro accounts"));
    resize(720, 520);
    auto *intro = new QLabel(tr("Paste the JSON that Kiro exported — one account or an array. Kiro IDE exports, the "
                                "kiro-auth-token.json cache, kiro.rs credentials.json and pool accounts.json all work. "
                                "Each account is checked with a real sign-in before it is added."),
                             this);
    intro->setWordWrap(true);
    m_text->setPlaceholderText(
        QStringLiteral("{\"email\": \"you@example.com\", \"provider\": \"Github\", \"refreshToken\": \"aor…\"}"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_text->setFont(mono);
    m_list->setHeaderLabels({tr("Account"), tr("Login"), tr("Result")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_summary->setWordWrap(true);
    m_progress->setVisible(false);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_fromIde, QDialogButtonBox::ActionRole);
    buttons->addButton(m_import, QDialogButtonBox::AcceptRole);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    m_import->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_text, 2);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);

    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(m_text, &QPlainTextEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, &ImportDialog::reparse);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_fromIde, &QPushButton::clicked, this, [this] { importFromKiroIde(); });
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    reparse();
}

void ImportDialog::importFromKiroIde(const QString &home)
{
    const ImportParse ide = m_service.accounts().parseKiroIdeLogin(home.isEmpty() ? QDir::homePath() : home);
    if (!ide.error.isEmpty()) {
        m_summary->setText(ide.error);
        return;
    }
    m_parsed = ide;
    m_text->blockSignals(true);
    m_text->setPlainText(tr("(the local Kiro IDE login)"));
    m_text->blockSignals(false);
    m_list->clear();
    for (const ImportCandidate &c : std::as_const(m_parsed.candidates)) {
        auto *item = new QTreeWidgetItem(m_list, {c.name, KiroCredential::authMethodName(c.credential.authMethod),
                                                  c.duplicate            ? tr("already imported")
                                                  : c.problems.isEmpty() ? tr("ready")
                                                                         : c.problems.join(QStringLiteral("; "))});
        Q_UNUSED(item)
    }
    m_import->setEnabled(!m_parsed.candidates.isEmpty() && m_parsed.candidates.first().importable());
    m_summary->setText(tr("Found the Kiro IDE login."));
}

void ImportDialog::reparse()
{
    if (busy())
        return;
    m_list->clear();
    const QString text = m_text->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_parsed = ImportParse();
        m_summary->setText(tr("Nothing pasted yet."));
        m_import->setEnabled(false);
        return;
    }
    m_parsed = m_service.accounts().parseImport(text);
    if (!m_parsed.error.isEmpty()) {
        m_summary->setText(tr("Cannot read this: %1").arg(m_parsed.error));
        m_import->setEnabled(false);
        return;
    }
    int ready = 0;
    for (const ImportCandidate &c : std::as_const(m_parsed.candidates)) {
        QString result;
        if (c.duplicate)
            result = tr("duplicate — already in the pool or pasted twice");
        else if (!c.problems.isEmpty())
            result = c.problems.join(QStringLiteral("; "));
        else {
            result = tr("ready");
            ++ready;
        }
        new QTreeWidgetItem(
            m_list,
            {c.name, c.credential.authMethod == KiroCredential::AuthMethod::Idc ? tr("IdC") : tr("Social"), result});
    }
    m_summary->setText(tr("%n account(s) ready to import", nullptr, ready) +
                       (ready < m_parsed.candidates.size()
                            ? tr(", %n skipped", nullptr, int(m_parsed.candidates.size()) - ready)
                            : QString()));
    m_import->setEnabled(ready > 0);
}

void ImportDialog::startImport()
{
    m_added = 0;
    m_failed = 0;
    m_pending = 0;
    QList<int> rows;
    for (int i = 0; i < m_parsed.candidates.size(); ++i) {
        if (m_parsed.candidates.at(i).importable())
            rows.append(i);
    }
    if (rows.isEmpty())
        return;
    m_pending = int(rows.size());
    m_import->setEnabled(false);
    m_progress->setVisible(true);
    m_progress->setRange(0, m_pending);
    m_progress->setValue(0);
    for (int row : std::as_const(rows)) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        if (item)
            item->setText(2, tr("checking…"));
        m_service.accounts().validateAndAdd(
            m_parsed.candidates.at(row), this, [this, item](const AccountService::Added &added) {
                // Runs once the account and its secret are on disk (or could not be saved).
                if (added.accountId.isEmpty()) {
                    ++m_failed;
                    if (item)
                        item->setText(2, added.error);
                } else {
                    ++m_added;
                    if (item)
                        item->setText(2, tr("added"));
                }
                m_progress->setValue(m_progress->value() + 1);
                if (--m_pending == 0) {
                    m_progress->setVisible(false);
                    m_summary->setText(tr("Added %n account(s)", nullptr, m_added) +
                                       (m_failed ? tr("; %n failed — see the list", nullptr, m_failed) : QString()));
                    emit importFinished(m_added, m_failed);
                }
            });
    }
}
