// SPDX-License-Identifier: MIT
// ImportDialog: live detection as the user types, opens or drops a file; each account validated with a real token
// refresh and its quota checked.
#include "importdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "accounts/accountservice.h"
#include "proxyservice.h"
#include "statuscolors.h"
#include "uistate.h"

namespace {
constexpr qint64 maxFileBytes = 8 * 1024 * 1024; // an export of thousands of accounts is far smaller
const QString lastFolderKey = QStringLiteral("import/lastFolder");
enum Column { NameColumn, LoginColumn, ResultColumn };

QColor outcomeColour(ImportDialog::Outcome outcome)
{
    switch (outcome) {
    case ImportDialog::Outcome::Added:
        return StatusColors::good();
    case ImportDialog::Outcome::Failed:
        return StatusColors::bad();
    case ImportDialog::Outcome::Ready:
    case ImportDialog::Outcome::Checking:
    case ImportDialog::Outcome::UsedUp:
        return StatusColors::warning();
    case ImportDialog::Outcome::Skipped:
        break;
    }
    return QColor(0x8a, 0x8a, 0x8a);
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}
} // namespace

ImportDialog::ImportDialog(ProxyService &service, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_text(new QPlainTextEdit(this))
    , m_list(new QTreeWidget(this))
    , m_details(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_import(new QPushButton(tr("&Import"), this))
    , m_fromIde(new QPushButton(tr("Import from &Kiro IDE"), this))
    , m_openFile(new QPushButton(tr("Open &file…"), this))
    , m_progress(new QProgressBar(this))
{
    setWindowTitle(tr("Import Kiro accounts"));
    resize(760, 580);
    setAcceptDrops(true);
    auto *intro = new QLabel(tr("Paste the JSON that Kiro exported — one account or a list — open the file, or drop "
                                "it here. Each account is checked with a real sign-in before it is added."),
                             this);
    intro->setWordWrap(true);
    auto *where = new QLabel(CredentialImporter::whereToFindExports(), this);
    where->setObjectName(QStringLiteral("whereToFind"));
    where->setWordWrap(true);
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    where->setForegroundRole(QPalette::PlaceholderText);
    m_text->setPlaceholderText(
        QStringLiteral("{\"email\": \"you@example.com\", \"provider\": \"Github\", \"refreshToken\": \"aor…\"}"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_text->setFont(mono);
    // A file dropped on the text reads the file instead of pasting its path.
    m_text->viewport()->installEventFilter(this);
    m_list->setObjectName(QStringLiteral("candidates"));
    m_list->setHeaderLabels({tr("Account"), tr("Sign-in"), tr("Result")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    m_list->header()->setSectionResizeMode(LoginColumn, QHeaderView::Interactive);
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(NameColumn, 200);
    m_list->setColumnWidth(LoginColumn, 170);
    UiState::rememberHeader(m_list->header(), QStringLiteral("import/columns"));
    m_details->setObjectName(QStringLiteral("details"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setTextFormat(Qt::PlainText);
    m_details->hide();
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_progress->setVisible(false);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_openFile, QDialogButtonBox::ActionRole);
    buttons->addButton(m_fromIde, QDialogButtonBox::ActionRole);
    buttons->addButton(m_import, QDialogButtonBox::AcceptRole);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    m_import->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(where);
    layout->addWidget(m_text, 2);
    layout->addWidget(m_list, 2);
    layout->addWidget(m_details);
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
    connect(m_openFile, &QPushButton::clicked, this, &ImportDialog::openFile);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &ImportDialog::showDetails);
    reparse();
}

ImportDialog::~ImportDialog()
{
    // ~QWidget hides and deletes the text area after this object is gone: its events must not reach here.
    m_text->viewport()->removeEventFilter(this);
}
void ImportDialog::openFile()
{
    if (busy())
        return;
    const QString folder = UiState::value(lastFolderKey, QDir::homePath()).toString();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open a Kiro export"), folder, tr("JSON files (*.json);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

bool ImportDialog::loadFile(const QString &path)
{
    if (busy())
        return false;
    QFile file(path);
    const QString name = QDir::toNativeSeparators(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_summary->setText(tr("Cannot open %1: %2").arg(name, file.errorString()));
        return false;
    }
    if (file.size() > maxFileBytes) {
        m_summary->setText(
            tr("%1 is too large for a Kiro export (%2).").arg(name, QLocale().formattedDataSize(file.size())));
        return false;
    }
    const QByteArray contents = file.readAll();
    UiState::setValue(lastFolderKey, QFileInfo(path).absolutePath());
    m_text->blockSignals(true);
    m_text->setPlainText(QString::fromUtf8(contents));
    m_text->blockSignals(false);
    reparse();
    if (m_parsed.error.isEmpty())
        m_summary->setText(tr("%1 %2", "one sentence after another")
                               .arg(tr("Read %1.").arg(QFileInfo(path).fileName()), m_summary->text()));
    return true;
}

QString ImportDialog::droppedFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            return url.toLocalFile();
    }
    return {};
}

void ImportDialog::dragEnterEvent(QDragEnterEvent *event)
{
    if (!busy() && !droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        QDialog::dragEnterEvent(event);
}

void ImportDialog::dragMoveEvent(QDragMoveEvent *event)
{
    if (!busy() && !droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        QDialog::dragMoveEvent(event);
}

void ImportDialog::dropEvent(QDropEvent *event)
{
    const QString path = droppedFile(event->mimeData());
    if (path.isEmpty() || busy()) {
        QDialog::dropEvent(event);
        return;
    }
    event->acceptProposedAction();
    loadFile(path);
}

bool ImportDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_text->viewport()) {
        switch (event->type()) {
        case QEvent::DragEnter:
        case QEvent::DragMove: {
            auto *drag = static_cast<QDragMoveEvent *>(event);
            if (!droppedFile(drag->mimeData()).isEmpty()) {
                if (busy())
                    drag->ignore();
                else
                    drag->acceptProposedAction();
                return true;
            }
            break;
        }
        case QEvent::Drop: {
            auto *drop = static_cast<QDropEvent *>(event);
            const QString path = droppedFile(drop->mimeData());
            if (!path.isEmpty()) {
                drop->acceptProposedAction();
                loadFile(path);
                return true;
            }
            break;
        }
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void ImportDialog::importFromKiroIde(const QString &home)
{
    if (busy())
        return;
    const ImportParse ide = m_service.accounts().parseKiroIdeLogin(home.isEmpty() ? QDir::homePath() : home);
    if (!ide.error.isEmpty()) {
        m_summary->setText(ide.error);
        return;
    }
    m_parsed = ide;
    m_text->blockSignals(true);
    m_text->setPlainText(tr("(the local Kiro IDE login)"));
    m_text->blockSignals(false);
    fillRows();
    m_summary->setText(
        tr("%1 %2", "one sentence after another").arg(tr("Found the Kiro IDE login."), m_summary->text()));
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
    fillRows();
}

void ImportDialog::fillRows()
{
    m_list->clear();
    int ready = 0;
    for (const ImportCandidate &c : std::as_const(m_parsed.candidates)) {
        auto *item = new QTreeWidgetItem(m_list, {c.name, CredentialImporter::loginKind(c), QString()});
        if (c.duplicate) {
            setOutcome(item, Outcome::Skipped, tr("Skipped: a duplicate — already in the pool or pasted twice."));
        } else if (!c.problems.isEmpty()) {
            setOutcome(item, Outcome::Failed, c.problems.join(QLatin1Char('\n')));
        } else {
            setOutcome(item, Outcome::Ready, tr("ready"));
            ++ready;
        }
    }
    const int skipped = int(m_parsed.candidates.size()) - ready;
    m_summary->setText(
        skipped > 0 ? tr("%1, %2", "ready to import, skipped")
                          .arg(tr("%n account(s) ready to import", nullptr, ready), tr("%n skipped", nullptr, skipped))
                    : tr("%n account(s) ready to import", nullptr, ready));
    m_import->setEnabled(ready > 0);
    showDetails();
}

void ImportDialog::setOutcome(QTreeWidgetItem *item, Outcome outcome, const QString &text)
{
    item->setText(ResultColumn, text);
    item->setData(NameColumn, OutcomeRole, QVariant::fromValue(outcome));
    // The whole row is tinted with the outcome's colour; skipped rows are greyed instead.
    const QColor colour = outcomeColour(outcome);
    const QPalette palette = m_list->palette();
    for (int column = 0; column < m_list->columnCount(); ++column) {
        if (outcome == Outcome::Skipped) {
            item->setData(column, Qt::BackgroundRole, QVariant());
            item->setForeground(column, palette.color(QPalette::Disabled, QPalette::Text));
        } else {
            item->setBackground(column, mix(palette.color(QPalette::Base), colour, 0.22));
            item->setData(column, Qt::ForegroundRole, QVariant());
        }
        item->setToolTip(column, text);
    }
    if (item == m_list->currentItem())
        showDetails();
}

void ImportDialog::showDetails()
{
    // The full text of the chosen row (or the only one), for messages longer than the column.
    QTreeWidgetItem *item = m_list->currentItem();
    if (!item && m_list->topLevelItemCount() == 1)
        item = m_list->topLevelItem(0);
    const QString text = item ? item->text(ResultColumn) : QString();
    const auto outcome = item ? item->data(NameColumn, OutcomeRole).value<Outcome>() : Outcome::Ready;
    const bool worthShowing = outcome == Outcome::Failed || outcome == Outcome::UsedUp || outcome == Outcome::Skipped;
    if (worthShowing) {
        m_details->setText(item->text(NameColumn) + QStringLiteral(": ") + text);
    } else {
        // Long messages are cut in the list: say where the whole text is.
        bool anyLong = false;
        for (int i = 0; i < m_list->topLevelItemCount() && !anyLong; ++i) {
            const auto o = m_list->topLevelItem(i)->data(NameColumn, OutcomeRole).value<Outcome>();
            anyLong = o == Outcome::Failed || o == Outcome::UsedUp;
        }
        m_details->setText(anyLong ? tr("Choose a row to read its whole message here.") : QString());
    }
    m_details->setVisible(!m_details->text().isEmpty());
}

void ImportDialog::startImport()
{
    m_added = 0;
    m_failed = 0;
    m_usedUp = 0;
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
    m_openFile->setEnabled(false);
    m_fromIde->setEnabled(false);
    m_text->setReadOnly(true);
    m_progress->setVisible(true);
    m_progress->setRange(0, m_pending);
    m_progress->setValue(0);
    for (int row : std::as_const(rows)) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        if (item)
            setOutcome(item, Outcome::Checking, tr("checking…"));
        m_service.accounts().validateAndAdd(
            m_parsed.candidates.at(row), this, [this, item](const AccountService::Added &added) {
                // Runs once the account and its secret are on disk and its quota was asked (or it failed).
                if (added.accountId.isEmpty()) {
                    ++m_failed;
                    if (item)
                        setOutcome(item, Outcome::Failed, added.error);
                } else if (added.quotaUsedUp) {
                    ++m_added;
                    ++m_usedUp;
                    const QString when =
                        added.quotaResets.isValid()
                            ? QLocale().toString(added.quotaResets.toLocalTime().date(), QLocale::LongFormat)
                            : tr("at the start of next month");
                    if (item)
                        setOutcome(item, Outcome::UsedUp,
                                   tr("added — but its monthly quota is already used up (resets %1)").arg(when));
                } else {
                    ++m_added;
                    if (item)
                        setOutcome(item, Outcome::Added, tr("added"));
                }
                m_progress->setValue(m_progress->value() + 1);
                if (--m_pending == 0) {
                    m_progress->setVisible(false);
                    m_openFile->setEnabled(true);
                    m_fromIde->setEnabled(true);
                    m_text->setReadOnly(false);
                    QString summary = tr("Added %n account(s).", nullptr, m_added);
                    if (m_usedUp)
                        summary = tr("%1 %2", "one sentence after another")
                                      .arg(summary, tr("%n of them has no quota left this month.", nullptr, m_usedUp));
                    if (m_failed)
                        summary = tr("%1 %2", "one sentence after another")
                                      .arg(summary, tr("%n failed — see the red rows.", nullptr, m_failed));
                    m_summary->setText(summary);
                    emit importFinished(m_added, m_failed);
                }
            });
    }
}
